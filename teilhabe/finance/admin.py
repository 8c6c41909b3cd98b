from django.contrib import admin

from teilhabe.finance.models import CouncilDecision, DecisionAmount, FundingSource, Position


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
