"""The kinds of job: what each is called, which task runs it and how its result is shown.

An app registers its kinds once, in its ``AppConfig.ready``::

    register_kind(JobKind("offers.import", _("Offer import"), "teilhabe.offers.tasks.run_import",
                          result_template="offers/_import_job.html"))
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class JobKind:
    key: str
    label: str | Promise
    # Dotted path of a django-tasks task ``(context, *, job_code)`` that calls ``job_run``.
    task: str
    # Template included on the job page below the progress (gets ``job``); optional.
    result_template: str = ""

    def get_task(self):
        return import_string(self.task)


_KINDS: dict[str, JobKind] = {}


def register_kind(kind: JobKind) -> None:
    _KINDS[kind.key] = kind


def get_kind(key: str) -> JobKind:
    try:
        return _KINDS[key]
    except KeyError:
        raise LookupError(f"Unknown job kind {key!r}; register it with register_kind().") from None


def kind_or_none(key: str) -> JobKind | None:
    return _KINDS.get(key)
