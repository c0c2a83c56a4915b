"""The indicators part of the Lamphun demo (portal.demo.load_demo calls ``load``).

Illustrative, made-up HAI-style figures for Lamphun's 8 districts in 2567 and 2568 (B.E.), a
composite index for each year, and the quality-of-life envelope of seed 000 (about 30% of a
300 M baht provincial budget, 90 M baht) shared among the districts for fiscal 2568 and 2569.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction

from areas.models import Area, Level
from indicators import services
from indicators.models import (
    Dimension,
    Direction,
    IndexComponent,
    IndexConfig,
    Indicator,
    IndicatorValue,
)

SOURCE = "ข้อมูลสาธิต (สมมุติ) ตามกรอบดัชนีความก้าวหน้าของคน (HAI) สศช./UNDP"
YEARS = (2567, 2568)
# code, Thai, English, unit, direction, dimension, value at the least (0) and most (1)
# developed district
INDICATORS = [
    ("hai-low-birthweight", "ร้อยละทารกแรกเกิดน้ำหนักต่ำกว่า 2,500 กรัม",
     "Newborns under 2,500 g (%)", "%", Direction.NEGATIVE, Dimension.HEALTH, 9.5, 5.0),
    ("hai-elderly-carer", "ร้อยละผู้สูงอายุติดเตียงที่มีผู้ดูแล",
     "Bedridden older people with a carer (%)", "%", Direction.POSITIVE, Dimension.HEALTH,
     62, 93),
    ("hai-upper-secondary", "ร้อยละการเรียนต่อมัธยมศึกษาตอนปลาย",
     "Continuing to upper secondary (%)", "%", Direction.POSITIVE, Dimension.EDUCATION, 68, 92),
    ("hai-unemployment", "อัตราการว่างงาน", "Unemployment rate (%)", "%", Direction.NEGATIVE,
     Dimension.WORKING_LIFE, 3.8, 0.9),
    ("hai-income", "รายได้เฉลี่ยต่อครัวเรือนต่อเดือน", "Average household income a month",
     "บาท", Direction.POSITIVE, Dimension.INCOME, 14_500, 27_000),
    ("hai-target-poor", "ร้อยละครัวเรือนยากจนเป้าหมาย", "Target-poor households (%)", "%",
     Direction.NEGATIVE, Dimension.INCOME, 11.0, 2.5),
    ("hai-clean-water", "ร้อยละครัวเรือนมีน้ำสะอาดดื่มตลอดปี",
     "Households with clean drinking water all year (%)", "%", Direction.POSITIVE,
     Dimension.HOUSING, 81, 99),
    ("hai-elderly-alone", "ร้อยละผู้สูงอายุอยู่ลำพัง", "Older people living alone (%)", "%",
     Direction.NEGATIVE, Dimension.FAMILY, 14, 7),
    ("hai-internet", "ร้อยละครัวเรือนเข้าถึงอินเทอร์เน็ต", "Households with internet (%)", "%",
     Direction.POSITIVE, Dimension.TRANSPORT, 48, 86),
    ("hai-community-groups", "ร้อยละประชากรที่เป็นสมาชิกกลุ่มในชุมชน",
     "People in community groups (%)", "%", Direction.POSITIVE, Dimension.PARTICIPATION,
     38, 61),
]
# District code: (population, how developed 0..1) — illustrative.
DISTRICTS = {
    "5101": (146_000, 0.95), "5102": (40_500, 0.55), "5103": (38_200, 0.5),
    "5104": (71_300, 0.12), "5105": (20_400, 0.05), "5106": (60_800, 0.7),
    "5107": (22_600, 0.35), "5108": (28_900, 0.6),
}


def wobble(code: str, index: int) -> float:
    """A small fixed deviation per district and indicator, so that the ranks differ a little
    between indicators, as real figures do."""
    return ((int(code) * 7 + index * 13) % 11 - 5) / 30


@transaction.atomic
def load(progress: Callable[[str], None] | None = None) -> None:
    """Idempotent: skipped when already loaded."""
    if IndexConfig.objects.filter(is_illustrative=True).exists():
        return
    say = progress or (lambda _message: None)
    lamphun = Area.objects.filter(code="51").first()
    districts = {a.code: a for a in Area.objects.filter(code__in=DISTRICTS)}
    if lamphun is None or len(districts) != len(DISTRICTS):
        say("indicators: Lamphun's districts are not loaded, skipped")
        return
    population, _created = Indicator.objects.update_or_create(code=services.POPULATION, defaults={
        "name_th": "จำนวนประชากร", "name_en": "Population", "unit": "คน",
        "direction": Direction.POSITIVE, "dimension": Dimension.CONTEXT, "source": SOURCE,
        "year": 2568, "is_illustrative": True})
    indicators = []
    for code, name_th, name_en, unit, direction, dimension, *_range in INDICATORS:
        indicator, _created = Indicator.objects.update_or_create(code=code, defaults={
            "name_th": name_th, "name_en": name_en, "unit": unit, "direction": direction,
            "dimension": dimension, "source": SOURCE, "year": 2568, "is_illustrative": True})
        indicators.append(indicator)
    values = []
    for year in YEARS:
        drift = 0.0 if year == YEARS[-1] else -0.04  # a little worse the year before
        for code, (people, level) in DISTRICTS.items():
            area = districts[code]
            values.append(IndicatorValue(indicator=population, area=area, year=year,
                                         value=round(people * (0.995 if drift else 1))))
            for i, (spec, indicator) in enumerate(zip(INDICATORS, indicators, strict=True)):
                low, high = spec[6], spec[7]
                position = min(max(level + wobble(code, i) + drift, 0.0), 1.0)
                values.append(IndicatorValue(indicator=indicator, area=area, year=year,
                                             value=round(low + (high - low) * position, 1)))
    IndicatorValue.objects.filter(area__in=districts.values(), year__in=YEARS,
                                  indicator__in=[population, *indicators]).delete()
    IndicatorValue.objects.bulk_create(values)
    configs = {}
    for year in YEARS:
        config = IndexConfig.objects.create(
            name=f"ดัชนีความก้าวหน้าของคน (แบบ HAI) อำเภอในจังหวัดลำพูน {year}", scope=lamphun,
            level=Level.DISTRICT, year=year, is_illustrative=True)
        IndexComponent.objects.bulk_create([
            IndexComponent(config=config, indicator=i, dimension=i.dimension)
            for i in indicators])
        configs[year] = config
    for fiscal_year, index_year in ((2568, 2567), (2569, 2568)):
        services.save_scenario(
            name=f"งบพัฒนาคุณภาพชีวิต 90 ล้านบาท ปีงบประมาณ {fiscal_year}",
            index=configs[index_year], year=fiscal_year, envelope=90_000_000,
            rule="population_gap", floor=6_000_000, cap=20_000_000, is_illustrative=True,
            notes="ประมาณร้อยละ 30 ของงบพัฒนาจังหวัด 300 ล้านบาท (รายงานเวทีลำพูน 2568) "
                  "แบ่งตามจำนวนประชากร × ช่องว่างของดัชนี ขั้นต่ำ 6 ล้าน สูงสุด 20 ล้านบาทต่ออำเภอ")
    try:
        written = services.import_evidence_statistics(2568)
    except Exception:  # noqa: BLE001 - the evidence demo is built in parallel; never block
        written = 0
    say(f"indicators: {len(values)} illustrative values, 2 indices, 2 scenarios, "
        f"{written} evidence statistics")
