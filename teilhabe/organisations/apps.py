from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "teilhabe.organisations"
    label = "organisations"
    verbose_name = "Organisationen"

    def ready(self) -> None:
        from teilhabe import access
        from teilhabe.organisations.models import CompetenceTeam, Membership, Organisation, Team

        access.register(Organisation, organisation="pk", boroughs=["borough"])
        access.register(Team, organisation="organisation", boroughs=["organisation__borough"])
        access.register(CompetenceTeam, organisation="members", boroughs=["borough"])
        access.register(Membership, organisation="organisation", boroughs=["organisation__borough"])
