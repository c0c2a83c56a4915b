"""One submission (a household and its members) turned into model instances: THE shared rules.

Both the web form (``evidence.views.households``) and the importers (``evidence.importing``)
call ``build_household``; nothing else decides how an answer becomes a typed column. Inputs are
flat dicts keyed by the canonical question names of ``evidence.schema`` with string values, as
they come from a CSV cell or a form field ("" = not answered). Keys that are not canonical are
kept, as given, in ``answers`` (never identifying ones; keys starting with ``_`` and the
template's ``submission_id``/``position`` are bookkeeping and dropped).

The rules, in one place, for anyone who vectorises them (the importer validates in bulk with
polars; it must give the same verdicts):

- text: stripped; longer than ``MAX_TEXT`` characters is a problem (``too_long``).
- yes/no questions (``BOOLEAN_*`` sets, case-insensitive, Thai words too): "" = unknown (None).
- whole numbers (``parse_whole``): digits, optional ",", thousands separators and a ".0"
  fraction as spreadsheets write it; Thai digits read as Arabic.
  Age ``AGE_MIN..AGE_MAX``; income ``0..INCOME_MAX`` baht a year.
- choices: ``SEX``, ``ID_TYPE_CODES``, ``WELFARE_CODES`` (+ ``NO_WELFARE`` alone),
  ``INDICATOR_ANSWERS`` for ``bmn_XX``, ``HOUSING_TENURES``, ``WATER_SOURCES``; select_multiple
  answers are space-separated codes. ``ethnicity`` is free (custom surveys name groups their own
  way), at most 100 characters; ``ETHNIC_MAJORITY`` values do not mark an ethnic group.
- consent: must be yes, or the submission is refused (``consent_missing``) and nothing stored.
- dates: ``YYYY-MM-DD`` (a time after it is ignored) or ``D/M/YYYY``; a year after 2400 is
  Buddhist Era and has 543 taken off. Not in the future.
- area_code: the DOPA code of a sub-district (6 digits) or village (8); a village Klang does not
  know falls back to its sub-district; anything else is ``unknown_area``.
- id_number: only read when ``id_type`` is ``thai_id`` or empty; checked by its checksum when
  given (``evidence.thaiid``), never required.
- has_carer: only read for a bedridden member (the survey's ``relevant``).
- typed household columns, computed from members by the pure functions ``household_flags``,
  ``household_groups`` and ``eligible_allowances`` (document of the seed-003 flags there).

Problems never quote a value: a misplaced name or ID number in a wrong column must not end up
in an import report.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from evidence import thaiid
from evidence.models import Household, HouseholdStatus, Person, Survey
from evidence.schema import (
    CHILD_SUPPORT_INCOME_LIMIT,
    FAILS,
    FLAG_BEDRIDDEN_NO_CARER,
    FLAG_ELIGIBLE_NOT_RECEIVING,
    FLAG_NO_THAI_ID,
    GROUP_BIT,
    ID_TYPES,
    IDENTIFYING_HOUSEHOLD,
    IDENTIFYING_PERSON,
    NOT_APPLICABLE,
    PASSES,
    TPMAP_INDICATORS,
    WELFARE,
    WELFARE_BIT,
)

HOUSEHOLDS_SHEET = "households"
MEMBERS_SHEET = "members"

MAX_TEXT = 1000
MAX_ETHNICITY = 100
MAX_MEMBERS = 50
AGE_MIN, AGE_MAX = 0, 130
INCOME_MAX = 100_000_000
OLD_AGE = 60          # old-age allowance, the "older-people" group
ADULT_AGE = 18        # under it: "children-youth"
CHILD_SUPPORT_AGE = 6  # child support grant: under 6

BOOLEAN_TRUE = frozenset({"yes", "y", "1", "true", "t", "ใช่", "มี", "เคย"})
BOOLEAN_FALSE = frozenset({"no", "n", "0", "false", "f", "ไม่", "ไม่ใช่", "ไม่มี"})
SEX = frozenset({"male", "female", "other"})
ID_TYPE_CODES = frozenset(code for code, _label in ID_TYPES)
THAI_ID = "thai_id"
WELFARE_CODES = frozenset(code for code, _label in WELFARE)
NO_WELFARE = "none"
INDICATOR_CODES = [i.code for i in TPMAP_INDICATORS]
INDICATOR_ANSWERS = frozenset({PASSES, FAILS, NOT_APPLICABLE})
HOUSING_TENURES = frozenset({"own", "rent", "rent_free", "no_title", "other"})
WATER_SOURCES = frozenset({"tap", "well", "rain", "bottled", "stream", "other"})
ETHNIC_MAJORITY = frozenset({"", "thai", "prefer_not"})

# Bookkeeping columns of the exports and of Klang's template: not answers.
BOOKKEEPING = frozenset({"submission_id", "position", "KEY", "PARENT_KEY"})
HOUSEHOLD_TYPED = frozenset({
    "consent", "consent_date", "area_code", "collected_on", "income_year",
    *INDICATOR_CODES,
})
PERSON_TYPED = frozenset({
    "sex", "age", "id_type", "disability", "chronic_illness", "bedridden", "has_carer",
    "ethnicity", "welfare", "in_school", "works", "income_year",
})
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_WHOLE = re.compile(r"^[+]?\d+(\.0*)?$")
_AREA_CODE = re.compile(r"^\d{6}(\d{2})?$")


@dataclass
class Problem:
    """One thing wrong with a submission, where it is, in the reader's language."""

    row: int | None
    sheet: str
    column: str
    code: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class BuiltHousehold:
    """An unsaved household, its unsaved members, and what to encrypt.

    Save ``household`` first, then ``members`` (their ``household`` is set), after
    ``seal()`` (or ``household.write_identity(identity)`` under the final pseudonym: a re-import
    that keeps an existing pseudonym must encrypt under that one).
    """

    household: Household
    members: list[Person]
    identity: dict[str, Any]
    answers: dict[str, str] = field(default_factory=dict)

    def seal(self) -> None:
        self.household.write_identity(self.identity)


class AreaLookup:
    """DOPA code → area id, cached: a file of 100,000 rows names a few hundred areas."""

    def __init__(self) -> None:
        self._cache: dict[str, int | None] = {}

    def __call__(self, code: str) -> int | None:
        if code not in self._cache:
            from areas.models import Area, Level

            found = dict(Area.objects.filter(
                code__in=[code, code[:6]], level__in=[Level.SUBDISTRICT, Level.VILLAGE],
            ).values_list("code", "pk"))
            self._cache[code] = found.get(code) or (found.get(code[:6]) if len(code) == 8
                                                    else None)
        return self._cache[code]


# --- small pure rules (reusable, vectorisable) --------------------------------------------------

def clean(value: Any) -> str:
    return "" if value is None else str(value).strip()


def parse_bool(value: str) -> bool | None:
    """True / False / None (not answered). Raises ValueError for anything else."""
    text = clean(value).lower()
    if not text:
        return None
    if text in BOOLEAN_TRUE:
        return True
    if text in BOOLEAN_FALSE:
        return False
    raise ValueError(text)


def parse_whole(value: str, low: int, high: int) -> int | None:
    """A whole number in [low, high], or None when empty. Raises ValueError otherwise."""
    text = clean(value).translate(_THAI_DIGITS).replace(",", "").replace(" ", "")
    if not text:
        return None
    if not _WHOLE.match(text):
        raise ValueError(text)
    number = int(text.split(".")[0])
    if not low <= number <= high:
        raise ValueError(text)
    return number


def parse_date(value: str) -> dt.date | None:
    """``YYYY-MM-DD[...]`` or ``D/M/YYYY``; Buddhist-Era years (> 2400) converted."""
    text = clean(value).translate(_THAI_DIGITS)
    if not text:
        return None
    match = re.match(r"^(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if match:
        year, month, day = (int(g) for g in match.groups())
    else:
        match = re.match(r"^(\d{1,2})/(\d{1,2})/(\d{4})$", text)
        if not match:
            raise ValueError(text)
        day, month, year = (int(g) for g in match.groups())
    if year > 2400:
        year -= 543
    return dt.date(year, month, day)  # ValueError for 31 February


def parse_choices(value: str) -> list[str]:
    return clean(value).split()


def welfare_bits(codes: Iterable[str]) -> int:
    bits = 0
    for code in codes:
        bits |= WELFARE_BIT.get(code, 0)
    return bits


def eligible_allowances(age: int | None, id_type: str, disability: bool,
                        income_per_person: float | None) -> int:
    """WELFARE bits of the allowances a person qualifies for (schema.py cites the rules).

    Old-age allowance: 60 or over with a Thai ID (Thai nationality; others cannot claim it).
    Disability allowance: a person with a disability. Child support grant: under 6 in a
    household earning under CHILD_SUPPORT_INCOME_LIMIT a person a year (unknown income: not
    counted, we cannot tell).
    """
    bits = 0
    if age is not None and age >= OLD_AGE and id_type == THAI_ID:
        bits |= WELFARE_BIT["old_age_allowance"]
    if disability:
        bits |= WELFARE_BIT["disability_allowance"]
    if (age is not None and age < CHILD_SUPPORT_AGE and income_per_person is not None
            and income_per_person < CHILD_SUPPORT_INCOME_LIMIT):
        bits |= WELFARE_BIT["child_support"]
    return bits


def household_flags(members: Sequence[Person], income_per_person: float | None) -> int:
    """schema.FLAGS of seed 003: bedridden with no carer (carer answered "no"), a member whose
    ID type is another card or none, a member eligible for an allowance not received."""
    flags = 0
    for person in members:
        if person.bedridden and person.has_carer is False:
            flags |= FLAG_BEDRIDDEN_NO_CARER
        if person.id_type and person.id_type != THAI_ID:
            flags |= FLAG_NO_THAI_ID
        eligible = eligible_allowances(person.age, person.id_type, person.disability,
                                       income_per_person)
        if eligible & ~person.welfare:
            flags |= FLAG_ELIGIBLE_NOT_RECEIVING
    return flags


def household_groups(members: Sequence[Person]) -> int:
    """schema.GROUPS present: 60+, disability, ethnic group or no Thai ID, under 18."""
    groups = 0
    for person in members:
        if person.age is not None and person.age >= OLD_AGE:
            groups |= GROUP_BIT["older-people"]
        if person.disability:
            groups |= GROUP_BIT["disability"]
        if (person.ethnicity.lower() not in ETHNIC_MAJORITY
                or (person.id_type and person.id_type != THAI_ID)):
            groups |= GROUP_BIT["ethnic-legal-status"]
        if person.age is not None and person.age < ADULT_AGE:
            groups |= GROUP_BIT["children-youth"]
    return groups


def deprivation_bits(answers: Mapping[str, str]) -> int:
    """Bit i-1 set when TPMAP indicator i is answered "no" (failed)."""
    bits = 0
    for indicator in TPMAP_INDICATORS:
        if clean(answers.get(indicator.code, "")).lower() == FAILS:
            bits |= indicator.bit
    return bits


# --- messages ------------------------------------------------------------------------------------

def _unknown_choice(allowed: Iterable[str]) -> str:
    return _("Unknown choice. Use one of: %(choices)s.") % {
        "choices": ", ".join(sorted(allowed))}


# --- the shared function -------------------------------------------------------------------------

class _Collector:
    def __init__(self, row: int | None, member_rows: Sequence[int | None] | None,
                 sheets: tuple[str, str]) -> None:
        self.problems: list[Problem] = []
        self.row = row
        self.member_rows = member_rows
        self.sheets = sheets

    def household(self, column: str, code: str, message: str) -> None:
        self.problems.append(Problem(self.row, self.sheets[0], column, code, message))

    def member(self, index: int, column: str, code: str, message: str) -> None:
        row = (self.member_rows[index] if self.member_rows and index < len(self.member_rows)
               else None)
        if row is None:
            # No row numbers from the caller (the web form): name the member instead.
            message = _("Member %(number)s: %(message)s") % {"number": index + 1,
                                                               "message": message}
        self.problems.append(Problem(row, self.sheets[1], column, code, message))


def _text(report: Callable[[str, str, str], None], data: Mapping[str, Any], name: str,
          limit: int = MAX_TEXT) -> str:
    value = clean(data.get(name, ""))
    if len(value) > limit:
        report(name, "too_long", _("At most %(limit)s characters.") % {"limit": limit})
        return ""
    return value


def _bool(report: Callable[[str, str, str], None], data: Mapping[str, Any],
          name: str) -> bool | None:
    try:
        return parse_bool(data.get(name, ""))
    except ValueError:
        report(name, "not_yes_no", _("Answer yes or no."))
        return None


def _choice(report: Callable[[str, str, str], None], data: Mapping[str, Any], name: str,
            allowed: frozenset[str]) -> str:
    value = clean(data.get(name, "")).lower()
    if value and value not in allowed:
        report(name, "unknown_choice", _unknown_choice(allowed))
        return ""
    return value


def _extra(data: Mapping[str, Any], typed: frozenset[str],
           identifying: Iterable[str]) -> dict[str, str]:
    skip = typed | BOOKKEEPING | set(identifying)
    return {k: clean(v)[:MAX_TEXT] for k, v in data.items()
            if k not in skip and not k.startswith("_") and clean(v)}


def build_household(
    survey: Survey,
    organisation: Any,
    household: Mapping[str, Any],
    members: Sequence[Mapping[str, Any]],
    *,
    entered_by: Any,
    submission_key: str,
    row: int | None = None,
    member_rows: Sequence[int | None] | None = None,
    areas: Callable[[str], int | None] | None = None,
    sheets: tuple[str, str] = (HOUSEHOLDS_SHEET, MEMBERS_SHEET),
    today: dt.date | None = None,
) -> BuiltHousehold | list[Problem]:
    """Validate one submission and build its unsaved records, or say every problem found.

    ``row``/``member_rows``: row numbers in the source file, reported in problems (the web form
    gives none; problems then name "Member 2"). ``areas``: an ``AreaLookup`` shared across the
    rows of a file. ``sheets``: the names of the household and member sheets or files.
    ``entered_by`` may be None (an import by the system). Status is SUBMITTED.
    """
    c = _Collector(row, member_rows, sheets)
    report = c.household
    today = today or timezone.localdate()

    consent = _bool(report, household, "consent")
    if consent is not True and not any(p.column == "consent" for p in c.problems):
        report("consent", "consent_missing",
               _("The household did not consent: nothing of it may be stored."))

    dates: dict[str, dt.date | None] = {}
    for name in ("consent_date", "collected_on"):
        try:
            dates[name] = parse_date(household.get(name, ""))
        except ValueError:
            dates[name] = None
            report(name, "invalid_date", _("Enter a date as YYYY-MM-DD or D/M/YYYY."))
            continue
        if dates[name] and dates[name] > today:
            report(name, "date_in_future", _("The date is in the future."))

    area_code = clean(household.get("area_code", "")).translate(_THAI_DIGITS)
    area_id = None
    if not area_code:
        report("area_code", "required", _("Enter the code of the sub-district (6 digits) or "
                                          "village (8 digits)."))
    elif not _AREA_CODE.match(area_code) or (area_id := (areas or AreaLookup())(area_code)) is None:
        report("area_code", "unknown_area",
               _("Unknown area code. Use the DOPA code of a sub-district (6 digits) or a "
                 "village (8 digits)."))

    try:
        household_income = parse_whole(household.get("income_year", ""), 0, INCOME_MAX)
    except ValueError:
        household_income = None
        report("income_year", "invalid_income",
               _("Income must be a whole number of baht a year, from 0 to %(max)s.")
               % {"max": f"{INCOME_MAX:,}"})

    indicator_answers: dict[str, str] = {}
    for code in INDICATOR_CODES:
        indicator_answers[code] = _choice(report, household, code, INDICATOR_ANSWERS)
    _choice(report, household, "housing_tenure", HOUSING_TENURES)
    _choice(report, household, "water_source", WATER_SOURCES)

    identity: dict[str, Any] = {}
    for name in IDENTIFYING_HOUSEHOLD:
        value = _text(report, household, name)
        if value:
            identity[name] = value
    if identity.get("gps") and not _valid_gps(identity["gps"]):
        report("gps", "invalid_gps", _("A position is latitude and longitude in degrees, "
                                       "separated by a space."))

    if not members:
        report("members", "no_members", _("A household has at least one member."))
    elif len(members) > MAX_MEMBERS:
        report("members", "too_many_members",
               _("At most %(max)s members in one household.") % {"max": MAX_MEMBERS})
        members = members[:MAX_MEMBERS]

    people: list[Person] = []
    member_identity: dict[str, dict[str, str]] = {}
    positions: set[int] = set()
    for index, data in enumerate(members):
        def report_member(column: str, code: str, message: str, index: int = index) -> None:
            c.member(index, column, code, message)

        try:
            position = parse_whole(data.get("position", ""), 1, 32767) or index + 1
        except ValueError:
            position = index + 1
            report_member("position", "invalid_position", _("Position must be a whole number "
                                                            "from 1."))
        if position in positions:
            report_member("position", "duplicate_position",
                          _("Two members have the same position in the household."))
        positions.add(position)
        person = _build_person(report_member, data, position)
        people.append(person)
        secret = {name: value for name in IDENTIFYING_PERSON
                  if (value := _text(report_member, data, name))}
        id_number = secret.get("id_number", "")
        if id_number and person.id_type in ("", THAI_ID):
            if thaiid.is_valid(id_number):
                person.thai_id_checked = True
                secret["id_number"] = thaiid.normalise(id_number)
            else:
                report_member("id_number", "invalid_thai_id",
                              _("The Thai ID number is not valid: it must be 13 digits and its "
                                "last digit must match the checksum. Leave it empty if the "
                                "person has none."))
        if secret:
            member_identity[str(position)] = secret

    if c.problems:
        return c.problems

    if household_income is None:
        given = [p.income_year for p in people if p.income_year is not None]
        household_income = sum(given) if given else None
    per_person = household_income / len(people) if household_income is not None else None

    if member_identity:
        identity["members"] = member_identity
    answers = {name: clean(household.get(name, "")) for name in HOUSEHOLD_TYPED
               if clean(household.get(name, ""))}
    for name in ("housing_tenure", "water_source"):
        if clean(household.get(name, "")):
            answers[name] = clean(household.get(name, "")).lower()
    answers.update(_extra(household, HOUSEHOLD_TYPED | {"housing_tenure", "water_source"},
                          IDENTIFYING_HOUSEHOLD))
    answers["area_code"] = area_code

    record = Household(
        survey=survey, organisation=organisation, area_id=area_id,
        submission_key=submission_key[:100], status=HouseholdStatus.SUBMITTED,
        collected_on=dates["collected_on"],
        consent_given=True, consent_purpose="",  # the survey's own (Household.purpose_told)
        consent_date=dates["consent_date"] or dates["collected_on"] or today,
        consent_recorded_by=entered_by if getattr(entered_by, "pk", None) else None,
        answers=answers,
        members_count=len(people),
        deprivations=deprivation_bits(indicator_answers),
        flags=household_flags(people, per_person),
        groups=household_groups(people),
        state_welfare_card=any(p.welfare & WELFARE_BIT["state_welfare_card"] for p in people),
        income_year=household_income,
        entered_by=entered_by if getattr(entered_by, "pk", None) else None,
    )
    for person in people:
        person.household = record
    return BuiltHousehold(household=record, members=people, identity=identity, answers=answers)


def _valid_gps(value: str) -> bool:
    parts = value.replace(",", " ").split()
    try:
        lat, lon = float(parts[0]), float(parts[1])
    except (IndexError, ValueError):
        return False
    return -90 <= lat <= 90 and -180 <= lon <= 180


def _build_person(report: Callable[[str, str, str], None], data: Mapping[str, Any],
                  position: int) -> Person:
    try:
        age = parse_whole(data.get("age", ""), AGE_MIN, AGE_MAX)
    except ValueError:
        age = None
        report("age", "invalid_age", _("Age must be a whole number between %(min)s and "
                                       "%(max)s.") % {"min": AGE_MIN, "max": AGE_MAX})
    try:
        income = parse_whole(data.get("income_year", ""), 0, INCOME_MAX)
    except ValueError:
        income = None
        report("income_year", "invalid_income",
               _("Income must be a whole number of baht a year, from 0 to %(max)s.")
               % {"max": f"{INCOME_MAX:,}"})
    welfare_codes = [code.lower() for code in parse_choices(data.get("welfare", ""))]
    unknown = [code for code in welfare_codes if code not in WELFARE_CODES | {NO_WELFARE}]
    if unknown:
        report("welfare", "unknown_choice", _unknown_choice(WELFARE_CODES | {NO_WELFARE}))
    elif NO_WELFARE in welfare_codes and len(welfare_codes) > 1:
        report("welfare", "none_and_other",
               _("“none” cannot be chosen together with a kind of welfare."))
    bedridden = _bool(report, data, "bedridden")
    person = Person(
        position=position,
        sex=_choice(report, data, "sex", SEX),
        age=age,
        id_type=_choice(report, data, "id_type", ID_TYPE_CODES),
        disability=bool(_bool(report, data, "disability")),
        chronic_illness=bool(_bool(report, data, "chronic_illness")),
        bedridden=bool(bedridden),
        has_carer=_bool(report, data, "has_carer") if bedridden else None,
        ethnicity=_text(report, data, "ethnicity", MAX_ETHNICITY).lower(),
        welfare=welfare_bits(welfare_codes),
        in_school=_bool(report, data, "in_school"),
        works=_bool(report, data, "works"),
        income_year=income,
        answers=_extra(data, PERSON_TYPED, IDENTIFYING_PERSON),
    )
    return person
