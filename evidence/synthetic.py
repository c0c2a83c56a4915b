"""Synthetic, realistic household submissions for the Lamphun demo, tests and benchmarks.

Nothing here describes a real person: every name is "สมมติ" (made up), phone numbers start
with 000, ID numbers start with 0 (no real Thai ID does) yet pass the checksum.

``households(n, seed, area_codes)`` yields ``(household_row, member_rows)`` one at a time (a
million households never sit in memory), all values strings, keyed by the canonical names of
``evidence.schema`` plus the template's bookkeeping columns. The same seed gives the same rows.
``write_klang_csv`` writes Klang's own import template, two UTF-8 CSV files:

households CSV, one row per household:
    submission_id, consent, consent_date, collected_on, area_code, head_name, phone, address,
    gps, housing_tenure, water_source, income_year, bmn_01 … bmn_17
members CSV, one row per member, linked by submission_id:
    submission_id, position, member_name, sex, age, id_type, id_number, ethnicity,
    disability, chronic_illness, bedridden, has_carer, welfare, in_school, works, income_year

yes/no questions are "yes"/"no" ("" when not asked), ``welfare`` is space-separated codes
(or "none"), dates ISO, ``gps`` "lat lon".

Shape (rough orders of magnitude of Thai rural households, not statistics of Lamphun):
members 1–7 (mean about 3.5); a quarter of people 60 or over; ethnic households (Karen, Lua,
Lisu, Hmong…) concentrated in Mae Tha (5102) and Li (5104), where a third of their members
have another card or none; bedridden older people, a third of them without a carer; welfare
received by most but not all who qualify; basic-needs (จปฐ.) failures at a few per cent,
higher in the highlands; income log-normal around 90,000 baht a worker a year.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import random
from collections.abc import Iterator, Sequence
from pathlib import Path

from evidence.schema import TPMAP_INDICATORS

HOUSEHOLD_COLUMNS = [
    "submission_id", "consent", "consent_date", "collected_on", "area_code", "head_name",
    "phone", "address", "gps", "housing_tenure", "water_source", "income_year",
    *[i.code for i in TPMAP_INDICATORS],
]
MEMBER_COLUMNS = [
    "submission_id", "position", "member_name", "sex", "age", "id_type", "id_number",
    "ethnicity", "disability", "chronic_illness", "bedridden", "has_carer", "welfare",
    "in_school", "works", "income_year",
]
ETHNIC_DISTRICTS = ("5102", "5104")  # Mae Tha, Li
MEMBER_COUNTS = [1, 2, 3, 4, 5, 6, 7]
MEMBER_WEIGHTS = [0.10, 0.19, 0.24, 0.21, 0.14, 0.08, 0.04]  # mean 3.5
ETHNIC_GROUPS = ["karen", "lua", "lisu", "hmong", "akha", "other"]
ETHNIC_WEIGHTS = [0.50, 0.20, 0.10, 0.10, 0.05, 0.05]
TENURES = ["own", "rent", "rent_free", "no_title", "other"]
TENURE_WEIGHTS = [0.78, 0.08, 0.08, 0.05, 0.01]
WATER = ["tap", "well", "rain", "bottled", "stream", "other"]
WATER_WEIGHTS = [0.55, 0.15, 0.05, 0.18, 0.06, 0.01]
FIRST_DAY = dt.date(2025, 1, 6)
DAYS = 200
# Lamphun lies roughly between these (degrees).
LAT, LON = (17.55, 18.65), (98.75, 99.30)


def lamphun_subdistricts() -> list[str]:
    """Lamphun's 51 sub-district codes, from geothai (no database needed)."""
    import geothai

    return [sub.code for district in geothai.districts("51")
            for sub in geothai.subdistricts(district.code)]


def fake_thai_id(rng: random.Random) -> str:
    """13 digits starting with 0 (never issued) with a valid check digit."""
    digits = [0] + [rng.randrange(10) for _ in range(11)]
    total = sum(d * (13 - i) for i, d in enumerate(digits))
    return "".join(map(str, digits)) + str((11 - total % 11) % 10)


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def _person(rng: random.Random, position: int, ethnic: str, highland: bool) -> dict[str, object]:
    r = rng.random
    if position == 1:
        age = rng.randint(25, 88)
    else:
        band = r()
        age = (rng.randint(0, 17) if band < 0.30 else rng.randint(18, 59) if band < 0.76
               else rng.randint(60, 95))
    older = age >= 60
    if ethnic:
        roll = r()
        id_type = "thai_id" if roll < 0.66 else "other_card" if roll < 0.88 else "none"
    else:
        roll = r()
        id_type = "thai_id" if roll < 0.99 else "other_card" if roll < 0.995 else "none"
    disability = r() < (0.14 if older else 0.04)
    bedridden = r() < (0.07 if age >= 70 else 0.02 if older else 0.003)
    has_carer = (r() < 0.66) if bedridden else None
    works = (r() < (0.35 if older else 0.78)) if age >= 15 and not bedridden else None
    income = 0
    if works:
        income = int(round(math.exp(rng.gauss(math.log(90_000), 0.6)), -3))
    if 3 <= age <= 24:
        rate = 0.85 if age < 6 else 0.97 if age < 15 else 0.80 if age < 18 else 0.35
        if highland:
            rate -= 0.10
        in_school = r() < rate
    else:
        in_school = None
    return {"age": age, "older": older, "id_type": id_type, "disability": disability,
            "bedridden": bedridden, "has_carer": has_carer, "works": works, "income": income,
            "in_school": in_school, "sex": "female" if r() < 0.51 else "male",
            "chronic": r() < (0.45 if older else 0.08)}


def _welfare(rng: random.Random, p: dict[str, object], poor: bool) -> str:
    r = rng.random
    codes = []
    age = int(p["age"])  # type: ignore[call-overload]
    if age >= 18 and r() < (0.55 if poor else 0.20):
        codes.append("state_welfare_card")
    if age >= 60 and p["id_type"] == "thai_id" and r() < 0.90:
        codes.append("old_age_allowance")
    if p["disability"] and r() < 0.72:
        codes.append("disability_allowance")
    if age < 6 and poor and r() < 0.70:
        codes.append("child_support")
    if p["works"] and r() < 0.25:
        codes.append("ss33")
    elif p["works"] and r() < 0.15:
        codes.append("ss40")
    elif p["id_type"] == "thai_id" and r() < 0.90:
        codes.append("uc_gold_card")
    return " ".join(codes) or "none"


def households(n: int, seed: int = 2569,
               area_codes: Sequence[str] | None = None) -> Iterator[tuple[dict[str, str],
                                                                          list[dict[str, str]]]]:
    """``n`` synthetic submissions in Klang's canonical names (see the module docstring)."""
    rng = random.Random(seed)
    codes = list(area_codes or lamphun_subdistricts())
    r = rng.random
    for index in range(1, n + 1):
        key = f"syn-{seed}-{index:08d}"
        area = codes[rng.randrange(len(codes))]
        highland = area[:4] in ETHNIC_DISTRICTS
        ethnic = ""
        if r() < (0.45 if highland else 0.03):
            ethnic = rng.choices(ETHNIC_GROUPS, ETHNIC_WEIGHTS)[0]
        size = rng.choices(MEMBER_COUNTS, MEMBER_WEIGHTS)[0]
        people = [_person(rng, position, ethnic, highland) for position in range(1, size + 1)]
        income = sum(int(p["income"]) for p in people)  # type: ignore[call-overload]
        poor = income / size < 38_000
        collected = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
        members: list[dict[str, str]] = []
        for position, p in enumerate(people, start=1):
            thai = p["id_type"] == "thai_id"
            members.append({
                "submission_id": key, "position": str(position),
                "member_name": f"สมาชิกสมมติ {index}-{position}",
                "sex": str(p["sex"]), "age": str(p["age"]), "id_type": str(p["id_type"]),
                "id_number": fake_thai_id(rng) if thai and r() < 0.6 else "",
                "ethnicity": ethnic or ("thai" if r() < 0.8 else ""),
                "disability": _yes(bool(p["disability"])),
                "chronic_illness": _yes(bool(p["chronic"])),
                "bedridden": _yes(bool(p["bedridden"])),
                "has_carer": "" if p["has_carer"] is None else _yes(bool(p["has_carer"])),
                "welfare": _welfare(rng, p, poor),
                "in_school": "" if p["in_school"] is None else _yes(bool(p["in_school"])),
                "works": "" if p["works"] is None else _yes(bool(p["works"])),
                "income_year": str(p["income"]) if p["works"] is not None else "",
            })
        household = {
            "submission_id": key, "consent": "yes",
            "consent_date": collected.isoformat(), "collected_on": collected.isoformat(),
            "area_code": area,
            "head_name": f"หัวหน้าครัวเรือนสมมติ {index}",
            "phone": f"000-{index % 1000:03d}-{rng.randrange(10_000):04d}",
            "address": f"บ้านสมมติเลขที่ {rng.randint(1, 300)} รหัสพื้นที่ {area}",
            "gps": f"{rng.uniform(*LAT):.5f} {rng.uniform(*LON):.5f}",
            "housing_tenure": rng.choices(TENURES, TENURE_WEIGHTS)[0],
            "water_source": rng.choices(WATER, WATER_WEIGHTS)[0],
            "income_year": str(income),
        }
        household.update(_indicators(rng, people, income, size, highland))
        yield household, members


def _indicators(rng: random.Random, people: list[dict[str, object]], income: int, size: int,
                highland: bool) -> dict[str, str]:
    """Basic-needs answers: "na" when the indicator's people are absent, failures at rates a
    few times higher in the highlands, and the ones that follow from the members computed."""
    r = rng.random
    ages = [int(p["age"]) for p in people]  # type: ignore[call-overload]
    extra = 2.5 if highland else 1.0

    def fails(rate: float) -> str:
        return "no" if r() < rate * extra else "yes"

    def school(low: int, high: int) -> str:
        pupils = [p for p in people if low <= int(p["age"]) <= high]  # type: ignore[call-overload]
        if not pupils:
            return "na"
        return "no" if any(p["in_school"] is False for p in pupils) else "yes"

    working_age = [p for p in people if 15 <= int(p["age"]) <= 59]  # type: ignore[call-overload]
    older = [p for p in people if p["older"]]
    neglected = any(p["bedridden"] and p["has_carer"] is False for p in people)
    disabled = [p for p in people if p["disability"]]
    answers = {
        "bmn_01": fails(0.06) if 0 in ages else "na",
        "bmn_02": fails(0.03),
        "bmn_03": fails(0.02),
        "bmn_04": fails(0.08),
        "bmn_05": fails(0.04),
        "bmn_06": fails(0.04),
        "bmn_07": fails(0.03),
        "bmn_08": fails(0.05),
        "bmn_09": school(3, 5),
        "bmn_10": school(6, 14),
        "bmn_11": school(15, 17),
        "bmn_12": fails(0.03) if working_age else "na",
        "bmn_13": ("yes" if any(p["works"] for p in working_age) else "no")
        if working_age else "na",
        "bmn_14": fails(0.08) if older else "na",
        "bmn_15": "no" if income / size < 38_000 else "yes",
        "bmn_16": ("no" if neglected or r() < 0.03 else "yes") if older else "na",
        "bmn_17": ("no" if neglected or r() < 0.08 else "yes") if disabled else "na",
    }
    return answers


def write_klang_csv(path_households: str | Path, path_members: str | Path, n: int,
                    seed: int = 2569, area_codes: Sequence[str] | None = None) -> tuple[int, int]:
    """Write Klang's import template (two CSV files); returns (households, members) written."""
    members_written = 0
    with (open(path_households, "w", encoding="utf-8", newline="") as hh_file,
          open(path_members, "w", encoding="utf-8", newline="") as member_file):
        hh_writer = csv.DictWriter(hh_file, HOUSEHOLD_COLUMNS)
        member_writer = csv.DictWriter(member_file, MEMBER_COLUMNS)
        hh_writer.writeheader()
        member_writer.writeheader()
        for household, members in households(n, seed, area_codes):
            hh_writer.writerow(household)
            member_writer.writerows(members)
            members_written += len(members)
    return n, members_written
