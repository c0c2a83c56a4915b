"""Data-subject rights and the life cycle of household records (PDPA; DESIGN.md §6).

Service functions behind the privacy pages, the commands and the tasks: what a household
record holds (for the subject-access export), correction, consent withdrawal, erasure, the
retention purge and key rotation. Each writes its audit event here, so no caller can forget
it; none of them checks permissions (the views and the API do, through ``user.has_perm``).

Every change that can move a published figure ends with ``refresh_statistics()``, so no
published cell still counts a household that was withdrawn, erased or purged.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import task

from audit.log import record, record_many
from audit.models import Action, AuditEvent
from evidence import answers, crypto, schema
from evidence.exports import safe_cell
from evidence.models import Household, Person, QuarantinedRow, Survey

HOUSEHOLD = "household"

# Why someone opens the identifying fields of a household (the purpose is kept in the event's
# detail as a code, so that a subject-access export can say why without quoting anyone).
PURPOSES: list[tuple[str, Any]] = [
    ("verification", gettext_lazy("Verification of the record")),
    ("follow_up", gettext_lazy("A follow-up visit or call")),
    ("referral", gettext_lazy("Referral to a service")),
    ("subject_request", gettext_lazy("A request from the household itself")),
    ("correction", gettext_lazy("Correcting the record")),
    ("other", gettext_lazy("Other (say why)")),
]
PURPOSE_CODES = {code for code, _label in PURPOSES}

# Typed fields of a member that a correction may change (identifying ones are separate).
PERSON_FIELDS = ["sex", "age", "id_type", "disability", "chronic_illness", "bedridden",
                 "has_carer", "ethnicity", "in_school", "works", "income_year"]
HOUSEHOLD_FIELDS = ["collected_on", "consent_purpose", "consent_date", "income_year"]


def refresh_statistics() -> None:
    """Queue the recomputation of every published figure (imported here: statistics pulls in
    polars, which the commands and pages that never refresh need not load)."""
    from evidence.statistics import refresh_later

    refresh_later()


def purpose_reason(purpose: str, note: str) -> str:
    """The reason as written to the audit log: the purpose's label and the person's words."""
    labels = dict(PURPOSES)
    label = str(labels.get(purpose, purpose))
    return f"{label}: {note.strip()}" if note.strip() else label


# --- what a record holds ---------------------------------------------------------------------

def typed_record(household: Household) -> dict[str, Any]:
    """Everything held about a household except the identifying fields."""
    flags = [code for code, bit, _label in schema.FLAGS if household.flags & bit]
    groups = [code for code, bit in schema.GROUPS if household.groups & bit]
    failed = [i.code for i in schema.TPMAP_INDICATORS if household.deprivations & i.bit]
    return {
        "pseudonym": household.pseudonym,
        "survey": household.survey.slug,
        "organisation": household.organisation.name_th,
        "area": {"code": household.area.code, "name_th": household.area.name_th,
                 "name_en": household.area.name_en},
        "status": household.status,
        "collected_on": household.collected_on,
        "consent": {
            "given": household.consent_given,
            "purpose": household.purpose_told,
            "date": household.consent_date,
            "withdrawn_at": household.consent_withdrawn_at,
        },
        "members_count": household.members_count,
        "failed_indicators": failed,
        "flags": flags,
        "groups": groups,
        "state_welfare_card": household.state_welfare_card,
        "income_year": household.income_year,
        "answers": household.answers,
        "members": [person_record(p) for p in household.members.order_by("position")],
        "created_at": household.created_at,
        "updated_at": household.updated_at,
    }


def person_record(person: Person) -> dict[str, Any]:
    welfare = [code for code, bit in schema.WELFARE_BIT.items() if person.welfare & bit]
    return {
        "position": person.position, "sex": person.sex, "age": person.age,
        "id_type": person.id_type, "thai_id_checked": person.thai_id_checked,
        "disability": person.disability, "chronic_illness": person.chronic_illness,
        "bedridden": person.bedridden, "has_carer": person.has_carer,
        "ethnicity": person.ethnicity, "welfare": welfare, "in_school": person.in_school,
        "works": person.works, "income_year": person.income_year, "answers": person.answers,
    }


def subject_trail(pseudonym: str) -> list[dict[str, Any]]:
    """The audit trail of one household as its subject may read it: when, what and for what
    purpose, never who (staff are other people) nor their free-text words."""
    events = AuditEvent.objects.filter(object_type=HOUSEHOLD, object_label=pseudonym)
    return [
        {"at": event.at, "action": event.action,
         "purpose": event.detail.get("purpose", ""),
         "fields": event.detail.get("fields", [])}
        for event in events.order_by("at", "pk")
    ]


def subject_access_export(user: Any, household: Household, reason: str) -> dict[str, Any]:
    """Everything held about the household, identity decrypted, and the export audited.

    The event is written before the data is read, so an export that fails half-way is still
    on record.
    """
    record(user, Action.EXPORT, object_type=HOUSEHOLD, object_label=household.pseudonym,
           organisation_id=household.organisation_id, reason=reason,
           detail={"identifying": True, "purpose": "subject_request"})
    data = typed_record(household)
    data["identity"] = household.read_identity()
    data["audit_trail"] = subject_trail(household.pseudonym)
    data["exported_at"] = timezone.now()
    return data


def as_json(data: dict[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str).encode()


def flatten(value: Any, prefix: str = "") -> Iterable[tuple[str, Any]]:
    """(path, scalar) pairs of a nested record: one spreadsheet row per scalar."""
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from flatten(inner, f"{prefix}/{key}" if prefix else str(key))
    elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        for index, inner in enumerate(value, start=1):
            yield from flatten(inner, f"{prefix}/{index}")
    elif isinstance(value, list):
        yield prefix, " ".join(str(v) for v in value)
    elif isinstance(value, dt.datetime):
        yield prefix, timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(
            value) else value
    else:
        yield prefix, value


def as_xlsx(data: dict[str, Any]) -> bytes:
    """The same export as a workbook: the record (field, value), members, and the trail."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    record_sheet = book.create_sheet(_("Record"))
    record_sheet.append([_("Field"), _("Value")])
    body = {k: v for k, v in data.items() if k not in ("members", "audit_trail")}
    for path, value in flatten(body):
        record_sheet.append([path, safe_cell(value)])
    members = book.create_sheet(_("Members"))
    rows = data.get("members", [])
    identities = (data.get("identity") or {}).get("members", {})
    columns = ["position", *[k for k in (rows[0] if rows else {}) if k != "position"]]
    members.append([*columns, *schema.IDENTIFYING_PERSON])
    for row in rows:
        identity = identities.get(str(row["position"]), {})
        members.append([safe_cell(_scalar(row.get(c))) for c in columns]
                       + [safe_cell(identity.get(c, "")) for c in schema.IDENTIFYING_PERSON])
    trail = book.create_sheet(_("Audit trail"))
    trail.append([_("When"), _("What"), _("Purpose"), _("Fields")])
    for event in data.get("audit_trail", []):
        at = event["at"]
        trail.append([timezone.localtime(at).replace(tzinfo=None) if timezone.is_aware(at)
                      else at, event["action"], event["purpose"],
                      " ".join(event["fields"])])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _scalar(value: Any) -> Any:
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return value


# --- viewing ---------------------------------------------------------------------------------

def record_view(user: Any, household: Household, *, identifying: bool, purpose: str = "",
                note: str = "", channel: str = "page") -> AuditEvent:
    """Every view of a record is audited, with or without its names."""
    reason = purpose_reason(purpose, note) if purpose else ""
    return record(user, Action.VIEW, object_type=HOUSEHOLD, object_label=household.pseudonym,
                  organisation_id=household.organisation_id, reason=reason,
                  detail={"identifying": identifying, "purpose": purpose, "channel": channel})


def record_list_view(user: Any, households: Iterable[Household | dict[str, Any]],
                     channel: str = "api") -> int:
    """One event per listed household (grouped by organisation so each event names it)."""
    by_org: dict[int, list[str]] = defaultdict(list)
    for item in households:
        if isinstance(item, dict):
            by_org[item["organisation_id"]].append(item["pseudonym"])
        else:
            by_org[item.organisation_id].append(item.pseudonym)
    return sum(record_many(user, Action.VIEW, object_type=HOUSEHOLD, labels=labels,
                           organisation_id=org_id,
                           detail={"identifying": False, "channel": channel, "list": True})
               for org_id, labels in by_org.items())


# --- consent, correction, erasure ------------------------------------------------------------

def withdraw_consent(user: Any, household: Household, reason: str,
                     at: dt.datetime | None = None) -> Household:
    """From this moment the household counts in no statistic (``published()`` leaves it out).

    Who withdrew it and why are in the audit event; the record itself is kept (erasure is a
    separate request), so the organisation can still follow up if the household asks.
    """
    with transaction.atomic():
        household.consent_withdrawn_at = at or timezone.now()
        household.save(update_fields=["consent_withdrawn_at", "updated_at"])
        record(user, Action.CONSENT_WITHDRAWN, object_type=HOUSEHOLD,
               object_label=household.pseudonym, organisation_id=household.organisation_id,
               reason=reason, detail={"at": household.consent_withdrawn_at.isoformat()})
    refresh_statistics()
    return household


def correct(user: Any, household: Household, *, reason: str,
            fields: dict[str, Any] | None = None,
            identity: dict[str, Any] | None = None,
            members: dict[int, dict[str, Any]] | None = None,
            member_identity: dict[int, dict[str, Any]] | None = None) -> list[str]:
    """Apply a correction; the audit event names the fields changed, never their values.

    ``fields``: household fields (``HOUSEHOLD_FIELDS``); ``identity``: identifying household
    fields; ``members`` / ``member_identity``: by member position. Returns the changed names
    (empty: nothing changed and nothing is written).
    """
    changed: list[str] = []
    with transaction.atomic():
        household = Household.objects.select_for_update().get(pk=household.pk)
        for name, value in (fields or {}).items():
            if name == "consent_purpose" and value == household.survey.purpose:
                value = ""   # the survey's own purpose (Household.purpose_told)
            if name in HOUSEHOLD_FIELDS and getattr(household, name) != value:
                setattr(household, name, value)
                changed.append(name)
        held = household.read_identity()
        new_identity = dict(held)
        for name, value in (identity or {}).items():
            if name in schema.IDENTIFYING_HOUSEHOLD and (held.get(name) or "") != (value or ""):
                new_identity[name] = value
                changed.append(name)
        people = {p.position: p for p in household.members.all()}
        touched: list[Person] = []
        for position, values in (members or {}).items():
            person = people.get(position)
            if person is None:
                continue
            dirty = False
            for name, value in values.items():
                if name in PERSON_FIELDS and getattr(person, name) != value:
                    setattr(person, name, value)
                    changed.append(f"members/{position}/{name}")
                    dirty = True
            if dirty:
                touched.append(person)
        held_members = dict(held.get("members") or {})
        for position, values in (member_identity or {}).items():
            if position not in people:
                continue
            current = dict(held_members.get(str(position)) or {})
            for name, value in values.items():
                if name in schema.IDENTIFYING_PERSON and (current.get(name) or "") != (
                        value or ""):
                    current[name] = value
                    changed.append(f"members/{position}/{name}")
            held_members[str(position)] = current
        if held_members:
            new_identity["members"] = held_members
        if not changed:
            return []
        for person in touched:
            if person.id_type != "thai_id":
                person.thai_id_checked = False
        id_changes = {p for p, v in (member_identity or {}).items() if "id_number" in v}
        for position in id_changes:
            from evidence import thaiid

            person = people[position]
            number = (held_members.get(str(position)) or {}).get("id_number") or ""
            person.thai_id_checked = bool(number) and thaiid.is_valid(number)
            if person not in touched:
                touched.append(person)
        if touched:
            Person.objects.bulk_update(touched, [*PERSON_FIELDS, "thai_id_checked"])
        if new_identity != held:
            household.write_identity(new_identity)
        recompute_typed(household)
        household.save()
        record(user, Action.CHANGE, object_type=HOUSEHOLD, object_label=household.pseudonym,
               organisation_id=household.organisation_id, reason=reason,
               detail={"fields": changed})
    refresh_statistics()
    return changed


def recompute_typed(household: Household) -> None:
    """The typed columns again from the corrected members, by the same rules as the importer
    and the entry form (``evidence.answers``). TPMAP answers are not corrected here, so the
    deprivation bits stay as they were."""
    people = list(household.members.order_by("position"))
    income = household.income_year
    if income is None:
        given = [p.income_year for p in people if p.income_year is not None]
        income = sum(given) if given else None
    per_person = income / len(people) if income is not None and people else None
    household.members_count = len(people)
    household.flags = answers.household_flags(people, per_person)
    household.groups = answers.household_groups(people)
    household.state_welfare_card = any(
        p.welfare & schema.WELFARE_BIT["state_welfare_card"] for p in people)


def erase(user: Any, household: Household, reason: str) -> str:
    """Delete the household, its members, its encrypted identity and any quarantined copy of
    the same submission. The audit log keeps only the pseudonym. Cited statistics keep the
    snapshot they were cited with; published statistics are refreshed."""
    pseudonym = household.pseudonym
    with transaction.atomic():
        record(user, Action.ERASE, object_type=HOUSEHOLD, object_label=pseudonym,
               organisation_id=household.organisation_id, reason=reason)
        if household.submission_key:
            QuarantinedRow.objects.filter(organisation_id=household.organisation_id,
                                          submission_key=household.submission_key).delete()
        Household.objects.filter(pk=household.pk).delete()
    refresh_statistics()
    return pseudonym


# --- retention -------------------------------------------------------------------------------

def expired(now: dt.datetime | None = None) -> Any:
    """Households older than their survey's retention period (collection date, or the date the
    record was made when no collection date was given)."""
    today = timezone.localdate(now or timezone.now())
    condition = Q(pk__in=[])
    for survey_id, days in Survey.objects.values_list("pk", "retention_days"):
        cutoff = today - dt.timedelta(days=days)
        start = timezone.make_aware(dt.datetime.combine(cutoff, dt.time.min))
        condition |= Q(survey_id=survey_id) & (
            Q(collected_on__lt=cutoff)
            | Q(collected_on__isnull=True, created_at__lt=start))
    return Household.objects.filter(condition)


def purge_expired(now: dt.datetime | None = None, batch_size: int = 1000) -> int:
    """Delete expired households, a "purge" event per pseudonym; statistics refreshed once."""
    purged = 0
    while True:
        batch = list(expired(now).order_by("pk").values("pk", "pseudonym",
                                                        "organisation_id")[:batch_size])
        if not batch:
            break
        with transaction.atomic():
            by_org: dict[int, list[str]] = defaultdict(list)
            for row in batch:
                by_org[row["organisation_id"]].append(row["pseudonym"])
            for org_id, labels in by_org.items():
                record_many(None, Action.PURGE, object_type=HOUSEHOLD, labels=labels,
                            organisation_id=org_id, reason=_("Retention period ended"))
            Household.objects.filter(pk__in=[row["pk"] for row in batch]).delete()
        purged += len(batch)
    purge_expired_quarantine(now)
    if purged:
        refresh_statistics()
    return purged


def purge_expired_quarantine(now: dt.datetime | None = None) -> int:
    """Quarantined rows (encrypted raw submissions never corrected) of imports older than their
    survey's retention period: deleted like the households, a "purge" event per row."""
    today = timezone.localdate(now or timezone.now())
    condition = Q(pk__in=[])
    for survey_id, days in Survey.objects.values_list("pk", "retention_days"):
        start = timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=days),
                                                        dt.time.min))
        condition |= Q(job__survey_id=survey_id, job__created_at__lt=start)
    rows = list(QuarantinedRow.objects.filter(condition).values_list("pk", "token",
                                                                    "organisation_id"))
    if not rows:
        return 0
    with transaction.atomic():
        by_org: dict[int, list[str]] = defaultdict(list)
        for _pk, token, org_id in rows:
            by_org[org_id].append(token)
        for org_id, labels in by_org.items():
            record_many(None, Action.PURGE, object_type="quarantined_row", labels=labels,
                        organisation_id=org_id, reason=_("Retention period ended"))
        QuarantinedRow.objects.filter(pk__in=[pk for pk, _t, _o in rows]).delete()
    return len(rows)


@task()
def purge_expired_task() -> int:
    """The retention purge for a scheduler that enqueues tasks (``purge_expired_households``
    runs the same from cron)."""
    return purge_expired()


# --- key rotation ----------------------------------------------------------------------------

def rotate_keys(user: Any = None, batch_size: int = 500) -> dict[str, int]:
    """Re-encrypt every identity and quarantined payload not under the first configured key.

    Walks the tables by primary key in batches (a national table does not sit in memory) and
    writes one audit event with the counts. Tokens already under the current key are left
    as they are, so a rotation that stopped half-way can simply be run again.
    """
    key_id = crypto.current_key_id()
    counts = {"households": 0, "quarantined_rows": 0}
    last = 0
    while True:
        rows = list(Household.objects.filter(pk__gt=last, identity__isnull=False)
                    .order_by("pk").only("pk", "pseudonym", "identity")[:batch_size])
        if not rows:
            break
        last = rows[-1].pk
        stale = [h for h in rows if crypto.key_id_of(h.identity) != key_id]
        for household in stale:
            household.identity = crypto.rotate(household.identity, household.pseudonym)
        if stale:
            with transaction.atomic():
                Household.objects.bulk_update(stale, ["identity"])
        counts["households"] += len(stale)
    last = 0
    while True:
        rows = list(QuarantinedRow.objects.filter(pk__gt=last).order_by("pk")
                    .only("pk", "token", "payload")[:batch_size])
        if not rows:
            break
        last = rows[-1].pk
        stale = [r for r in rows if r.payload and crypto.key_id_of(r.payload) != key_id]
        for row in stale:
            row.payload = crypto.rotate(row.payload, row.token)
        if stale:
            with transaction.atomic():
                QuarantinedRow.objects.bulk_update(stale, ["payload"])
        counts["quarantined_rows"] += len(stale)
    record(user, Action.ROTATE_KEYS, object_type="evidence_keys", object_label=key_id,
           detail=counts)
    return counts
