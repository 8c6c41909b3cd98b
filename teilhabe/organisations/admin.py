from django.contrib import admin

from teilhabe.organisations.models import CompetenceTeam, Membership, Organisation, Team


class TeamInline(admin.TabularInline):
    model = Team
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "borough", "parent", "is_active"]
    list_filter = ["kind", "borough", "is_active"]
    search_fields = ["name", "short_name", "key"]
    autocomplete_fields = ["parent"]
    filter_horizontal = ["districts"]
    inlines = [TeamInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role", "team", "starts_on", "ends_on"]
    list_filter = ["role", "organisation__kind"]
    search_fields = ["user__full_name", "user__email", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]


@admin.register(CompetenceTeam)
class CompetenceTeamAdmin(admin.ModelAdmin):
    list_display = ["name", "borough"]
    filter_horizontal = ["members"]
