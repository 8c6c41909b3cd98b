from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "teilhabe.reports"
    label = "reports"
    verbose_name = "Berichte"

    def ready(self) -> None:
        from teilhabe.jobs.kinds import JobKind, register_kind

        register_kind(
            JobKind(
                "reports.council",
                _("Council report"),
                "teilhabe.reports.tasks.build_council_report",
                result_template="reports/_job_result.html",
            )
        )
