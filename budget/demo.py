"""The budget part of the Lamphun demo (portal.demo.load_demo calls ``load``).

ILLUSTRATIVE figures, not Lamphun's real budget: seed 000 says only that about 70% of a
province's development budget (e.g. 300 M baht) goes to infrastructure and about 30% (≈ 90 M)
to quality of life. Fiscal year 2569 has exactly that split over 300,000,000 baht; 2568 has
280,000,000 baht at about 71/29, so that the trend has something to show. Project names and agencies
are shaped like Thai budget documents; every plan name ends with "(ข้อมูลสาธิต)". The pilot
lines are linked to the demo plan item and proposal of ``portal.demo_story``; a few lines keep
their suggested class unconfirmed, so that the officer's confirmation page has work to show.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

DEMO_PLAN = "(ข้อมูลสาธิต)"
DISTRICTS = {"5101": "เมืองลำพูน", "5102": "แม่ทา", "5103": "บ้านโฮ่ง", "5104": "ลี้",
             "5105": "ทุ่งหัวช้าง", "5106": "ป่าซาง", "5107": "บ้านธิ", "5108": "เวียงหนองล่อง"}
RURAL_ROADS = "แขวงทางหลวงชนบทลำพูน"
PUBLIC_WORKS = "สำนักงานโยธาธิการและผังเมืองจังหวัดลำพูน"
WATERWORKS = "สำนักงานทรัพยากรน้ำภาค 1 (ส่วนที่ดูแลลำพูน)"
PAO = "องค์การบริหารส่วนจังหวัดลำพูน"
SOCIAL = "สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัดลำพูน"
HEALTH = "สำนักงานสาธารณสุขจังหวัดลำพูน"
EDUCATION = "สำนักงานศึกษาธิการจังหวัดลำพูน"
LABOUR = "สำนักงานแรงงานจังหวัดลำพูน"
NODE = "หน่วยจัดการสุขภาวะชุมชนจังหวัดลำพูน (Node สสส.)"

# (project, agency, area code, amount in baht, source, class, target groups)
Line = tuple[str, str, str, int, str, str, tuple[str, ...]]


def infrastructure(year: int, total: int) -> list[Line]:
    lines: list[Line] = []
    for i, (code, name) in enumerate(DISTRICTS.items()):
        lines.append((f"ก่อสร้างถนนคอนกรีตเสริมเหล็ก สายบ้าน{name} หมู่ {i + 2} อำเภอ{name}",
                      RURAL_ROADS, code, 9_000_000 + i * 1_000_000, "province",
                      "infrastructure", ()))
    lines += [
        ("ก่อสร้างสะพานคอนกรีตข้ามน้ำแม่ลี้ อำเภอลี้", RURAL_ROADS, "5104", 24_000_000,
         "province", "infrastructure", ()),
        ("ปรับปรุงระบบประปาหมู่บ้าน ตำบลนาทราย", PAO, "510403", 6_500_000, "local_government",
         "infrastructure", ()),
        ("ปรับปรุงระบบประปาหมู่บ้าน ตำบลทาแม่ลอบ", PAO, "510206", 5_500_000, "local_government",
         "infrastructure", ()),
        ("ก่อสร้างฝายชะลอน้ำและขุดลอกลำเหมือง อำเภอทุ่งหัวช้าง", WATERWORKS, "5105", 18_000_000,
         "province", "infrastructure", ()),
        ("ก่อสร้างอาคารอเนกประสงค์ศูนย์ราชการจังหวัด", PUBLIC_WORKS, "51", 22_000_000,
         "province", "infrastructure", ()),
        ("ติดตั้งระบบไฟฟ้าแสงสว่างถนนสายหลัก อำเภอป่าซาง", PAO, "5106", 9_000_000,
         "cluster", "infrastructure", ()),
    ]
    used = sum(line[3] for line in lines)
    lines.append(("ก่อสร้างถนนลาดยางเชื่อมแหล่งเกษตร อำเภอบ้านโฮ่ง", RURAL_ROADS, "5103",
                  total - used, "province", "infrastructure", ()))
    return lines


def quality_of_life(year: int, total: int) -> list[Line]:
    lines: list[Line] = [
        ("ส่งเสริมอาชีพและสุขภาพผู้สูงอายุ อำเภอลี้", SOCIAL, "5104", 6_000_000, "province",
         "quality-of-life", ("older-people",)),
        ("อบรมอาสาสมัครดูแลผู้สูงอายุติดบ้านติดเตียง อำเภอแม่ทา", HEALTH, "5102", 4_500_000,
         "nhso", "quality-of-life", ("older-people",)),
        ("ก่อสร้างทางลาดและห้องน้ำสำหรับคนพิการ สถานที่ราชการ อำเภอเมืองลำพูน", PUBLIC_WORKS,
         "5101", 5_000_000, "province", "quality-of-life", ("disability",)),
        ("จัดหากายอุปกรณ์และฟื้นฟูสมรรถภาพคนพิการ", HEALTH, "51", 3_500_000, "nhso",
         "quality-of-life", ("disability",)),
        ("ลดค่าเดินทางไปรับบริการสุขภาพของชุมชนชาติพันธุ์ อำเภอแม่ทาและลี้", NODE, "5102",
         2_500_000, "thaihealth", "quality-of-life", ("ethnic-legal-status",)),
        ("ตรวจสุขภาพและให้ความรู้สิทธิการรักษาแรงงานนอกระบบ อำเภอป่าซาง", LABOUR, "5106",
         3_000_000, "province", "quality-of-life", ("informal-workers",)),
        ("เฝ้าระวังและส่งต่อเด็กที่ถูกกระทำความรุนแรง อำเภอบ้านโฮ่ง", SOCIAL, "5103",
         2_000_000, "province", "quality-of-life", ("children-youth",)),
        ("พัฒนาคุณภาพการศึกษาโรงเรียนขนาดเล็ก", EDUCATION, "51", 18_000_000, "province",
         "quality-of-life", ()),
        ("ส่งเสริมสุขภาพและป้องกันโรคไม่ติดต่อเรื้อรัง", HEALTH, "51", 14_000_000, "nhso",
         "quality-of-life", ()),
        ("บ้านมั่นคงชนบท ตำบลทุ่งหัวช้าง", "สถาบันพัฒนาองค์กรชุมชน (พอช.)", "5105", 8_000_000,
         "codi", "quality-of-life", ()),
        ("ศูนย์พัฒนาเด็กเล็ก ปรับปรุงห้องเรียนและอาหารกลางวัน อำเภอเวียงหนองล่อง", PAO, "5108",
         6_000_000, "local_government", "quality-of-life", ("children-youth",)),
    ]
    if year == 2569:
        # The demo story's pilot (portal.demo_story): linked to its plan item and proposal.
        lines += [
            ("โครงการนำร่องดูแลสุขภาวะกลุ่มเปราะบาง ที่ชุมชนบริหารเงินเอง (งบจังหวัด)", SOCIAL,
             "51", 900_000, "province", "quality-of-life",
             ("older-people", "ethnic-legal-status", "informal-workers", "children-youth")),
            ("โครงการนำร่องดูแลสุขภาวะกลุ่มเปราะบาง ที่ชุมชนบริหารเงินเอง (ทุนร่วม สสส.)", NODE,
             "51", 300_000, "thaihealth", "quality-of-life",
             ("older-people", "ethnic-legal-status", "informal-workers", "children-youth")),
        ]
    used = sum(line[3] for line in lines)
    lines.append(("จัดการศึกษาสำหรับเด็กและเยาวชนนอกระบบโรงเรียน", EDUCATION, "51",
                  total - used, "province", "quality-of-life", ()))
    return lines


# Lines whose class stays a suggestion, for the officer's confirmation page (by project).
UNCONFIRMED = {"ติดตั้งระบบไฟฟ้าแสงสว่างถนนสายหลัก อำเภอป่าซาง",
               "บ้านมั่นคงชนบท ตำบลทุ่งหัวช้าง",
               "ศูนย์พัฒนาเด็กเล็ก ปรับปรุงห้องเรียนและอาหารกลางวัน อำเภอเวียงหนองล่อง"}
YEARS = {2569: (210_000_000, 90_000_000), 2568: (200_000_000, 80_000_000)}


def load(progress: Callable[[str], None] | None = None) -> None:
    """Idempotent: skipped when already loaded."""
    from django.db import transaction
    from django.utils import timezone

    from accounts.models import User
    from areas.models import Area
    from budget.importer import line_key
    from budget.models import BudgetClass, BudgetLine
    from budget.services import ensure_classes
    from orgs.models import TargetGroup

    say = progress or print
    if BudgetLine.objects.filter(province__code="51", plan__endswith=DEMO_PLAN).exists():
        say("Budget demo already loaded.")
        return
    ensure_classes()
    classes = {c.slug: c for c in BudgetClass.objects.all()}
    groups = {g.slug: g for g in TargetGroup.objects.all()}
    codes = {"51", *DISTRICTS, "510403", "510206"}
    areas = {a.code: a for a in Area.objects.filter(code__in=codes)}
    officer = User.objects.filter(email__startswith="officer@").first()
    now = timezone.now()
    pilots = pilot_links()
    with transaction.atomic():
        count = 0
        for year, (infra, qol) in YEARS.items():
            for project, agency, code, amount, source, slug, group_slugs in (
                    infrastructure(year, infra) + quality_of_life(year, qol)):
                plan = ("แผนงานพัฒนาโครงสร้างพื้นฐาน" if slug == "infrastructure"
                        else "แผนงานพัฒนาคุณภาพชีวิตและสังคม") + f" {DEMO_PLAN}"
                confirmed = project not in UNCONFIRMED
                line = BudgetLine.objects.create(
                    fiscal_year=year, plan=plan, project=project, agency=agency,
                    amount=Decimal(amount), source=source, area=areas[code],
                    budget_class=classes[slug], suggested_class=classes[slug],
                    class_confirmed=confirmed, confirmed_by=officer if confirmed else None,
                    confirmed_at=now if confirmed else None,
                    key=line_key(year, areas[code], project, agency, Decimal(amount)),
                )
                line.target_groups.set([groups[s] for s in group_slugs if s in groups])
                if "โครงการนำร่อง" in project and pilots:
                    item, proposal = pilots
                    line.plan_items.add(item)
                    if proposal is not None:
                        line.proposals.add(proposal)
                count += 1
    say(f"Budget: {count} illustrative budget lines for Lamphun, fiscal years 2568–2569.")


def pilot_links() -> tuple[Any, Any] | None:
    """The demo story's funded plan item (fiscal year 2569) and its proposal, if loaded."""
    from planning.models import PlanItem

    try:
        from portal.demo_story import PLAN_TITLE
    except ImportError:
        return None
    item = (PlanItem.objects.filter(plan__title=PLAN_TITLE, fiscal_year=2569)
            .select_related("proposal").order_by("pk").first())
    return (item, item.proposal) if item else None
