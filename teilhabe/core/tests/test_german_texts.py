"""No English left where German users read, and the app says "Sie", never "du".

* Every model of Teilhabe and every field of it has a German name (``verbose_name`` through
  ``gettext_lazy``, translated): the admin, model forms and error messages show these names.
* No German text the app shows or mails — the catalogues, the templates, the text in the code
  and the scenario's data — addresses a user with "du", "dich", "dir" or "dein…".
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import polib
import pytest
from django.apps import apps
from django.conf import settings
from django.utils import translation
from django.utils.functional import Promise

ROOT = Path(settings.BASE_DIR) / "teilhabe"
# Words that are the same in German and English, and German domain words (MISSION.md).
SAME_IN_GERMAN = {
    "status",
    "pdf",
    "docx",
    "name",
    "hostname",
    "wohnberechtigungsschein",
    "stadtteile",
}


def _models():
    return [m for m in apps.get_models() if m.__module__.startswith("teilhabe.")]


def _german(text) -> tuple[str, str]:
    with translation.override("en"):
        english = str(text)
    with translation.override("de"):
        german = str(text)
    return english, german


def _untranslated(text) -> bool:
    if not isinstance(text, Promise):
        return True
    english, german = _german(text)
    return german == english and english.lower() not in SAME_IN_GERMAN


def test_every_model_has_a_german_name_in_singular_and_plural():
    missing = []
    for model in _models():
        declared = model._meta.original_attrs
        for attr in ("verbose_name", "verbose_name_plural"):
            if attr not in declared or _untranslated(declared[attr]):
                missing.append(f"{model._meta.label}.{attr}")
    assert not missing, "no German name: " + ", ".join(missing)


def test_every_field_has_a_german_name():
    missing = []
    for model in _models():
        for field in model._meta.get_fields():
            if field.auto_created or not hasattr(field, "verbose_name"):
                continue
            if _untranslated(field.verbose_name):
                missing.append(f"{model._meta.label}.{field.name} ({field.verbose_name!r})")
    assert not missing, "no German name:\n" + "\n".join(missing)


INFORMAL = re.compile(r"\b(du|dich|dir|dein|deine|deinen|deinem|deiner|deines)\b", re.IGNORECASE)
TEMPLATE_CODE = re.compile(r"\{%.*?%\}|\{\{.*?\}\}|\{#.*?#\}|<[^>]*>", re.DOTALL)
# Names of HTML attributes written in code (``dir="ltr"``) are markup, not words a user
# reads; their values (``aria-label="…"``) are still checked.
HTML_ATTRIBUTE_NAME = re.compile(r"\b[a-z][a-z-]*=(?=\")")


def _informal_in_catalogues():
    for path in ROOT.glob("*/locale/de/LC_MESSAGES/django.po"):
        for entry in polib.pofile(str(path)):
            for text in (entry.msgstr, *entry.msgstr_plural.values()):
                if INFORMAL.search(text):
                    yield f"{path.relative_to(ROOT)}: {text!r}"


def _informal_in_templates():
    for path in [*ROOT.rglob("templates/**/*.html"), *ROOT.rglob("templates/**/*.txt")]:
        text = TEMPLATE_CODE.sub(" ", path.read_text(encoding="utf-8"))
        for match in INFORMAL.finditer(text):
            yield f"{path.relative_to(ROOT)}: …{text[max(0, match.start() - 40) : match.end() + 40]}…"


def _informal_in_code():
    for path in ROOT.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            text = node.value if isinstance(node, ast.Constant) else None
            if isinstance(text, str) and INFORMAL.search(HTML_ATTRIBUTE_NAME.sub(" ", text)):
                yield f"{path.relative_to(ROOT)}:{node.lineno}: {node.value[:80]!r}"


def _informal_in_scenario_data():
    for path in (ROOT / "scenario" / "data").rglob("*"):
        if path.suffix in {".toml", ".json", ".md", ".txt", ".yaml", ".csv"}:
            for number, line in enumerate(path.read_text(errors="ignore").splitlines(), 1):
                if INFORMAL.search(line):
                    yield f"{path.relative_to(ROOT)}:{number}: {line[:80]!r}"


@pytest.mark.parametrize(
    "source",
    [
        _informal_in_catalogues,
        _informal_in_templates,
        _informal_in_code,
        _informal_in_scenario_data,
    ],
    ids=["catalogues", "templates", "code", "scenario-data"],
)
def test_no_text_for_users_says_du(source):
    found = list(source())
    assert not found, 'say "Sie":\n' + "\n".join(found)


def test_the_informal_check_finds_du_dich_and_dein():
    assert INFORMAL.search("Hast du Fragen?")
    assert INFORMAL.search("Wir melden uns bei Dir.")
    assert INFORMAL.search("Deine Anmeldung")
    assert not INFORMAL.search("Durch die Anmeldung erhalten Sie direkt eine Antwort.")


AUDIT_WRITERS = {"audit_record", "audit_read", "audit_read_many"}


def _sample(node: ast.expr) -> str | None:
    """The text a ``detail=`` argument writes, with ``x`` for each variable part."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "x" for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _sample(node.left), _sample(node.right)
        return (left or "x") + (right or "x")
    if isinstance(node, ast.IfExp):
        return None  # both branches are checked on their own below
    return None


def _audit_details():
    for path in ROOT.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name not in AUDIT_WRITERS:
                continue
            for keyword in node.keywords:
                if keyword.arg != "detail":
                    continue
                values = (
                    [keyword.value.body, keyword.value.orelse]
                    if isinstance(keyword.value, ast.IfExp)
                    else [keyword.value]
                )
                for value in values:
                    sample = _sample(value)
                    if sample:
                        yield f"{path.relative_to(ROOT)}:{node.lineno}", sample


def test_every_audit_detail_the_code_writes_reads_in_german():
    from teilhabe.audit.display import detail_known, detail_label

    details = list(_audit_details())
    assert len(details) > 40
    untranslated = [f"{where}: {text!r}" for where, text in details if not detail_known(text)]
    with translation.override("de"):
        for _where, text in details:
            detail_label(text)  # renders (codes it does not know stay as they are)
    assert not untranslated, "add to teilhabe/audit/display.py:\n" + "\n".join(untranslated)


def test_an_audit_entry_of_the_system_reads_in_german(db):
    from teilhabe.audit.models import AuditEntry
    from teilhabe.audit.services import audit_record

    entry = audit_record(
        user=None, action="delete", record_type="cases.ContactNote", detail="retention: notes"
    )
    entry = AuditEntry.objects.get(pk=entry.pk)
    with translation.override("de"):
        assert entry.user_display == "System"
        assert entry.record_type_display == "Kontaktnotiz"
        assert entry.detail_display == "Aufbewahrungsfrist abgelaufen: Kontaktnotizen"


ENGLISH_IN_MAIL = re.compile(
    r"\b(the|your|please|hello|dear|password|click|has been|you)\b", re.IGNORECASE
)


def test_the_mails_the_app_sends_say_sie_and_speak_german(
    client, cast, django_capture_on_commit_callbacks
):
    """The bodies and subjects as they go out (rendered, with their variables), not only the
    catalogues and templates they come from."""
    from django.core import mail

    from teilhabe.offers.models import Offer, RegistrationRequest
    from teilhabe.offers.tasks import notify_registration_request
    from teilhabe.referrals.models import DeliveryMode, Notification, NotificationPreference
    from teilhabe.referrals.tasks import deliver_notifications, send_digests
    from teilhabe.volunteers.models import Volunteer
    from teilhabe.volunteers.tasks import send_confirmation
    from teilhabe.volunteers.testing import demo_volunteer

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/konto/passwort/vergessen/", {"email": cast.case_worker.email})
    offer = Offer.objects.get(key="vhs-alphabetisierung-steele")
    request = RegistrationRequest.objects.create(
        offer=offer, name="Olena", phone="0201 1", consent_text="ja"
    )
    notify_registration_request.enqueue(code=str(request.code), base_url="http://testserver")
    now = Notification.objects.create(user=cast.case_worker, text="Neue Vermittlung an die VHS")
    deliver_notifications.enqueue(codes=[str(now.code)])
    editor = cast.user("provider_editor")
    NotificationPreference.objects.update_or_create(
        user=editor, defaults={"mode": DeliveryMode.DIGEST}
    )
    Notification.objects.create(user=editor, text="Vermittlung angenommen")
    send_digests.enqueue()
    volunteer = demo_volunteer()
    Volunteer.objects.filter(pk=volunteer.pk).update(
        confirmed_at=None, correspondence_language="de"
    )
    send_confirmation.enqueue(code=str(volunteer.code), base_url="http://testserver")
    assert len(mail.outbox) >= 5, [m.subject for m in mail.outbox]
    found = []
    for message in mail.outbox:
        text = message.subject + "\n" + re.sub(r"https?://\S+", " ", message.body)
        for pattern in (INFORMAL, ENGLISH_IN_MAIL):
            for match in pattern.finditer(text):
                found.append(
                    f"{message.subject!r}: …{text[max(0, match.start() - 30) : match.end() + 30]}…"
                )
    assert not found, 'German with "Sie", please:\n' + "\n".join(found)


def test_make_speaks_german():
    makefile = (ROOT.parent / "Makefile").read_text(encoding="utf-8")
    said = re.findall(r'echo "([^"$]+)"', makefile)
    assert said and all(not ENGLISH_IN_MAIL.search(s) for s in said), said
    assert not re.search(r"\b(NOTE|missing|will be skipped)\b", "\n".join(said))
