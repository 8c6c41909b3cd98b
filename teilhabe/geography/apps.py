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

        from django.db.models.signals import post_delete, post_save

        from teilhabe.geography.selectors import names_clear

        for model in (Borough, District):
            post_save.connect(names_clear, sender=model, dispatch_uid=f"names_clear_{model}")
            post_delete.connect(names_clear, sender=model, dispatch_uid=f"names_del_{model}")
