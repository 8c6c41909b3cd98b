from django.urls import path

from teilhabe.referrals import views

app_name = "referrals"

urlpatterns = [
    path("", views.referral_list, name="list"),
    path("neu/<uuid:case_code>/", views.referral_send, name="send"),
    path("platzvergabe/", views.allocation, name="allocation"),
    path("benachrichtigungen/", views.notifications, name="notifications"),
    path("<uuid:code>/", views.referral_detail, name="detail"),
    path("<uuid:code>/status/", views.referral_transition, name="transition"),
    path("<uuid:code>/nachricht/", views.referral_message, name="message"),
]
