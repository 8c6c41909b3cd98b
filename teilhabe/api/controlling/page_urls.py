from django.urls import path

from teilhabe.api.controlling import pages

app_name = "api_tokens"

urlpatterns = [
    path("", pages.token_list, name="list"),
    path("<uuid:code>/widerrufen/", pages.token_revoke, name="revoke"),
]
