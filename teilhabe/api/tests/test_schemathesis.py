"""The API does what its OpenAPI document says: schemathesis generates requests from
``/api/v1/schema/`` (valid and invalid ones) and runs every check on the answers, in-process
through the WSGI application (no server, no network)."""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from rest_framework.throttling import AnonRateThrottle

pytestmark = pytest.mark.django_db


@pytest.fixture
def api_schema(monkeypatch):
    # All requests come from one address; the rate limit has its own test.
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "100000/second"})
    return schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", get_wsgi_application())


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_every_operation_answers_as_its_openapi_document_says(case):
    # No explicit list: every built-in check is enabled (status codes, content type, headers,
    # response schema, positive data accepted, negative data rejected, no server errors, …).
    case.call_and_validate()
