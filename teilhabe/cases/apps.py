from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "teilhabe.cases"
    label = "cases"
    verbose_name = "Fallarbeit"

    def ready(self) -> None:
        from teilhabe import access
        from teilhabe.access import Shared
        from teilhabe.cases import models as m

        grant = "cases.SharingGrant"
        full = frozenset({"full"})
        # A case belongs to its organisation; the receiving organisation of a sharing grant in
        # force reaches the case, its household and persons, and (scope "full") the file.
        access.register(
            m.Household, organisation="organisation", shared=Shared(grant, "case__household")
        )
        access.register(
            m.Person,
            organisation="organisation",
            shared=Shared(grant, "case__household", outer="household"),
        )
        access.register(m.Case, organisation="organisation", shared=Shared(grant, "case"))
        access.register(
            m.Deadline, organisation="case__organisation", shared=Shared(grant, "case", "case")
        )
        for model in (m.ContactNote, m.Appointment, m.Document):
            access.register(
                model,
                organisation="case__organisation",
                shared=Shared(grant, "case", "case", parts=full),
            )
        access.register(
            m.Milestone,
            organisation="person__organisation",
            shared=Shared(grant, "case__household", outer="person__household"),
        )
        access.register(
            m.Consent,
            organisation="person__organisation",
            shared=Shared(grant, "case__household", outer="person__household"),
        )
        access.register(
            m.SharingGrant, organisation="case__organisation", shared=Shared(grant, "pk")
        )
