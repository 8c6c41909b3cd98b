"""The audit log's date range must make sense."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from teilhabe.audit.selectors import entries_for


def test_a_date_range_that_ends_before_it_starts_is_refused_in_form_and_selector(client, cast):
    officer = cast.user("data_protection_officer")
    client.force_login(officer)
    response = client.get(
        reverse("audit:search"), {"date_from": "2026-06-01", "date_to": "2026-05-01"}
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["date_to"]
    assert "01.05.2026" in errors[0] and "01.06.2026" in errors[0]
    assert response.context["page"].paginator.count == 0
    with pytest.raises(ValidationError):
        entries_for(officer, date_from=datetime.date(2026, 6, 1), date_to=datetime.date(2026, 5, 1))
