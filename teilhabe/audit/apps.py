from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "teilhabe.audit"
    label = "audit"
    verbose_name = "Protokoll"

    def ready(self) -> None:
        from teilhabe import access
        from teilhabe.audit.models import AuditEntry

        # City-wide for the data protection officer (scope "city"); nobody else holds audit.view.
        access.register(AuditEntry, organisation="organisation")
