"""The fast path of a large import: many submissions validated and written at once.

Reading. Plain CSV files (no quoted cell, no blank line, UTF-8, every submission key present
once, each household's member rows together and in household order; ``plan`` checks all of
it) are read by polars itself, 50,000 households and their members a batch, so row numbers
are line numbers as the csv reader would count them. Any other CSV upload is read row by row
by ``run._import_rows`` (the csv reader and ``MemberJoiner``, with their exact numbering and
joining) and handed here in batches of the same size (``validate``).

Validating. A batch becomes two polars frames; ``evidence.answers_frame`` marks the rows that
are clean by every rule of ``evidence.answers`` and computes their typed columns. Rows that are
not clean (any doubt at all) go back to ``build_household`` one by one, in file order, so
every problem, quarantine and rejection is exactly what the per-row path says.

Writing, on PostgreSQL: a batch none of whose keys is stored yet is COPY'd straight into the
household table under ids taken from its sequence; a batch with re-imported keys goes through
the writer's staging table and one ``INSERT … ON CONFLICT`` (updated in place, pseudonym
kept). Members by COPY; one audit event per household (``audit.log.record_many``'s rows) by
COPY. Every COPY is in PostgreSQL's binary format (``pgbinary``). Identities are encrypted per
household with ``evidence.crypto``'s key and token format (``encrypt_many``). For files read
by polars, the reading thread also prepares each batch as a fresh one (ids, identities,
binary rows: ``FastWriter.encode_fresh``), so the main thread only sends it. No constraint or
index is dropped; the foreign keys of a fresh batch are checked once per referenced row
instead of once per row (``_references_checked``). On other databases (SQLite) the clean rows
become the ``BuiltHousehold`` objects ``build_household`` would make and go through
``Writer``. The caller holds the one transaction.

Not used for XLSX (cells need the formula check) nor for exports with one column per choice
(they need folding): those stay on the per-row path.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import polars as pl
from django.db import IntegrityError, connection
from django.utils import timezone

from audit.models import AuditEvent
from evidence import answers_frame as af
from evidence import crypto
from evidence.answers import MAX_MEMBERS, MAX_TEXT, BuiltHousehold
from evidence.importing import mapping, pgbinary
from evidence.importing.writer import HOUSEHOLD_FIELDS, PERSON_FIELDS, UPDATE_FIELDS, Written
from evidence.models import Household, HouseholdStatus, Person
from evidence.schema import IDENTIFYING_HOUSEHOLD

# Seconds spent in each step of the fast path, summed over the process (bench/evidence.py
# prints them): where a large import's time goes.
timings: dict[str, float] = {}
BATCH = 50_000   # households a batch (with their members: about 175,000 member rows)
PSEUDONYM_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ2345679"   # evidence.models.new_pseudonym
HOUSEHOLD_TYPED_TEXT = ["consent", "consent_date", "area_code", "collected_on", "income_year",
                        *af.INDICATOR_CODES]


class _Timed:
    def __init__(self, label: str) -> None:
        self.label = label

    def __enter__(self) -> None:
        self.start = time.perf_counter()

    def __exit__(self, *exc: Any) -> None:
        timings[self.label] = timings.get(self.label, 0.0) + time.perf_counter() - self.start


def usable(layout: mapping.Layout) -> bool:
    """Whether this upload can take the fast path (else everything goes row by row)."""
    return (layout.households.encoding != "xlsx" and layout.members is not None
            and layout.member_columns is not None and layout.member_link is not None
            and not layout.household_columns.choices and not layout.member_columns.choices)


@dataclass
class Pending:
    """One household row read from the file, not yet validated."""

    number: int
    key: str
    row: list[str]
    member_rows: list[tuple[int, list[str]]]
    key_problems: list[Any] = field(default_factory=list)
    also_report: Any = None     # the first row of a duplicated key, reported in file order


@dataclass
class Clean:
    """The clean rows of a batch: frames ready to write."""

    households: pl.DataFrame   # _i, submission_key, typed columns, _answers, _identity
    members: pl.DataFrame      # _i, Person columns, _answers


def area_frame(codes: dict[str, int]) -> pl.DataFrame:
    return pl.DataFrame({"code": list(codes), "area_id": list(codes.values())},
                        schema={"code": pl.String, "area_id": pl.Int64})


def validate(batch: Sequence[Pending], layout: mapping.Layout, areas: pl.DataFrame,
             today: dt.date) -> tuple[list[bool], Clean]:
    """Which rows of the batch (rows read by the row-by-row reader) are clean, and the clean
    ones as frames."""
    hc = layout.household_columns
    mc = layout.member_columns
    assert mc is not None
    h_data: dict[str, list[str]] = {"_key": [p.key for p in batch]}
    for name, index in _named(hc):
        h_data[name] = [p.row[index] if index < len(p.row) else "" for p in batch]
    hh = pl.DataFrame(h_data, schema={k: pl.String for k in h_data}).with_row_index("_i")
    hh = hh.with_columns(pl.col("_i").cast(pl.Int64))

    owners: list[int] = []
    orders: list[int] = []
    positions: list[str] = []
    rows: list[list[str]] = []
    position_column = layout.member_position
    odk = layout.format == mapping.ODK
    for i, pending in enumerate(batch):
        for order, (_number, values) in enumerate(pending.member_rows, start=1):
            owners.append(i)
            orders.append(order)
            if position_column is None or position_column >= len(values):
                positions.append(str(order))
            elif odk:
                positions.append(str(mapping.member_position(layout, values, order)))
            else:
                positions.append(values[position_column].strip())
            rows.append(values)
    m_data: dict[str, Any] = {"_h": owners, "_order": orders, "_position": positions}
    for name, index in _named(mc):
        m_data[name] = [r[index] if index < len(r) else "" for r in rows]
    m_schema = {k: pl.String for k in m_data} | {"_h": pl.Int64, "_order": pl.Int64}
    key_ok = [not p.key_problems and p.also_report is None for p in batch]
    return validate_frames(hh, pl.DataFrame(m_data, schema=m_schema), key_ok, layout, areas,
                           today)


def _named(columns: mapping.Columns) -> list[tuple[str, int]]:
    """Frame column name → file column index: canonical names as they are, extras "x:name"."""
    return [*columns.canonical.items(), *[(f"x:{n}", i) for n, i in columns.extra.items()]]


def validate_frames(hh: pl.DataFrame, people: pl.DataFrame, key_ok: Sequence[bool],
                    layout: mapping.Layout, areas: pl.DataFrame,
                    today: dt.date) -> tuple[list[bool], Clean]:
    """``hh``: ``_i``, ``_key`` and the household columns (see ``_named``); ``people``: ``_h``
    (the household's ``_i``), ``_order``, ``_position`` and the member columns."""
    hc = layout.household_columns
    mc = layout.member_columns
    assert mc is not None
    h_names = list(hc.canonical)
    people = af.members(people, list(mc.canonical) + [f"x:{n}" for n in mc.extra])
    hh = af.households(hh, h_names + [f"x:{n}" for n in hc.extra], areas, today)

    counts = people.group_by("_h").agg(_n=pl.len(), _members_ok=pl.col("_ok").all())
    hh = hh.join(counts, left_on="_i", right_on="_h", how="left", maintain_order="left")
    hh = hh.with_columns(_ok=pl.col("_ok") & pl.Series(list(key_ok), dtype=pl.Boolean)
                         & pl.col("_members_ok").fill_null(False)
                         & pl.col("_n").is_between(1, MAX_MEMBERS).fill_null(False))
    ok = hh.get_column("_ok").to_list()
    hh = hh.filter(pl.col("_ok"))
    people = people.join(hh.select(pl.col("_i").alias("_h")), on="_h", how="semi",
                         maintain_order="left")

    typed = af.household_typed(
        people, hh.select(pl.col("_i").alias("_h"), pl.col("_income")))
    member_identity = people.with_columns(
        _pair=pl.when((pl.col("member_name") != "") | (pl.col("id_number") != "")).then(
            pl.lit('"') + pl.col("position").cast(pl.String) + pl.lit('":')
            + af.json_object([("member_name", pl.col("member_name")),
                              ("id_number", pl.col("id_number"))]))
    ).group_by("_h").agg(_pairs=pl.col("_pair").drop_nulls().str.join(","))
    hh = hh.join(typed.rename({"income_year": "_income_year"}), left_on="_i", right_on="_h",
                 how="left", maintain_order="left")
    hh = hh.join(member_identity, left_on="_i", right_on="_h", how="left",
                 maintain_order="left")
    identity_parts = [(name, af.text(name)) for name in IDENTIFYING_HOUSEHOLD]
    head = af.json_object(identity_parts)
    members_part = pl.when(pl.col("_pairs").fill_null("") != "").then(
        pl.lit('"members":{') + pl.col("_pairs") + pl.lit("}"))
    head_inner = head.str.slice(1, head.str.len_chars() - 2)
    identity = pl.lit("{") + pl.concat_str(
        [pl.when(head_inner != "").then(head_inner), members_part], separator=",",
        ignore_nulls=True) + pl.lit("}")

    answer_pairs: list[tuple[str, pl.Expr]] = [
        (name, af.text(name)) for name in HOUSEHOLD_TYPED_TEXT if name != "area_code"]
    answer_pairs += [(name, af.text(name).str.to_lowercase())
                     for name in ("housing_tenure", "water_source")]
    answer_pairs += [(name, af.text(f"x:{name}").str.slice(0, MAX_TEXT)) for name in hc.extra]
    answer_pairs.append(("area_code", pl.col("_area_code")))
    # Clean rows only (filtered above): these answers passed a choice list or a digits-only
    # rule (dates did not: their rule reads only the start of the cell).
    plain = frozenset({"consent", "income_year", "housing_tenure", "water_source", "area_code",
                       *af.INDICATOR_CODES})
    hh = hh.with_columns(_answers=af.json_object(answer_pairs, plain=plain), _identity=identity)
    people = people.with_columns(_answers=af.json_object(
        [(name, af.text(f"x:{name}").str.slice(0, MAX_TEXT)) for name in mc.extra]))
    households = hh.select(
        "_i", pl.col("_key").alias("submission_key"), pl.col("_area_id").alias("area_id"),
        pl.col("_collected_on").alias("collected_on"),
        pl.coalesce("_consent_date", "_collected_on", pl.lit(today)).alias("consent_date"),
        "_answers", "_identity", "members_count", pl.col("_deprivations").alias("deprivations"),
        "flags", "groups", "state_welfare_card", pl.col("_income_year").alias("income_year"))
    members = people.select(
        pl.col("_h").alias("_i"), "position", "sex", "age", "id_type", "thai_id_checked",
        "disability", "chronic_illness", "bedridden", "has_carer", "ethnicity", "welfare",
        "in_school", "works", "income_year", "_answers")
    return ok, Clean(households=households, members=members)


def new_pseudonyms(n: int) -> list[str]:
    """``n`` values like ``evidence.models.new_pseudonym`` (10 uniform letters of its alphabet,
    from the OS's random source), made in bulk."""
    size = len(PSEUDONYM_ALPHABET)
    limit = 256 - 256 % size   # rejection sampling keeps the letters uniform
    table = bytes(ord(PSEUDONYM_ALPHABET[b % size]) for b in range(256))
    dropped = bytes(range(limit, 256))
    codes = b""
    while len(codes) < n * 10:
        codes += os.urandom(n * 11 + 64).translate(table, dropped)
    text = codes[:n * 10].decode()
    return ["HH-" + text[i:i + 10] for i in range(0, n * 10, 10)]


def encrypt_many(plaintexts: Sequence[bytes], bound_to: Sequence[str]) -> list[bytes]:
    """``crypto.encrypt`` for many records: the same token, ``<key id>:<nonce><ct+tag>``."""
    key_id, aead = crypto.keyring()[0]
    prefix = key_id.encode() + b":"
    nonces = os.urandom(crypto.NONCE_BYTES * len(plaintexts))
    out = []
    step = crypto.NONCE_BYTES
    for i, (plaintext, pseudonym) in enumerate(zip(plaintexts, bound_to, strict=True)):
        nonce = nonces[i * step:(i + 1) * step]
        out.append(prefix + nonce + aead.encrypt(nonce, plaintext, pseudonym.encode()))
    return out


class FastWriter:
    """Writes the clean rows of a batch (see the module's doc)."""

    def __init__(self, writer: Any) -> None:
        self.writer = writer
        self.postgres = connection.vendor == "postgresql"
        self._may_skip_triggers: bool | None = None
        self._parents_locked = False
        self._areas_locked: set[int] = set()

    def write(self, clean: Clean, encoded: Encoded | None = None) -> Written:
        """``encoded``: the batch made ready by ``encode_fresh`` beforehand (in the reading
        thread), used if none of its keys is stored yet."""
        hh = clean.households
        if hh.height == 0:
            return Written()
        keys = hh.get_column("submission_key").to_list()
        existing = self._existing(keys)
        if self.postgres and not existing:
            if encoded is None:
                with connection.cursor() as cursor:
                    ids = take_ids(cursor, hh.height)
                pseudonyms = new_pseudonyms(hh.height)
                encoded = self.encode_fresh(clean, ids, pseudonyms,
                                            seal(clean.households, pseudonyms))
            return self._send_fresh(encoded)
        fresh = iter(new_pseudonyms(len(keys) - len(existing)))
        pseudonyms = [existing.get(k) or next(fresh) for k in keys]
        if not self.postgres:
            return self._orm(clean, pseudonyms)   # Writer seals each identity itself
        return self._postgres(clean, pseudonyms, seal(hh, pseudonyms))

    def _existing(self, keys: list[str]) -> dict[str, str]:
        """Submission key → pseudonym of the households already stored (re-imports)."""
        w = self.writer
        if not self.postgres:
            return dict(Household.objects.filter(
                survey=w.survey, organisation=w.organisation, submission_key__in=keys,
            ).values_list("submission_key", "pseudonym"))
        with connection.cursor() as cursor:
            cursor.execute(f'SELECT submission_key, pseudonym FROM "{Household._meta.db_table}" '
                           f"WHERE survey_id = %s AND organisation_id = %s "
                           f"AND submission_key = ANY(%s)",
                           [w.survey.pk, w.organisation.pk, keys])
            return dict(cursor.fetchall())

    # --- SQLite and others: the same objects build_household makes -------------------------

    def _orm(self, clean: Clean, pseudonyms: list[str]) -> Written:
        w = self.writer
        by_household: dict[int, list[Person]] = {}
        for data in clean.members.iter_rows(named=True):
            answers = json.loads(data.pop("_answers"))
            by_household.setdefault(data.pop("_i"), []).append(Person(answers=answers, **data))
        batch = []
        entered_by = w.user if getattr(w.user, "pk", None) else None
        for data, pseudonym in zip(clean.households.iter_rows(named=True), pseudonyms,
                                   strict=True):
            identity = json.loads(data["_identity"])
            record = Household(
                survey=w.survey, organisation=w.organisation, area_id=data["area_id"],
                submission_key=data["submission_key"], status=HouseholdStatus.SUBMITTED,
                collected_on=data["collected_on"], consent_given=True, consent_purpose="",
                consent_date=data["consent_date"], consent_recorded_by=entered_by,
                answers=json.loads(data["_answers"]), members_count=data["members_count"],
                deprivations=data["deprivations"], flags=data["flags"], groups=data["groups"],
                state_welfare_card=data["state_welfare_card"], income_year=data["income_year"],
                entered_by=entered_by, pseudonym=pseudonym)
            people = by_household.get(data["_i"], [])
            for person in people:
                person.household = record
            batch.append(BuiltHousehold(household=record, members=people, identity=identity,
                                        answers=record.answers))
        return w.write(batch)

    # --- PostgreSQL: COPY ------------------------------------------------------------------

    def _household_rows(self, clean: Clean, pseudonyms: list[str], now: dt.datetime,
                        ids: list[int] | None = None) -> tuple[pl.DataFrame, list[str]]:
        """The household rows as the table's columns (``identity`` apart: it is encoded from
        the tokens), with ``id`` first when ``ids`` are given."""
        w = self.writer
        entered_by = w.user.pk if getattr(w.user, "pk", None) else None
        hh = clean.households.with_columns(pseudonym=pl.Series(pseudonyms, dtype=pl.String))
        constants = {
            "survey_id": w.survey.pk, "organisation_id": w.organisation.pk,
            "status": HouseholdStatus.SUBMITTED.value, "consent_given": True,
            "consent_purpose": "",   # the survey's own (Household.purpose_told)
            "consent_recorded_by_id": entered_by, "consent_withdrawn_at": None,
            "entered_by_id": entered_by, "verified_by_id": None, "verified_at": None,
            "import_job_id": w.job.pk if w.job else None, "is_synthetic": False,
            "created_at": now, "updated_at": now,
        }
        columns = [f.column for f in HOUSEHOLD_FIELDS]
        exprs = [pl.lit(constants[c]).alias(c) if c in constants
                 else pl.col("_answers" if c == "answers" else c).alias(c)
                 for c in columns if c != "identity"]
        if ids is not None:
            hh = hh.with_columns(id=pl.Series(ids, dtype=pl.Int64))
            exprs.insert(0, pl.col("id"))
            columns = ["id", *columns]
        return hh.select(exprs), columns

    def encode_fresh(self, clean: Clean, ids: list[int], pseudonyms: list[str],
                     tokens: list[bytes | None]) -> Encoded:
        """A batch of households none of which is stored yet, ready to COPY under ``ids``
        (taken from the table's sequence): rows of the three tables in binary. No database
        work, so the reading thread can do it while the previous batch is being written."""
        w = self.writer
        now = timezone.now()
        rows, columns = self._household_rows(clean, pseudonyms, now, ids)
        identities = {"identity": pgbinary.from_bytes(tokens)}
        households = _encode(Household, columns, rows, identities)
        owners = pl.DataFrame({"_i": clean.households.get_column("_i"),
                               "household_id": pl.Series(ids, dtype=pl.Int64)})
        people = clean.members.join(owners, on="_i", maintain_order="left").rename(
            {"_answers": "answers"})
        person_columns = [f.column for f in PERSON_FIELDS]
        members = _encode(Person, person_columns, people.select(person_columns))
        audit = None
        if w.audit:
            audit_rows, audit_columns = self._audit_rows(pl.Series(pseudonyms, dtype=pl.String),
                                                         now)
            audit = (audit_columns, _encode(AuditEvent, audit_columns, audit_rows))
        return Encoded(count=len(ids), area_ids=clean.households.get_column("area_id")
                       .unique().to_list(), households=(columns, households),
                       members=(person_columns, members), audit=audit)

    def _send_fresh(self, encoded: Encoded) -> Written:
        with connection.connection.cursor() as cursor:
            checked = self._references_checked(cursor, encoded.area_ids)
            if checked:
                cursor.execute("SET LOCAL session_replication_role = replica")
            with _Timed("households: COPY"):
                _send(cursor, Household, *encoded.households)
            with _Timed("members: COPY"):
                _send(cursor, Person, *encoded.members)
            if checked:
                cursor.execute("SET LOCAL session_replication_role = origin")
            if encoded.audit is not None:
                with _Timed("audit: COPY"):
                    _send(cursor, AuditEvent, *encoded.audit)
        return Written(created=encoded.count)

    def _postgres(self, clean: Clean, pseudonyms: list[str],
                  tokens: list[bytes | None]) -> Written:
        """A batch with re-imported keys: the staging table and the upsert (updated in place,
        pseudonym kept); members replaced; audit events."""
        w = self.writer
        now = timezone.now()
        rows, columns = self._household_rows(clean, pseudonyms, now)
        hh = clean.households.with_columns(pseudonym=pl.Series(pseudonyms, dtype=pl.String))
        identities = {"identity": pgbinary.from_bytes(tokens)}
        with connection.connection.cursor() as cursor:
            returned = self._upsert(cursor, rows, columns, identities)
            ids = pl.DataFrame({"submission_key": [r[1] for r in returned],
                                "household_id": [r[0] for r in returned]},
                               schema={"submission_key": pl.String, "household_id": pl.Int64})
            created = sum(1 for r in returned if r[2])
            replaced = [r[0] for r in returned if not r[2]]
            if replaced:
                cursor.execute(f'DELETE FROM "{Person._meta.db_table}" '
                               f"WHERE household_id = ANY(%s)", (replaced,))
            owners = hh.select("_i", "submission_key").join(ids, on="submission_key")
            people = clean.members.join(owners.select("_i", "household_id"), on="_i")
            person_columns = [f.column for f in PERSON_FIELDS]
            people = people.rename({"_answers": "answers"}).select(person_columns)
            with _Timed("members: COPY"):
                _copy(cursor, f'"{Person._meta.db_table}"', Person, person_columns, people)
            if w.audit:
                with _Timed("audit: COPY"):
                    audit_rows, audit_columns = self._audit_rows(hh.get_column("pseudonym"), now)
                    _copy(cursor, f'"{AuditEvent._meta.db_table}"', AuditEvent, audit_columns,
                          audit_rows)
        return Written(created=created, updated=len(returned) - created)

    def _references_checked(self, cursor: Any, area_ids: list[int]) -> bool:
        """Checks, once per referenced row, what PostgreSQL's foreign-key triggers would check
        once per imported row, and says whether those triggers may be skipped for the COPY.

        A fresh batch references one survey, one organisation, a few hundred areas, and (its
        members) households this transaction has just inserted. The survey, organisation and
        areas are locked ``FOR KEY SHARE`` here, as each trigger would lock them, so none can
        be deleted before the import commits; a missing one fails the import as the trigger
        would. The members' households are the ids just taken from the sequence, invisible to
        every other transaction until commit. With that, the COPY runs with
        ``session_replication_role = replica`` (which fires no ordinary trigger; the import
        only inserts): half the database time of households and members (bench/RESULTS.md).
        The role must be allowed to change that setting (a superuser, or PostgreSQL 15's
        ``GRANT SET ON PARAMETER session_replication_role TO <role>``); without it the
        triggers run as usual and the result is the same, only slower."""
        w = self.writer
        if self._may_skip_triggers is None:
            cursor.execute("SELECT has_parameter_privilege('session_replication_role', 'SET')"
                           if connection.pg_version >= 150000 else
                           "SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
            self._may_skip_triggers = bool(cursor.fetchone()[0])
        if not self._may_skip_triggers:
            return False
        from areas.models import Area
        from orgs.models import Organisation

        if not self._parents_locked:
            for model, pk in ((type(w.survey), w.survey.pk),
                              (Organisation, w.organisation.pk)):
                cursor.execute(f'SELECT id FROM "{model._meta.db_table}" WHERE id = %s '
                               f"FOR KEY SHARE", [pk])
                if cursor.fetchone() is None:
                    raise IntegrityError(f"{model._meta.label} {pk} does not exist")
            self._parents_locked = True
        wanted = [pk for pk in area_ids if pk not in self._areas_locked]
        if wanted:
            cursor.execute(f'SELECT id FROM "{Area._meta.db_table}" WHERE id = ANY(%s) '
                           f"FOR KEY SHARE", [wanted])
            found = {row[0] for row in cursor.fetchall()}
            if len(found) != len(wanted):
                raise IntegrityError(f"areas {sorted(set(wanted) - found)} do not exist")
            self._areas_locked |= found
        return True

    def _upsert(self, cursor: Any, rows: pl.DataFrame, columns: list[str],
                given: dict[str, pgbinary.Field]) -> list[Any]:
        """Staging table, then one INSERT … ON CONFLICT: (id, submission key, created)."""
        w = self.writer
        table = Household._meta.db_table
        column_list = ", ".join(f'"{c}"' for c in columns)
        if not w._staging_ready:
            cursor.execute(f"CREATE TEMP TABLE IF NOT EXISTS klang_household_stage "
                           f"ON COMMIT DROP AS SELECT {column_list} FROM \"{table}\" "
                           f"WITH NO DATA")
            w._staging_ready = True
        cursor.execute("TRUNCATE klang_household_stage")
        with _Timed("households: COPY to staging"):
            _copy(cursor, "klang_household_stage", Household, columns, rows, given)
        updates = ", ".join(f'"{f.column}" = EXCLUDED."{f.column}"' for f in UPDATE_FIELDS)
        with _Timed("households: INSERT … ON CONFLICT"):
            cursor.execute(
                f'INSERT INTO "{table}" ({column_list}) SELECT {column_list} '
                f"FROM klang_household_stage "
                f'ON CONFLICT ("survey_id", "organisation_id", "submission_key") '
                f"DO UPDATE SET {updates} RETURNING id, submission_key, (xmax = 0)")
            return cursor.fetchall()

    def _audit_rows(self, labels: pl.Series, now: dt.datetime) -> tuple[pl.DataFrame, list[str]]:
        """``audit.log.record_many``'s rows for the batch (one event per household)."""
        w = self.writer
        authenticated = getattr(w.user, "is_authenticated", False)
        values = {
            "at": now, "actor_id": w.user.pk if authenticated else None,
            "actor_label": w.user.email if authenticated else "system",
            "action": "import", "object_type": "household", "organisation_id": w.organisation.pk,
            "reason": "",
            "detail": json.dumps({"import_job": w.job.pk if w.job else None}),
        }
        fields = [f for f in AuditEvent._meta.concrete_fields if f.attname != "id"]
        frame = labels.alias("object_label").to_frame().select(
            [pl.col("object_label") if f.attname == "object_label"
             else pl.lit(values[f.attname]).alias(f.column) for f in fields])
        return frame, [f.column for f in fields]


@dataclass
class Encoded:
    """A fresh batch in COPY's binary format: (columns, stream) for each table."""

    count: int
    area_ids: list[int]
    households: tuple[list[str], memoryview]
    members: tuple[list[str], memoryview]
    audit: tuple[list[str], memoryview] | None


def seal(households: pl.DataFrame, pseudonyms: list[str]) -> list[bytes | None]:
    """The identity token of each household (None: nothing identifying was given)."""
    with _Timed("identities: encrypt"):
        identities = households.get_column("_identity").to_list()
        sealed = [i for i, text in enumerate(identities) if text != "{}"]
        tokens: list[bytes | None] = [None] * len(identities)
        for i, token in zip(sealed, encrypt_many([identities[i].encode() for i in sealed],
                                                 [pseudonyms[i] for i in sealed]), strict=True):
            tokens[i] = token
        return tokens


def take_ids(cursor: Any, n: int) -> list[int]:
    """``n`` new household ids from the table's sequence (any connection: sequences are not
    transactional, and ids of a rolled-back import are simply never used)."""
    cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                   [Household._meta.db_table, n])
    return [row[0] for row in cursor.fetchall()]


def _encode(model: Any, columns: list[str], frame: pl.DataFrame,
            given: dict[str, pgbinary.Field] | None = None) -> memoryview:
    """The ``columns`` of ``frame`` in PostgreSQL's binary COPY format, typed as ``model``'s
    columns are; ``given``: columns encoded already (the identity tokens)."""
    kinds = {f.column: pgbinary.pg_type(f.db_type(connection))
             for f in model._meta.concrete_fields}
    with _Timed(f"encode {model._meta.db_table}"):
        return pgbinary.stream([
            given[c] if given and c in given else pgbinary.field(frame.get_column(c), kinds[c])
            for c in columns])


def _send(cursor: Any, model: Any, columns: list[str], data: memoryview,
          target: str | None = None) -> None:
    names = ", ".join(f'"{c}"' for c in columns)
    table = target or f'"{model._meta.db_table}"'
    step = 1 << 22
    with _Timed(f"send {model._meta.db_table}"), \
            cursor.copy(f"COPY {table} ({names}) FROM STDIN (FORMAT binary)") as copy:
        for start in range(0, len(data), step):
            copy.write(data[start:start + step])


def _copy(cursor: Any, target: str, model: Any, columns: list[str], frame: pl.DataFrame,
          given: dict[str, pgbinary.Field] | None = None) -> None:
    """COPY the ``columns`` of ``frame`` into ``target`` (a table of ``model``'s columns)."""
    _send(cursor, model, columns, _encode(model, columns, frame, given), target)


# --- reading plain CSV files with polars ------------------------------------------------------

SCAN_BYTES = 16 << 20


@dataclass
class Plan:
    """How to read an upload in batches with polars: only for plain, well-ordered CSV files,
    where polars sees exactly the rows, row numbers and member runs the csv reader would."""

    layout: mapping.Layout
    total: int                  # household rows
    member_counts: list[int]    # member rows of each household, in file order


def plan(layout: mapping.Layout) -> Plan | None:
    """A plan, or None when anything about the files needs the row-by-row reader: quoted
    cells (a cell may span lines), blank lines, bare carriage returns, bytes that are not
    UTF-8, empty or repeated submission keys, member rows out of their household's order or
    naming no household, rows longer than the header."""
    households, members = layout.households, layout.members
    if not usable(layout) or members is None or households.path is None \
            or members.path is None or layout.member_link is None:
        return None
    if households.encoding != "utf-8-sig" or members.encoding != "utf-8-sig":
        return None
    if not (_plain(households.path) and _plain(members.path)):
        return None
    try:
        keys = _column(households.path, len(households.header), layout.household_key)
        links = (keys if layout.household_link == layout.household_key else
                 _column(households.path, len(households.header), layout.household_link))
        owners = _column(members.path, len(members.header), layout.member_link)
    except (pl.exceptions.PolarsError, OSError, ValueError):
        return None
    if keys.height == 0 or keys.filter(pl.col("k") == "").height or keys["k"].n_unique() \
            != keys.height or links.filter(pl.col("k") == "").height \
            or links["k"].n_unique() != links.height or owners.filter(pl.col("k") == "").height:
        return None
    runs = owners.select(pl.col("k").rle()).unnest("k")
    if runs["value"].n_unique() != runs.height:
        return None   # a household's members in two places
    index = links.with_row_index("_i").with_columns(pl.col("_i").cast(pl.Int64))
    placed = runs.join(index, left_on="value", right_on="k", how="left", maintain_order="left")
    if placed["_i"].null_count() or not placed["_i"].is_sorted():
        return None   # orphans, or runs in another order than the households
    counts = [0] * keys.height
    for i, n in zip(placed["_i"].to_list(), placed["len"].to_list(), strict=True):
        counts[i] = n
    return Plan(layout=layout, total=keys.height, member_counts=counts)


def _plain(path: Any) -> bool:
    import codecs

    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    tail = b""
    with open(path, "rb") as handle:
        while chunk := handle.read(SCAN_BYTES):
            window = tail + chunk
            if (b'"' in chunk or b"\x00" in chunk or b"\n\n" in window or b"\n\r\n" in window
                    or window.count(b"\r") != window.count(b"\r\n") + window.endswith(b"\r")):
                return False
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError:
                return False
            tail = window[-2:]
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return not tail.endswith(b"\r")


def _schema(width: int) -> dict[str, Any]:
    return {f"c{i}": pl.String for i in range(width)}


def _column(path: Any, width: int, index: int) -> pl.DataFrame:
    frame = pl.read_csv(path, has_header=False, skip_rows=1, schema=_schema(width),
                        quote_char=None, columns=[index])
    return frame.select(_clean_key(pl.col(f"c{index}")).alias("k"))


def _clean_key(expr: pl.Expr) -> pl.Expr:
    """``mapping.clean_key``: stripped, a leading "uuid:" dropped."""
    value = expr.fill_null("").str.strip_chars()
    return pl.when(value.str.to_lowercase().str.starts_with("uuid:")).then(
        value.str.slice(5)).otherwise(value)


def _read_lines(handle: Any, count: int, width: int) -> pl.DataFrame:
    from itertools import islice

    data = b"".join(islice(handle, count))
    if not data:
        return pl.DataFrame(schema=_schema(width))
    return pl.read_csv(io.BytesIO(data), has_header=False, schema=_schema(width),
                       quote_char=None)


@dataclass
class FrameBatch:
    """One batch read by polars: frames for the fast rules, and the raw rows to hand to the
    row-by-row path for the rows found doubtful."""

    first: int                 # index of the batch's first household in the file
    households: pl.DataFrame   # c0..cN as read
    members: pl.DataFrame      # c0..cN as read, plus _h
    member_first: int          # index of the batch's first member row in the file

    def pending(self, i: int, layout: mapping.Layout) -> Pending:
        row = ["" if v is None else v for v in self.households.row(i)]
        key = mapping.clean_key(row[layout.household_key])
        offsets = self.members.with_row_index("_r").filter(pl.col("_h") == i)
        member_rows = [(self.member_first + r + 2,
                        ["" if v is None else v for v in values[:-1]])
                       for r, *values in offsets.iter_rows()]
        problems = []
        if len(key) > 100:
            from django.utils.translation import gettext as _

            from evidence.answers import Problem

            problems.append(Problem(self.first + i + 2, layout.households.name,
                                    layout.households.header[layout.household_key],
                                    "key_too_long", _("The submission key is longer than 100 "
                                                      "characters.")))
        return Pending(self.first + i + 2, key, row, member_rows, key_problems=problems)


def read_batches(plan: Plan, size: int = BATCH) -> Any:
    """Yields ``FrameBatch``es of ``size`` households with their members."""
    layout = plan.layout
    assert layout.members is not None and layout.households.path and layout.members.path
    h_width, m_width = len(layout.households.header), len(layout.members.header)
    with open(layout.households.path, "rb") as h_file, open(layout.members.path, "rb") as m_file:
        h_file.readline()
        m_file.readline()
        member_first = 0
        for first in range(0, plan.total, size):
            counts = plan.member_counts[first:first + size]
            households = _read_lines(h_file, len(counts), h_width)
            members = _read_lines(m_file, sum(counts), m_width)
            owners = [i for i, n in enumerate(counts) for _ in range(n)]
            members = members.with_columns(_h=pl.Series(owners, dtype=pl.Int64))
            yield FrameBatch(first, households, members, member_first)
            member_first += members.height


def frames_of(batch: FrameBatch, layout: mapping.Layout) -> tuple[pl.DataFrame, pl.DataFrame,
                                                                  list[bool]]:
    """The batch as ``validate_frames`` wants it, and which rows have a fine key."""
    hc, mc = layout.household_columns, layout.member_columns
    assert mc is not None
    hh = batch.households.select(
        _key=_clean_key(pl.col(f"c{layout.household_key}")),
        **{name: pl.col(f"c{i}").fill_null("") for name, i in _named(hc)},
    ).with_row_index("_i").with_columns(pl.col("_i").cast(pl.Int64))
    order = pl.int_range(1, pl.len() + 1).over("_h").cast(pl.Int64)
    if layout.member_position is None:
        position = order.cast(pl.String)
    elif layout.format == mapping.ODK:
        position = pl.coalesce(
            pl.col(f"c{layout.member_position}").fill_null("").str.strip_chars()
            .str.extract(r"\[([0-9]+)\]$").cast(pl.Int64, strict=False).cast(pl.String),
            order.cast(pl.String))
    else:
        position = pl.col(f"c{layout.member_position}").fill_null("").str.strip_chars()
    people = batch.members.select(
        "_h", _order=order, _position=position,
        **{name: pl.col(f"c{i}").fill_null("") for name, i in _named(mc)},
    )
    key_ok = hh.select(pl.col("_key").str.len_chars() <= 100).to_series().to_list()
    return hh, people, key_ok


def prepared(plan: Plan, areas: pl.DataFrame, today: dt.date,
             writer: FastWriter | None = None) -> Any:
    """Yields ``(batch, clean flags, Clean, Encoded or None)``, reading and validating the
    next batch in a second thread while the caller writes this one (polars, numpy and psycopg
    release the GIL, so the database and the rules work at the same time). On PostgreSQL,
    given the ``writer``, the thread also encodes the batch for COPY as if none of its keys
    were stored (``FastWriter.encode_fresh``), taking its ids on the thread's own connection;
    the caller's transaction is never touched there."""
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connections

    batches = iter(read_batches(plan))
    encode = writer is not None and writer.postgres

    def step() -> tuple[FrameBatch, list[bool], Clean, Encoded | None] | None:
        frames = next(batches, None)
        if frames is None:
            return None
        with _Timed("read + validate (second thread)"):
            hh, people, key_ok = frames_of(frames, plan.layout)
            ok, clean = validate_frames(hh, people, key_ok, plan.layout, areas, today)
        encoded = None
        if encode and clean.households.height:
            assert writer is not None
            with _Timed("encode (second thread)"):
                with connections["default"].cursor() as cursor:
                    ids = take_ids(cursor, clean.households.height)
                pseudonyms = new_pseudonyms(len(ids))
                encoded = writer.encode_fresh(clean, ids, pseudonyms,
                                              seal(clean.households, pseudonyms))
        return frames, ok, clean, encoded

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="klang-import") as pool:
        try:
            future = pool.submit(step)
            while (item := future.result()) is not None:
                future = pool.submit(step)
                yield item
        finally:
            pool.submit(connections.close_all).result()
