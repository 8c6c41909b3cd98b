from django.apps import AppConfig


class GeographyConfig(AppConfig):
    name = "teilhabe.geography"
    label = "geography"
    verbose_name = "Geographie"

    def ready(self) -> None:
        from teilhabe import access
        from teilhabe.geography.models import Borough, District, Municipality

        access.register(Municipality)
        access.register(Borough, boroughs=["pk"])
        access.register(District, boroughs=["borough"])
