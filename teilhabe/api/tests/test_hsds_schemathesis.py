"""The HSDS API does what the official HSDS 3.0 ``openapi.json`` says: schemathesis generates
requests for each of its operations and checks that no answer is a server error, every status
code is documented and every body matches its schema.

The document is the one the API serves at ``/api/v1/hsds/openapi.json``: the official file with
its schema references resolved locally and the error answers the official file leaves out
(400 for a bad parameter, 404 for an unknown id, 304, 429) — see :mod:`teilhabe.api.hsds.spec`;
a test there checks that operations, parameters and success schemas are the official ones.
Bounded (examples per operation) so that the run stays within about a minute and a half.
"""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.throttling import AnonRateThrottle
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    response_schema_conformance,
    status_code_conformance,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def hsds_schema(monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "100000/second"})
    # As Django's test client does: keep the test's database connection between requests.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/v1/hsds/openapi.json", get_wsgi_application())
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


schema = schemathesis.pytest.from_fixture("hsds_schema")


@schema.parametrize()
@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_every_hsds_operation_answers_as_the_official_document_says(case):
    case.call_and_validate(
        checks=[not_a_server_error, status_code_conformance, response_schema_conformance]
    )
