"""The rules of ``evidence.answers``, as polars expressions, for importing many rows at once.

Used by the importer's fast path (``evidence.importing.fast``). The contract is one-sided: a row
these expressions call *clean* must be one that ``build_household`` accepts, with the very same
typed values. Anything unusual (a value outside the plainest accepted spellings, a control
character, a non-ASCII digit) is simply *not clean* and goes through ``build_household`` row by
row, which says what is wrong, or accepts it. So these functions may be stricter than
``answers.py``, never looser, and every constant comes from there.

Inputs are frames of strings (``""`` or null for an empty cell), as the CSV holds them.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from evidence.answers import (
    ADULT_AGE,
    AGE_MAX,
    AGE_MIN,
    BOOLEAN_FALSE,
    BOOLEAN_TRUE,
    CHILD_SUPPORT_AGE,
    ETHNIC_MAJORITY,
    ID_TYPE_CODES,
    INCOME_MAX,
    INDICATOR_ANSWERS,
    INDICATOR_CODES,
    MAX_ETHNICITY,
    MAX_TEXT,
    NO_WELFARE,
    OLD_AGE,
    SEX,
    THAI_ID,
    WELFARE_CODES,
)
from evidence.schema import (
    CHILD_SUPPORT_INCOME_LIMIT,
    FAILS,
    FLAG_BEDRIDDEN_NO_CARER,
    FLAG_ELIGIBLE_NOT_RECEIVING,
    FLAG_NO_THAI_ID,
    GROUP_BIT,
    INDICATOR_BY_CODE,
    WELFARE_BIT,
)

THAI_DIGITS = list("๐๑๒๓๔๕๖๗๘๙")
ARABIC_DIGITS = list("0123456789")
# Python's str.strip() also strips U+001C..U+001F, Rust's trim does not: such cells go the slow way.
ODD_SPACE = r"[\x1c-\x1f]"


def text(name: str) -> pl.Expr:
    """``answers.clean``: stripped, "" for empty."""
    return pl.col(name).fill_null("").str.strip_chars()


def odd(name: str) -> pl.Expr:
    """True where the raw cell holds something the fast rules do not read the same way."""
    return pl.col(name).fill_null("").str.contains(ODD_SPACE)


def thai_digits(expr: pl.Expr) -> pl.Expr:
    return expr.str.replace_many(THAI_DIGITS, ARABIC_DIGITS)


def whole(name: str, low: int, high: int) -> tuple[pl.Expr, pl.Expr]:
    """``answers.parse_whole``: (clean, value). Blank is clean and null."""
    value = (thai_digits(text(name)).str.replace_all(",", "", literal=True)
             .str.replace_all(" ", "", literal=True))
    # Too many digits for an Int64: null, so not clean (parse_whole says out of range).
    number = value.str.extract(r"^\+?([0-9]+)(?:\.0*)?$", 1).cast(pl.Int64, strict=False)
    ok = (value == "") | number.is_between(low, high)
    return ok, pl.when(value == "").then(None).otherwise(number)


def boolean(name: str) -> tuple[pl.Expr, pl.Expr]:
    """``answers.parse_bool``: (clean, True/False/None)."""
    value = text(name).str.to_lowercase()
    true, false = value.is_in(list(BOOLEAN_TRUE)), value.is_in(list(BOOLEAN_FALSE))
    ok = (value == "") | true | false
    return ok, pl.when(true).then(True).when(false).then(False).otherwise(None)


def choice(name: str, allowed: frozenset[str]) -> tuple[pl.Expr, pl.Expr]:
    value = text(name).str.to_lowercase()
    return (value == "") | value.is_in(sorted(allowed)), value


def short(name: str, limit: int = MAX_TEXT) -> pl.Expr:
    return text(name).str.len_chars() <= limit


def date(name: str, today: dt.date) -> tuple[pl.Expr, pl.Expr]:
    """``answers.parse_date`` plus "not in the future": (clean, date or null)."""
    value = thai_digits(text(name))
    iso = value.str.extract_groups(r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
    dmy = value.str.extract_groups(r"^([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})$")
    year = pl.coalesce(iso.struct.field("1"), dmy.struct.field("3")).cast(pl.Int32)
    month = pl.coalesce(iso.struct.field("2"), dmy.struct.field("2")).cast(pl.Int32)
    day = pl.coalesce(iso.struct.field("3"), dmy.struct.field("1")).cast(pl.Int32)
    year = pl.when(year > 2400).then(year - 543).otherwise(year)
    built = pl.concat_str([year.cast(pl.String).str.zfill(4), month.cast(pl.String).str.zfill(2),
                           day.cast(pl.String).str.zfill(2)], separator="-").str.to_date(
        "%Y-%m-%d", strict=False)
    valid = built.is_not_null() & (year >= 1) & (year <= 9999) & (built <= pl.lit(today))
    return (value == "") | valid.fill_null(False), pl.when(value == "").then(None).otherwise(built)


def gps_ok(name: str) -> pl.Expr:
    """``answers._valid_gps`` for the plain spelling "lat lon" / "lat,lon" (blank is clean)."""
    value = text(name)
    parts = value.str.replace_all(",", " ", literal=True).str.extract_groups(
        r"^([+-]?[0-9]{1,3}(?:\.[0-9]+)?) +([+-]?[0-9]{1,3}(?:\.[0-9]+)?)$")
    lat = parts.struct.field("1").cast(pl.Float64, strict=False)
    lon = parts.struct.field("2").cast(pl.Float64, strict=False)
    good = lat.is_between(-90, 90) & lon.is_between(-180, 180)
    return (value == "") | (good.fill_null(False) & (value.str.len_chars() <= MAX_TEXT))


def thai_id_digits(name: str) -> pl.Expr:
    """The ID number as ``thaiid.normalise`` gives it, for the plain spelling: Thai digits read
    as Arabic, dashes and spaces dropped."""
    return (thai_digits(text(name)).str.replace_all("-", "", literal=True)
            .str.replace_all(" ", "", literal=True))


def thai_id_valid(digits: str) -> pl.Expr:
    """``thaiid.is_valid`` on the column ``digits`` (from ``thai_id_digits``): 13 digits and
    the check digit of the Department of Provincial Administration's rule."""
    number = pl.when(pl.col(digits).str.contains(r"^[0-9]{13}$")).then(
        pl.col(digits)).cast(pl.Int64, strict=False)
    total = pl.sum_horizontal([(number // 10 ** (12 - i)) % 10 * (13 - i) for i in range(12)])
    return (((11 - total % 11) % 10) == number % 10).fill_null(False)


# --- households ----------------------------------------------------------------------------

def households(frame: pl.DataFrame, columns: list[str], areas: pl.DataFrame,
               today: dt.date) -> pl.DataFrame:
    """Adds ``_ok`` (clean by every household rule) and the typed household columns.

    ``columns``: the canonical household names present (others read as blank). ``areas``:
    ``code`` (String) → ``area_id`` (Int64), sub-districts and villages."""
    for name in ("consent", "consent_date", "collected_on", "area_code", "income_year",
                 "housing_tenure", "water_source", "head_name", "phone", "address", "gps",
                 *INDICATOR_CODES):
        if name not in frame.columns:
            frame = frame.with_columns(pl.lit("").alias(name))
    consent_ok, consent = boolean("consent")
    consent_date_ok, consent_date = date("consent_date", today)
    collected_ok, collected = date("collected_on", today)
    income_ok, income = whole("income_year", 0, INCOME_MAX)
    area_code = thai_digits(text("area_code"))
    rules: dict[str, pl.Expr] = {f"_odd:{name}": odd(name) for name in columns}
    rules |= {
        "_c:consent": consent_ok & (consent == True),  # noqa: E712 - a polars expression
        "_c:consent_date": consent_date_ok, "_consent_date": consent_date,
        "_c:collected_on": collected_ok, "_collected_on": collected,
        "_c:income": income_ok, "_income": income,
        "_c:housing_tenure": choice("housing_tenure", frozenset(
            {"own", "rent", "rent_free", "no_title", "other"}))[0],
        "_c:water_source": choice("water_source", frozenset(
            {"tap", "well", "rain", "bottled", "stream", "other"}))[0],
        **{f"_c:{name}": short(name) for name in ("head_name", "phone", "address")},
        "_c:gps": gps_ok("gps"),
        "_area_code": area_code, "_c:area_code": area_code.str.contains(r"^[0-9]{6}([0-9]{2})?$"),
    }
    for code in INDICATOR_CODES:
        rules[f"_c:{code}"] = choice(code, INDICATOR_ANSWERS)[0]
        rules[f"_d:{code}"] = pl.when(text(code).str.to_lowercase() == FAILS).then(
            INDICATOR_BY_CODE[code].bit).otherwise(0)
    frame = per_value(frame, rules)
    frame = frame.with_columns(
        _checks=pl.all_horizontal(
            ~pl.any_horizontal(_named(frame, "_odd:")), *_named(frame, "_c:")).fill_null(False),
        _deprivations=pl.sum_horizontal(_named(frame, "_d:")).cast(pl.Int32),
        _sub_code=pl.col("_area_code").str.slice(0, 6),
    ).drop(_temporary(frame))
    lookup = areas.select(pl.col("code").alias("_area_code"), pl.col("area_id").alias("_exact"))
    fallback = areas.select(pl.col("code").alias("_sub_code"), pl.col("area_id").alias("_sub"))
    frame = (frame.join(lookup, on="_area_code", how="left", maintain_order="left")
             .join(fallback, on="_sub_code", how="left", maintain_order="left"))
    area_id = pl.coalesce(pl.col("_exact"), pl.when(pl.col("_area_code").str.len_chars() == 8)
                          .then(pl.col("_sub")))
    return frame.with_columns(_area_id=area_id).with_columns(
        _ok=pl.col("_checks") & pl.col("_area_id").is_not_null(),
    ).drop("_checks", "_exact", "_sub", "_sub_code")


# --- computing each rule once per distinct value ---------------------------------------------

# Columns that differ on nearly every row: a rule of theirs is computed row by row.
ROW_BY_ROW = {"member_name", "id_number", "head_name", "phone", "address", "gps"}


def per_value(frame: pl.DataFrame, rules: dict[str, pl.Expr]) -> pl.DataFrame:
    """``frame.with_columns(**rules)``, where each rule reading one column only (all but
    ``ROW_BY_ROW`` and extra columns) is computed once per distinct value of that column and
    joined back: a batch of 175,000 members holds a few dozen ages, sexes or welfare answers,
    so the string work shrinks by that much. Every rule sees the frame as given."""
    grouped: dict[str, dict[str, pl.Expr]] = {}
    rest: dict[str, pl.Expr] = {}
    for name, rule in rules.items():
        roots = set(rule.meta.root_names())
        column = next(iter(roots)) if len(roots) == 1 else ""
        if column and column not in ROW_BY_ROW and not column.startswith("x:"):
            grouped.setdefault(column, {})[name] = rule
        else:
            rest[name] = rule
    out = frame.with_columns(**rest) if rest else frame
    for column, outputs in grouped.items():
        table = frame.select(pl.col(column).unique()).with_columns(**outputs)
        out = out.join(table, on=column, how="left", nulls_equal=True, maintain_order="left")
    return out


def _named(frame: pl.DataFrame, prefix: str) -> list[pl.Expr]:
    return [pl.col(name) for name in frame.columns if name.startswith(prefix)]


def _temporary(frame: pl.DataFrame) -> list[str]:
    return [name for name in frame.columns if name[:3] in ("_c:", "_d:", "_v:")
            or name.startswith("_odd:")]


# --- members -------------------------------------------------------------------------------

WELFARE_ALLOWED = sorted(WELFARE_CODES | {NO_WELFARE})
_WELFARE_TOKEN = "(?:" + "|".join(WELFARE_ALLOWED) + ")"
_ETHNICITY_PLAIN = r"^[\x20-\x7e\x{0e00}-\x{0e7f}]*$"


def members(frame: pl.DataFrame, columns: list[str]) -> pl.DataFrame:
    """Adds ``_ok`` and the typed Person columns to a frame of member rows.

    Needs ``_h`` (the household's index in the batch), ``_order`` (1-based row order in the
    household) and ``_position`` (the position text as the importer gives it)."""
    for name in ("sex", "age", "id_type", "disability", "chronic_illness", "bedridden",
                 "has_carer", "ethnicity", "welfare", "in_school", "works", "income_year",
                 "member_name", "id_number"):
        if name not in frame.columns:
            frame = frame.with_columns(pl.lit("").alias(name))
    position_ok, position = whole("_position", 1, 32767)
    age_ok, age = whole("age", AGE_MIN, AGE_MAX)
    income_ok, income = whole("income_year", 0, INCOME_MAX)
    sex_ok, sex = choice("sex", SEX)
    id_type_ok, id_type = choice("id_type", ID_TYPE_CODES)
    bools = {name: boolean(name) for name in ("disability", "chronic_illness", "bedridden",
                                              "has_carer", "in_school", "works")}
    welfare = text("welfare").str.to_lowercase()
    welfare_ok = (welfare == "") | (
        welfare.str.contains(f"^{_WELFARE_TOKEN}( {_WELFARE_TOKEN})*$")
        & (~welfare.str.contains(f"(^| ){NO_WELFARE}( |$)") | (welfare == NO_WELFARE)))
    welfare_bits = pl.sum_horizontal([
        pl.when(welfare.str.contains(f"(^| ){code}( |$)")).then(bit).otherwise(0)
        for code, bit in WELFARE_BIT.items()]).cast(pl.Int32)
    ethnicity = text("ethnicity")
    rules: dict[str, pl.Expr] = {f"_odd:{name}": odd(name) for name in [*columns, "_position"]}
    rules |= {
        "_c:position": position_ok, "_v:position": position,
        "_c:age": age_ok, "_v:age": age, "_c:income": income_ok, "_v:income": income,
        "_c:sex": sex_ok, "_v:sex": sex, "_c:id_type": id_type_ok, "_v:id_type": id_type,
        "_c:welfare": welfare_ok, "_v:welfare": welfare_bits,
        "_c:ethnicity": (ethnicity.str.len_chars() <= MAX_ETHNICITY)
        & ethnicity.str.contains(_ETHNICITY_PLAIN),
        "_v:ethnicity": ethnicity.str.to_lowercase(),
        "_c:member_name": short("member_name"), "_v:member_name": text("member_name"),
        "_c:id_number": short("id_number"), "_v:id_number": text("id_number"),
        "_id_digits": thai_id_digits("id_number"),
        **{f"_c:{name}": ok for name, (ok, _v) in bools.items() if name != "has_carer"},
        "_v:has_carer_ok": bools["has_carer"][0],
        **{f"_v:{name}": value for name, (_ok, value) in bools.items()},
    }
    frame = per_value(frame, rules)
    frame = frame.with_columns(_id_valid=thai_id_valid("_id_digits"))
    id_type_value = pl.col("_v:id_type")
    reads_id = id_type_value.is_in(["", THAI_ID])
    has_id = pl.col("_v:id_number") != ""
    id_valid = pl.col("_id_valid")
    bedridden = pl.col("_v:bedridden").fill_null(False)
    checks = [~pl.any_horizontal(_named(frame, "_odd:")), *_named(frame, "_c:"),
              ~(reads_id & has_id) | id_valid, ~bedridden | pl.col("_v:has_carer_ok")]
    frame = frame.with_columns(
        _ok=pl.all_horizontal(checks).fill_null(False),
        position=pl.coalesce(pl.col("_v:position"), pl.col("_order")).cast(pl.Int32),
        sex=pl.col("_v:sex"), age=pl.col("_v:age"), id_type=id_type_value,
        thai_id_checked=(reads_id & has_id & id_valid).fill_null(False),
        disability=pl.col("_v:disability").fill_null(False),
        chronic_illness=pl.col("_v:chronic_illness").fill_null(False),
        bedridden=bedridden,
        has_carer=pl.when(bedridden).then(pl.col("_v:has_carer")).otherwise(None),
        ethnicity=pl.col("_v:ethnicity"),
        welfare=pl.col("_v:welfare"),
        in_school=pl.col("_v:in_school"), works=pl.col("_v:works"),
        income_year=pl.col("_v:income"),
        member_name=pl.col("_v:member_name"),
        id_number=pl.when(reads_id & has_id).then(pl.col("_id_digits"))
        .otherwise(pl.col("_v:id_number")),
    ).drop(_temporary(frame))
    # Two members at one position: the slow path says so.
    return frame.with_columns(
        _ok=pl.col("_ok") & (pl.col("position").count().over(["_h", "position"]) == 1))


def household_typed(people: pl.DataFrame, household_income: pl.DataFrame) -> pl.DataFrame:
    """Per household ``_h``: members_count, flags, groups, state_welfare_card, income_year —
    ``answers.household_flags``, ``household_groups``, ``eligible_allowances`` in bulk.

    ``household_income``: ``_h`` → ``_income`` (the household's own answer, or null)."""
    given = people.group_by("_h").agg(
        _count=pl.len(),
        _given=pl.col("income_year").sum(),
        _any_given=pl.col("income_year").is_not_null().any(),
    )
    totals = household_income.join(given, on="_h", how="left").with_columns(
        income_year=pl.coalesce(pl.col("_income"),
                                pl.when(pl.col("_any_given")).then(pl.col("_given"))))
    totals = totals.with_columns(
        _per_person=pl.col("income_year").cast(pl.Float64) / pl.col("_count"))
    age, id_type = pl.col("age"), pl.col("id_type")
    other_id = (id_type != "") & (id_type != THAI_ID)
    per = pl.col("_per_person")
    eligible = (
        pl.when(age.is_not_null() & (age >= OLD_AGE) & (id_type == THAI_ID))
        .then(WELFARE_BIT["old_age_allowance"]).otherwise(0)
        | pl.when(pl.col("disability")).then(WELFARE_BIT["disability_allowance"]).otherwise(0)
        | pl.when(age.is_not_null() & (age < CHILD_SUPPORT_AGE) & per.is_not_null()
                  & (per < CHILD_SUPPORT_INCOME_LIMIT))
        .then(WELFARE_BIT["child_support"]).otherwise(0)
    )
    flags = (
        pl.when(pl.col("bedridden") & (pl.col("has_carer") == False))  # noqa: E712
        .then(FLAG_BEDRIDDEN_NO_CARER).otherwise(0)
        | pl.when(other_id).then(FLAG_NO_THAI_ID).otherwise(0)
        | pl.when((eligible & ~pl.col("welfare")) != 0)
        .then(FLAG_ELIGIBLE_NOT_RECEIVING).otherwise(0)
    )
    ethnic = ~pl.col("ethnicity").is_in(sorted(ETHNIC_MAJORITY))
    groups = (
        pl.when(age.is_not_null() & (age >= OLD_AGE)).then(GROUP_BIT["older-people"]).otherwise(0)
        | pl.when(pl.col("disability")).then(GROUP_BIT["disability"]).otherwise(0)
        | pl.when(ethnic | other_id).then(GROUP_BIT["ethnic-legal-status"]).otherwise(0)
        | pl.when(age.is_not_null() & (age < ADULT_AGE))
        .then(GROUP_BIT["children-youth"]).otherwise(0)
    )
    card = (pl.col("welfare") & WELFARE_BIT["state_welfare_card"]) != 0
    joined = people.join(totals.select("_h", "_per_person"), on="_h", how="left")
    per_household = joined.group_by("_h").agg(
        flags=flags.bitwise_or().cast(pl.Int16),
        groups=groups.bitwise_or().cast(pl.Int16),
        state_welfare_card=card.any(),
    )
    return totals.select("_h", pl.col("_count").alias("members_count"), "income_year").join(
        per_household, on="_h", how="left")


def json_string(expr: pl.Expr) -> pl.Expr:
    """``expr`` as a JSON string literal (quotes and escapes), by polars' own JSON encoder."""
    encoded = pl.struct(expr.alias("v")).struct.json_encode()
    return encoded.str.slice(5, encoded.str.len_chars() - 6)


def json_object(pairs: list[tuple[str, pl.Expr]], keep_blank: bool = False,
                plain: frozenset[str] = frozenset()) -> pl.Expr:
    """A JSON object of the named string expressions, leaving out blank ones (as answers.py
    leaves out unanswered questions). ``plain``: names whose clean values cannot hold a
    quote, a backslash or a control character (a choice from a list, digits), put between
    quotes as they are instead of through the JSON encoder."""
    if not pairs:
        return pl.lit("{}")
    parts = []
    for name, value in pairs:
        quoted = pl.lit('"') + value + pl.lit('"') if name in plain else json_string(value)
        member = pl.lit(f"{json_string_literal(name)}:") + quoted
        parts.append(member if keep_blank else pl.when(value != "").then(member))
    return pl.lit("{") + pl.concat_str(parts, separator=",", ignore_nulls=True) + pl.lit("}")


def json_string_literal(name: str) -> str:
    import json

    return json.dumps(name, ensure_ascii=False)
