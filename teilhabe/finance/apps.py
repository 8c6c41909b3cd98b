from django.apps import AppConfig


class FinanceConfig(AppConfig):
    name = "teilhabe.finance"
    label = "finance"
    verbose_name = "Finanzen und Stellen"

    def ready(self) -> None:
        from teilhabe import access
        from teilhabe.finance.models import CouncilDecision, DecisionAmount, FundingSource, Position

        access.register(CouncilDecision)
        access.register(DecisionAmount)
        access.register(FundingSource)
        access.register(Position, organisation="organisation", boroughs=["borough"])
