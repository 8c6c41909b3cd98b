from django.urls import path

from teilhabe.api.controlling import views

app_name = "controlling"

urlpatterns = [
    path("budget-lines/", views.BudgetLineList.as_view(), name="budget-lines"),
    path("budget-lines/summary/", views.BudgetSummary.as_view(), name="budget-summary"),
    path("budget-lines/<uuid:id>/", views.BudgetLineDetail.as_view(), name="budget-line"),
    path("commitments/", views.CommitmentList.as_view(), name="commitments"),
    path("commitments/summary/", views.CommitmentSummary.as_view(), name="commitment-summary"),
    path("commitments/<uuid:id>/", views.CommitmentDetail.as_view(), name="commitment"),
    path("payments/", views.PaymentList.as_view(), name="payments"),
    path("positions/", views.PositionList.as_view(), name="positions"),
    path("positions/summary/", views.PositionSummary.as_view(), name="position-summary"),
    path("projects/", views.ProjectList.as_view(), name="projects"),
    path("projects/<uuid:id>/", views.ProjectDetail.as_view(), name="project"),
    path("indicators/<str:topic>/", views.IndicatorPage.as_view(), name="indicators"),
]
