from django.apps import AppConfig


class AccessConfig(AppConfig):
    """Access control (no models): installed so that its role names are translated."""

    name = "teilhabe.access"
    label = "access"
