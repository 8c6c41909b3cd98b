from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from teilhabe.access import Action, can, get_for_user, organisations_where, require, visible
from teilhabe.core.downloads import download
from teilhabe.core.forms import add_service_error
from teilhabe.finance import exports, selectors, services
from teilhabe.finance.forms import (
    BudgetChangeForm,
    CommitmentForm,
    DateForm,
    DecisionForm,
    DocumentForm,
    MovementForm,
    OccupancyEndForm,
    OccupancyForm,
    PaymentForm,
    ProjectForm,
    ReportForm,
    YearFilterForm,
)
from teilhabe.finance.models import (
    BudgetLine,
    Commitment,
    Occupancy,
    Position,
    Project,
    ProjectDocument,
    ProjectStatus,
)
from teilhabe.organisations.models import Organisation
from teilhabe.steering.money import position_totals


def _apply(form, call):
    """Run a service; its ValidationError becomes form errors. True when it succeeded."""
    try:
        call()
    except ValidationError as exc:
        add_service_error(form, exc)
        return False
    return True


def _year(request):
    years = selectors.fiscal_years()
    form = YearFilterForm(request.GET or None, years=years)
    chosen = form.cleaned_data.get("year") if form.is_valid() else None
    year = next((y for y in years if y.year == chosen), None)
    return form, year


@require(Action.VIEW_FINANCE)
def overview(request):
    form, year = _year(request)
    lines = selectors.budget_lines_for(request.user, year=year)
    commitments = selectors.commitments_for(request.user, year=year)
    decisions = list(selectors.council_decisions_for(request.user).prefetch_related(
        "amounts__budget_changes"
    ))  # fmt: skip
    return render(
        request,
        "finance/overview.html",
        {
            "form": form,
            "year": year,
            "lines": list(lines),
            "total": selectors.budget_total(lines),
            "by_borough": selectors.budget_by_borough(lines),
            "by_source": selectors.budget_by_source(lines),
            "by_organisation": selectors.commitments_by_organisation(commitments),
            "by_month": selectors.money_by_month(commitments),
            "coverage": [(d, selectors.decision_coverage(d)) for d in decisions],
            "query": request.GET.urlencode(),
        },
    )


@require(Action.VIEW_FINANCE)
def line_detail(request, code):
    line = get_for_user(
        request.user,
        BudgetLine.objects.select_related("fiscal_year", "funding_source", "borough").defer(
            *selectors.NO_SHAPES
        ),
        action=Action.VIEW_FINANCE,
        code=code,
    )
    form = change_form = None
    if can(request.user, Action.MANAGE_FINANCE, line):
        which = request.POST.get("form") if request.method == "POST" else None
        form = CommitmentForm(request.POST if which == "commit" else None, prefix="commit")
        change_form = BudgetChangeForm(request.POST if which == "change" else None, prefix="change")
        result = {}
        if which == "commit" and form.is_valid():
            d = form.cleaned_data
            if _apply(
                form,
                lambda: result.setdefault(
                    "c",
                    services.commitment_create(
                        user=request.user,
                        line=line,
                        organisation=d["organisation"],
                        amount=d["amount"],
                        committed_on=d["committed_on"],
                        purpose=d["purpose"],
                    ),
                ),
            ):
                messages.success(request, _("The commitment was saved."))
                return redirect("finance:commitment", code=result["c"].code)
        elif which == "change" and change_form.is_valid():
            d = change_form.cleaned_data
            if _apply(
                change_form,
                lambda: services.budget_change_add(
                    user=request.user,
                    line=line,
                    amount=d["amount"],
                    changed_on=d["changed_on"],
                    kind=d["kind"],
                    decision_amount=d["decision_amount"],
                    note=d["note"],
                ),
            ):
                messages.success(request, _("The budget change was saved."))
                return redirect("finance:line", code=line.code)
        elif which not in (None, "commit", "change"):
            raise PermissionDenied
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "finance/line_detail.html",
        {
            "line": line,
            "changes": list(
                line.changes.select_related("decision_amount__decision").order_by("changed_on")
            ),
            "commitments": list(
                selectors.commitments_for(request.user).filter(line=line).order_by("committed_on")
            ),
            "form": form,
            "change_form": change_form,
        },
        status=400 if (form and form.errors) or (change_form and change_form.errors) else 200,
    )


@require(Action.VIEW_GRANTS)
def commitment_detail(request, code):
    commitment = get_for_user(
        request.user,
        Commitment.objects.select_related(
            "line__fiscal_year", "organisation", "borough", "position"
        ).defer(*selectors.NO_SHAPES),
        action=Action.VIEW_GRANTS,
        code=code,
    )
    form = None
    if can(request.user, Action.MANAGE_FINANCE, commitment.line):
        form = MovementForm(request.POST or None)
        if (
            request.method == "POST"
            and form.is_valid()
            and _apply(
                form,
                lambda: services.movement_book(
                    user=request.user, commitment=commitment, **form.cleaned_data
                ),
            )
        ):
            messages.success(request, _("The booking was saved."))
            return redirect("finance:commitment", code=commitment.code)
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "finance/commitment_detail.html",
        {
            "commitment": commitment,
            "project": Project.objects.filter(commitment=commitment).first(),
            "position": commitment.position
            if commitment.position_id and can(request.user, Action.VIEW_POSITIONS)
            else None,
            "movements": list(commitment.movements.select_related("created_by")),
            "form": form,
            "may_see_line": can(request.user, Action.VIEW_FINANCE, commitment.line),
        },
        status=400 if form is not None and form.errors else 200,
    )


@require(Action.VIEW_POSITIONS)
def positions(request):
    qs = selectors.positions_for(request.user)
    rows = selectors.position_plan(qs)
    return render(
        request,
        "finance/positions.html",
        {
            "rows": rows,
            "totals": position_totals(qs),
            "vacant": sum(1 for r in rows if r.holder is None),
            "by_borough": selectors.position_groups(rows, by="borough"),
            "by_organisation": selectors.position_groups(rows, by="organisation"),
        },
    )


@require(Action.VIEW_POSITIONS)
def position_detail(request, code):
    position = get_for_user(
        request.user,
        Position.objects.select_related("organisation", "borough", "budget_line", "decision").defer(
            *selectors.NO_SHAPES
        ),
        action=Action.VIEW_POSITIONS,
        code=code,
    )
    form = None
    if can(request.user, Action.MANAGE_FINANCE):
        form = OccupancyForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            d = form.cleaned_data
            if _apply(
                form, lambda: services.occupancy_add(user=request.user, position=position, **d)
            ):
                messages.success(request, _("The occupancy was saved."))
                return redirect("finance:position", code=position.code)
    elif request.method == "POST":
        raise PermissionDenied
    return _position_page(request, position, form=form)


def _position_page(request, position, *, form=None, end_form=None, status=None):
    row = selectors.position_plan(Position.objects.filter(pk=position.pk))[0]
    occupancies = list(position.occupancies.order_by("starts_on"))
    current = next((o for o in occupancies if o.ends_on is None), None)
    if end_form is None and current is not None and can(request.user, Action.MANAGE_FINANCE):
        end_form = OccupancyEndForm(prefix="end")
    errors = (form is not None and form.errors) or (end_form is not None and end_form.errors)
    return render(
        request,
        "finance/position_detail.html",
        {
            "position": position,
            "row": row,
            "occupancies": occupancies,
            "current": current,
            "commitments": list(
                visible(request.user, Action.VIEW_GRANTS, Commitment)
                .filter(position=position)
                .select_related("line", "organisation")
            ),
            "form": form,
            "end_form": end_form,
        },
        status=status or (400 if errors else 200),
    )


@require(Action.MANAGE_FINANCE, methods=("POST",))
def occupancy_end(request, code):
    occupancy = get_for_user(
        request.user,
        Occupancy.objects.select_related("position"),
        action=Action.MANAGE_FINANCE,
        see=Action.VIEW_POSITIONS,
        code=code,
    )
    form = OccupancyEndForm(request.POST, prefix="end")
    if form.is_valid() and _apply(
        form,
        lambda: services.occupancy_end(
            user=request.user, occupancy=occupancy, ends_on=form.cleaned_data["ends_on"]
        ),
    ):
        messages.success(request, _("The occupancy has ended; its standard costs were adjusted."))
        return redirect("finance:position", code=occupancy.position.code)
    position = Position.objects.select_related(
        "organisation", "borough", "budget_line", "decision"
    ).get(pk=occupancy.position_id)
    return _position_page(request, position, end_form=form, status=400)


@require(Action.VIEW_GRANTS)
def projects(request):
    return render(
        request,
        "finance/projects.html",
        {
            "projects": list(selectors.projects_for(request.user)),
            "may_apply": can(request.user, Action.APPLY_PROJECTS),
            "may_finance": can(request.user, Action.VIEW_FINANCE),
        },
    )


def _applicant_organisation(user):
    ids = organisations_where(user, Action.APPLY_PROJECTS)
    return Organisation.objects.filter(pk__in=ids).order_by("name").first()


@require(Action.APPLY_PROJECTS)
def project_apply(request):
    organisation = _applicant_organisation(request.user)
    form = ProjectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        result = {}
        if _apply(
            form,
            lambda: result.setdefault(
                "p", services.project_apply(user=request.user, organisation=organisation, **d)
            ),
        ):
            messages.success(request, _("The application was submitted."))
            return redirect("finance:project", code=result["p"].code)
    return render(
        request,
        "finance/project_apply.html",
        {"form": form, "organisation": organisation},
        status=400 if form.errors else 200,
    )


# Which step a form on the project page performs: (form class, action, statuses, service call).
def _step_decide(project, d, user):
    services.project_decide(
        user=user,
        project=project,
        approved_amount=d["approved_amount"] if d["outcome"] == "approve" else None,
        reason=d["reason"],
        decided_on=d["decided_on"],
    )


def _step_commit(project, d, user):
    services.project_commit(user=user, project=project, committed_on=d["day"])


def _step_pay(project, d, user):
    services.project_pay(user=user, project=project, amount=d["amount"], booked_on=d["booked_on"])


def _step_report(project, d, user):
    services.project_report(user=user, project=project, **d)


def _step_close(project, d, user):
    services.project_close(user=user, project=project, closed_on=d["day"])


def _step_document(project, d, user):
    f = d["file"]
    services.project_document_add(
        user=user, project=project, title=d["title"], filename=f.name, content=f.read()
    )


STEPS = {
    "decide": (DecisionForm, Action.DECIDE_PROJECTS, {ProjectStatus.SUBMITTED}, _step_decide),
    "commit": (DateForm, Action.MANAGE_FINANCE, {ProjectStatus.APPROVED}, _step_commit),
    "pay": (
        PaymentForm,
        Action.MANAGE_FINANCE,
        {ProjectStatus.COMMITTED, ProjectStatus.REPORTED},
        _step_pay,
    ),
    "report": (ReportForm, Action.APPLY_PROJECTS, {ProjectStatus.COMMITTED}, _step_report),
    "close": (DateForm, Action.DECIDE_PROJECTS, {ProjectStatus.REPORTED}, _step_close),
    "document": (DocumentForm, Action.APPLY_PROJECTS, set(ProjectStatus.values), _step_document),
}


def _may(user, action, project):
    if action == Action.MANAGE_FINANCE:
        return can(user, action)
    return can(user, action, project)


@require(Action.VIEW_GRANTS)
def project_detail(request, code):
    project = get_for_user(
        request.user,
        Project.objects.select_related(
            "organisation", "borough", "round__fiscal_year", "commitment"
        ).defer(*selectors.NO_SHAPES),
        action=Action.VIEW_GRANTS,
        code=code,
    )
    if request.method == "POST" and request.POST.get("step") not in STEPS:
        raise PermissionDenied
    forms = {}
    for name, (form_class, action, statuses, _call) in STEPS.items():
        if project.status in statuses and _may(request.user, action, project):
            posted = request.method == "POST" and request.POST.get("step") == name
            forms[name] = form_class(
                request.POST if posted else None,
                request.FILES if posted else None,
                prefix=name,
                project=project,
            )
    if request.method == "POST":
        name = request.POST["step"]
        if name not in forms:
            raise PermissionDenied
        form = forms[name]
        call = STEPS[name][3]
        if form.is_valid() and _apply(form, lambda: call(project, form.cleaned_data, request.user)):
            messages.success(request, _("The step was saved."))
            return redirect("finance:project", code=project.code)
    failed = any(f.errors for f in forms.values())
    return render(
        request,
        "finance/project_detail.html",
        {
            "project": project,
            "districts": list(project.districts.order_by("name")),
            "events": list(project.events.select_related("by")),
            "documents": list(project.documents.defer("content").select_related("uploaded_by")),
            "movements": list(project.commitment.movements.all()) if project.commitment else [],
            "forms": forms,
            "may_see_commitment": project.commitment is not None,
        },
        status=400 if failed else 200,
    )


@require(Action.VIEW_GRANTS)
def project_letter(request, code):
    project = get_for_user(
        request.user,
        Project.objects.select_related(
            "organisation", "borough", "round__fiscal_year", "commitment"
        ).defer(*selectors.NO_SHAPES),
        action=Action.VIEW_GRANTS,
        code=code,
    )
    missing = exports.letter_missing(project)
    if missing:
        messages.error(request, missing)
        return redirect("finance:project", code=project.code)
    return download(
        exports.decision_letter(project),
        filename=f"bescheid-{project.code}.pdf",
        content_type="application/pdf",
        inline=True,
    )


@require(Action.VIEW_GRANTS)
def document_download(request, code):
    document = get_for_user(
        request.user,
        ProjectDocument.objects.select_related("project"),
        action=Action.VIEW_GRANTS,
        code=code,
    )
    return download(
        bytes(document.content), filename=document.filename, content_type=document.content_type
    )


@require(Action.VIEW_FINANCE)
def export_xlsx(request):
    _form, year = _year(request)
    data = exports.workbook(request.user, year=year)
    return download(
        data,
        filename=f"teilhabe-finanzen-{year.year if year else 'alle'}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
