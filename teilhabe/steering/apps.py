from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SteeringConfig(AppConfig):
    name = "teilhabe.steering"
    label = "steering"
    verbose_name = _("Steering figures")

    def ready(self) -> None:
        from teilhabe.jobs.kinds import JobKind, register_kind

        register_kind(
            JobKind(
                "steering.refresh",
                _("Refresh the steering figures"),
                "teilhabe.steering.tasks.refresh",
            )
        )
