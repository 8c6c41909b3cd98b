"""PDF documents of case management (fpdf2): the GDPR Art. 15 export and the printable
consent form in German, English, Arabic and Farsi.

Fonts: DejaVu Sans (Debian package fonts-dejavu-core, checked by scripts/bootstrap.sh) covers
Latin, Cyrillic, Arabic and the Persian letters (پ چ ژ گ ی). Text is shaped by fpdf2's own
shaping engine (HarfBuzz, through the uharfbuzz wheel): contextual letter forms, ligatures,
vowel marks and the right-to-left order of mixed Arabic and Latin text (names, dates) follow
the Unicode rules, as in a browser.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fpdf import FPDF

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT = FONT_DIR / "DejaVuSans.ttf"
FONT_BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"
RTL_LANGUAGES = frozenset({"ar", "fa"})


class Document(FPDF):
    def __init__(self, *, rtl: bool = False):
        super().__init__(format="A4")
        self.rtl = rtl
        self.add_font("DejaVu", "", str(FONT))
        self.add_font("DejaVu", "B", str(FONT_BOLD))
        self.set_font("DejaVu", size=11)
        self.set_text_shaping(use_shaping_engine=True, direction="rtl" if rtl else None)
        self.set_auto_page_break(auto=True, margin=18)
        self.add_page()

    def heading(self, text: str, size: int = 15) -> None:
        self.set_font("DejaVu", "B", size)
        self.para(text, gap=2)
        self.set_font("DejaVu", "", 11)

    def para(self, text: str, gap: float = 3) -> None:
        self.multi_cell(
            self.epw, 6, text, align="R" if self.rtl else "L", new_x="LMARGIN", new_y="NEXT"
        )
        self.ln(gap)

    def field(self, label: str, value: Any) -> None:
        value = "–" if value in (None, "", []) else value
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        self.para(f"{label}: {value}", gap=0.5)

    def blank_line(self, label: str) -> None:
        self.para(label, gap=0)
        y = self.get_y() + 7
        self.line(self.l_margin, y, self.l_margin + self.epw, y)
        self.set_y(y + 4)

    def bytes(self) -> bytes:
        return bytes(self.output())


def export_pdf(data: dict[str, Any]) -> bytes:
    """A readable rendering of :func:`teilhabe.cases.export.person_export`."""
    doc = Document()
    p = data["person"]
    doc.heading("Auskunft nach Art. 15 DSGVO")
    doc.para(
        "Alle Daten, die zu dieser Person gespeichert sind, mit Empfängern, Weitergaben und "
        "Zugriffen. Maschinenlesbar ist dieselbe Auskunft als JSON erhältlich."
    )
    doc.heading("Person", 12)
    for key, value in p.items():
        doc.field(key, value)
    doc.field("household", data["household"]["name"])
    sections = [
        ("Fälle", "cases"),
        ("Kontaktnotizen", "contact_notes"),
        ("Fristen", "deadlines"),
        ("Termine", "appointments"),
        ("Dokumente", "documents"),
        ("Integrationsplan", "integration_plan"),
        ("Einwilligungen", "consents"),
        ("Weitergaben an andere Organisationen", "sharing"),
        ("Zugriffe (Protokoll)", "accesses"),
    ]
    for title, key in sections:
        doc.heading(f"{title} ({len(data[key])})", 12)
        for row in data[key]:
            doc.para(
                "; ".join(f"{k}: {v}" for k, v in row.items() if v not in (None, "", [])),
                gap=1.5,
            )
    return doc.bytes()


CONSENT_TEXTS: dict[str, dict[str, str]] = {
    "de": {
        "title": "Einwilligung in die Weitergabe personenbezogener Daten",
        "intro": "Ich willige ein, dass {org} die unten genannten Daten zu dem genannten Zweck "
        "an die genannten Stellen weitergibt. Die Einwilligung ist freiwillig. Ich kann sie "
        "jederzeit ohne Angabe von Gründen für die Zukunft widerrufen; die bis dahin erfolgte "
        "Weitergabe bleibt rechtmäßig.",
        "person": "Name",
        "born": "Geburtsdatum",
        "purpose": "Zweck der Weitergabe",
        "recipients": "Empfänger (Organisation)",
        "data": "Welche Daten (z. B. Stammdaten, Fristen, Integrationsplan, ganze Fallakte)",
        "until": "Gültig bis",
        "interpreter": "Übersetzt / gedolmetscht von (Name, Sprache)",
        "place": "Ort, Datum",
        "signature": "Unterschrift",
        "revoke": "Widerruf bitte an: {org}",
    },
    "en": {
        "title": "Consent to sharing personal data",
        "intro": "I consent to {org} passing on the data named below for the stated purpose to "
        "the recipients named below. This consent is voluntary. I can withdraw it at any "
        "time without giving reasons, with effect for the future; sharing before the "
        "withdrawal remains lawful.",
        "person": "Name",
        "born": "Date of birth",
        "purpose": "Purpose of sharing",
        "recipients": "Recipients (organisation)",
        "data": "Which data (e.g. master data, deadlines, integration plan, whole case file)",
        "until": "Valid until",
        "interpreter": "Translated / interpreted by (name, language)",
        "place": "Place, date",
        "signature": "Signature",
        "revoke": "To withdraw, contact: {org}",
    },
    "ar": {
        "title": "الموافقة على مشاركة البيانات الشخصية",
        "intro": "أوافق على أن تقوم {org} بنقل البيانات المذكورة أدناه للغرض المذكور إلى "
        "الجهات المذكورة. هذه الموافقة طوعية. يمكنني سحبها في أي وقت دون ذكر الأسباب، "
        "ويسري السحب على المستقبل؛ وتبقى المشاركة التي تمت قبل السحب قانونية.",
        "person": "الاسم",
        "born": "تاريخ الميلاد",
        "purpose": "غرض المشاركة",
        "recipients": "الجهات المستلمة",
        "data": "البيانات المشمولة",
        "until": "صالحة حتى",
        "interpreter": "الترجمة بواسطة (الاسم، اللغة)",
        "place": "المكان، التاريخ",
        "signature": "التوقيع",
        "revoke": "لسحب الموافقة يرجى التواصل مع: {org}",
    },
    "fa": {
        "title": "رضایت‌نامه برای انتقال داده‌های شخصی",
        "intro": "موافقت می‌کنم که {org} داده‌های ذکرشده در زیر را برای هدف ذکرشده به گیرندگان "
        "نام‌برده منتقل کند. این رضایت داوطلبانه است. می‌توانم آن را هر زمان و بدون ذکر دلیل "
        "برای آینده پس بگیرم؛ انتقال‌هایی که پیش از آن انجام شده‌اند قانونی باقی می‌مانند.",
        "person": "نام",
        "born": "تاریخ تولد",
        "purpose": "هدف انتقال",
        "recipients": "گیرندگان (سازمان)",
        "data": "چه داده‌هایی (مثلاً مشخصات پایه، مهلت‌ها، برنامه‌ی ادغام، کل پرونده)",
        "until": "معتبر تا",
        "interpreter": "ترجمه / ترجمه‌ی شفاهی توسط (نام، زبان)",
        "place": "مکان، تاریخ",
        "signature": "امضا",
        "revoke": "برای پس گرفتن رضایت لطفاً با {org} تماس بگیرید.",
    },
}


def consent_form_pdf(*, language: str, person_name: str, born: str, organisation: str) -> bytes:
    t = CONSENT_TEXTS[language]
    doc = Document(rtl=language in RTL_LANGUAGES)
    doc.heading(t["title"])
    doc.para(t["intro"].format(org=organisation))
    doc.field(t["person"], person_name)
    doc.field(t["born"], born)
    doc.ln(3)
    for key in ("purpose", "recipients", "data", "until", "interpreter"):
        doc.blank_line(t[key])
    doc.ln(6)
    doc.blank_line(t["place"])
    doc.blank_line(t["signature"])
    doc.ln(4)
    doc.para(t["revoke"].format(org=organisation))
    return doc.bytes()
