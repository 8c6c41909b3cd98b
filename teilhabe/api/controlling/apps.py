from django.apps import AppConfig


class ControllingConfig(AppConfig):
    """The controlling API (``/api/v1/controlling/``) and the tokens of its machine clients."""

    name = "teilhabe.api.controlling"
    label = "controlling"
    verbose_name = "Controlling-API"

    def ready(self) -> None:
        from teilhabe import access
        from teilhabe.api.controlling.models import ApiToken

        access.register(ApiToken, organisation="organisation", boroughs=["organisation__borough"])
