from django.apps import AppConfig


class HousingConfig(AppConfig):
    name = "teilhabe.housing"
    label = "housing"
    verbose_name = "Wohnen und Aufenthalt"

    def ready(self) -> None:
        from teilhabe import access
        from teilhabe.access import Shared
        from teilhabe.cases import export, retention
        from teilhabe.cases import services as case_services
        from teilhabe.housing import models as m
        from teilhabe.housing.selectors import person_export_sections
        from teilhabe.housing.services import housing_anonymise, obligations_after_milestone

        if obligations_after_milestone not in case_services.MILESTONE_HOOKS:
            case_services.MILESTONE_HOOKS.append(obligations_after_milestone)
        if ("housing", person_export_sections) not in export.EXPORT_SECTIONS:
            export.EXPORT_SECTIONS.append(("housing", person_export_sections))
        if housing_anonymise not in retention.ANONYMISE_HOOKS:
            retention.ANONYMISE_HOOKS.append(housing_anonymise)
        grant = "cases.SharingGrant"
        # The register names no person: operator and borough decide, and directory access
        # (housing.view_accommodation) is city-wide for every role that holds it.
        access.register(m.Accommodation, organisation="operator", boroughs=["district__borough"])
        # A person's housing, residence and asylum data belong to the person's organisation and
        # reach a receiving organisation like the person does (sharing grant in force).
        for model in (
            m.Stay,
            m.ResidenceTitle,
            m.BenefitPeriod,
            m.ResidenceObligation,
            m.AsylumProcedure,
        ):
            access.register(
                model,
                organisation="person__organisation",
                shared=Shared(grant, "case__household", outer="person__household"),
            )
        access.register(
            m.FlatSearch,
            organisation="household__organisation",
            shared=Shared(grant, "case__household", outer="household"),
        )
