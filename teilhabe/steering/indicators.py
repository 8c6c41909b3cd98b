"""The indicator set, as data: German name, exact definition, unit, source tables and
suppression rule of every figure the steering pages show. docs/steering.md renders this list;
a test keeps the two in step."""

from __future__ import annotations

from dataclasses import dataclass

PERSONS = "Personen/Fälle/Vermittlungen: < 5 verdeckt, dazu komplementär (Summen, Tabellen)"
RATE = "nur wenn Zähler und Rest ≥ 5 und die Gruppe gezeigt wird"
SAMPLE = "nur aus ≥ 5 Werten und wenn die Gruppe gezeigt wird"
NONE = "keine (keine Personen)"


@dataclass(frozen=True)
class Indicator:
    key: str
    topic: str  # page: casework, milestones, referrals, coverage, money, positions, barriers
    name: str  # German name as shown
    definition: str
    unit: str
    sources: str
    suppression: str


INDICATORS: list[Indicator] = [
    Indicator(
        "persons_in_casework",
        "casework",
        "Personen in Fallarbeit",
        "Personen (nicht anonymisiert, nicht zusammengeführt) eines Haushalts mit mindestens "
        "einem am Stichtag (Ende des Zeitraums) offenen Fall (eröffnet am oder vor dem "
        "Stichtag, nicht oder nach ihm geschlossen); gezählt im Stadtteil ihrer Adresse.",
        "Personen",
        "cases_case, cases_person",
        PERSONS,
    ),
    Indicator(
        "households_in_casework",
        "casework",
        "Haushalte in Fallarbeit",
        "Haushalte mit mindestens einem am Stichtag offenen Fall; gezählt im Stadtteil der "
        "Person mit der Rolle Haushaltsvorstand (sonst des ersten Mitglieds).",
        "Haushalte",
        "cases_case, cases_household, cases_person",
        PERSONS,
    ),
    Indicator(
        "cases_opened",
        "casework",
        "Eröffnete Fälle je Monat",
        "Fälle mit Eröffnungsdatum im Monat; gezählt im Stadtteil ihres Haushalts.",
        "Fälle",
        "cases_case",
        PERSONS,
    ),
    Indicator(
        "cases_closed",
        "casework",
        "Abgeschlossene Fälle je Monat",
        "Fälle mit Abschlussdatum im Monat; gezählt im Stadtteil ihres Haushalts.",
        "Fälle",
        "cases_case",
        PERSONS,
    ),
    Indicator(
        "milestone_time",
        "milestones",
        "Zeit bis zur Regelstruktur (Median, 75. Perzentil)",
        "Je Meilenstein-Art und Kohorte (Quartal des Erstkontakts = Eröffnung des ersten Falls "
        "des Haushalts): Tage vom Erstkontakt bis zum Datum „erreicht“ (vor dem Erstkontakt "
        "erreichte zählen mit 0 Tagen); Median und 75. Perzentil (nächster Rang).",
        "Tage",
        "cases_case, cases_person, cases_milestone, cases_milestonetype",
        SAMPLE,
    ),
    Indicator(
        "milestone_share",
        "milestones",
        "Anteil erreicht innerhalb von 6/12/24 Monaten",
        "Personen der Kohorte, die den Meilenstein höchstens 6, 12 bzw. 24 Monate nach dem "
        "Erstkontakt erreicht haben, geteilt durch alle Personen der Kohorte; nur für Kohorten, "
        "deren letzter Tag mindestens so lange zurückliegt.",
        "Prozent",
        "cases_case, cases_person, cases_milestone",
        RATE,
    ),
    Indicator(
        "referral_funnel",
        "referrals",
        "Vermittlungen nach Stand (gesendet, Warteliste, angenommen, begonnen, abgeschlossen, "
        "abgelehnt, abgebrochen, zurückgezogen)",
        "Im Zeitraum gesendete Vermittlungen nach ihrem aktuellen Stand, je Kategorie, "
        "Anbieter, Bezirk und Stadtteil — getrennt nach Stadtteil des Angebots (erster Ort) und "
        "Wohn-Stadtteil der Person beim Versand.",
        "Vermittlungen",
        "referrals_referral, offers_offer, offers_location",
        PERSONS,
    ),
    Indicator(
        "referral_acceptance",
        "referrals",
        "Annahmequote",
        "Angenommene (angenommen, begonnen, abgeschlossen, abgebrochen) geteilt durch "
        "beantwortete Vermittlungen.",
        "Prozent",
        "referrals_referral",
        RATE,
    ),
    Indicator(
        "referral_waiting",
        "referrals",
        "Wartezeiten",
        "Arbeitstage vom Versand bis zur ersten Antwort (Median); Tage auf der Warteliste "
        "(bis zur Statusänderung oder bis heute; Median und 75. Perzentil).",
        "Arbeitstage / Tage",
        "referrals_referral",
        SAMPLE,
    ),
    Indicator(
        "offer_coverage",
        "coverage",
        "Angebotsabdeckung",
        "Veröffentlichte Angebote je Ort (Angebot × Ort) im Stadtteil, neben den Personen in "
        "Fallarbeit, die dort wohnen.",
        "Angebote, Personen",
        "offers_offer, offers_location, cases_person, cases_case",
        PERSONS + " (Personen); Angebote: " + NONE,
    ),
    Indicator(
        "white_spots",
        "coverage",
        "Weiße Flecken",
        "Oberkategorien ohne veröffentlichtes Angebot im Umkreis von 2 km um die Mitte eines "
        "Stadtteils, in dem Personen in Fallarbeit wohnen.",
        "Kategorien, Stadtteile",
        "offers_offer, offers_location, offers_category, geography_district, cases_person",
        NONE,
    ),
    Indicator(
        "money",
        "money",
        "Plan, gebunden, ausgezahlt",
        "Je Haushaltsansatz, Bezirk und Monat: ursprünglich geplant, aktueller Ansatz, "
        "gebunden (Bewilligungen), ausgezahlt (Auszahlungen abzüglich Rückzahlungen), "
        "verfügbar (Ansatz − gebunden).",
        "Euro",
        "finance_budgetline, finance_commitment, finance_movement",
        NONE,
    ),
    Indicator(
        "money_linear",
        "money",
        "Ausgezahlt gegen linearen Plan",
        "Seit 1. Januar ausgezahlt gegen den Jahresansatz, gleichmäßig auf die Tage des Jahres "
        "verteilt.",
        "Euro",
        "finance_budgetline, finance_movement",
        NONE,
    ),
    Indicator(
        "positions",
        "positions",
        "Stellen: finanziert und besetzt",
        "Je Deckung und Organisation: finanzierte VZÄ (Summe der Stellenanteile), am Ende des "
        "Zeitraums besetzte VZÄ, unbesetzte VZÄ und Vakanzmonate (Tage ohne Besetzung im "
        "Zeitraum / 30,44).",
        "VZÄ, Monate",
        "finance_position, finance_occupancy, finance_budgetline",
        NONE,
    ),
    Indicator(
        "structural_barriers",
        "barriers",
        "Strukturelle Hürden je Institution und Quartal",
        "Fallnotizen der Art „Strukturelle Hürde“ mit Datum im Zeitraum, je Institution "
        "(Jobcenter, Ausländerbehörde …) und Quartal des Datums sowie je Art der Hürde; "
        "gezählt im Stadtteil des Haushalts des Falls.",
        "Hürden (Notizen)",
        "cases_contactnote, cases_institution, cases_barriercategory, cases_case",
        PERSONS,
    ),
]


def for_topic(topic: str) -> list[Indicator]:
    return [i for i in INDICATORS if i.topic == topic]
