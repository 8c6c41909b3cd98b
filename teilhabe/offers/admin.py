"""Master data of the offers directory for the role admin: the category taxonomy (editable
data) and, for corrections, offers and locations. Providers edit their offers in the app."""

from django.contrib import admin

from teilhabe.offers.models import Category, Location, Offer


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "key", "parent", "position"]
    list_editable = ["position"]
    search_fields = ["name", "key"]


@admin.register(Location)
class LocationAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "district", "is_standard_system", "kind"]
    list_filter = ["is_standard_system", "kind", "district__borough"]
    search_fields = ["name", "street"]
    readonly_fields = ["district", "latitude", "longitude"]  # placed via the app's service
    list_select_related = ["organisation", "district"]


@admin.register(Offer)
class OfferAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "category", "status", "last_reviewed"]
    list_filter = ["status", "category"]
    search_fields = ["title"]
    autocomplete_fields = ["locations"]
    list_select_related = ["organisation", "category"]
