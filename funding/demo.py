"""The funding part of the Lamphun demo (portal.demo.load_demo calls ``load``).

Joint money around the story's pilots (seeds 000, 002): ThaiHealth's share through its Lamphun
node (the same money as the plan item's ThaiHealth funding, so counted once), NHSO and the
province for the disability association, CODI for a community group; a community care fund
for bedridden older and disabled people in Mae Tha run by a volunteer group; and a pledge
campaign of the disability association (seed 004). Every amount, date, payment and pledge is
ILLUSTRATIVE and marked so on the pages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

PILOTS_TITLE = "โครงการนำร่องดูแลสุขภาวะกลุ่มเปราะบาง ที่ชุมชนบริหารเงินเอง"
DATA_GROUP_TITLE = "แต่งตั้งคณะทำงานสนับสนุนข้อมูล (เวทีกลาง) คู่ขนานกับการจัดทำแผนพัฒนาจังหวัด"
FUND_TITLE = "กองทุนชุมชนดูแลผู้สูงอายุและคนพิการติดเตียง ตำบลทาแม่ลอบ (ตัวอย่าง)"
CAMPAIGN_TITLE = "รถเข็นและเตียงผู้ป่วยให้ยืมสำหรับคนพิการในชุมชน (ตัวอย่าง)"
# A made-up juristic tax ID with a valid check digit: it belongs to no real organisation.
DEMO_PROMPTPAY_ID = "0994000165587"


def _say(progress: Callable[[str], None] | None, text: str) -> None:
    (progress or print)(text)


def load(progress: Callable[[str], None] | None = None) -> None:
    """Idempotent: skipped when already loaded."""
    from funding.models import PilotFund
    from orgs.models import Organisation

    if PilotFund.objects.filter(title=FUND_TITLE).exists():
        return
    orgs = {o.name_th: o for o in Organisation.objects.filter(is_demo=True)}
    if "สมาคมคนพิการจังหวัดลำพูน" not in orgs:
        _say(progress, "Funding demo skipped: the demo organisations are not loaded.")
        return
    _load(orgs)
    _say(progress, "Funding demo: funders, 4 grants, a community care fund and a pledge "
                   "campaign (illustrative).")


@transaction.atomic
def _load(orgs: dict[str, Any]) -> None:
    from accounts.models import User
    from areas.models import Area
    from funding.models import (
        Campaign,
        Disbursement,
        Funder,
        Grant,
        PilotFund,
        PilotReport,
        Pledge,
        PledgeStatus,
    )
    from planning.models import Funding, PlanItem
    from portal.demo import demo_email
    from proposals.models import Proposal

    funders = {f.slug: f for f in Funder.objects.all()}
    lamphun = Area.objects.get(code="51")
    tha_mae_lop = Area.objects.get(code="510206")
    disability = orgs["สมาคมคนพิการจังหวัดลำพูน"]
    node = orgs.get("หน่วยจัดการสุขภาวะชุมชนจังหวัดลำพูน (Node สสส.)", disability)
    volunteers = orgs.get("กลุ่มอาสาดูแลผู้สูงอายุและคนพิการอำเภอแม่ทา", disability)
    community = orgs.get("กลุ่มชาติพันธุ์ตำบลทาขุมเงิน", volunteers)
    officer = User.objects.filter(email=demo_email("officer")).first()
    coordinator = User.objects.filter(email=demo_email("coordinator")).first()

    pilots = Proposal.objects.filter(title=PILOTS_TITLE).first()
    data_group = Proposal.objects.filter(title=DATA_GROUP_TITLE).first()
    item = PlanItem.objects.filter(proposal=pilots).first() if pilots else None
    thaihealth_row = (Funding.objects.filter(plan_item=item, source="thaihealth").first()
                      if item else None)

    def grant(funder: str, organisation: Any, title: str, amount: str, area: Any,
              **extra: Any) -> Grant:
        return Grant.objects.create(
            funder=funders[funder], organisation=organisation, title=title, area=area,
            amount=Decimal(amount), fiscal_year=2569, starts_on=dt.date(2025, 10, 1),
            ends_on=dt.date(2026, 9, 30), is_illustrative=True, created_by=officer, **extra)

    thaihealth = grant("thaihealth", node, "ทุนร่วมโครงการนำร่องชุมชนบริหารเอง (ตัวอย่าง)",
                       "300000", lamphun, plan_item=item, proposal=pilots,
                       planning_funding=thaihealth_row, status="disbursed")
    nhso = grant("nhso", volunteers, "กองทุนดูแลระยะยาวสำหรับผู้สูงอายุและคนพิการติดเตียง "
                 "(ตัวอย่าง)", "250000", tha_mae_lop, plan_item=item, proposal=pilots)
    grant("province", disability, "สำรวจสิ่งอำนวยความสะดวก 5 อย่างในหน่วยงานราชการลำพูน "
          "(ตัวอย่าง)", "120000", lamphun, proposal=data_group)
    grant("codi", community, "สวัสดิการชุมชนและค่าเดินทางไปโรงพยาบาลของชุมชนชาติพันธุ์ "
          "(ตัวอย่าง)", "150000", Area.objects.get(code="5102"))

    fund = PilotFund.objects.create(
        title=FUND_TITLE, organisation=volunteers, area=tha_mae_lop, budget=Decimal("400000"),
        plan_item=item, starts_on=dt.date(2025, 11, 1), ends_on=dt.date(2026, 10, 31),
        is_illustrative=True,
        description="คณะกรรมการชุมชนบริหารเงินเอง: ค่าเดินทางไปโรงพยาบาล อุปกรณ์ดูแล "
                    "และค่าตอบแทนอาสาสมัครที่ไปเยี่ยมผู้ป่วยติดเตียงที่บ้าน "
                    "ทุกตัวเลขเป็นตัวอย่างสมมติเพื่อการสาธิต",
        results="ผู้ป่วยติดเตียง 23 คนได้รับการเยี่ยมบ้านทุกสัปดาห์ (เดิม 9 คน) "
                "ไม่มีแผลกดทับรายใหม่ใน 6 เดือน ค่าเดินทางไปโรงพยาบาลของครอบครัวลดลงเฉลี่ย "
                "ครึ่งหนึ่ง ชุมชนเสนอขยายไปอีก 3 ตำบลในแผนปี 2570 (ตัวเลขตัวอย่าง)")
    fund.grants.set([thaihealth, nhso])
    Disbursement.objects.bulk_create([
        Disbursement(fund=fund, paid_on=date, amount=Decimal(amount), recipient=recipient,
                     purpose=purpose, recorded_by=coordinator)
        for date, amount, recipient, purpose in [
            (dt.date(2025, 11, 15), "60000", "อาสาสมัครดูแลผู้ป่วยที่บ้าน 12 คน",
             "ค่าตอบแทนเยี่ยมบ้าน 3 เดือน"),
            (dt.date(2025, 12, 1), "45000", "ที่นอนลมและอุปกรณ์ทำแผล 15 ชุด",
             "อุปกรณ์ให้ยืม"),
            (dt.date(2026, 1, 10), "28500", "ค่าเดินทางไปโรงพยาบาล 19 ครั้ง",
             "รถรับส่งผู้ป่วย"),
            (dt.date(2026, 2, 15), "60000", "อาสาสมัครดูแลผู้ป่วยที่บ้าน 12 คน",
             "ค่าตอบแทนเยี่ยมบ้าน 3 เดือน"),
        ]])
    PilotReport.objects.create(
        fund=fund, title="รายงานผลไตรมาสแรก (ตัวอย่าง)", submitted_by=coordinator,
        text="เยี่ยมบ้านผู้ป่วยติดเตียง 23 คน ให้ยืมที่นอนลม 15 ชุด รับส่งไปโรงพยาบาล 19 ครั้ง "
             "คณะกรรมการกองทุนประชุมทุกเดือนและเปิดบัญชีให้ชุมชนตรวจสอบ")

    campaign = Campaign.objects.create(
        organisation=disability, title=CAMPAIGN_TITLE, goal=Decimal("80000"),
        deadline=timezone.localdate() + dt.timedelta(days=60),
        promptpay_id=DEMO_PROMPTPAY_ID, proposal=pilots, is_illustrative=True,
        created_by=coordinator,
        story="คนพิการและผู้ป่วยติดเตียงหลายครอบครัวในลำพูนรอรถเข็นและเตียงผู้ป่วยจากรัฐนาน "
              "สมาคมจะจัดซื้อรถเข็น 10 คันและเตียง 4 เตียงไว้ให้ยืมในชุมชน "
              "และรายงานการใช้เงินทุกบาทบนหน้านี้ (แคมเปญตัวอย่างเพื่อการสาธิต "
              "บัญชีพร้อมเพย์เป็นเลขสมมติ อย่าโอนเงินจริง)")
    Pledge.objects.bulk_create([
        Pledge(campaign=campaign, amount=Decimal(amount), status=status, show_name=bool(name),
               display_name=name, confirmed_at=timezone.now() if status == "confirmed" else None,
               confirmed_by=coordinator if status == "confirmed" else None)
        for amount, status, name in [
            ("5000", PledgeStatus.CONFIRMED, "ร้านกาแฟตัวอย่าง ลำพูน"),
            ("1000", PledgeStatus.CONFIRMED, ""),
            ("500", PledgeStatus.CONFIRMED, ""),
            ("2000", PledgeStatus.PLEDGED, "ชมรมจักรยานสาธิต"),
            ("300", PledgeStatus.PLEDGED, ""),
            ("1500", PledgeStatus.NOT_RECEIVED, ""),
        ]])
