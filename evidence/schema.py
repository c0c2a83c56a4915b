"""The canonical questions of household evidence: the contract between surveys, imports and indices.

A survey (XLSForm) may ask anything; the questions named here, when a survey asks them under
these names, fill the typed columns that the indices and area statistics read. Klang's default
household survey (``evidence/data/household_survey.xlsx``) asks all of them. A custom survey
that uses other names is stored and shown, but counts only in what its names map to.

Units: one household is the unit of every published statistic; members are a repeat group
(``members``) inside it.

Sources:
- The 17 TPMAP indicators and their five dimensions: TPMAP (Thai People Map and Analytics
  Platform, NESDC and NECTEC, https://www.tpmap.in.th), which reads the basic-needs survey
  (ข้อมูลความจำเป็นพื้นฐาน, จปฐ.) of the Community Development Department. The list below was
  written from TPMAP's published indicator list; check it against the current จปฐ. cycle.
- "Target poor" (คนจนเป้าหมาย): poor in at least one dimension and holding a state welfare card
  (DESIGN.md section 7).
- Child support grant eligibility (เงินอุดหนุนเพื่อการเลี้ยงดูเด็กแรกเกิด): a child under 6 in a
  household earning under 100,000 baht a person a year (Department of Children and Youth).
- Old-age allowance (เบี้ยยังชีพผู้สูงอายุ): Thai nationals aged 60 and over; disability
  allowance (เบี้ยความพิการ): holders of a disability card.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

# --- the 17 TPMAP indicators (one bit each in Household.deprivations: bit i-1 = indicator i) ---

HEALTH = "health"
LIVING = "living"
EDUCATION = "education"
INCOME = "income"
ACCESS = "access"

DIMENSIONS: list[tuple[str, object]] = [
    (HEALTH, _("Health")),
    (LIVING, _("Living standards")),
    (EDUCATION, _("Education")),
    (INCOME, _("Income")),
    (ACCESS, _("Access to public services")),
]
DIMENSION_BIT = {code: 1 << i for i, (code, _label) in enumerate(DIMENSIONS)}


@dataclass(frozen=True)
class Indicator:
    number: int          # 1..17
    dimension: str
    label: object        # lazy translation

    @property
    def code(self) -> str:
        return f"bmn_{self.number:02d}"

    @property
    def bit(self) -> int:
        return 1 << (self.number - 1)


TPMAP_INDICATORS: list[Indicator] = [
    Indicator(1, HEALTH, _("Newborns weigh at least 2,500 grams")),
    Indicator(2, HEALTH, _("The household eats hygienic, safe food")),
    Indicator(3, HEALTH, _("The household uses medicines appropriately")),
    Indicator(4, HEALTH, _("People aged 6 and over exercise at least 3 days a week")),
    Indicator(5, LIVING, _("Secure housing in a durable house")),
    Indicator(6, LIVING, _("Enough clean drinking water all year (5 litres a person a day)")),
    Indicator(7, LIVING, _("Enough water for use all year (45 litres a person a day)")),
    Indicator(8, LIVING, _("A tidy, clean and hygienic home")),
    Indicator(9, EDUCATION, _("Children aged 3–5 receive early-childhood care")),
    Indicator(10, EDUCATION, _("Children aged 6–14 receive 9 years of compulsory education")),
    Indicator(11, EDUCATION, _("Children who finished lower secondary continue to upper secondary")),
    Indicator(12, EDUCATION, _("People aged 15–59 read and write Thai and do simple arithmetic")),
    Indicator(13, INCOME, _("People aged 15–59 have an occupation and income")),
    Indicator(14, INCOME, _("People aged 60 and over have an occupation and income")),
    Indicator(15, INCOME, _("Average income at least 38,000 baht a person a year")),
    Indicator(16, ACCESS, _("Older people receive care from family, community, state or others")),
    Indicator(17, ACCESS, _("People with disabilities receive care from family, community, state or others")),
]
INDICATOR_BY_CODE = {i.code: i for i in TPMAP_INDICATORS}

# An indicator question is answered "yes" (passes), "no" (fails: the household is deprived in
# it) or "na" (does not apply, e.g. no newborn in the household: not deprived).
PASSES, FAILS, NOT_APPLICABLE = "yes", "no", "na"

# --- welfare received (bit flags in Person.welfare) -------------------------------------------

WELFARE: list[tuple[str, object]] = [
    ("state_welfare_card", _("State welfare card")),
    ("old_age_allowance", _("Old-age allowance")),
    ("disability_allowance", _("Disability allowance")),
    ("child_support", _("Child support grant")),
    ("uc_gold_card", _("Universal coverage (gold card)")),
    ("ss33", _("Social security, section 33")),
    ("ss39", _("Social security, section 39")),
    ("ss40", _("Social security, section 40")),
]
WELFARE_BIT = {code: 1 << i for i, (code, _label) in enumerate(WELFARE)}

# --- legal status and ID type (Person.id_type) ------------------------------------------------

ID_TYPES: list[tuple[str, object]] = [
    ("thai_id", _("Thai 13-digit ID card")),
    ("other_card", _("Other card (e.g. pink card, card for people without Thai nationality)")),
    ("none", _("No identity document")),
]

# --- vulnerability flags of seed 003 (bit flags in Household.flags) ---------------------------

FLAG_BEDRIDDEN_NO_CARER = 1
FLAG_NO_THAI_ID = 2
FLAG_ELIGIBLE_NOT_RECEIVING = 4
FLAGS: list[tuple[str, int, object]] = [
    ("bedridden_no_carer", FLAG_BEDRIDDEN_NO_CARER, _("Bedridden member with no carer")),
    ("no_thai_id", FLAG_NO_THAI_ID, _("Member without a 13-digit Thai ID")),
    ("eligible_not_receiving", FLAG_ELIGIBLE_NOT_RECEIVING,
     _("Member eligible for an allowance but not receiving it")),
]
CHILD_SUPPORT_INCOME_LIMIT = 100_000  # baht a person a year

# --- target groups present in the household (bit flags in Household.groups) ------------------
# Keys are orgs.TargetGroup slugs, so statistics and needs speak of the same groups.

GROUPS: list[tuple[str, int]] = [
    ("older-people", 1),         # a member aged 60 or over
    ("disability", 2),           # a member with a disability
    ("ethnic-legal-status", 4),  # a member of an ethnic group, or without a Thai ID
    ("children-youth", 8),       # a member under 18
]
GROUP_BIT = dict(GROUPS)
ALL_HOUSEHOLDS = "all"

# --- canonical question names ------------------------------------------------------------------

# Household-level questions. Identifying ones are encrypted, never stored in ``answers``.
IDENTIFYING_HOUSEHOLD = ["head_name", "phone", "address", "gps"]
IDENTIFYING_PERSON = ["member_name", "id_number"]
HOUSEHOLD_QUESTIONS = [
    "consent", "consent_date", "area_code", "collected_on", "housing_tenure", "water_source",
    "income_year", *[i.code for i in TPMAP_INDICATORS], *IDENTIFYING_HOUSEHOLD,
]
MEMBERS_GROUP = "members"
PERSON_QUESTIONS = [
    "sex", "age", "id_type", "disability", "chronic_illness", "bedridden", "has_carer",
    "ethnicity", "welfare", "in_school", "works", "income_year", *IDENTIFYING_PERSON,
]
