"""Writes of the open-data app.

``opendata_publish`` builds every file and stores it (default storage, folder ``opendata/``);
it runs in the worker (job ``opendata.publish``) or from ``manage.py opendata_publish`` and
takes no user. It is idempotent: the same data give the same bytes, and a file whose content
is unchanged is not written again. ``opendata_publish_start`` is what a person does — queue
a job for the worker — and checks access.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import Max, Min
from django.utils import timezone

from teilhabe.access import Action, check
from teilhabe.opendata import dcat, figures, hsds_tabular
from teilhabe.steering.suppression import threshold

PREFIX = "opendata/"
STEERING_FILE = "steuerungskennzahlen.csv"
HSDS_ZIP = "angebote-hsds.zip"
HSDS_DESCRIPTOR = f"{hsds_tabular.FOLDER}/datapackage.json"
CATALOGUE = "katalog.jsonld"
JOB_KIND = "opendata.publish"
HSDS_SPEC = "https://github.com/openreferral/specification/tree/3.0"

STEERING_TITLE = "Integration von Geflüchteten: Fallarbeit je Stadtteil und Monat"
STEERING_DESCRIPTION = (
    "Anonymisierte Kennzahlen der Fallarbeit mit geflüchteten Menschen je Monat für die "
    "Gesamtstadt, jeden Stadtbezirk und jeden Stadtteil: Personen in Fallarbeit am Monatsende, "
    "eröffnete und abgeschlossene Fälle. Zahlen von 1 bis {limit} und Zahlen, aus denen sie "
    "sich errechnen ließen, sind geheim gehalten (leere Zelle). Die Definitionen stehen in den "
    "Spaltenbeschreibungen der Seite „Offene Daten“."
)
HSDS_TITLE = "Angebotsverzeichnis für Geflüchtete (HSDS 3.0)"
HSDS_DESCRIPTION = (
    "Alle veröffentlichten Angebote für Geflüchtete – Sprachkurse, Beratung, Arbeit, Sport, "
    "Kitas, Schulen – mit Anbietern, Orten, Adressen, Zeiten, Sprachen, Kosten und Kategorien "
    "im Standard Open Referral HSDS 3.0 als tabellarisches Datenpaket (datapackage.json und je "
    "Tabelle eine CSV-Datei)."
)


@dataclass
class PublishResult:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


def _store(path: str, content: bytes, result: PublishResult) -> None:
    name = PREFIX + path
    if default_storage.exists(name):
        with default_storage.open(name, "rb") as f:
            if f.read() == content:
                result.unchanged.append(path)
                return
        default_storage.delete(name)
    saved = default_storage.save(name, ContentFile(content))
    if saved != name:  # another run wrote it in between: keep ours under the stable name
        default_storage.delete(saved)
        raise RuntimeError(f"could not store {name}")
    result.written.append(path)


def _municipality() -> tuple[str, str, tuple | None]:
    from teilhabe.geography.models import Borough, Municipality

    m = Municipality.objects.order_by("pk").first()
    box = Borough.objects.aggregate(Min("min_lon"), Min("min_lat"), Max("max_lon"), Max("max_lat"))
    bounds = tuple(box.values()) if None not in box.values() else None
    return (m.name if m else ""), (m.official_key if m else ""), bounds


def opendata_publish(
    *,
    today: datetime.date | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> PublishResult:
    """Build and store the open-data files and their DCAT-AP.de catalogue."""
    from teilhabe.offers.models import Offer

    today = today or timezone.localdate()
    steps = 4

    def step(done: int, message: str) -> None:
        if progress:
            progress(done, steps, message)

    pub = dcat.publisher()
    city, official_key, bounds = _municipality()
    result = PublishResult()

    step(0, "Die Kennzahlen der Steuerung werden berechnet …")
    table = figures.indicator_file(today)
    steering_csv = table.csv_bytes()
    _store(STEERING_FILE, steering_csv, result)

    step(1, "Das Angebotsverzeichnis wird als HSDS-Datenpaket geschrieben …")
    license = {
        "name": pub.license_info["name"],
        "path": pub.license_info["path"],
        "title": pub.license_info["title"],
    }
    package = hsds_tabular.package_files(
        title=HSDS_TITLE, description=HSDS_DESCRIPTION, license=license
    )
    step(2, "Die Dateien werden gespeichert …")
    for name, content in package.items():
        _store(f"{hsds_tabular.FOLDER}/{name}", content, result)
    archive = hsds_tabular.zip_bytes(package)
    _store(HSDS_ZIP, archive, result)

    step(3, "Die Metadaten (DCAT-AP.de) werden geschrieben …")
    last_change = Offer.objects.published().aggregate(m=Max("updated_at"))["m"]
    offers_modified = timezone.localtime(last_change).date() if last_change else None
    limit = threshold()
    datasets = [
        dcat.Dataset(
            key="steuerungskennzahlen",
            title=STEERING_TITLE,
            description=STEERING_DESCRIPTION.format(limit=limit - 1),
            keywords=("Integration", "Geflüchtete", "Fallarbeit", "Stadtteil", city),
            themes=("SOCI", "GOVE"),
            frequency="MONTHLY",
            modified=table.end,
            start=table.start,
            end=table.end,
            distributions=(
                dcat.Distribution(
                    STEERING_FILE,
                    "Kennzahlen je Stadtteil und Monat (CSV)",
                    "CSV, UTF-8, Komma als Trennzeichen; eine Zeile je Monat und Gebiet; "
                    "leere Zelle = geheim gehalten.",
                    "csv",
                    steering_csv,
                ),
            ),
        ),
        dcat.Dataset(
            key="angebote-hsds",
            title=HSDS_TITLE,
            description=HSDS_DESCRIPTION,
            keywords=("Integration", "Geflüchtete", "Angebote", "HSDS", "Open Referral", city),
            themes=("SOCI", "EDUC"),
            frequency="DAILY",
            modified=offers_modified,
            start=None,
            end=None,
            distributions=(
                dcat.Distribution(
                    HSDS_ZIP,
                    "HSDS-Datenpaket (ZIP)",
                    "datapackage.json und alle Tabellen als CSV in einem ZIP-Archiv.",
                    "zip",
                    archive,
                    conforms_to=HSDS_SPEC,
                ),
                dcat.Distribution(
                    HSDS_DESCRIPTOR,
                    "Beschreibung des Datenpakets (datapackage.json)",
                    "Tabular Data Package: Tabellen, Spalten, Typen und Verknüpfungen; die "
                    "CSV-Dateien liegen daneben.",
                    "json",
                    package["datapackage.json"],
                    conforms_to=HSDS_SPEC,
                ),
            ),
        ),
    ]
    doc = dcat.catalogue(
        datasets,
        pub,
        title=f"Offene Daten zur Integration von Geflüchteten – {pub.name}",
        description=(
            "Anonymisierte Kennzahlen der Fallarbeit und das Angebotsverzeichnis für "
            "Geflüchtete, erzeugt von Teilhabe."
        ),
        official_key=official_key,
        bounds=bounds,
    )
    content = (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    _store(CATALOGUE, content, result)
    step(4, "Fertig.")
    return result


def opendata_publish_start(*, user):
    """Queue the publication for the worker (administrators); returns the job."""
    from teilhabe.jobs.services import job_start

    check(user, Action.MANAGE_TASKS)
    return job_start(
        user=user, kind=JOB_KIND, message="Die Veröffentlichung wartet auf den Hintergrunddienst."
    )
