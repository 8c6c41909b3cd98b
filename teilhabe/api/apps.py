from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "teilhabe.api"
    label = "api"
    verbose_name = "Offene API"
