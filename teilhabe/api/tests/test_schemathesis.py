"""The API does what its OpenAPI document says: schemathesis generates requests from
``/api/v1/schema/`` (valid and invalid ones) and runs every check on the answers, in-process
through the WSGI application (no server, no network)."""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.throttling import AnonRateThrottle
from schemathesis.specs.openapi.checks import positive_data_acceptance

from teilhabe.access.roles import Role
from teilhabe.api.controlling.testing import issue_token
from teilhabe.api.controlling.views import TokenRateThrottle

pytestmark = pytest.mark.django_db


@pytest.fixture
def api_schema(monkeypatch):
    # All requests come from one address; the rate limit has its own test.
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "100000/second"})
    monkeypatch.setattr(TokenRateThrottle, "THROTTLE_RATES", {"controlling": "100000/second"})
    # As Django's test client does: the WSGI handler must not close the test's database
    # connection after each request (on PostgreSQL that ends the test transaction).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", get_wsgi_application())
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def controller_token():
    return issue_token(Role.FINANCE_OFFICER, "stadt-essen-gb5", name="schemathesis")[1]


@pytest.fixture
def steering_token():
    return issue_token(Role.CITY_STEERING, "stadt-essen-gb5", name="schemathesis")[1]


schema = schemathesis.pytest.from_fixture("api_schema")

# Two tests over the same document, so that the two halves can run on different xdist
# workers (teilhabe/core/testing/workers.py); together they cover every operation.
HSDS = r"^/api/v1/hsds/"
SETTINGS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _call_and_validate(case, controller_token, steering_token):
    # No explicit list: every built-in check is enabled (status codes, content type, headers,
    # response schema, positive data accepted, negative data rejected, no server errors, …).
    # The controlling API is called with a finance officer's token (it sees every figure);
    # schemathesis also tries it without the token (check "ignored_auth": 401).
    headers, excluded = {}, []
    if case.operation.path.startswith("/api/v1/controlling/"):
        headers["Authorization"] = f"Bearer {controller_token}"
    if case.operation.path.startswith("/api/v1/controlling/indicators/"):
        # The steering period must lie between 2000 and 2100 and end after it starts; OpenAPI
        # cannot say that of two date parameters, so a schema-valid 400 is expected there.
        headers["Authorization"] = f"Bearer {steering_token}"
        excluded.append(positive_data_acceptance)
    case.call_and_validate(headers=headers, excluded_checks=excluded)


@pytest.mark.xdist_group("schemathesis-api")
@schema.exclude(path_regex=HSDS).parametrize()
@SETTINGS
def test_every_operation_answers_as_its_openapi_document_says(
    case, controller_token, steering_token
):
    _call_and_validate(case, controller_token, steering_token)


@pytest.mark.xdist_group("schemathesis-hsds-paths")
@schema.include(path_regex=HSDS).parametrize()
@SETTINGS
def test_every_hsds_operation_answers_as_the_teilhabe_document_says(
    case, controller_token, steering_token
):
    _call_and_validate(case, controller_token, steering_token)
