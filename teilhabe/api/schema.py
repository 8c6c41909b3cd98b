"""The OpenAPI document says what the API does: its error answers, its limits, its choices.

* Every operation lists the error answers it can give (``error_statuses`` on the view):
  400 (a parameter is wrong: one message list per parameter), 404 (unknown id, page beyond the
  end), 429 (rate limit), and 304 for a client that sends the current ETag.
* An optional query parameter may be empty; empty means "not given".
* Filter parameters whose values come from the directory (boroughs, districts, categories)
  carry their allowed values as ``enum``, read from the same FilterSet that validates them.
"""

from __future__ import annotations

from django.db import DatabaseError
from drf_spectacular.openapi import AutoSchema

DETAIL_ERROR = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
VALIDATION_ERROR = {
    "type": "object",
    "description": "Je fehlerhaftem Parameter eine Liste deutscher Meldungen.",
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
}
DESCRIPTIONS = {
    "304": "Unverändert: die mitgesandte ETag (If-None-Match) ist aktuell.",
    "400": "Ein Parameter ist ungültig; die Antwort nennt ihn mit einer Meldung.",
    "404": "Nicht gefunden (unbekannte ID oder Seite hinter der letzten).",
    "429": "Zu viele Anfragen von dieser Adresse; später erneut versuchen.",
}


class ApiSchema(AutoSchema):
    def get_operation(self, *args, **kwargs):
        operation = super().get_operation(*args, **kwargs)
        for parameter in (operation or {}).get("parameters", []):
            if parameter["in"] == "query" and not parameter.get("required"):
                # An empty value means "not given" (the finder's form sends every field).
                parameter["allowEmptyValue"] = True
        return operation

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        for status in getattr(self.view, "error_statuses", ()):
            code = str(status)
            if code in responses:
                continue
            if code == "304":
                responses[code] = {"description": DESCRIPTIONS[code]}
                continue
            schema = VALIDATION_ERROR if code == "400" else DETAIL_ERROR
            responses[code] = {
                "content": {"application/json": {"schema": schema}},
                "description": DESCRIPTIONS[code],
            }
        return responses

    def _get_filter_parameters(self):
        parameters = super()._get_filter_parameters()
        filterset_class = getattr(self.view, "filterset_class", None)
        if filterset_class is None:
            return parameters
        for parameter in parameters:  # the filter's label describes the parameter
            declared = filterset_class.base_filters.get(parameter["name"])
            if declared is not None and declared.label and "description" not in parameter:
                parameter["description"] = str(declared.label)
        allowed = getattr(filterset_class, "allowed_values", None)
        if allowed is None:
            return parameters
        try:
            values = allowed()
        except DatabaseError:  # generated offline (manage.py spectacular) without a database
            values = {}
        for parameter in parameters:
            choices = values.get(parameter["name"])
            if choices:  # an empty enum is not valid OpenAPI: then any value of the type
                parameter["schema"]["enum"] = choices
        return parameters
