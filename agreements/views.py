"""Agreement pages: the list per area, one agreement, its forms, documents and commitments.

Reading is public. Every change asks ``agreements.change_agreement`` (or ``add_agreement`` for
the parties and areas about to be saved) of the rules in ``agreements/models.py``.
"""

from __future__ import annotations

from pathlib import PurePath

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agreements import services
from agreements.forms import AgreementForm, CommitmentForm, DocumentForm, StatusForm
from agreements.models import Agreement, AgreementDocument, AgreementDraft, Commitment
from areas.services import get_area_or_404
from portal.shortcuts import refuse

PAGE_SIZE = 25


def get_agreement(pk: int) -> Agreement:
    return get_object_or_404(Agreement, pk=pk)


def get_commitment(pk: int) -> Commitment:
    return get_object_or_404(Commitment.objects.select_related("agreement"), pk=pk)


# --- public pages ----------------------------------------------------------------------------

def index(request: HttpRequest) -> HttpResponse:
    """Agreements per area: ``?area=51`` is Lamphun and everything below it."""
    area_code = request.GET.get("area", "").strip()
    area = get_area_or_404(area_code) if area_code else None
    q = request.GET.get("q", "").strip()[:100]
    found = services.agreements_in(area)
    if q:
        found = found.filter(title__icontains=q)
    page = Paginator(found.prefetch_related("areas", "organisations", "parties")
                     .order_by("-signed_on", "-pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "agreements/index.html", {
        "area": area, "q": q, "page": page, "agreements": page.object_list,
        "can_create": request.user.has_perm("agreements.add_agreement"),
    })


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = get_agreement(pk)
    commitments = list(agreement.commitments.order_by("due_date", "pk"))
    following: set[int] = set()
    if request.user.is_authenticated:
        following = set(request.user.followed_commitments.filter(
            commitment__agreement=agreement).values_list("commitment_id", flat=True))
    for commitment in commitments:
        commitment.followed = commitment.pk in following
    return render(request, "agreements/detail.html", {
        "agreement": agreement,
        "organisations": agreement.organisations.order_by("name_th"),
        "parties": agreement.parties.all(),
        "areas": agreement.areas.order_by("code"),
        "documents": agreement.documents.all(),
        "commitments": commitments,
        "can_manage": request.user.has_perm("agreements.change_agreement", agreement),
        "can_follow": request.user.has_perm("agreements.follow_commitment"),
    })


def document(request: HttpRequest, pk: int, document_id: int) -> HttpResponse:
    """Documents are served only through here, after the agreement's own permission check."""
    agreement = get_agreement(pk)
    if not request.user.has_perm("agreements.view_agreement", agreement):
        return refuse(request)
    found = get_object_or_404(AgreementDocument, pk=document_id, agreement=agreement)
    try:
        handle = found.file.open("rb")
    except (FileNotFoundError, ValueError) as error:
        raise Http404(_("This file is no longer stored.")) from error
    extension = PurePath(found.file.name).suffix.lower()
    response = FileResponse(handle, content_type=found.content_type, as_attachment=True,
                            filename=f"agreement-{agreement.pk}-{found.pk}{extension}")
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- recording an agreement ------------------------------------------------------------------

def _save_form(request: HttpRequest, agreement: Agreement | None) -> HttpResponse:
    status = 200
    if request.method == "POST":
        form = AgreementForm(request.POST, instance=agreement)
        if form.is_valid():
            data = form.cleaned_data
            draft = AgreementDraft({o.pk for o in data["organisations"]}, data["area_codes"])
            if request.user.has_perm("agreements.add_agreement", draft):
                try:
                    saved = services.save_agreement(
                        form.instance, organisations=data["organisations"],
                        areas=data["area_codes"], agencies=data["agencies"],
                        partners=data["partners"], actor=request.user)
                except services.AgreementError as error:
                    form.add_error("ends_on", str(error))
                else:
                    messages.success(request, _("The agreement is saved."))
                    return redirect(saved)
            else:
                form.add_error("area_codes", _(
                    "You can record agreements only where you act: name your organisation as "
                    "a party, or an area where you are a provincial officer."))
        status = 400
    else:
        form = AgreementForm(instance=agreement)
    return render(request, "agreements/form.html", {"form": form, "agreement": agreement},
                  status=status)


def create(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("agreements.add_agreement"):
        return refuse(request)
    return _save_form(request, None)


def edit(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = get_agreement(pk)
    if not request.user.has_perm("agreements.change_agreement", agreement):
        return refuse(request)
    return _save_form(request, agreement)


def document_upload(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = get_agreement(pk)
    if not request.user.has_perm("agreements.change_agreement", agreement):
        return refuse(request)
    status = 200
    if request.method == "POST":
        form = DocumentForm(request.POST, request.FILES)
        if form.is_valid():
            services.add_document(agreement, form.cleaned_data["title"],
                                  form.cleaned_data["file"], form.content_type, request.user)
            messages.success(request, _("“%(title)s” is added to the agreement.")
                             % {"title": form.cleaned_data["title"]})
            return redirect(agreement)
        status = 400
    else:
        form = DocumentForm()
    return render(request, "agreements/document_form.html", {
        "agreement": agreement, "form": form, "max_size": settings.KLANG_UPLOAD_MAX_BYTES,
    }, status=status)


# --- commitments -----------------------------------------------------------------------------

def commitment_create(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = get_agreement(pk)
    if not request.user.has_perm("agreements.change_agreement", agreement):
        return refuse(request)
    status = 200
    if request.method == "POST":
        form = CommitmentForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            created = services.add_commitment(agreement, data["title"], data["due_date"],
                                              responsible=data["responsible"],
                                              actor=request.user)
            messages.success(request, _("The commitment “%(title)s” is added.")
                             % {"title": created.title})
            return redirect(created.get_absolute_url())
        status = 400
    else:
        form = CommitmentForm()
    return render(request, "agreements/commitment_form.html",
                  {"agreement": agreement, "form": form}, status=status)


def commitment_status(request: HttpRequest, pk: int) -> HttpResponse:
    commitment = get_commitment(pk)
    agreement = commitment.agreement
    if not request.user.has_perm("agreements.change_agreement", agreement):
        return refuse(request)
    status = 200
    if request.method == "POST":
        form = StatusForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.change_status(commitment, data["status"], data["note"], request.user)
            except services.AgreementError as error:
                form.add_error("status", str(error))
            else:
                messages.success(request, _("The commitment is now “%(status)s”.")
                                 % {"status": commitment.status_label})
                return redirect(commitment.get_absolute_url())
        status = 400
    else:
        form = StatusForm(initial={"status": commitment.status, "note": commitment.status_note})
    return render(request, "agreements/status_form.html", {
        "agreement": agreement, "commitment": commitment, "form": form,
        "updates": commitment.updates.select_related("actor"),
    }, status=status)


@require_POST
def follow(request: HttpRequest, pk: int) -> HttpResponse:
    commitment = get_commitment(pk)
    if not request.user.has_perm("agreements.follow_commitment", commitment):
        return refuse(request)
    if services.toggle_follow(commitment, request.user):
        messages.success(request, _("You follow this commitment: you will be told when its "
                                    "status changes."))
    else:
        messages.success(request, _("You no longer follow this commitment."))
    return redirect(commitment.get_absolute_url())
