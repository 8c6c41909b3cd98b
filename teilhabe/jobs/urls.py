from django.urls import path

from teilhabe.jobs import views

app_name = "jobs"

urlpatterns = [
    path("auftraege/<uuid:code>/", views.job_detail, name="detail"),
    path("auftraege/<uuid:code>/ergebnis/", views.job_result, name="result"),
    path("aufgaben/", views.task_list, name="tasks"),
    path("aufgaben/<uuid:task_id>/wiederholen/", views.task_retry, name="task_retry"),
]
