from django.contrib import admin

from teilhabe.finance.models import (
    ApplicationRound,
    BudgetLine,
    CouncilDecision,
    DecisionAmount,
    DecisionLetterTexts,
    FiscalYear,
    FundingSource,
    Occupancy,
    Position,
    StandardCost,
)


class OccupancyInline(admin.TabularInline):
    model = Occupancy
    extra = 0


class DecisionAmountInline(admin.TabularInline):
    model = DecisionAmount
    extra = 0


@admin.register(CouncilDecision)
class CouncilDecisionAdmin(admin.ModelAdmin):
    list_display = ["title", "body", "decided_on", "reference"]
    search_fields = ["title", "reference"]
    inlines = [DecisionAmountInline]


@admin.register(FundingSource)
class FundingSourceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind"]


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin):
    list_display = ["title", "function", "organisation", "borough", "fte", "pay_group"]
    list_filter = ["function", "organisation", "borough"]
    search_fields = ["title", "key"]
    inlines = [OccupancyInline]


# Editable master data. Money on lines and commitments changes only through the services
# (locks and running totals), so those fields are read-only here.


@admin.register(FiscalYear)
class FiscalYearAdmin(admin.ModelAdmin):
    list_display = ["year", "is_closed"]


@admin.register(StandardCost)
class StandardCostAdmin(admin.ModelAdmin):
    list_display = ["pay_group", "fiscal_year", "annual_cost"]
    list_filter = ["fiscal_year"]


@admin.register(ApplicationRound)
class ApplicationRoundAdmin(admin.ModelAdmin):
    list_display = ["name", "fiscal_year", "deadline"]


@admin.register(BudgetLine)
class BudgetLineAdmin(admin.ModelAdmin):
    list_display = ["name", "fiscal_year", "kind", "borough", "amount", "committed", "paid"]
    list_filter = ["fiscal_year", "kind"]
    readonly_fields = ["planned", "amount", "committed", "paid"]


@admin.register(DecisionLetterTexts)
class DecisionLetterTextsAdmin(admin.ModelAdmin):
    list_display = ["municipality", "authority", "signer_name"]
