from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "teilhabe.public"
    label = "public"
    verbose_name = "Öffentlicher Angebotsfinder"
