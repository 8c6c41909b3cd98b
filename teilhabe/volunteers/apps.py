from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteersConfig(AppConfig):
    name = "teilhabe.volunteers"
    label = "volunteers"
    verbose_name = _("Volunteers and interpreter pool")

    def ready(self) -> None:
        from teilhabe import access
        from teilhabe.volunteers import models as m

        # Volunteer data belongs to the organisation that runs the contact point; requests
        # belong to the requesting organisation and to the contact point's organisation.
        access.register(m.ContactPoint, organisation="organisation")
        access.register(m.Volunteer, organisation="contact_point__organisation")
        access.register(m.Requirement, organisation="volunteer__contact_point__organisation")
        access.register(m.Training, organisation="volunteer__contact_point__organisation")
        access.register(
            m.VolunteerRequest, organisation=("requester", "contact_point__organisation")
        )
        access.register(m.Inquiry, organisation="request__contact_point__organisation")
        access.register(m.Assignment, organisation="request__contact_point__organisation")
        access.register(m.HoursEntry, organisation="volunteer__contact_point__organisation")

        # When a requirement kind changes (blocks placement, period), every volunteer's
        # placeable date is recomputed; such changes are rare (admin).
        from django.db.models.signals import post_delete, post_save

        def refresh(sender, **kwargs):
            from teilhabe.volunteers.services import volunteer_refresh_placeable

            volunteer_refresh_placeable()

        post_save.connect(refresh, sender=m.RequirementKind, weak=False)
        post_delete.connect(refresh, sender=m.RequirementKind, weak=False)
