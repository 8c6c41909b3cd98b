from django.urls import path

from teilhabe.volunteers import views

app_name = "volunteers"

urlpatterns = [
    path("", views.volunteer_list, name="list"),
    path("<uuid:code>/", views.volunteer_detail, name="detail"),
    path("<uuid:code>/bearbeiten/", views.volunteer_edit, name="edit"),
    path("<uuid:code>/schulung/", views.training_add, name="training_add"),
    path("<uuid:code>/nachweis/", views.requirement_add, name="requirement_add"),
]
