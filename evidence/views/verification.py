"""Verification (สอบทาน), the working group's area review, and the index definitions.

A household record goes draft → submitted → verified; a second member of the collecting
organisation verifies it (never the person who entered it: ``evidence.verify_household``) or
sends it back to draft with a note. Only verified records count in published statistics, so
every change of status asks the statistics to refresh. The working group reviews an area on
aggregates only — counts and rates with small cells suppressed, never a household row.
Index definitions are public data; an administrator writes a new MPI version.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import polars as pl
from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Max
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from areas.models import LINEAGE_LEVELS, Area
from areas.services import get_area_or_404
from audit.log import record
from audit.models import Action, AuditEvent
from evidence import indices, schema
from evidence.models import (
    MEMBER_ROLES,
    AreaReview,
    Household,
    HouseholdStatus,
    IndexDefinition,
)
from orgs.models import Organisation, TargetGroup
from portal.shortcuts import refuse

PAGE_SIZE = 25


class TransitionError(Exception):
    """The record is no longer in the state the person saw (someone else acted first)."""


# --- services --------------------------------------------------------------------------------

def refresh_statistics() -> None:
    """Ask E5's statistics to recompute in the background: a change of status changes what
    counts in published figures."""
    try:
        from evidence.statistics import refresh_later
    except ImportError:  # the statistics module is written in parallel; nothing to refresh yet
        return
    refresh_later()


def _move(household: Household, user: Any, from_statuses: list[str], to_status: str,
          **fields: Any) -> None:
    # A conditional UPDATE: two members acting on the same record cannot both win.
    moved = Household.objects.filter(pk=household.pk, status__in=from_statuses).update(
        status=to_status, updated_at=timezone.now(), **fields)
    if not moved:
        raise TransitionError(_("This record changed while you were looking at it: it is now "
                                "“%(status)s”.") % {"status": Household.objects.get(
                                    pk=household.pk).get_status_display()})
    for name, value in {"status": to_status, **fields}.items():
        setattr(household, name, value)


def submit(household: Household, user: Any) -> None:
    """draft → submitted: ready for a second member to verify."""
    with transaction.atomic():
        _move(household, user, [HouseholdStatus.DRAFT], HouseholdStatus.SUBMITTED)
        record(user, Action.CHANGE, object_type="household", object_label=household.pseudonym,
               organisation_id=household.organisation_id, detail={"status": "submitted"})


def verify(household: Household, user: Any, note: str = "") -> None:
    """submitted → verified by a second member; the record now counts in statistics."""
    if household.entered_by_id == user.pk:
        raise TransitionError(_("A second member must verify the record you entered."))
    with transaction.atomic():
        _move(household, user, [HouseholdStatus.SUBMITTED], HouseholdStatus.VERIFIED,
              verified_by=user, verified_at=timezone.now())
        record(user, Action.VERIFY, object_type="household", object_label=household.pseudonym,
               organisation_id=household.organisation_id, reason=note,
               detail={"status": "verified"})
        transaction.on_commit(refresh_statistics)


def send_back(household: Household, user: Any, note: str) -> None:
    """submitted or verified → draft, with a note the person who entered it reads."""
    was_verified = household.status == HouseholdStatus.VERIFIED
    with transaction.atomic():
        _move(household, user, [HouseholdStatus.SUBMITTED, HouseholdStatus.VERIFIED],
              HouseholdStatus.DRAFT, verified_by=None, verified_at=None)
        record(user, Action.CHANGE, object_type="household", object_label=household.pseudonym,
               organisation_id=household.organisation_id, reason=note,
               detail={"status": "draft", "returned": True})
        if was_verified:
            transaction.on_commit(refresh_statistics)


def return_notes(households: list[Household]) -> dict[str, str]:
    """The latest "sent back" note of each household, from the audit log."""
    labels = [h.pseudonym for h in households]
    notes: dict[str, str] = {}
    events = (AuditEvent.objects.filter(object_type="household", object_label__in=labels,
                                        action=Action.CHANGE, detail__returned=True)
              .order_by("at", "pk").values_list("object_label", "reason"))
    for label, reason in events:
        notes[label] = reason
    return notes


def household_link(household: Household) -> str:
    """The household's own page (with names, audited there), when that page exists."""
    try:
        return household.get_absolute_url()
    except NoReverseMatch:
        return ""


# --- suppression of the area review's tables --------------------------------------------------

def suppress_grid(cells: dict[tuple[Any, Any], int], rows: list[Any], columns: list[Any],
                   threshold: int, row_totals: bool = True) -> dict[tuple[Any, Any], int | None]:
    """Hide counts from 1 to threshold − 1 (primary). Then each row and column with its total
    is an equation: where exactly one of its numbers is hidden, that number can be worked out,
    so the smallest other non-zero number of the equation is hidden too (complementary), until
    no equation has a single unknown. Keys are (row, column); "total" names each margin, and
    ``row_totals=False`` is for tables whose columns overlap (only column totals add up)."""
    shown: dict[tuple[Any, Any], int | None] = {
        key: (None if 0 < value < threshold else value) for key, value in cells.items()}
    equations = [[*[(r, c) for r in rows], ("total", c)] for c in columns]
    if row_totals:
        equations += [[*[(r, c) for c in columns], (r, "total")] for r in [*rows, "total"]]
        equations += [[*[(r, "total") for r in rows], ("total", "total")]]
    changed = True
    while changed:
        changed = False
        for keys in equations:
            present = [k for k in keys if k in shown]
            if sum(1 for k in present if shown[k] is None) != 1:
                continue
            candidates = sorted((cells[k], k) for k in present if shown[k])
            if candidates:  # a lone hidden number in an equation of zeros is already zero
                shown[candidates[0][1]] = None
                changed = True
    return shown


# --- the queue -------------------------------------------------------------------------------

def member_organisations(user: Any) -> list[Organisation]:
    from accounts.predicates import organisation_ids_for

    ids = organisation_ids_for(user, MEMBER_ROLES)
    return list(Organisation.objects.filter(pk__in=ids).order_by("name_th"))


def queue_index(request: HttpRequest) -> HttpResponse:
    """The organisations whose queue this person works in (straight to it when only one)."""
    if not request.user.has_perm("evidence.collect"):
        return refuse(request)
    organisations = member_organisations(request.user)
    if len(organisations) == 1:
        return redirect("evidence:verification_queue", organisations[0].pk)
    waiting = dict(Household.objects.filter(
        organisation__in=organisations, status=HouseholdStatus.SUBMITTED)
        .values_list("organisation").annotate(n=Count("pk")))
    return render(request, "evidence/verification/index.html", {
        "organisations": [(o, waiting.get(o.pk, 0)) for o in organisations],
    })


def index_rows(households: list[Household], definitions: indices.Definitions) -> list[dict]:
    """Each household with its poor dimensions and flags, computed for the page at once."""
    if not households:
        return []
    frame = indices.compute(pl.DataFrame(
        [{name: getattr(h, name) for name in indices.FRAME_SCHEMA} for h in households],
        schema=indices.FRAME_SCHEMA), definitions)
    dims = list(definitions.tpmap.config["dimensions"])
    flags = definitions.flags.config["flags"]
    rows = []
    for household, values in zip(households, frame.iter_rows(named=True), strict=True):
        rows.append({
            "household": household,
            "dimensions": [indices.DIMENSION_LABEL.get(d, d) for d in dims
                           if values[f"poor_{d}"]],
            "flags": [indices.FLAG_LABEL[f] for f in flags if values[f"flag_{f}"]],
            "target_poor": values["target_poor"],
            "mpi_poor": values["mpi_poor"],
        })
    return rows


def queue(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=organisation_id)
    if not request.user.has_perm("evidence.collect_for", organisation):
        return refuse(request)
    definitions = indices.current_definitions()
    households = Household.objects.filter(organisation=organisation).select_related("area")
    waiting = households.filter(status=HouseholdStatus.SUBMITTED).order_by("created_at", "pk")
    page = Paginator(waiting, PAGE_SIZE).get_page(request.GET.get("page"))
    drafts = list(households.filter(status=HouseholdStatus.DRAFT)
                  .order_by("-updated_at", "-pk")[:PAGE_SIZE])
    notes = return_notes(drafts)
    counts = dict(households.values_list("status").annotate(n=Count("pk")))
    return render(request, "evidence/verification/queue.html", {
        "organisation": organisation,
        "page": page,
        "rows": index_rows(list(page.object_list), definitions),
        "drafts": [(h, notes.get(h.pseudonym, "")) for h in drafts],
        "counts": [(label, counts.get(value, 0)) for value, label in HouseholdStatus.choices],
        "definitions": definitions,
    })


# --- one record ------------------------------------------------------------------------------

class VerifyForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("Your decision"), widget=forms.RadioSelect,
        choices=[("verify", gettext_lazy("Verified: the record matches what the household "
                                         "told us")),
                 ("return", gettext_lazy("Send it back to draft for correction"))])
    note = forms.CharField(
        label=gettext_lazy("Note"), required=False, max_length=500, widget=forms.Textarea(
            attrs={"rows": 3}),
        help_text=gettext_lazy("Required when you send it back: say what to correct. Never "
                               "write a name or an ID number here."))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("decision") == "return" and not data.get("note", "").strip():
            self.add_error("note", _("Say what to correct when you send a record back."))
        return data


def household_or_404(request: HttpRequest, pseudonym: str) -> Household:
    household = get_object_or_404(
        Household.objects.select_related("area", "survey", "organisation"), pseudonym=pseudonym)
    if not request.user.has_perm("evidence.view_household", household):
        raise Http404(_("No such household record."))
    return household


def verify_page(request: HttpRequest, pseudonym: str) -> HttpResponse:
    household = household_or_404(request, pseudonym)
    if not request.user.has_perm("evidence.verify_household", household):
        return refuse(request)
    status = 200
    errors: list[str] = []
    if request.method == "POST":
        form = VerifyForm(request.POST)
        if form.is_valid():
            note = form.cleaned_data["note"].strip()
            try:
                if form.cleaned_data["decision"] == "verify":
                    verify(household, request.user, note)
                    messages.success(request, _("%(pseudonym)s is verified and now counts in "
                                                "the published statistics.")
                                     % {"pseudonym": household.pseudonym})
                else:
                    send_back(household, request.user, note)
                    messages.success(request, _("%(pseudonym)s is back in draft with your "
                                                "note.") % {"pseudonym": household.pseudonym})
            except TransitionError as refused:
                errors.append(str(refused))
            else:
                return redirect("evidence:verification_queue", household.organisation_id)
        status = 400
    else:
        form = VerifyForm()
        # Typed answers of a person's household are personal data even without names.
        record(request.user, Action.VIEW, object_type="household",
               object_label=household.pseudonym, organisation_id=household.organisation_id,
               reason="verification")
    members = household.members.order_by("position").values(
        "position", "sex", "age", "id_type", "disability", "chronic_illness", "bedridden",
        "has_carer", "welfare")
    welfare = dict(schema.WELFARE)
    id_types = dict(schema.ID_TYPES)
    return render(request, "evidence/verification/verify.html", {
        "household": household,
        "summary": indices.household_summary(household),
        "groups": [str(g) for g in TargetGroup.objects.filter(
            slug__in=[slug for slug, bit in schema.GROUPS if household.groups & bit])],
        "members": [{**m, "id_type": id_types.get(m["id_type"], m["id_type"]),
                     "welfare": [welfare[code] for code, bit in schema.WELFARE_BIT.items()
                                 if m["welfare"] & bit]} for m in members],
        "form": form, "errors": errors,
        "can_decide": household.status in (HouseholdStatus.SUBMITTED,
                                           HouseholdStatus.VERIFIED),
        "household_link": household_link(household),
    }, status=status)


@require_POST
def submit_page(request: HttpRequest, pseudonym: str) -> HttpResponse:
    household = household_or_404(request, pseudonym)
    if not request.user.has_perm("evidence.change_household", household):
        return refuse(request)
    try:
        submit(household, request.user)
    except TransitionError as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("%(pseudonym)s is submitted: a second member of your "
                                    "organisation will verify it.")
                         % {"pseudonym": household.pseudonym})
    return redirect("evidence:verification_queue", household.organisation_id)


# --- the working group's area review -------------------------------------------------------

class AreaReviewForm(forms.ModelForm):
    class Meta:
        model = AreaReview
        fields = ["outcome", "note"]
        widgets = {"outcome": forms.RadioSelect, "note": forms.Textarea(attrs={"rows": 3})}
        labels = {"outcome": gettext_lazy("Your review")}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("outcome") == AreaReview.Outcome.QUESTIONED and not data.get("note"):
            self.add_error("note", _("Write the questions for the collecting organisations."))
        return data


def child_level(area: Area) -> str | None:
    """The lineage column one level below ``area`` (districts of a province, …)."""
    levels = ["nation", *LINEAGE_LEVELS]
    if area.level not in levels or area.level == LINEAGE_LEVELS[-1]:
        return None
    return levels[levels.index(area.level) + 1]


def area_review(request: HttpRequest, code: str) -> HttpResponse:
    area = get_area_or_404(code)
    if not request.user.has_perm("evidence.review_area", area):
        return refuse(request)
    status = 200
    if request.method == "POST":
        form = AreaReviewForm(request.POST)
        if form.is_valid():
            review = form.save(commit=False)
            review.area, review.reviewed_by = area, request.user
            review.save()
            messages.success(request, _("Your review of %(area)s is recorded.")
                             % {"area": area.name})
            return redirect("evidence:area_review", area.code)
        status = 400
    else:
        form = AreaReviewForm()
    context = {"area": area, "form": form, **area_aggregates(area),
               "reviews": AreaReview.objects.filter(area=area).select_related(
                   "reviewed_by")[:20]}
    return render(request, "evidence/verification/area_review.html", context, status=status)


def area_aggregates(area: Area) -> dict[str, Any]:
    """Counts by status and part of the area, and indicator rates of verified records, with
    small cells suppressed. Never a household row."""
    threshold = settings.EVIDENCE_SUPPRESSION_THRESHOLD
    households = Household.objects.filter(area.subtree_q("area__"), consent_given=True,
                                          consent_withdrawn_at__isnull=True)
    level = child_level(area)
    part = f"area__{level}" if level else "area"
    statuses = [value for value, _label in HouseholdStatus.choices]
    cells: dict[tuple[Any, Any], int] = {}
    for child_id, status, n in households.values_list(part, "status").annotate(n=Count("pk")):
        cells[(child_id, status)] = n
    children = sorted({k[0] for k in cells}, key=lambda pk: (pk is None, pk or 0))
    for child in children:
        cells[(child, "total")] = sum(cells.get((child, s), 0) for s in statuses)
    for s in [*statuses, "total"]:
        cells[("total", s)] = sum(cells.get((c, s), 0) for c in children)
    shown = suppress_grid(cells, children, statuses, threshold)
    names = {a.pk: a.name for a in Area.objects.filter(pk__in=[c for c in children if c])}

    def share(row: Any) -> float | None:
        total, verified = shown.get((row, "total")), shown.get((row, HouseholdStatus.VERIFIED))
        return None if not total or verified is None else 100 * verified / total

    status_rows = [{"name": names.get(c) or _("Elsewhere in the area"),
                    "cells": [shown.get((c, s)) for s in statuses],
                    "total": shown.get((c, "total")), "share": share(c)} for c in children]
    status_total = {"cells": [shown.get(("total", s)) for s in statuses],
                    "total": shown.get(("total", "total")), "share": share("total")}

    definitions = indices.current_definitions()
    frame = indices.compute(indices.frame_from_queryset(
        households.published(), extra={part: pl.Int64()}), definitions).rename({part: "part"})
    rate_cols = indices.rate_columns(definitions)
    columns = rate_cols
    rate_cells: dict[tuple[Any, Any], int] = {}
    for row in indices.counts(frame, definitions, by=["part"]).iter_rows(named=True):
        rate_cells.update({(row["part"], col): row[col] for col in columns})
    for col, value in indices.counts(frame, definitions).row(0, named=True).items():
        rate_cells[("total", col)] = value
    rate_children = [c for c in children if (c, rate_cols[0]) in rate_cells]
    # Indicators overlap (a household can be poor in two dimensions): only the column totals
    # are sums of their cells.
    rate_shown = suppress_grid(rate_cells, rate_children, columns, threshold,
                                row_totals=False)

    def rates(row: Any) -> list[dict[str, Any]]:
        # The denominator is the verified count of the status table, suppressed there: one
        # figure, one suppression, so neither table can undo the other's.
        n = shown.get((row, HouseholdStatus.VERIFIED))
        out = []
        for col in rate_cols:
            count = rate_shown.get((row, col))
            out.append({"count": count,
                        "percent": None if count is None or not n else 100 * count / n})
        return out

    labels = rate_labels(definitions)
    return {
        "statuses": [label for _value, label in HouseholdStatus.choices],
        "status_rows": status_rows, "status_total": status_total,
        "rate_labels": [labels[c] for c in rate_cols],
        "rate_rows": [{"name": names.get(c) or _("Elsewhere in the area"),
                       "households": shown.get((c, HouseholdStatus.VERIFIED)),
                       "rates": rates(c)} for c in rate_children],
        "rate_total": {"households": shown.get(("total", HouseholdStatus.VERIFIED)),
                       "rates": rates("total")},
        "threshold": threshold,
        "definitions": definitions,
        "child_level": level,
    }


def rate_labels(definitions: indices.Definitions) -> dict[str, Any]:
    labels: dict[str, Any] = {
        f"poor_{d}": _("Poor in %(dimension)s") % {"dimension": indices.DIMENSION_LABEL.get(d, d)}
        for d in definitions.tpmap.config["dimensions"]}
    labels.update({
        "poor_any": _("Poor in at least one dimension"),
        "target_poor": _("Target poor (TPMAP)"),
        "mpi_poor": _("Multidimensionally poor (MPI)"),
        **{f"flag_{f}": indices.FLAG_LABEL[f] for f in definitions.flags.config["flags"]},
    })
    return labels


# --- index definitions -----------------------------------------------------------------------

def index_list(request: HttpRequest) -> HttpResponse:
    rows = IndexDefinition.objects.order_by("kind", "-version")
    return render(request, "evidence/verification/indices.html", {
        "definitions": rows,
        "can_define": request.user.has_perm("evidence.define_index"),
    })


def index_detail(request: HttpRequest, kind: str, version: int) -> HttpResponse:
    definition = get_object_or_404(IndexDefinition, kind=kind, version=version)
    config = indices.in_canonical_order(definition.config)
    context: dict[str, Any] = {"definition": definition, "sources": config.get("sources", [])}
    if kind == IndexDefinition.Kind.TPMAP:
        context["dimensions"] = [
            {"label": indices.DIMENSION_LABEL.get(d, d),
             "indicators": [schema.INDICATOR_BY_CODE[c] for c in codes]}
            for d, codes in config.get("dimensions", {}).items()]
    elif kind == IndexDefinition.Kind.MPI:
        context["weights"] = [{"indicator": schema.INDICATOR_BY_CODE[c], "weight": w}
                              for c, w in config.get("indicators", {}).items()]
        context["k"] = config.get("k")
    else:
        context["flags"] = [indices.FLAG_LABEL.get(f, f) for f in config.get("flags", [])]
    context["can_define"] = request.user.has_perm("evidence.define_index")
    return render(request, "evidence/verification/index_detail.html", context)


def parse_fraction(value: str) -> Fraction:
    try:
        number = Fraction(value.strip().replace(",", "."))
    except (ValueError, ZeroDivisionError) as error:
        raise forms.ValidationError(
            _("Write a number such as 0.05 or a fraction such as 1/15.")) from error
    if not 0 <= number <= 1:
        raise forms.ValidationError(_("Write a number from 0 to 1."))
    return number


class MpiForm(forms.Form):
    name_th = forms.CharField(label=gettext_lazy("Name (Thai)"), max_length=255)
    name_en = forms.CharField(label=gettext_lazy("Name (English)"), max_length=255,
                              required=False)
    description_th = forms.CharField(label=gettext_lazy("What changed and why (Thai)"),
                                     widget=forms.Textarea(attrs={"rows": 3}), required=False)
    description_en = forms.CharField(label=gettext_lazy("What changed and why (English)"),
                                     widget=forms.Textarea(attrs={"rows": 3}), required=False)
    k = forms.CharField(label=gettext_lazy("Poverty cutoff k"), max_length=20,
                        help_text=gettext_lazy("A household is poor when its weighted "
                                               "deprivation score reaches k, e.g. 1/3."))

    def __init__(self, *args: Any, current: dict[str, Any] | None = None,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        weights = (current or {}).get("indicators", {})
        for indicator in schema.TPMAP_INDICATORS:
            self.fields[f"w_{indicator.code}"] = forms.CharField(
                label=f"{indicator.code}: {indicator.label}", max_length=20,
                initial=_fraction_text(weights.get(indicator.code, 0)))
        if current and "k" in current:
            self.fields["k"].initial = _fraction_text(current["k"])

    def weight_fields(self) -> list[forms.BoundField]:
        return [self[f"w_{i.code}"] for i in schema.TPMAP_INDICATORS]

    def clean_k(self) -> Fraction:
        k = parse_fraction(self.cleaned_data["k"])
        if k == 0:
            raise forms.ValidationError(_("The poverty cutoff k must be more than 0."))
        return k

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        weights: dict[str, Fraction] = {}
        for indicator in schema.TPMAP_INDICATORS:
            name = f"w_{indicator.code}"
            if name not in data:
                continue
            try:
                weights[indicator.code] = parse_fraction(data[name])
            except forms.ValidationError as error:
                self.add_error(name, error)
        if len(weights) == len(schema.TPMAP_INDICATORS):
            total = sum(weights.values())
            if total != 1:
                self.add_error(None, _("The weights must add up to exactly 1; they add up to "
                                       "%(total)s.") % {"total": f"{float(total):.4f}"})
        data["weights"] = {code: w for code, w in weights.items() if w}
        return data

    def config(self) -> dict[str, Any]:
        return {"indicators": {c: float(w) for c, w in self.cleaned_data["weights"].items()},
                "k": float(self.cleaned_data["k"])}


def _fraction_text(value: float) -> str:
    fraction = Fraction(value).limit_denominator(1000)
    return str(fraction) if fraction.denominator != 1 or fraction else "0"


def new_mpi_version(user: Any, form: MpiForm) -> IndexDefinition:
    """A new current MPI version; the previous rows stay so old figures stay explained."""
    config = form.config()
    errors = indices.mpi_config_errors(config)
    if errors:
        raise forms.ValidationError(errors)
    with transaction.atomic():
        rows = IndexDefinition.objects.select_for_update().filter(kind="mpi")
        version = (rows.aggregate(v=Max("version"))["v"] or 0) + 1
        rows.update(is_current=False)
        return IndexDefinition.objects.create(
            kind="mpi", version=version, config=config, is_current=True, created_by=user,
            **{f: form.cleaned_data[f] for f in ("name_th", "name_en", "description_th",
                                                 "description_en")})


def new_mpi(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("evidence.define_index"):
        return refuse(request)
    current = indices.current_definitions().mpi.config
    status = 200
    if request.method == "POST":
        form = MpiForm(request.POST, current=current)
        if form.is_valid():
            try:
                definition = new_mpi_version(request.user, form)
            except forms.ValidationError as error:
                form.add_error(None, error)
            else:
                transaction.on_commit(refresh_statistics)
                messages.success(request, _("MPI version %(version)s is now current. Figures "
                                            "computed from now on name it.")
                                 % {"version": definition.version})
                return redirect(reverse("evidence:index", args=["mpi", definition.version]))
        status = 400
    else:
        form = MpiForm(current=current)
    return render(request, "evidence/verification/new_mpi.html", {"form": form},
                  status=status)


urlpatterns = [
    path("verification/", queue_index, name="verification"),
    path("verification/organisation/<int:organisation_id>/", queue,
         name="verification_queue"),
    path("verification/household/<str:pseudonym>/", verify_page, name="verify"),
    path("verification/household/<str:pseudonym>/submit/", submit_page,
         name="submit_household"),
    path("review/<str:code>/", area_review, name="area_review"),
    path("indices/", index_list, name="indices"),
    path("indices/mpi/new/", new_mpi, name="new_mpi"),
    path("indices/<str:kind>-<int:version>/", index_detail, name="index"),
]
