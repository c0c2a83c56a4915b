"""Pages of joint funding: totals per funder and area, grants, pilot funds, pledge campaigns.

Public: totals, grants, pilot funds with their payments and reports, campaigns with pledged and
confirmed totals and the names donors chose to show. Only the campaign organisation's
coordinator sees pledges one by one with donors' e-mails (and that view is audited). A donor's
own pledge page is reached by its unguessable reference.
"""

from __future__ import annotations

from io import BytesIO

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Sum
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from areas.models import Area
from audit.log import record
from funding import promptpay, services
from funding.exports import grants_workbook
from funding.forms import (
    CampaignForm,
    DisbursementForm,
    GrantForm,
    PilotFundForm,
    PledgeForm,
    PledgeStatusForm,
    ReportForm,
)
from funding.models import (
    COUNTED,
    ZERO,
    Campaign,
    Funder,
    Grant,
    PilotFund,
    PilotReport,
    Pledge,
    PledgeStatus,
)
from portal.shortcuts import refuse

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _fiscal_year(request: HttpRequest) -> int | None:
    value = request.GET.get("fiscal_year", "").strip()
    return int(value) if value.isdigit() and 2400 < int(value) < 2800 else None


def _area(request: HttpRequest) -> Area:
    code = request.GET.get("area", "").strip() or "TH"
    area = Area.objects.filter(code=code).first()
    if area is None:
        raise Http404(_("No such area."))
    return area


def index(request: HttpRequest) -> HttpResponse:
    area, fiscal_year = _area(request), _fiscal_year(request)
    funders = services.funder_totals(area, fiscal_year)
    by_area = services.area_totals(area, fiscal_year)
    grants_total, plan_total = services.grand_total(funders)
    campaigns = list(services.open_campaigns().select_related("organisation")[:10])
    campaign_progress = services.progress_for([c.pk for c in campaigns])
    years = sorted(set(Grant.objects.values_list("fiscal_year", flat=True).distinct()),
                   reverse=True)
    return render(request, "funding/index.html", {
        "area": area, "fiscal_year": fiscal_year, "years": years,
        "funders": funders, "by_area": by_area,
        "grants_total": grants_total, "plan_total": plan_total,
        "total": grants_total + plan_total,
        "grants": services.counted_grants(area, fiscal_year)
        .select_related("funder", "organisation", "area")[:20],
        "pilot_funds": PilotFund.objects.filter(area.subtree_q("area__"))
        .select_related("organisation", "area")[:20],
        "campaigns": [(c, campaign_progress[c.pk]) for c in campaigns],
        "can_add_grant": request.user.has_perm("funding.add_grant"),
        "can_add_pilot": request.user.has_perm("funding.add_pilotfund"),
        "can_add_campaign": request.user.has_perm("funding.add_campaign"),
    })


# --- funders and grants ----------------------------------------------------------------------

def funder(request: HttpRequest, slug: str) -> HttpResponse:
    found = get_object_or_404(Funder, slug=slug)
    grants = (found.grants.select_related("organisation", "area", "plan_item", "proposal")
              .order_by("-fiscal_year", "pk"))
    per_year = (found.grants.filter(status__in=COUNTED).values("fiscal_year")
                .annotate(total=Sum("amount"), count=Count("pk")).order_by("-fiscal_year"))
    return render(request, "funding/funder.html", {
        "funder": found, "grants": grants, "per_year": per_year,
        "total": sum((row["total"] for row in per_year), ZERO),
    })


def funder_export(request: HttpRequest, slug: str) -> HttpResponse:
    """The funder's grants as a spreadsheet (public data: no personal data in grants)."""
    found = get_object_or_404(Funder, slug=slug)
    buffer = BytesIO()
    grants_workbook(found).save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="grants-{found.slug}.xlsx"'
    return response


def grant(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(Grant.objects.select_related(
        "funder", "organisation", "area", "plan_item", "proposal", "planning_funding"), pk=pk)
    return render(request, "funding/grant.html", {
        "grant": found, "can_change": request.user.has_perm("funding.change_grant", found),
        "pilot_funds": found.pilot_funds.all(),
    })


def _grant_form(request: HttpRequest, instance: Grant | None) -> HttpResponse:
    form = GrantForm(request.POST or None, instance=instance, user=request.user)
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        if instance is None:
            saved.created_by = request.user
        saved.save()
        messages.success(request, _("The grant is saved."))
        return redirect(saved)
    title = _("Record a grant") if instance is None else _("Change the grant")
    # An area outside the person's role is a refusal (403), said on the form.
    status = 403 if form.area_refused else 400 if form.errors else 200
    return render(request, "funding/form.html", {
        "form": form, "title": title, "cancel": instance.get_absolute_url() if instance
        else "/funding/"}, status=status)


def grant_add(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("funding.add_grant"):
        return refuse(request)
    return _grant_form(request, None)


def grant_edit(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(Grant, pk=pk)
    if not request.user.has_perm("funding.change_grant", found):
        return refuse(request)
    return _grant_form(request, found)


# --- pilot funds -----------------------------------------------------------------------------

def pilot(request: HttpRequest, pk: int) -> HttpResponse:
    fund = get_object_or_404(PilotFund.objects.select_related("organisation", "area",
                                                              "plan_item"), pk=pk)
    disbursed = fund.disbursed()
    return render(request, "funding/pilot.html", {
        "fund": fund, "disbursed": disbursed, "balance": fund.budget - disbursed,
        "spent_percent": int(disbursed * 100 / fund.budget) if fund.budget else 0,
        "disbursements": fund.disbursements.all(),
        "reports": fund.reports.all(),
        "grants": fund.grants.select_related("funder"),
        "can_manage": request.user.has_perm("funding.manage_pilotfund", fund),
    })


def _pilot_form(request: HttpRequest, instance: PilotFund | None) -> HttpResponse:
    form = PilotFundForm(request.POST or None, instance=instance, user=request.user)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            fund = form.save(commit=False)
            if instance is None:
                fund.created_by = request.user
            fund.save()
            form.save_m2m()
        messages.success(request, _("The pilot fund is saved."))
        return redirect(fund)
    title = _("Start a community pilot fund") if instance is None else _("Change the fund")
    return render(request, "funding/form.html", {
        "form": form, "title": title,
        "cancel": instance.get_absolute_url() if instance else "/funding/"},
        status=400 if form.errors else 200)


def pilot_add(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("funding.add_pilotfund"):
        return refuse(request)
    return _pilot_form(request, None)


def pilot_edit(request: HttpRequest, pk: int) -> HttpResponse:
    fund = get_object_or_404(PilotFund, pk=pk)
    if not request.user.has_perm("funding.manage_pilotfund", fund):
        return refuse(request)
    return _pilot_form(request, fund)


def disburse(request: HttpRequest, pk: int) -> HttpResponse:
    fund = get_object_or_404(PilotFund, pk=pk)
    if not request.user.has_perm("funding.manage_pilotfund", fund):
        return refuse(request)
    form = DisbursementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.disburse(fund, request.user, **form.cleaned_data)
        except ValidationError as error:
            for name, problems in error.message_dict.items():
                form.add_error(name if name in form.fields else None, problems)
        else:
            messages.success(request, _("The payment is recorded."))
            return redirect(fund)
    return render(request, "funding/form.html", {
        "form": form, "title": _("Record a payment from “%(fund)s”") % {"fund": fund.title},
        "lead": _("Balance: %(balance)s baht. Name what the money paid for or a group, never "
                  "a person.") % {"balance": f"{fund.balance():,.2f}"},
        "cancel": fund.get_absolute_url()}, status=400 if form.errors else 200)


def report_add(request: HttpRequest, pk: int) -> HttpResponse:
    fund = get_object_or_404(PilotFund, pk=pk)
    if not request.user.has_perm("funding.manage_pilotfund", fund):
        return refuse(request)
    form = ReportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        report = form.save(commit=False)
        report.fund, report.submitted_by = fund, request.user
        report.content_type = getattr(form, "content_type", "") if report.file else ""
        report.save()
        messages.success(request, _("The report is published."))
        return redirect(fund)
    return render(request, "funding/form.html", {
        "form": form, "title": _("Report on “%(fund)s”") % {"fund": fund.title},
        "multipart": True, "cancel": fund.get_absolute_url()},
        status=400 if form.errors else 200)


def report_file(request: HttpRequest, pk: int, report_id: int) -> HttpResponse:
    report = get_object_or_404(PilotReport, pk=report_id, fund_id=pk)
    if not report.file:
        raise Http404(_("This report has no file."))
    try:
        handle = report.file.open("rb")
    except FileNotFoundError as error:
        raise Http404(_("The file is missing.")) from error
    response = FileResponse(handle, content_type=report.content_type or
                            "application/octet-stream",
                            filename=report.file.name.rsplit("/", 1)[-1])
    # Checked on upload; never let the browser guess another type.
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    return response


# --- campaigns and pledges -------------------------------------------------------------------

def campaigns(request: HttpRequest) -> HttpResponse:
    rows = list(Campaign.objects.select_related("organisation").order_by("-created_at"))
    found = services.progress_for([c.pk for c in rows])
    today = timezone.localdate()
    return render(request, "funding/campaigns.html", {
        "campaigns": [(c, found[c.pk], c.accepts_pledges(today)) for c in rows],
        "can_add": request.user.has_perm("funding.add_campaign"),
    })


def campaign_add(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("funding.add_campaign"):
        return refuse(request)
    form = CampaignForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        found = form.save(commit=False)
        if not request.user.has_perm("funding.add_campaign", found):
            return refuse(request)
        found.created_by = request.user
        found.save()
        messages.success(request, _("The campaign page is open."))
        return redirect(found)
    return render(request, "funding/form.html", {
        "form": form, "title": _("Open a pledge campaign"),
        "lead": _("Donors transfer straight to your organisation's PromptPay account; Klang "
                  "never holds money. You confirm the transfers you received."),
        "cancel": "/funding/campaigns/"}, status=400 if form.errors else 200)


def campaign(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(Campaign.objects.select_related("organisation", "proposal",
                                                              "plan_item"), pk=pk)
    open_now = found.accepts_pledges(timezone.localdate())
    form = PledgeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not open_now:
            form.add_error(None, _("This campaign no longer takes pledges."))
            status = 400
        elif services.rate_limited(request.META.get("REMOTE_ADDR", "")):
            form.add_error(None, _("Too many pledges from your connection in the last hour. "
                                   "Please try again later."))
            status = 429
        elif form.is_valid():
            pledge = form.save(commit=False)
            pledge.campaign = found
            pledge.save()
            return redirect(pledge)
        else:
            status = 400
    static = promptpay.payload(found.promptpay_id)
    return render(request, "funding/campaign.html", {
        "campaign": found, "progress": services.progress(found), "open_now": open_now,
        "names": services.public_names(found), "form": form,
        "qr": promptpay.svg(static, title=_("PromptPay QR code for any amount")),
        "payload": static, "promptpay_id": promptpay.display_id(found.promptpay_id),
        "can_manage": request.user.has_perm("funding.manage_campaign", found),
    }, status=status)


def pledge(request: HttpRequest, reference: str) -> HttpResponse:
    """The donor's own page: the QR code with the amount, and the pledge's status."""
    found = get_object_or_404(Pledge.objects.select_related("campaign__organisation"),
                              reference=reference)
    text = promptpay.payload(found.campaign.promptpay_id, found.amount)
    response = render(request, "funding/pledge.html", {
        "pledge": found, "campaign": found.campaign, "payload": text,
        "qr": promptpay.svg(text, title=_("PromptPay QR code for %(amount)s baht")
                            % {"amount": f"{found.amount:,.2f}"}),
        "promptpay_id": promptpay.display_id(found.campaign.promptpay_id),
    })
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


def campaign_manage(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(Campaign.objects.select_related("organisation"), pk=pk)
    if not request.user.has_perm("funding.manage_campaign", found):
        return refuse(request)
    if request.method == "POST":
        if request.POST.get("action") in {"close", "open"}:
            found.is_open = request.POST["action"] == "open"
            found.save(update_fields=["is_open"])
            messages.success(request, _("The campaign is open for pledges.") if found.is_open
                             else _("The campaign is closed to new pledges."))
            return redirect("funding:campaign_manage", pk=found.pk)
        form = PledgeStatusForm(request.POST)
        if form.is_valid():
            row = get_object_or_404(Pledge, pk=form.cleaned_data["pledge"], campaign=found)
            services.set_pledge_status(row, form.cleaned_data["status"], request.user)
            messages.success(request, _("The pledge is marked “%(status)s”.")
                             % {"status": row.get_status_display()})
            return redirect("funding:campaign_manage", pk=found.pk)
        return HttpResponse(_("Choose a status."), status=400)
    pledges = list(found.pledges.all())
    contacts = [p for p in pledges if p.email]
    if contacts:
        # Donors' e-mails are personal data: every look at them is in the audit log.
        record(request.user, "view", object_type="pledge_contacts",
               object_label=f"campaign {found.pk}", organisation_id=found.organisation_id,
               detail={"emails": len(contacts)})
    return render(request, "funding/campaign_manage.html", {
        "campaign": found, "pledges": pledges, "progress": services.progress(found),
        "statuses": PledgeStatus.choices,
    })
