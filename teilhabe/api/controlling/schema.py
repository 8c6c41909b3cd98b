"""The token scheme in the OpenAPI document (``components.securitySchemes.apiToken``)."""

from __future__ import annotations

from django.db import DatabaseError
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema

from teilhabe.api.schema import DETAIL_ERROR, ApiSchema

ENUM_PARAMETERS = {"year", "funding_source", "bezirk"}
AUTH_DESCRIPTIONS = {
    "401": "Kein, ein unbekanntes, abgelaufenes oder widerrufenes Token.",
    "403": "Die Rolle des Tokens sieht diese Zahlen nicht.",
}


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "teilhabe.api.controlling.authentication.ApiTokenAuthentication"
    name = "apiToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": (
                "Zugangs-Token einer Maschine (`Authorization: Bearer thk_…`), ausgestellt unter "
                "/api-zugaenge/ oder mit `manage.py api_token create`. Es handelt mit einer Rolle "
                "in einer Organisation, läuft ab und kann widerrufen werden; jede Nutzung wird "
                "protokolliert."
            ),
        }


class _AuthResponses(AutoSchema):
    """401 and 403 for every controlling operation (before ApiSchema adds 400, 404, 429)."""

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        for code, description in AUTH_DESCRIPTIONS.items():
            if int(code) in getattr(self.view, "error_statuses", ()):
                responses.setdefault(
                    code,
                    {
                        "content": {"application/json": {"schema": DETAIL_ERROR}},
                        "description": description,
                    },
                )
        return responses


def allowed_values() -> dict[str, list]:
    """Parameters whose values are data carry them as ``enum`` (as the offers API does)."""
    from teilhabe.finance.models import FiscalYear, FundingSource
    from teilhabe.geography.models import Borough

    return {
        "year": sorted(FiscalYear.objects.values_list("year", flat=True)),
        "funding_source": sorted(FundingSource.objects.values_list("key", flat=True)),
        "bezirk": sorted(set(Borough.objects.values_list("number", flat=True))),
    }


class ControllingSchema(ApiSchema, _AuthResponses):
    """The API's schema conventions plus the answers of an API with tokens."""

    def get_operation(self, *args, **kwargs):
        operation = super().get_operation(*args, **kwargs)
        parameters = [p for p in (operation or {}).get("parameters", []) if p["in"] == "query"]
        if not any(p["name"] in ENUM_PARAMETERS for p in parameters):
            return operation
        try:
            values = allowed_values()
        except DatabaseError:  # generated offline (manage.py spectacular) without a database
            values = {}
        for parameter in parameters:
            choices = values.get(parameter["name"])
            if choices:  # an empty enum is not valid OpenAPI
                parameter["schema"]["enum"] = choices
        return operation
