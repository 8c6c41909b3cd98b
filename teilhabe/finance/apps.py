from django.apps import AppConfig


class FinanceConfig(AppConfig):
    name = "teilhabe.finance"
    label = "finance"
    verbose_name = "Finanzen und Stellen"

    def ready(self) -> None:
        from teilhabe import access
        from teilhabe.finance import models as m

        access.register(m.CouncilDecision)
        access.register(m.DecisionAmount)
        access.register(m.FundingSource)
        access.register(m.FiscalYear)
        access.register(m.StandardCost)
        access.register(m.ApplicationRound)
        access.register(m.Position, organisation="organisation", boroughs=["borough"])
        access.register(
            m.Occupancy, organisation="position__organisation", boroughs=["position__borough"]
        )
        access.register(m.BudgetLine, organisation="organisation", boroughs=["borough"])
        access.register(
            m.BudgetChange, organisation="line__organisation", boroughs=["line__borough"]
        )
        access.register(m.Commitment, organisation="organisation", boroughs=["borough"])
        access.register(
            m.Movement, organisation="commitment__organisation", boroughs=["commitment__borough"]
        )
        access.register(m.Project, organisation="organisation", boroughs=["borough"])
        access.register(
            m.ProjectDocument, organisation="project__organisation", boroughs=["project__borough"]
        )
        access.register(
            m.ProjectEvent, organisation="project__organisation", boroughs=["project__borough"]
        )
