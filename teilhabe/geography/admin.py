from django.contrib import admin

from teilhabe.geography.models import Borough, District, Municipality


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "official_key", "state"]


@admin.register(Borough)
class BoroughAdmin(admin.ModelAdmin):
    list_display = ["number", "roman", "name", "municipality", "area_km2"]
    list_filter = ["municipality"]
    search_fields = ["name"]
    exclude = ["geometry"]


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["name", "borough", "number", "area_km2"]
    list_filter = ["borough"]
    search_fields = ["name"]
    exclude = ["geometry"]
