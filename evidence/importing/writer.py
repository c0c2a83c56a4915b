"""Writing built households in batches: insert new submissions, update re-imported ones.

A submission is the same when survey, organisation and submission key are the same
(``household_submission_once``): a re-import updates the household in place, keeps its
pseudonym (its identity is re-encrypted bound to it, and the audit trail keeps naming it),
replaces its members, and sets it back to SUBMITTED (changed answers need a new สอบทาน). A
withdrawn consent is never undone by a re-import.

PostgreSQL: households are ``COPY``'d into a temporary staging table and moved with one
``INSERT … ON CONFLICT … DO UPDATE``; members of updated households are deleted and all members
``COPY``'d straight into the table. Other databases (SQLite): ``bulk_create``/``bulk_update``.
The caller holds the transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.utils import timezone

from audit import log
from evidence.answers import BuiltHousehold
from evidence.models import Household, HouseholdStatus, Person, new_pseudonym

# Kept on update: who the household is, when it was first stored, and a withdrawal of consent.
KEEP_ON_UPDATE = {"id", "pseudonym", "created_at", "consent_withdrawn_at", "is_synthetic"}
HOUSEHOLD_FIELDS = [f for f in Household._meta.concrete_fields if f.attname != "id"]
PERSON_FIELDS = [f for f in Person._meta.concrete_fields if f.attname != "id"]
UPDATE_FIELDS = [f for f in HOUSEHOLD_FIELDS if f.attname not in KEEP_ON_UPDATE]


@dataclass
class Written:
    created: int = 0
    updated: int = 0


class Writer:
    def __init__(self, *, survey: Any, organisation: Any, user: Any, job: Any,
                 audit: bool = True) -> None:
        self.survey, self.organisation, self.user, self.job = survey, organisation, user, job
        self.audit = audit
        self.postgres = connection.vendor == "postgresql"
        self._staging_ready = False

    def write(self, batch: Sequence[BuiltHousehold]) -> Written:
        if not batch:
            return Written()
        keys = [b.household.submission_key for b in batch]
        existing = {key: (pk, pseudonym) for key, pk, pseudonym in Household.objects.filter(
            survey=self.survey, organisation=self.organisation, submission_key__in=keys,
        ).values_list("submission_key", "pk", "pseudonym")}
        now = timezone.now()
        for built in batch:
            household = built.household
            found = existing.get(household.submission_key)
            if found:
                household.pk, household.pseudonym = found
            elif not household.pseudonym:
                household.pseudonym = new_pseudonym()
            household.import_job = self.job
            household.status = HouseholdStatus.SUBMITTED
            household.verified_by = None
            household.verified_at = None
            household.created_at = household.created_at or now
            household.updated_at = now
            built.seal()
        if self.postgres:
            written = self._write_postgres(batch, existing)
        else:
            written = self._write_orm(batch, existing)
        if self.audit:
            log.record_many(self.user, "import", object_type="household",
                            labels=[b.household.pseudonym for b in batch],
                            organisation_id=self.organisation.pk,
                            detail={"import_job": self.job.pk if self.job else None})
        return written

    # --- SQLite and others ---------------------------------------------------------------

    def _write_orm(self, batch: Sequence[BuiltHousehold],
                   existing: dict[str, tuple[int, str]]) -> Written:
        new = [b.household for b in batch if b.household.submission_key not in existing]
        old = [b.household for b in batch if b.household.submission_key in existing]
        Household.objects.bulk_create(new, batch_size=500)
        if old:
            Household.objects.bulk_update(old, [f.name for f in UPDATE_FIELDS], batch_size=500)
            Person.objects.filter(household_id__in=[h.pk for h in old]).delete()
        people = []
        for built in batch:
            for person in built.members:
                person.household = built.household
                people.append(person)
        Person.objects.bulk_create(people, batch_size=1000)
        return Written(created=len(new), updated=len(old))

    # --- PostgreSQL ----------------------------------------------------------------------

    def _write_postgres(self, batch: Sequence[BuiltHousehold],
                        existing: dict[str, tuple[int, str]]) -> Written:
        table = Household._meta.db_table
        columns = [f.column for f in HOUSEHOLD_FIELDS]
        column_list = ", ".join(f'"{c}"' for c in columns)
        raw = connection.connection  # psycopg 3, inside Django's transaction
        with raw.cursor() as cursor:
            if not self._staging_ready:
                # The household columns without id (an identity column there).
                cursor.execute(f"CREATE TEMP TABLE IF NOT EXISTS klang_household_stage "
                               f"ON COMMIT DROP AS SELECT {column_list} FROM \"{table}\" "
                               f"WITH NO DATA")
                self._staging_ready = True
            cursor.execute("TRUNCATE klang_household_stage")
            with cursor.copy(f"COPY klang_household_stage ({column_list}) FROM STDIN") as copy:
                for built in batch:
                    copy.write_row([_db_value(f, built.household) for f in HOUSEHOLD_FIELDS])
            updates = ", ".join(f'"{f.column}" = EXCLUDED."{f.column}"' for f in UPDATE_FIELDS)
            cursor.execute(
                f'INSERT INTO "{table}" ({column_list}) SELECT {column_list} '
                f"FROM klang_household_stage "
                f'ON CONFLICT ("survey_id", "organisation_id", "submission_key") '
                f"DO UPDATE SET {updates} RETURNING id, submission_key, (xmax = 0)")
            returned = cursor.fetchall()
            ids = {key: pk for pk, key, _created in returned}
            created = sum(1 for *_rest, was_created in returned if was_created)
            replaced = [pk for pk, _key, was_created in returned if not was_created]
            if replaced:
                cursor.execute(f'DELETE FROM "{Person._meta.db_table}" '
                               f"WHERE household_id = ANY(%s)", (replaced,))
            person_columns = ", ".join(f'"{f.column}"' for f in PERSON_FIELDS)
            with cursor.copy(f'COPY "{Person._meta.db_table}" ({person_columns}) '
                             f"FROM STDIN") as copy:
                for built in batch:
                    household_id = ids[built.household.submission_key]
                    built.household.pk = household_id
                    for person in built.members:
                        person.household_id = household_id
                        copy.write_row([_db_value(f, person) for f in PERSON_FIELDS])
        return Written(created=created, updated=len(returned) - created)


def _db_value(field: Any, obj: Any) -> Any:
    value = getattr(obj, field.attname)
    if value is None:
        return None
    if field.get_internal_type() == "JSONField":
        from psycopg.types.json import Jsonb

        return Jsonb(value)
    if isinstance(value, memoryview):
        return bytes(value)
    return value
