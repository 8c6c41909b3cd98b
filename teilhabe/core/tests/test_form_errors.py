"""Every form shows its errors the same way: one bad value → an error summary at the top of the
page that links to the field, the field marked (aria-invalid, aria-describedby), the input kept,
and a <details> holding the form open."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from teilhabe.core.forms import add_service_error


@dataclass
class Bad:
    """One bad submission: who, where, what; and the field that must be marked."""

    user: Callable
    url: Callable
    data: dict
    field_id: str
    method: str = "post"
    files: dict = field(default_factory=dict)
    kept: str = ""  # a value of the submission that must be shown again


def _case(cast):
    return cast.home_case


def _person(cast):
    return cast.home_case.household.members.order_by("pk").first()


def _referral(cast):
    from teilhabe.referrals.testing import demo_referral

    return demo_referral(cast)


def _provider(cast):
    return cast.user("provider_editor")


def _finance(cast):
    return cast.user("finance_officer")


def _exe():
    return SimpleUploadedFile("tool.exe", b"MZ\x90\x00" + b"\x00" * 100, "application/x-msdos")


BAD = {
    # Case file: every form of the case page, each sits in a collapsed <details> but one.
    "note, contact in the future": Bad(
        lambda c: c.case_worker,
        lambda c: reverse("cases:note_add", args=[_case(c).code]),
        {"note-date": "2999-01-01", "note-kind": "visit", "note-text": "Hausbesuch XY"},
        "id_note-date",
        kept="Hausbesuch XY",
    ),
    "deadline without date": Bad(
        lambda c: c.case_worker,
        lambda c: reverse("cases:deadline_add", args=[_case(c).code]),
        {"deadline-kind": "other", "deadline-title": "Frist XY", "deadline-due_on": ""},
        "id_deadline-due_on",
        kept="Frist XY",
    ),
    "appointment ending before it starts": Bad(
        lambda c: c.case_worker,
        lambda c: reverse("cases:appointment_add", args=[_case(c).code]),
        {
            "appointment-title": "Termin XY",
            "appointment-day": "2026-12-10",
            "appointment-start": "10:00",
            "appointment-end": "09:00",
        },
        "id_appointment-end",
        kept="Termin XY",
    ),
    "upload of an .exe": Bad(
        lambda c: c.case_worker,
        lambda c: reverse("cases:document_add", args=[_case(c).code]),
        {"document-title": "Bescheid XY"},
        "id_document-file",
        files={"document-file": _exe},
        kept="Bescheid XY",
    ),
    "empty upload": Bad(
        lambda c: c.case_worker,
        lambda c: reverse("cases:document_add", args=[_case(c).code]),
        {"document-title": "Bescheid XY"},
        "id_document-file",
        files={"document-file": lambda: SimpleUploadedFile("leer.pdf", b"", "application/pdf")},
    ),
    "closing without reason": Bad(
        lambda c: c.case_worker,
        lambda c: reverse("cases:case_close", args=[_case(c).code]),
        {"close-closed_on": "2026-12-01", "close-reason": ""},
        "id_close-reason",
    ),
    "milestone with a broken date": Bad(
        lambda c: c.case_worker,
        lambda c: reverse("cases:milestone_set", args=[_person(c).code]),
        {"status": "achieved", "achieved_on": "31.02.", "note": "Notiz XY"},
        "id_achieved_on",
        kept="Notiz XY",
    ),
    "consent without purpose": Bad(
        lambda c: c.case_worker,
        lambda c: reverse("cases:consent_add", args=[_person(c).code]),
        {"purpose": "", "given_on": "2026-12-01", "method": "oral"},
        "id_purpose",
    ),
    "sharing that ends in the past": Bad(
        lambda c: c.case_worker,
        lambda c: (c.home_consent, reverse("cases:grant_add", args=[_case(c).code]))[1],
        {"scope": "basic", "reason": "Übergabe XY", "valid_until": "2001-01-01"},
        "id_valid_until",
        kept="Übergabe XY",
    ),
    "registering without family name": Bad(
        lambda c: c.case_worker,
        lambda c: reverse("cases:register"),
        {"household_name": "Familie XY", "family_name": "", "given_names": "Ali"},
        "id_family_name",
        kept="Familie XY",
    ),
    "new member born in month 13": Bad(
        lambda c: c.case_worker,
        lambda c: reverse("cases:member_add", args=[_case(c).household.code]),
        {"family_name": "Haddad", "given_names": "Mira XY", "birth_year": "1800"},
        "id_birth_year",
        kept="Mira XY",
    ),
    "person arriving in the future": Bad(
        lambda c: c.case_worker,
        lambda c: reverse("cases:person_edit", args=[_person(c).code]),
        {"family_name": "Haddad", "given_names": "Samir", "arrived_in_germany": "2999-01-01"},
        "id_arrived_in_germany",
    ),
    "person search with a year of letters": Bad(
        lambda c: c.case_worker,
        lambda c: reverse("cases:search"),
        {"birth_year": "neunzehn"},
        "id_birth_year",
        method="get",
    ),
    # Referrals.
    "referral to an offer and an organisation at once": Bad(
        lambda c: c.case_worker,
        lambda c: reverse("referrals:send", args=[_case(c).code]),
        {
            "offer": lambda c: c.own_offer.pk,
            "recipient": lambda c: c.foreign_org.pk,
            "anonymous": "on",
            "message": "Nachricht XY",
        },
        "id_recipient",
        kept="Nachricht XY",
    ),
    "declining without reason": Bad(
        _provider,
        lambda c: reverse("referrals:transition", args=[_referral(c).code]),
        {"to": "declined", "reason": ""},
        "id_reason",
    ),
    "empty message": Bad(
        lambda c: c.case_worker,
        lambda c: reverse("referrals:message", args=[_referral(c).code]),
        {"text": ""},
        "id_text",
    ),
    # No proposal in the demo data: the link goes to the (empty) group of boxes.
    "allocation with nothing selected": Bad(
        _provider, lambda c: reverse("referrals:allocation"), {}, "id_pair"
    ),
    "notification choice unknown": Bad(
        lambda c: c.case_worker,
        lambda c: reverse("referrals:notifications"),
        {"mode": "pigeon"},
        "id_mode_0",
    ),
    # Money.
    "commitment with an amount of letters": Bad(
        _finance,
        lambda c: reverse("finance:line", args=[c.budget_line.code]),
        {"form": "commit", "commit-purpose": "Zweck XY", "commit-amount": "viel"},
        "id_commit-amount",
        kept="Zweck XY",
    ),
    "budget change without date": Bad(
        _finance,
        lambda c: reverse("finance:line", args=[c.budget_line.code]),
        {"form": "change", "change-kind": "supplementary", "change-amount": "100"},
        "id_change-changed_on",
    ),
    "booking without date": Bad(
        _finance,
        lambda c: reverse("finance:commitment", args=[c.commitment.code]),
        {"kind": "payment", "amount": "10", "note": "Buchung XY"},
        "id_booked_on",
        kept="Buchung XY",
    ),
    "occupancy without start": Bad(
        _finance,
        lambda c: reverse("finance:position", args=[c.position.code]),
        {"holder": "Inhaberin XY"},
        "id_starts_on",
        kept="Inhaberin XY",
    ),
    "project application without title": Bad(
        _provider,
        lambda c: reverse("finance:project_apply"),
        {"title": "", "goals": "Ziele XY"},
        "id_title",
        kept="Ziele XY",
    ),
    "project document without file": Bad(
        lambda c: c.user("team_lead"),
        lambda c: reverse("finance:project", args=[c.project.code]),
        {"step": "document", "document-title": "Nachweis XY"},
        "id_document-file",
        kept="Nachweis XY",
    ),
    "fiscal year unknown": Bad(
        _finance, lambda c: reverse("finance:overview"), {"year": "1850"}, "id_year", method="get"
    ),
    # Offers.
    "offer without title": Bad(
        _provider,
        lambda c: reverse("offers:edit", args=[c.own_offer.code]),
        {"title": "", "summary": "Kurz XY", "termine-TOTAL_FORMS": "0"},
        "id_title",
        kept="Kurz XY",
    ),
    "offer time ending before it starts": Bad(
        _provider,
        lambda c: reverse("offers:edit", args=[c.own_offer.code]),
        {
            "title": "Kurs",
            "termine-TOTAL_FORMS": "1",
            "termine-INITIAL_FORMS": "0",
            "termine-0-weekday": "1",
            "termine-0-starts_at": "10:00",
            "termine-0-ends_at": "09:00",
        },
        "id_termine-0-ends_at",
    ),
    "location without name": Bad(
        _provider,
        lambda c: reverse("offers:location_create"),
        {"name": "", "street": "Straße XY"},
        "id_name",
        kept="Straße XY",
    ),
    "translation without title": Bad(
        _provider,
        lambda c: reverse("offers:translation", args=[c.own_offer.code, "en"]),
        {"title": "", "summary": "Summary XY", "status": "draft"},
        "id_title",
        kept="Summary XY",
    ),
    "import without file": Bad(_provider, lambda c: reverse("offers:import"), {}, "id_file"),
    "translation file without language": Bad(
        _provider, lambda c: reverse("offers:translation_files"), {"language": "xx"}, "id_language"
    ),
    # Others.
    "audit search with a broken date": Bad(
        lambda c: c.user("data_protection_officer"),
        lambda c: reverse("audit:search"),
        {"date_from": "gestern"},
        "id_date_from",
        method="get",
    ),
    "organisation filter with an unknown borough": Bad(
        lambda c: c.case_worker,
        lambda c: reverse("organisations:list"),
        {"borough": "00000000-0000-0000-0000-000000000000"},
        "id_borough",
        method="get",
    ),
    # Filters of lists (GET): a bad value is shown, never silently replaced.
    "finder with an age of letters": Bad(
        lambda c: None,
        lambda c: reverse("public:finder", args=["de"]),
        {"alter": "alt", "q": "Kurs XY"},
        "id_alter",
        method="get",
        kept="alt",
    ),
    "finder in Ukrainian with an unknown category": Bad(
        lambda c: None,
        lambda c: reverse("public:finder", args=["uk"]),
        {"kategorie": "gibtsnicht"},
        "id_kategorie",
        method="get",
    ),
    "offer list with an unknown status": Bad(
        _provider,
        lambda c: reverse("offers:list"),
        {"status": "verschollen"},
        "id_status",
        method="get",
    ),
    "coverage of an unknown borough": Bad(
        lambda c: c.user("city_steering"),
        lambda c: reverse("offers:coverage"),
        {"bezirk": "99"},
        "id_bezirk",
        method="get",
    ),
    "registration requests with an unknown status": Bad(
        _provider,
        lambda c: reverse("offers:registrations"),
        {"status": "irgendwas"},
        "id_status",
        method="get",
    ),
    "referral list with an unknown status": Bad(
        lambda c: c.case_worker,
        lambda c: reverse("referrals:list"),
        {"status": "irgendwas"},
        "id_status",
        method="get",
    ),
    "volunteer list with an unknown status": Bad(
        lambda c: c.user("volunteer_coordinator"),
        lambda c: reverse("volunteers:list"),
        {"status": "irgendwas", "q": "Name XY"},
        "id_status",
        method="get",
        kept="Name XY",
    ),
    "volunteer requests with an unknown status": Bad(
        lambda c: c.user("volunteer_coordinator"),
        lambda c: reverse("volunteers:requests"),
        {"status": "irgendwas"},
        "id_status",
        method="get",
    ),
    "interpreter payouts for month 13": Bad(
        lambda c: c.user("volunteer_coordinator"),
        lambda c: reverse("volunteers:payouts"),
        {"monat": "2026-13"},
        "id_monat",
        method="get",
        kept="2026-13",
    ),
    "landlord confirmation on a handover consent": Bad(
        lambda c: c.case_worker,
        lambda c: reverse("housing:landlord_pdf", args=[_case(c).household.code]),
        {"consent": lambda c: str(c.home_consent.code)},
        "id_consent",
        method="get",
    ),
    "password change with a wrong old password": Bad(
        lambda c: c.case_worker,
        lambda c: reverse("accounts:password_change"),
        {"old_password": "falsch", "new_password1": "x", "new_password2": "y"},
        "id_old_password",
    ),
    "password reset with a broken address": Bad(
        lambda c: None,
        lambda c: reverse("accounts:password_reset"),
        {"email": "keine-adresse"},
        "id_email",
        kept="keine-adresse",
    ),
}


def _submit(client, cast, bad: Bad):
    user = bad.user(cast)
    if user is not None:
        client.force_login(user)
    url = bad.url(cast)
    data = {k: (v(cast) if callable(v) else v) for k, v in bad.data.items()}
    if bad.method == "get":
        return client.get(url, data)
    data.update({k: make() for k, make in bad.files.items()})
    return client.post(url, data)


@pytest.mark.parametrize("name", list(BAD))
def test_one_bad_value_shows_a_summary_at_the_top_linking_to_the_marked_field(client, cast, name):
    bad = BAD[name]
    response = _submit(client, cast, bad)
    assert response.status_code in (200, 400), response.status_code
    html = response.content.decode()
    main = html[html.index('<main id="main"') :]
    # The summary: a KERN alert, focusable, right below the heading (before any section).
    summary = re.search(r'<div class="[^"]*app-error-summary[^"]*"[^>]*id="form-errors"', main)
    assert summary, f"{name}: no error summary"
    h1 = main.index("<h1")
    sections = [m.start() for m in re.finditer(r"<h2 class=\"kern-heading", main)]
    assert h1 < summary.start() < min([s for s in sections if s > h1] or [len(main)])
    # It links to the field, which is marked and described by its error.
    assert f'href="#{bad.field_id}"' in main, f"{name}: no link to #{bad.field_id}"
    target = rf'<(input|select|textarea|fieldset)[^>]*id="{re.escape(bad.field_id)}"[^>]*>'
    tag = re.search(target, main)
    assert tag, f"{name}: field {bad.field_id} not on the page"
    if tag.group(1) == "fieldset":
        assert "kern-fieldset--error" in tag.group(0) and "_error" in tag.group(0)
    else:
        assert 'aria-invalid="true"' in tag.group(0)
    if tag.group(1) == "fieldset":
        pass
    elif bad.field_id.rsplit("_", 1)[-1].isdigit():  # a group of boxes: the fieldset names it
        assert 'kern-fieldset--error" aria-describedby="' in main
    else:
        assert "_error" in tag.group(0).split("aria-describedby=")[1]
    # No <details> on the page holds an error while closed.
    for block in re.findall(r"<details[^>]*>.*?</details>", main, re.S):
        if 'aria-invalid="true"' in block:
            assert re.match(r"<details[^>]* open", block), f"{name}: error hidden in <details>"
    if bad.kept:
        assert bad.kept in main, f"{name}: input {bad.kept!r} not kept"


def test_service_errors_go_to_the_named_field_or_the_form():
    from django import forms
    from django.core.exceptions import ValidationError

    class F(forms.Form):
        a = forms.CharField(required=False)
        b = forms.CharField(required=False)

    form = F({"a": "1", "b": "2"})
    assert form.is_valid()
    add_service_error(form, ValidationError({"a": "bad a", "elsewhere": "bad other"}), "b")
    add_service_error(form, ValidationError("whole"))
    assert form.errors["a"] == ["bad a"]
    assert form.errors["b"] == ["bad other"]
    assert form.non_field_errors() == ["whole"]


def test_required_fields_are_never_labelled_optional():
    from django import forms
    from django.template import Context, Template

    from teilhabe.core.forms import conditionally_required

    class F(forms.Form):
        must = forms.CharField()
        may = forms.CharField(required=False)
        sometimes = conditionally_required(forms.CharField(required=False))
        box = forms.BooleanField(required=False)

    form = F()
    tpl = Template('{% for field in form %}{% include "includes/field.html" %}{% endfor %}')
    html = tpl.render(Context({"form": form}))
    labels = re.findall(r"<(?:label|legend)[^>]*>(.*?)</(?:label|legend)>", html, re.S)
    optional = [label for label in labels if "kern-label__optional" in label]
    assert len(optional) == 1 and "May" in optional[0]
