from django.shortcuts import render

from teilhabe.access import Action, grants, require
from teilhabe.dashboard.sections import sections_for


@require(Action.USE_APP)
def start(request):
    return render(
        request,
        "dashboard/start.html",
        {"sections": sections_for(request.user, grants(request.user))},
    )
