from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "teilhabe.dashboard"
    label = "dashboard"
