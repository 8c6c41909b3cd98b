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
