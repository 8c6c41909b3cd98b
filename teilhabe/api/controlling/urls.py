from django.urls import path

from teilhabe.api.controlling import views

app_name = "controlling"

urlpatterns = [
    path("budget-lines/", views.BudgetLineList.as_view(), name="budget-lines"),
    path("budget-lines/summary/", views.BudgetSummary.as_view(), name="budget-summary"),
    path("budget-lines/<uuid:id>/", views.BudgetLineDetail.as_view(), name="budget-line"),
]
