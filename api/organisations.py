"""The civil-society registry: public reads, token-authenticated registration and edits.

Only public data leaves here: no member lists, no contact who has not agreed to be shown.
Who may write is asked of the rules declared beside the model (``orgs.add_organisation``,
``orgs.change_organisation``), never decided here.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import connection, transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.errors import HttpError

from accounts.models import Role, RoleGrant
from accounts.predicates import forget_roles
from api.auth import write_auth
from api.errors import InvalidFields
from api.pagination import PageParams, paginate
from api.schemas import (
    Duplicate,
    FieldErrors,
    Message,
    OrganisationChange,
    OrganisationCreate,
    OrganisationDetail,
    OrganisationPage,
)
from areas.models import Area, Level
from areas.services import resolve
from orgs.models import (
    Contact,
    IssueArea,
    Organisation,
    OrgType,
    RegistrationStatus,
    TargetGroup,
)
from orgs.services import REGISTRATION_GRANT_REASON

router = Router(tags=["organisations"])

HOME_AREA_LEVELS = {Level.PROVINCE, Level.DISTRICT, Level.SUBDISTRICT}
FOUNDED_MIN, FOUNDED_MAX = 2400, 2600
ITEM_FIELDS = (
    "id", "name_th", "name_en", "short_name", "org_type", "registration_status", "verified_at",
    "home_area__code", "home_area__level", "home_area__name_th", "home_area__name_en",
)


@lru_cache(maxsize=1)
def _profile_url_template() -> str:
    marker = 2_147_483_647
    return reverse("orgs:detail", args=[marker]).replace(str(marker), "{}")


def profile_url(pk: int) -> str:
    """The public profile page, without a reverse() per row of a 200-row page."""
    return _profile_url_template().format(pk)


def taxonomy_slugs(ids: list[int]) -> tuple[dict[int, list[str]], dict[int, list[str]]]:
    """Target-group and issue-area slugs of a page of organisations, in one query.

    Plain SQL: the ORM spends longer building a 200-id ``IN`` twice than the database
    spends answering it.
    """
    groups: dict[int, list[str]] = defaultdict(list)
    issues: dict[int, list[str]] = defaultdict(list)
    if not ids:
        return groups, issues
    marks = ", ".join(["%s"] * len(ids))
    parts = []
    for kind, relation in ((1, Organisation.target_groups), (2, Organisation.issue_areas)):
        through = relation.through._meta
        target = relation.field.remote_field.model._meta
        column = relation.field.m2m_reverse_name()
        parts.append(
            f"SELECT l.organisation_id, {kind}, t.slug, t.sort_order "
            f"FROM {connection.ops.quote_name(through.db_table)} l "
            f"JOIN {connection.ops.quote_name(target.db_table)} t ON t.id = l.{column} "
            f"WHERE l.organisation_id IN ({marks})"
        )
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts) + " ORDER BY 4, 3", ids + ids)
        for org_id, kind, slug, _order in cursor.fetchall():
            (groups if kind == 1 else issues)[org_id].append(slug)
    return groups, issues


def organisation_rows(queryset: QuerySet[Organisation]) -> list[dict[str, Any]]:
    """One query for the page and one for its taxonomies: no N+1."""
    rows = list(queryset.values(*ITEM_FIELDS))
    ids = [row["id"] for row in rows]
    groups, issues = taxonomy_slugs(ids)
    return [
        {
            "id": row["id"],
            "name_th": row["name_th"],
            "name_en": row["name_en"],
            "short_name": row["short_name"],
            "org_type": row["org_type"],
            "registration_status": row["registration_status"],
            "home_area": {
                "code": row["home_area__code"],
                "level": row["home_area__level"],
                "name_th": row["home_area__name_th"],
                "name_en": row["home_area__name_en"],
            },
            "target_groups": groups.get(row["id"], []),
            "issue_areas": issues.get(row["id"], []),
            "verified": row["verified_at"] is not None,
            "url": profile_url(row["id"]),
        }
        for row in rows
    ]


def detail(org_id: int) -> dict[str, Any]:
    found = organisation_rows(Organisation.objects.filter(pk=org_id))
    if not found:
        raise HttpError(404, _("Unknown organisation: %(id)s") % {"id": org_id})
    item = found[0]
    extra = Organisation.objects.filter(pk=org_id).values(
        "description", "registration_number", "founded_year", "website", "email", "phone",
        "verified_at", "updated_at",
    ).get()
    item.update(extra)
    item["areas"] = list(Area.objects.filter(organisations=org_id).order_by("code")
                         .values("code", "level", "name_th", "name_en"))
    item["networks"] = [
        {"id": pk, "name_th": name, "url": profile_url(pk)}
        for pk, name in Organisation.objects.filter(network_members=org_id)
        .order_by("name_th", "pk").values_list("pk", "name_th")
    ]
    item["contacts"] = list(
        Contact.objects.filter(organisation=org_id, is_public=True)
        .order_by("name", "pk").values("name", "position", "phone", "email", "line_id")
    )
    return item


def taxonomy_id(model: Any, slug: str, message: str) -> int:
    pk = model.objects.filter(slug=slug).values_list("pk", flat=True).first()
    if pk is None:
        raise HttpError(404, message % {"slugs": slug})
    return pk


@router.get(
    "/organisations/", response={200: OrganisationPage, 400: FieldErrors, 404: Message},
    url_name="organisations", summary="List organisations",
    description=(
        "The public registry, in Thai-name order. Filter by `area` (a code: the area and "
        "everything below it, so a province includes its districts' organisations), "
        "`target_group` and `issue_area` (slugs), `type` and `q` (part of a name)."
    ),
)
def list_organisations(
    request: HttpRequest,
    page: Query[PageParams],
    area: str | None = Query(None, description="Area code, e.g. 51 (Lamphun)."),
    target_group: str | None = Query(None, description="Target-group slug, e.g. disability."),
    issue_area: str | None = Query(None, description="Issue-area slug, e.g. health."),
    type: str | None = Query(None, description="Organisation type, e.g. cso."),  # noqa: A002
    q: str | None = Query(None, description="Part of the Thai or English name."),
) -> dict[str, Any]:
    orgs = Organisation.objects.all()
    if area:
        found = resolve(area.strip())
        if found is None:
            raise HttpError(404, _("Unknown area code: %(code)s") % {"code": area})
        orgs = orgs.in_area(found)
    if target_group:
        orgs = orgs.filter(target_groups=taxonomy_id(
            TargetGroup, target_group, _("Unknown target group: %(slugs)s")))
    if issue_area:
        orgs = orgs.filter(issue_areas=taxonomy_id(
            IssueArea, issue_area, _("Unknown issue area: %(slugs)s")))
    if type:
        if type not in OrgType.values:
            raise InvalidFields({"type": choose_one(OrgType.values)})
        orgs = orgs.filter(org_type=type)
    if q:
        orgs = orgs.search(q)
    return paginate(request, orgs.order_by("name_th", "id"), page, organisation_rows)


def organisation_detail(request: HttpRequest, org_id: int) -> dict[str, Any]:
    return detail(org_id)


router.get(
    "/organisations/{int:org_id}/", response={200: OrganisationDetail, 404: Message},
    url_name="organisation", summary="One organisation",
    description="The public profile: areas covered, networks, public contacts only.",
)(organisation_detail)


# --- writes ----------------------------------------------------------------------------------


def choose_one(values: list[str]) -> str:
    return _("Choose one of: %(choices)s.") % {"choices": ", ".join(values)}


def clean_change(payload: OrganisationChange, fields: set[str],
                 org: Organisation | None) -> dict[str, Any]:
    """Check every given field; collect every error, then raise them together."""
    data = payload.model_dump(include=fields)
    errors: dict[str, str] = {}
    clean: dict[str, Any] = {}

    for name in ("name_en", "short_name", "registration_number", "description", "phone",
                 "website", "email"):
        if name in data:
            clean[name] = (data[name] or "").strip()
    if "name_th" in data:
        clean["name_th"] = (data["name_th"] or "").strip()
        if not clean["name_th"]:
            errors["name_th"] = _("Give the organisation's name in Thai.")
    if clean.get("website"):
        try:
            URLValidator(schemes=["http", "https"])(clean["website"])
        except ValidationError:
            errors["website"] = _("Enter a valid web address, e.g. https://example.org.")
    if clean.get("email"):
        try:
            EmailValidator()(clean["email"])
        except ValidationError:
            errors["email"] = _("Enter a valid e-mail address.")
    for name, choices in (("org_type", OrgType.values),
                          ("registration_status", RegistrationStatus.values)):
        if name in data:
            if data[name] not in choices:
                errors[name] = choose_one(choices)
            else:
                clean[name] = data[name]
    if "founded_year" in data:
        year = data["founded_year"]
        if year is not None and not FOUNDED_MIN <= year <= FOUNDED_MAX:
            errors["founded_year"] = _(
                "Give the year in the Buddhist Era (B.E.), between 2400 and 2600.")
        clean["founded_year"] = year

    if "home_area" in data:
        code = (data["home_area"] or "").strip()
        home = Area.objects.filter(code=code).first() if code else None
        if not code:
            errors["home_area"] = _("This field is required.")
        elif home is None:
            errors["home_area"] = _("There is no area with the code “%(code)s”. Check the "
                                    "code and try again.") % {"code": code}
        elif home.level not in HOME_AREA_LEVELS:
            errors["home_area"] = _("“%(code)s” is a %(level)s. Choose a province, district "
                                    "or sub-district code.") % {
                "code": code, "level": home.get_level_display()}
        else:
            clean["home_area"] = home
    if data.get("areas") is not None:
        codes = list(dict.fromkeys(c.strip() for c in data["areas"] if c.strip()))
        found = {a.code: a for a in Area.objects.filter(code__in=codes)}
        missing = [c for c in codes if c not in found]
        if missing:
            errors["areas"] = _("Unknown area code: %(codes)s. Check the code and try "
                                "again.") % {"codes": ", ".join(missing)}
        clean["areas"] = [found[c] for c in codes if c in found]
    for name, model, message in (
        ("target_groups", TargetGroup, _("Unknown target group: %(slugs)s")),
        ("issue_areas", IssueArea, _("Unknown issue area: %(slugs)s")),
    ):
        if data.get(name) is not None:
            slugs = list(dict.fromkeys(data[name]))
            found_tax = {t.slug: t for t in model.objects.filter(slug__in=slugs)}
            missing = [s for s in slugs if s not in found_tax]
            if missing:
                errors[name] = message % {"slugs": ", ".join(missing)}
            clean[name] = list(found_tax.values())
    if data.get("networks") is not None:
        ids = list(dict.fromkeys(data["networks"]))
        networks = {n.pk: n for n in Organisation.objects.filter(pk__in=ids,
                                                                 org_type=OrgType.NETWORK)}
        missing = [str(i) for i in ids if i not in networks or (org and i == org.pk)]
        if missing:
            errors["networks"] = _("Not a network in the registry: %(ids)s") % {
                "ids": ", ".join(missing)}
        clean["networks"] = list(networks.values())
    if errors:
        raise InvalidFields(errors)
    return clean


def duplicates_of(org: Organisation) -> list[dict[str, Any]]:
    return [
        {"id": pk, "name_th": name, "url": profile_url(pk)}
        for pk, name in org.same_name_in_province().order_by("name_th", "pk")
        .values_list("pk", "name_th")[:10]
    ]


def duplicate_answer(existing: list[dict[str, Any]]) -> Status:
    return Status(409, {
        "detail": _("An organisation with this name is already registered in this province. "
                    "Open it to check; if yours is a different organisation, send the request "
                    "again with \"confirm_different\": true."),
        "existing": existing,
    })


RELATIONS = ("areas", "target_groups", "issue_areas", "networks")


def apply(org: Organisation, clean: dict[str, Any]) -> None:
    for name, value in clean.items():
        if name not in RELATIONS:
            setattr(org, name, value)


def save_relations(org: Organisation, clean: dict[str, Any]) -> None:
    for name in RELATIONS:
        if name in clean:
            getattr(org, name).set(clean[name])


@router.post(
    "/organisations/", auth=write_auth, url_name="organisations",
    response={201: OrganisationDetail, 400: FieldErrors, 401: Message, 403: Message,
              409: Duplicate},
    summary="Register an organisation",
    description=(
        "Needs an API token (`Authorization: Bearer <key>`, from the account's API token page) "
        "or a logged-in session with its CSRF token. The person who registers the organisation "
        "becomes its coordinator. A name already registered in the same province answers 409 "
        "with links to the existing organisations, unless `confirm_different` is true."
    ),
)
def create_organisation(request: HttpRequest, payload: OrganisationCreate) -> Any:
    user = request.auth
    if not user.has_perm("orgs.add_organisation"):
        raise HttpError(403, _("You may not register organisations."))
    clean = clean_change(payload, payload.model_fields_set | {"name_th", "home_area"}, None)
    org = Organisation(created_by=user)
    apply(org, clean)
    if not payload.confirm_different and (existing := duplicates_of(org)):
        return duplicate_answer(existing)
    clean.setdefault("areas", [org.home_area])
    if not clean["areas"]:
        clean["areas"] = [org.home_area]
    with transaction.atomic():
        org.save()
        save_relations(org, clean)
        RoleGrant.objects.create(
            user=user, role=Role.CSO_COORDINATOR, organisation=org,
            area=org.province or org.home_area, grant_reason=REGISTRATION_GRANT_REASON,
        )
    forget_roles(user)
    return Status(201, detail(org.pk))


def update_organisation(request: HttpRequest, org_id: int, payload: OrganisationChange) -> Any:
    org = Organisation.objects.select_related("home_area").filter(pk=org_id).first()
    if org is None:
        raise HttpError(404, _("Unknown organisation: %(id)s") % {"id": org_id})
    if not request.auth.has_perm("orgs.change_organisation", org):
        raise HttpError(403, _("Only the organisation's coordinators, the provincial office "
                               "and administrators may change this organisation."))
    fields = payload.model_fields_set - {"confirm_different"}
    clean = clean_change(payload, fields, org)
    if "areas" in clean and not clean["areas"]:
        raise InvalidFields({"areas": _("Give at least one area covered.")})
    renamed = {"name_th", "name_en", "home_area"} & set(clean)
    apply(org, clean)
    if renamed and not payload.confirm_different and (existing := duplicates_of(org)):
        return duplicate_answer(existing)
    with transaction.atomic():
        org.save()
        save_relations(org, clean)
    return detail(org.pk)


router.patch(
    "/organisations/{int:org_id}/", auth=write_auth, url_name="organisation",
    response={200: OrganisationDetail, 400: FieldErrors, 401: Message, 403: Message,
              404: Message, 409: Duplicate},
    summary="Change an organisation",
    description=(
        "Only the fields sent are changed; lists (areas, target_groups, issue_areas, networks) "
        "replace the current ones. Allowed for the organisation's coordinators, the provincial "
        "officers of its province and administrators."
    ),
)(update_organisation)


# The same two operations without the trailing slash (a client that drops it gets the answer,
# not a redirect that would turn a PATCH into a GET). Left out of the schema.
router.get("/organisations/{int:org_id}", response={200: OrganisationDetail, 404: Message},
           url_name="organisation-no-slash", include_in_schema=False)(organisation_detail)
router.patch(
    "/organisations/{int:org_id}", auth=write_auth, url_name="organisation-no-slash",
    response={200: OrganisationDetail, 400: FieldErrors, 401: Message, 403: Message,
              404: Message, 409: Duplicate}, include_in_schema=False,
)(update_organisation)
