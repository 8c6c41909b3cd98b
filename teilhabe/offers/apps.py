from django.apps import AppConfig


class OffersConfig(AppConfig):
    name = "teilhabe.offers"
    label = "offers"
    verbose_name = "Angebote"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from teilhabe import access
        from teilhabe.jobs.kinds import JobKind, register_kind
        from teilhabe.offers.models import (
            Category,
            Location,
            Offer,
            OfferTranslation,
            RegistrationRequest,
        )

        access.register(Category)
        access.register(
            Offer, organisation="organisation", boroughs=["locations__district__borough"]
        )
        access.register(Location, organisation="organisation", boroughs=["district__borough"])
        access.register(
            OfferTranslation,
            organisation="offer__organisation",
            boroughs=["offer__locations__district__borough"],
        )
        access.register(
            RegistrationRequest,
            organisation="offer__organisation",
            boroughs=["offer__locations__district__borough"],
        )
        from teilhabe.cases.retention import RetentionPart, retention_part_register
        from teilhabe.offers.registration import (
            registration_requests_delete,
            registration_requests_expired,
        )

        retention_part_register(
            RetentionPart(
                "registrations", registration_requests_expired, registration_requests_delete
            )
        )
        register_kind(
            JobKind(
                "offers.import",
                _("Import offers"),
                "teilhabe.offers.tasks.run_import",
                result_template="offers/_import_job.html",
            )
        )
