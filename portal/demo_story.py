"""The Lamphun story of seed 000: from the forum of 24 July 2568 to a funded pilot with results.

Loaded by ``load_demo`` after the foundation demo (portal/demo.py), through the same services
the pages and the API call, so every step is a real timeline event with its actor and role:

1. the forum (เวทีกลาง) of 24 July 2568 in the Chamthewi room of the Lamphun provincial hall,
   42 people from 25 organisations (seed 000);
2. the needs raised there: one for each of the eight groups that spoke (disability, ethnic
   groups, older people, informal workers, children and youth, environment, sustainable
   agriculture, the ThaiHealth node), one more for children and youth that is CONFIDENTIAL
   (abuse and violence against children), and two that the civil-society network raised from
   the morning's discussion of the plan itself (the six vacant committee seats; the
   communication gap);
3. the working group (workinggroup@demo.klang.invalid) screens them, SPLITS the ethnic groups'
   need in three (health access, a fair share of committee seats, land and disasters), MERGES
   the seats part into the network's vacant-seats need, and SYNTHESISES four proposals: the
   seed's resolutions (a parallel data-support working group; filling the vacant seats with
   qualified representatives; a communication platform; community-run pilot projects);
4. the officer (officer@demo.klang.invalid) submits them to ก.บ.จ.ลำพูน meeting 4/2568, which
   approves the pilot projects (then: plan item, two fundings, implementation, two progress
   reports), approves the data-support working group, defers the platform and rejects the
   seats proposal, each with a public resolution;
5. a few demo users support and follow the proposals, and one comment is written.

What comes from the seed: the forum's date, place, numbers and agenda; every group's problem;
the vacant seats (6 of up to 12, one from the community organisation council); the ThaiHealth
node's five years and 150 communities; the quality-of-life share of the provincial budget
(about 30 %, e.g. 90 of 300 million baht); the four resolutions; that social and
quality-of-life work sits under the "security of livelihood" strategy; that ก.บ.จ.ลำพูน held
its meeting 4/2568 the same day in the Hariphunchai room. What is ILLUSTRATIVE (written so in
the texts the public reads): the committee's decisions and resolutions, the budgets, the
funding, the progress figures, the committee's member list and the other three strategy names.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction

from portal.demo import LAMPHUN, ORGS, VILLAGES, DemoResult, demo_email

BANGKOK = ZoneInfo("Asia/Bangkok")
SEED_SOURCE = "รายงานเวทีภาคประชาสังคมลำพูน 24 ก.ค. 2568"
STORY_NOTE = (
    "ข้อมูลสาธิต: เวที วันที่ และปัญหาของแต่ละกลุ่มมาจากรายงานเวทีภาคประชาสังคมลำพูน "
    "24 กรกฎาคม 2568 ส่วนมติ งบประมาณ และตัวเลขผลการดำเนินงานเป็นตัวอย่างสมมติ"
)

FORUM_TITLE = (
    "เวทีปรึกษาหารือ การหนุนเสริมบทบาทภาคประชาสังคมจังหวัดลำพูน "
    "ต่อการดูแลสุขภาวะประชากรกลุ่มเปราะบาง ผ่านแผนพัฒนาจังหวัด (One Plan)"
)
FORUM_PLACE = "ห้องประชุมจามเทวี ชั้น 4 ศูนย์ราชการจังหวัดลำพูน"
FORUM_AGENDA = """ช่วงเช้า
1. ความสำคัญและข้อจำกัดของแผนพัฒนาจังหวัด (One Plan) ตามพระราชกฤษฎีกาว่าด้วยการบริหารเชิงพื้นที่แบบบูรณาการ พ.ศ. 2565
2. พัฒนาการของภาคประชาสังคมลำพูน ตั้งแต่ช่วง 2520–2530 ถึงปัจจุบัน
3. ประเด็นปัญหาของแต่ละกลุ่ม: คนพิการ กลุ่มชาติพันธุ์ ผู้สูงอายุ แรงงานนอกระบบ เด็กและเยาวชน สิ่งแวดล้อม เกษตรกรรมยั่งยืน และ Node สสส.
ช่วงบ่าย
4. นำเสนอข้อคิดเห็นต่อรองผู้ว่าราชการจังหวัดลำพูนและตัวแทนส่วนราชการ
5. แนวทางและโอกาสใหม่ในการมีส่วนร่วมของภาคประชาสังคมในแผนพัฒนาจังหวัด
6. สรุปข้อเสนอของที่ประชุม"""
FORUM_MINUTES = f"""ที่ประชุมสรุปข้อเสนอสำคัญ 2 ข้อ
1. จัดตั้งกลไกคู่ขนาน "คณะทำงานสนับสนุนข้อมูล" หรือ "เวทีกลาง" ให้ภาคประชาสังคมกลุ่มต่าง ๆ ประชุมหารือ กลั่นกรองข้อมูล และสังเคราะห์ข้อเสนอที่เฉียบคม ก่อนเข้าสู่กระบวนการวางแผนของจังหวัด
2. หน่วยงานภาครัฐเพิ่มการสื่อสารเชิงรุก และเชิญเครือข่ายภาคประชาสังคมร่วมให้ข้อมูลตั้งแต่ขั้นริเริ่มโครงการ

ข้อเสนออื่นที่ที่ประชุมหารือ: เติมที่นั่งผู้แทนภาคประชาสังคมใน ก.บ.จ. ที่ยังว่าง 6 ที่นั่ง พร้อมกำหนดคุณสมบัติผู้แทนแต่ละด้าน; มีแพลตฟอร์มกลางสำหรับการสื่อสารระหว่างภาครัฐและภาคประชาสังคม; ต่อยอดความร่วมมือด้านงบประมาณระหว่าง สสส. สปสช. และงบประมาณจังหวัด โดยเริ่มจากโครงการนำร่องที่ชุมชนบริหารเงินเอง

รองผู้ว่าราชการจังหวัดลำพูนรับทราบและพร้อมสนับสนุนคณะทำงานคู่ขนาน สำนักงานจังหวัดลำพูนและสำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัดลำพูนรับข้อเสนอเรื่องแพลตฟอร์มกลางไปดำเนินการต่อ

{STORY_NOTE}"""

# Who came: 42 people from 25 of the demo organisations (seed 000 gives only the totals; how
# they split between organisations is illustrative). The housing and Yong culture groups, which
# the seed does not mention, stayed home.
ATTENDANCE: dict[str, int] = {
    "cso-network": 2, "thaihealth-node": 2, "disability": 2, "disability-ban-hong": 1,
    "care-volunteers-mae-tha": 1, "ethnic-li": 2, "ethnic-mae-tha": 2,
    "ethnic-health-mae-tha": 1, "older-people": 2, "older-people-pa-sang": 1,
    "older-people-thung-hua-chang": 1, "informal-workers": 2, "home-workers-pa-sang": 2,
    "labour-union": 1, "youth": 2, "child-protection": 2, "women": 2, "kuang-river": 2,
    "waste-watch": 1, "sustainable-agriculture": 2, "organic-longan": 2, "safe-vegetables": 1,
    "history-study": 2, "thung-hua-chang": 2, "community-council": 2,
}
FORUM_PEOPLE, FORUM_ORGANISATIONS = 42, 25
assert sum(ATTENDANCE.values()) == FORUM_PEOPLE and len(ATTENDANCE) == FORUM_ORGANISATIONS

# ก.บ.จ.ลำพูน meeting 4/2568. Seed 000 says it was held "on the same day" as the forum, in the
# Hariphunchai room; the demo keeps that fact and puts the forum's proposals on its agenda that
# afternoon. Its decisions are illustrative. Move MEETING_DAY (and the times in _committee)
# to tell the story over more weeks.
MEETING_NUMBER, MEETING_YEAR = 4, 2568
MEETING_DAY = dt.date(2025, 7, 24)
MEETING_PLACE = "ห้องประชุมหริภุญชัย"

OWNER_AGENCY = "สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัดลำพูน"
PROVINCIAL_OFFICE = "สำนักงานจังหวัดลำพูน"


def at(year_be: int, month: int, day: int, hour: int = 9, minute: int = 0) -> dt.datetime:
    """A moment in Lamphun, given with a Buddhist-Era year as the story is told."""
    return dt.datetime(year_be - 543, month, day, hour, minute, tzinfo=BANGKOK)


@dataclass(frozen=True)
class StoryNeed:
    key: str
    org: str                     # the demo organisation that raised it (portal.demo.ORGS key)
    title: str
    description: str
    targets: tuple[str, ...]
    issue: str
    evidence: tuple[tuple[str, int | None, str], ...]   # (what it shows, number, unit)
    minute: int                  # minutes after 09:00 on the forum day, when it was raised
    urgency: str = "medium"
    sensitive: bool = False


NEEDS: list[StoryNeed] = [
    # --- the eight groups of the morning session -------------------------------------------
    StoryNeed(
        "disability", "disability",
        "สิ่งอำนวยความสะดวกสำหรับคนพิการในหน่วยงานราชการยังไม่ได้มาตรฐาน",
        "กฎหมายกำหนดให้หน่วยงานราชการมีสิ่งอำนวยความสะดวกที่จำเป็น 5 อย่าง คือ ทางลาด "
        "ห้องน้ำ ที่จอดรถ ป้ายสัญลักษณ์ และเคาน์เตอร์บริการ แต่หลายแห่งยังไม่ได้มาตรฐาน "
        "เช่น ทางลาดไม่ได้ระดับ ห้องน้ำไม่ตรงตามมาตรฐานที่กำหนด และการปรับปรุงยังเข้าไม่ถึง"
        "งบประมาณ",
        ("disability",), "rights",
        (("สิ่งอำนวยความสะดวกที่จำเป็นตามกฎหมาย (ทางลาด ห้องน้ำ ที่จอดรถ ป้ายสัญลักษณ์ "
          "เคาน์เตอร์บริการ)", 5, "อย่าง"),
         ("ทางลาดและห้องน้ำในหน่วยงานราชการหลายแห่งยังไม่ได้ระดับตามมาตรฐาน", None, "")),
        minute=30,
    ),
    StoryNeed(
        "ethnic", "ethnic-li",
        "กลุ่มชาติพันธุ์ในพื้นที่ห่างไกลของแม่ทาและลี้ เข้าไม่ถึงบริการสุขภาพ ที่ดินทำกิน "
        "และที่นั่งใน ก.บ.จ.",
        "ชุมชนชาติพันธุ์ในพื้นที่ห่างไกลของอำเภอแม่ทาและอำเภอลี้ต้องเสียค่าเดินทางไปรับบริการ"
        "สุขภาพสูงมาก มีปัญหาเรื่องที่ดินทำกินและภัยพิบัติ และต้องการมีส่วนร่วมในกลไก ก.บ.จ. "
        "ในสัดส่วนของกลุ่มชาติพันธุ์ที่เหมาะสม",
        ("ethnic-legal-status",), "health",
        # Split copies the evidence to every part: this row fits all three; the figure about
        # health care is added to the health part after the split (ETHNIC_HEALTH_EVIDENCE).
        (("ปัญหาที่กลุ่มชาติพันธุ์ยกขึ้นในเวที: บริการสุขภาพ ที่ดินทำกินและภัยพิบัติ "
          "และสัดส่วนผู้แทนใน ก.บ.จ.", None, ""),),
        minute=40, urgency="high",
    ),
    StoryNeed(
        "older", "older-people",
        "ผู้สูงอายุที่ไม่ใช่ผู้ป่วยติดเตียงแทบไม่ได้รับการสนับสนุน และหาจิตอาสาได้ยาก",
        "ลำพูนเข้าสู่สังคมผู้สูงวัย แต่งานของผู้สูงอายุยังต้องพึ่งตนเองเป็นหลัก รัฐเน้น"
        "ผู้ป่วยติดเตียง ผู้สูงอายุกลุ่มอื่นจึงได้รับการสนับสนุนน้อย จิตอาสาที่จะช่วยดูแลหาได้ยาก"
        "เพราะผู้เกษียณที่มาช่วยได้มีน้อย และโครงการด้านผู้สูงอายุที่เสนอไปมักถูกเปลี่ยนรูปแบบ "
        "หรือใช้เงินในสัดส่วนที่ไม่เหมาะสม",
        ("older-people",), "health",
        (("โครงการด้านผู้สูงอายุที่เสนอไปมักถูกเปลี่ยนรูปแบบหรือมีสัดส่วนการใช้เงินไม่เหมาะสม",
          None, ""),),
        minute=50,
    ),
    StoryNeed(
        "informal", "informal-workers",
        "แรงงานนอกระบบไม่มีหลักประกันสุขภาพและเงินชดเชยเมื่อเจ็บป่วย",
        "แรงงานนอกระบบและแรงงานอิสระไม่ได้อยู่ในประกันสังคมมาตรา 33 เจ็บป่วยจากการทำงาน "
        "ทำงานหนักและพักผ่อนไม่พอ ขาดความรู้เรื่องสุขภาพและการเข้าถึงการรักษา "
        "และไม่มีเงินชดเชยที่เพียงพอเมื่อเจ็บป่วยหรือต้องหยุดงาน",
        ("informal-workers",), "health",
        (("แรงงานนอกระบบไม่อยู่ในระบบประกันสังคมมาตรา 33 และไม่มีเงินชดเชยเมื่อหยุดงาน",
          None, ""),),
        minute=60,
    ),
    StoryNeed(
        "youth", "youth",
        "เยาวชนเข้าถึงทุนของจังหวัดยาก และออกแบบโครงการเองไม่ได้",
        "กลุ่มเยาวชนที่ทำงานส่งเสริมสิทธิเด็กและเสียงของคนรุ่นใหม่ขอทุนของจังหวัดได้ยาก "
        "ต้องหาทุนจากภายนอก เมื่อได้ร่วมโครงการ รูปแบบก็มักถูกกำหนดโดยราชการ "
        "จึงคิดประเด็นและทำงานตามที่ต้องการไม่ได้ และต้องพึ่งความสัมพันธ์กับนักการเมืองท้องถิ่น"
        "เพื่อผลักดันงาน",
        ("children-youth",), "youth",
        (("เยาวชนต้องขอทุนจากภายนอกแม้ทำงานส่งเสริมสิทธิเด็กในจังหวัด", None, ""),),
        minute=70,
    ),
    # Confidential: the foundation looks after children who were abused, so the working group
    # and the foundation see this need; everyone else sees "a need raised confidentially", its
    # evidence stays out of the proposal, and a merge could never make it public.
    StoryNeed(
        "child-violence", "child-protection",
        "เด็กที่ถูกละเมิดและถูกกระทำความรุนแรงต้องการกลไกคุ้มครองในชุมชน",
        "มูลนิธิดูแลเด็กที่ถูกละเมิดและถูกกระทำความรุนแรงในหลายอำเภอ เด็กและครอบครัวต้องการ"
        "คนในชุมชนที่เฝ้าระวัง รับเรื่อง และส่งต่อความช่วยเหลือได้เร็ว รายละเอียดของกรณีที่"
        "มูลนิธิดูแลอยู่เป็นข้อมูลที่ต้องปกปิด จึงแจ้งเป็นความต้องการที่เห็นเฉพาะคณะทำงาน",
        ("children-youth",), "rights",
        (("ประเด็นเด็กถูกละเมิดและความรุนแรงที่กลุ่มเด็กและเยาวชนยกขึ้นในเวที", None, ""),),
        minute=75, urgency="high", sensitive=True,
    ),
    StoryNeed(
        "environment", "kuang-river",
        "น้ำเสียจากนิคมอุตสาหกรรมลงลำน้ำกวง และโรงไฟฟ้าขยะ: ข้อมูลเฝ้าระวังของชุมชนยังไม่ถูกใช้",
        "ชาวบ้านริมน้ำกวงเฝ้าระวังน้ำเสียที่นิคมอุตสาหกรรมปล่อยลงลำน้ำมานาน เคยประท้วง"
        "จนถึงขั้นฟ้องร้อง และติดตามโครงการโรงไฟฟ้าขยะ ข้อมูลจากการเฝ้าระวังของชุมชน"
        "ควรเป็นส่วนหนึ่งของการวางแผนของจังหวัด",
        (), "environment",
        (("การคัดค้านน้ำเสียจากนิคมอุตสาหกรรมในลำน้ำกวง เคยไปถึงขั้นฟ้องร้อง", None, ""),),
        minute=85,
    ),
    StoryNeed(
        "agriculture", "sustainable-agriculture",
        "ผักปลอดสารพิษและลำไยอินทรีย์ เพื่อสุขภาพและความมั่นคงทางอาหาร",
        "เครือข่ายส่งเสริมการปลูกผักปลอดสารพิษ ลดการใช้สารเคมีในเกษตรกรรม และลำไยอินทรีย์ "
        "ซึ่งเชื่อมกับสุขภาพ (โรคไม่ติดต่อเรื้อรัง) และความมั่นคงทางอาหาร ต้องการให้แผนจังหวัด"
        "มองปัญหาเหล่านี้ไปด้วยกัน ไม่แยกเป็นเรื่องเกษตรหรือสุขภาพอย่างเดียว",
        (), "agriculture",
        (("การลดสารเคมีในเกษตรกรรมเชื่อมกับโรคไม่ติดต่อเรื้อรังและความมั่นคงทางอาหาร",
          None, ""),),
        minute=95,
    ),
    StoryNeed(
        "node", "thaihealth-node",
        "Node สสส. ต้องการเป็นภาคีที่ร่วมเสนอประเด็นและร่วมทุนกับจังหวัด ไม่ใช่เพียงผู้ให้ทุน",
        "หน่วยจัดการทำงานกับชุมชนในลำพูนมากกว่า 5 ปี กระจายทุนไปแล้วกว่า 150 ชุมชน "
        "จึงมีข้อมูลและเข้าใจปัญหาในพื้นที่ แต่บทบาทส่วนใหญ่ยังเป็นผู้ให้ทุนและผู้บริหารโครงการ "
        "ต้องการเป็นภาคีที่ร่วมขับเคลื่อนกับภาครัฐ และให้งบด้านคุณภาพชีวิตของจังหวัด"
        "ถูกใช้แก้ปัญหาของประชาชนได้มากขึ้น",
        ("older-people", "children-youth"), "health",
        (("ชุมชนในลำพูนที่ได้รับทุนผ่าน Node สสส. (มากกว่า)", 150, "ชุมชน"),
         ("ระยะเวลาที่ทำงานกับชุมชนในลำพูน (มากกว่า)", 5, "ปี"),
         ("งบประมาณจังหวัดด้านคุณภาพชีวิต ประมาณร้อยละ 30 ของงบจังหวัด (ตัวอย่างที่เวทียก)",
          90_000_000, "บาท")),
        minute=105,
    ),
    # --- raised by the network from the morning's discussion of the plan itself --------------
    StoryNeed(
        "seats", "cso-network",
        "ที่นั่งผู้แทนภาคประชาสังคมใน ก.บ.จ.ลำพูน ยังว่าง 6 ที่นั่ง",
        "กฎหมายให้ ก.บ.จ. มีผู้แทนภาคประชาสังคมได้ไม่น้อยกว่า 4 แต่ไม่เกิน 12 คน ลำพูนมีเพียง "
        "6 คน ยังว่าง 6 ที่นั่ง และผู้แทนที่มีอยู่มาจากสภาองค์กรชุมชนเพียง 1 คน ที่เหลือมาจาก"
        "ภาคท่องเที่ยว เกษตร และสิ่งแวดล้อม จึงอาจสะท้อนปัญหาของประชากรกลุ่มเปราะบางได้ไม่ครบ",
        (), "governance",
        (("ที่นั่งผู้แทนภาคประชาสังคมใน ก.บ.จ. ที่กฎหมายให้มีได้สูงสุด", 12, "ที่นั่ง"),
         ("ผู้แทนภาคประชาสังคมใน ก.บ.จ.ลำพูน ปัจจุบัน", 6, "คน"),
         ("ผู้แทนที่มาจากสภาองค์กรชุมชน", 1, "คน")),
        minute=15,
    ),
    StoryNeed(
        "communication", "cso-network",
        "การสื่อสารระหว่างราชการกับภาคประชาชนไม่ทั่วถึง ความต้องการจริงจึงไม่เข้าแผน",
        "การสื่อสารระหว่างหน่วยงานราชการระดับอำเภอและจังหวัดกับภาคประชาชนยังไม่ทั่วถึง "
        "ภาคประชาสังคมไม่รู้ \"ชีพจร\" ช่วงเวลาและขั้นตอนการทำแผนระดับตำบล อำเภอ และจังหวัด "
        "และข้อมูลจากประชาชนมักถูกมองเป็นเพียง \"ข้อเรียกร้อง\" ความต้องการที่แท้จริงจึงไม่ถูก"
        "บรรจุในแผนพัฒนาจังหวัด",
        (), "governance",
        (("การประชุม ก.บ.จ. มักเชิญหัวหน้าส่วนราชการเป็นหลัก ข้อมูลจากภาคประชาสังคมจึงไปไม่ถึง",
          None, ""),),
        minute=20,
    ),
]

# The working group splits the ethnic groups' need: each part goes its own way.
ETHNIC_PARTS = [
    {"title": "ค่าเดินทางไปรับบริการสุขภาพของชุมชนชาติพันธุ์ในแม่ทาและลี้สูงเกินกำลัง",
     "description": "ชุมชนชาติพันธุ์ในพื้นที่ห่างไกลของอำเภอแม่ทาและอำเภอลี้ต้องเสียค่าเดินทาง"
                    "ไปรับบริการสุขภาพสูงมาก หลายครอบครัวจึงไม่ไปรับบริการ"},
    {"title": "กลุ่มชาติพันธุ์ต้องการผู้แทนใน ก.บ.จ. ในสัดส่วนที่เหมาะสม",
     "description": "กลุ่มชาติพันธุ์ต้องการมีส่วนร่วมในกลไก ก.บ.จ. ในสัดส่วนของกลุ่มชาติพันธุ์"
                    "ที่เหมาะสม"},
    {"title": "ที่ดินทำกินและภัยพิบัติในชุมชนชาติพันธุ์",
     "description": "ชุมชนชาติพันธุ์ในแม่ทาและลี้มีปัญหาเรื่องที่ดินทำกินและภัยพิบัติ "
                    "ซึ่งต้องเก็บข้อมูลเพิ่มก่อนเสนอเป็นข้อเสนอ"},
]

ETHNIC_HEALTH_EVIDENCE = [
    ("อำเภอห่างไกลที่ค่าเดินทางไปรับบริการสุขภาพสูงมาก (แม่ทา ลี้)", 2, "อำเภอ"),
]

# The provincial plan. Seed 000 says Lamphun's plan has four strategies and that social and
# quality-of-life work sits under "security (security of livelihood)". The other three names
# are ILLUSTRATIVE, neutral descriptions, not the plan's real wording; the plan's years
# (the five-year cycle 2566–2570) are illustrative too.
PLAN_TITLE = "แผนพัฒนาจังหวัดลำพูน พ.ศ. 2566–2570 (ข้อมูลสาธิต)"
STRATEGIES = [
    (1, "การพัฒนาเศรษฐกิจและการผลิต", "Economy and production"),
    (2, "ทรัพยากรธรรมชาติและสิ่งแวดล้อม", "Natural resources and environment"),
    (3, "ความมั่นคง (ความมั่นคงในการดำรงชีพ)", "Security (security of livelihood)"),
    (4, "การบริหารจัดการภาครัฐ", "Public administration"),
]
SECURITY = 3


@dataclass(frozen=True)
class StoryProposal:
    key: str
    needs: tuple[str, ...]
    title: str
    summary: str
    kind: str
    objectives: str
    targets: tuple[str, ...]
    responsible_agency: str
    strategy: int | None
    minute: int                     # minutes after 14:00 on the forum day
    estimated_budget: Decimal | None = None
    areas: tuple[str, ...] = ()


PROPOSALS: list[StoryProposal] = [
    StoryProposal(
        "data-group", ("disability", "environment", "agriculture"),
        "แต่งตั้งคณะทำงานสนับสนุนข้อมูล (เวทีกลาง) คู่ขนานกับการจัดทำแผนพัฒนาจังหวัด",
        "ให้ผู้ว่าราชการจังหวัดลำพูนแต่งตั้งคณะทำงานที่มีผู้แทนภาคประชาสังคมจากแต่ละประเด็น "
        "มาประชุม กลั่นกรองข้อมูลจากพื้นที่จริง และสังเคราะห์เป็นข้อเสนอที่ชัดเจน "
        "ก่อนส่งเข้ากระบวนการวางแผนของจังหวัด จังหวัดจะได้ข้อมูลที่ตรงกับปัญหา "
        "และลดการเสนอโครงการแบบกระจัดกระจาย",
        "policy",
        "1. มีเวทีประจำที่ภาคประชาสังคมทุกประเด็นใช้กลั่นกรองข้อมูลร่วมกัน\n"
        "2. ข้อมูลจากพื้นที่ เช่น การสำรวจสิ่งอำนวยความสะดวกของคนพิการ การเฝ้าระวังลำน้ำกวง "
        "และเกษตรกรรมยั่งยืนกับสุขภาพ ถูกใช้ในการทำแผน\n"
        "3. ข้อเสนอจากพื้นที่เข้าสู่แผนจังหวัดอย่างเป็นระบบ ไม่ถูกมองเป็นเพียงข้อเรียกร้อง",
        ("disability", "older-people", "ethnic-legal-status", "informal-workers",
         "children-youth"),
        f"{PROVINCIAL_OFFICE} (กลุ่มงานยุทธศาสตร์และข้อมูลเพื่อการพัฒนาจังหวัด)",
        SECURITY, minute=0,
    ),
    StoryProposal(
        "seats", ("seats",),
        "เติมที่นั่งผู้แทนภาคประชาสังคมใน ก.บ.จ.ลำพูน ที่ยังว่าง 6 ที่นั่ง "
        "ด้วยผู้แทนที่มีคุณสมบัติตามกลุ่ม",
        "ก.บ.จ.ลำพูน มีผู้แทนภาคประชาสังคม 6 คน จากที่มีได้ถึง 12 คน ข้อเสนอนี้ขอให้เติม"
        "ที่นั่งที่ว่าง โดยกำหนดคุณสมบัติของผู้แทนแต่ละด้าน เช่น ผู้สูงอายุ คนพิการ "
        "และกลุ่มชาติพันธุ์ เพื่อให้เสียงของกลุ่มเปราะบางไปถึงที่ประชุมที่เห็นชอบแผน",
        "policy",
        "1. ที่นั่งผู้แทนภาคประชาสังคมที่ว่าง 6 ที่นั่งได้รับการเติม\n"
        "2. มีผู้แทนที่มีคุณสมบัติด้านผู้สูงอายุ คนพิการ และกลุ่มชาติพันธุ์",
        ("older-people", "disability", "ethnic-legal-status"),
        PROVINCIAL_OFFICE, None, minute=5,
    ),
    StoryProposal(
        "platform", ("youth", "communication"),
        "แพลตฟอร์มกลางสำหรับการสื่อสารระหว่างภาครัฐและภาคประชาสังคมลำพูน",
        "สร้างพื้นที่กลางที่ภาคประชาสังคมเสนอปัญหาและความต้องการได้ตั้งแต่เริ่มต้น "
        "และหน่วยงานรัฐแจ้งปฏิทินการทำแผนระดับตำบล อำเภอ และจังหวัดให้ทุกคนรู้ล่วงหน้า "
        "ทั้งสองฝ่ายจะได้คุยกันตั้งแต่ขั้นริเริ่มโครงการ ไม่ใช่เมื่อแผนเสร็จแล้ว",
        "project",
        "1. ภาคประชาสังคมรู้ช่วงเวลาและขั้นตอนการทำแผนทุกระดับ\n"
        "2. ความต้องการจากพื้นที่เข้าถึงหน่วยงานรัฐตั้งแต่ขั้นริเริ่มโครงการ\n"
        "3. เยาวชนและกลุ่มใหม่ ๆ เข้าถึงช่องทางเสนอโครงการโดยไม่ต้องพึ่งความสัมพันธ์ส่วนตัว",
        ("children-youth",),
        f"{PROVINCIAL_OFFICE} และ{OWNER_AGENCY}",
        4, minute=10,
    ),
    StoryProposal(
        "pilots", ("ethnic-health", "older", "informal", "child-violence", "node"),
        "โครงการนำร่องดูแลสุขภาวะกลุ่มเปราะบาง ที่ชุมชนบริหารเงินเอง",
        "ชุมชนนำร่องได้รับเงินร่วมจากงบประมาณจังหวัด สสส. และ สปสช. แล้วบริหารเอง "
        "เพื่อดูแลคนที่รัฐเข้าไม่ถึง เช่น ค่าเดินทางไปโรงพยาบาลของชุมชนชาติพันธุ์ "
        "อาสาดูแลผู้สูงอายุ สุขภาพของแรงงานนอกระบบ และการเฝ้าระวังความรุนแรงต่อเด็ก "
        "ผลที่ได้ใช้เป็นต้นแบบเพื่อขอขยายผลในแผนของจังหวัด",
        "project",
        "1. ชุมชนนำร่องตั้งกองทุนและคณะกรรมการที่ชุมชนบริหารเอง\n"
        "2. ลดค่าเดินทางไปรับบริการสุขภาพของชุมชนห่างไกล\n"
        "3. มีอาสาดูแลผู้สูงอายุในชุมชน และแรงงานนอกระบบได้ตรวจสุขภาพและรู้สิทธิการรักษา\n"
        "4. ชุมชนมีคนเฝ้าระวังและส่งต่อเมื่อเด็กถูกกระทำความรุนแรง\n"
        "5. สสส. สปสช. และจังหวัดร่วมทุนกัน และใช้ผลเป็นต้นแบบขยายผล\n\n"
        "งบประมาณประมาณการ 1,500,000 บาท เป็นตัวเลขประมาณการสมมติของคณะทำงานเพื่อการสาธิต",
        (), OWNER_AGENCY, SECURITY, minute=15,
        estimated_budget=Decimal("1500000"),
        areas=tuple(v.code for v in VILLAGES),
    ),
]

# The committee's decisions at meeting 4/2568 (ILLUSTRATIVE). The pilots are approved and
# carried through to results; the data-support working group is approved too, as the deputy
# governor said he would support it (seed 000), so the demo also shows an approved policy still
# waiting for its next step; the platform is deferred for study, as the provincial office and
# the social development office took it away to work on; the seats proposal is rejected because
# the committee approves plans and projects and its own composition is not one of them.
DECISIONS: dict[str, tuple[str, str]] = {
    "pilots": ("approved",
               "ที่ประชุมเห็นชอบให้บรรจุในแผนพัฒนาจังหวัด ยุทธศาสตร์ความมั่นคงในการดำรงชีพ "
               "ปีงบประมาณ 2569 โดยให้สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัดลำพูน"
               "เป็นหน่วยงานรับผิดชอบ และประสาน สสส. และ สปสช. เรื่องงบประมาณร่วม "
               "(มติสมมติเพื่อการสาธิต)"),
    "data-group": ("approved",
                   "ที่ประชุมเห็นชอบ และมอบสำนักงานจังหวัดลำพูนยกร่างคำสั่งแต่งตั้งคณะทำงาน"
                   "สนับสนุนข้อมูล โดยมีผู้แทนภาคประชาสังคมแต่ละประเด็นร่วมเป็นคณะทำงาน "
                   "(มติสมมติเพื่อการสาธิต)"),
    "platform": ("deferred",
                 "ที่ประชุมเห็นด้วยในหลักการว่าจังหวัดควรมีพื้นที่กลางสำหรับการสื่อสารกับ"
                 "ภาคประชาสังคม แต่ข้อเสนอยังไม่ระบุรูปแบบ หน่วยงานที่ดูแล และค่าใช้จ่ายในระยะยาว "
                 "จึงให้ชะลอไว้ก่อน และมอบสำนักงานจังหวัดลำพูนและสำนักงานพัฒนาสังคมและความมั่นคง"
                 "ของมนุษย์จังหวัดลำพูน ร่วมกับคณะทำงานสนับสนุนข้อมูล ศึกษารูปแบบและประมาณการ"
                 "ค่าใช้จ่าย แล้วเสนอกลับมาในการประชุมครั้งต่อไป (มติสมมติเพื่อการสาธิต)"),
    "seats": ("rejected",
              "ที่ประชุมเห็นความสำคัญของการรับฟังเสียงกลุ่มเปราะบาง แต่การสรรหาและแต่งตั้งผู้แทน"
              "ภาคประชาสังคมใน ก.บ.จ. เป็นไปตามหลักเกณฑ์และกระบวนการที่กฎหมายกำหนด "
              "ไม่ใช่แผนงานหรือโครงการที่บรรจุในแผนพัฒนาจังหวัดได้ ที่ประชุมจึงไม่บรรจุ"
              "ข้อเสนอนี้ในแผน และมอบสำนักงานจังหวัดลำพูนนำข้อเสนอเรื่องคุณสมบัติผู้แทนแต่ละด้าน"
              "ไปประกอบการสรรหาครั้งต่อไป (มติสมมติเพื่อการสาธิต)"),
}
DECISION_ORDER = ["pilots", "data-group", "platform", "seats"]

# ก.บ.จ.ลำพูน: a simple member list, positions only (no real person is named). Seed 000 says
# six civil-society seats are filled, one from the community organisation council and the
# others from tourism, agriculture and environment; how those five split is illustrative.
COMMITTEE_MEMBERS: list[tuple[str, str]] = [
    ("ผู้ว่าราชการจังหวัดลำพูน", "ประธานกรรมการ"),
    ("รองผู้ว่าราชการจังหวัดลำพูน", "รองประธานกรรมการ"),
    ("หัวหน้าส่วนราชการประจำจังหวัดลำพูน (ผู้แทน)", "กรรมการ"),
    ("พัฒนาสังคมและความมั่นคงของมนุษย์จังหวัดลำพูน", "กรรมการ"),
    ("ผู้แทนภาคประชาสังคม ด้านการท่องเที่ยว", "กรรมการ"),
    ("ผู้แทนภาคประชาสังคม ด้านการท่องเที่ยว", "กรรมการ"),
    ("ผู้แทนภาคประชาสังคม ด้านเกษตร", "กรรมการ"),
    ("ผู้แทนภาคประชาสังคม ด้านเกษตร", "กรรมการ"),
    ("ผู้แทนภาคประชาสังคม ด้านสิ่งแวดล้อม", "กรรมการ"),
    ("หัวหน้าสำนักงานจังหวัดลำพูน", "กรรมการและเลขานุการ"),
    ("ผู้อำนวยการกลุ่มงานยุทธศาสตร์และข้อมูลเพื่อการพัฒนาจังหวัด", "กรรมการและผู้ช่วยเลขานุการ"),
]
# The sixth civil-society seat is the demo committee login (committee@demo.klang.invalid).
COUNCIL_SEAT = ("ผู้แทนภาคประชาสังคม ด้านสภาองค์กรชุมชน", "กรรมการ")

PLAN_BUDGET = Decimal("1200000")
FUNDINGS = [
    # (amount, source, agency the money goes through, budget line, when) — ILLUSTRATIVE
    # amounts. The provincial money goes through the owner agency; ThaiHealth's through its
    # Lamphun node, which already funds communities (seed 000).
    (Decimal("900000"), "province", OWNER_AGENCY,
     "งบพัฒนาจังหวัดลำพูน ปีงบประมาณ 2569 (ตัวอย่าง)", at(2568, 11, 20, 10)),
    (Decimal("300000"), "thaihealth", "หน่วยจัดการสุขภาวะชุมชนจังหวัดลำพูน (Node สสส.)",
     "ทุนร่วมโครงการนำร่องชุมชนบริหารเอง (ตัวอย่าง)", at(2568, 12, 5, 10)),
]
PROGRESS = [
    (dt.date(2026, 3, 31), 20,
     "ชุมชนนำร่อง 3 แห่ง (ตำบลนาทราย ตำบลทาแม่ลอบ และตำบลทุ่งหัวช้าง) ตั้งคณะกรรมการกองทุน"
     "ชุมชนและเปิดบัญชีแล้ว เริ่มจัดรถร่วมพาผู้ป่วยไปโรงพยาบาล และอบรมอาสาดูแลผู้สูงอายุรุ่นแรก "
     "(ตัวเลขสมมติเพื่อการสาธิต)",
     [{"label": "ชุมชนนำร่องที่ตั้งคณะกรรมการกองทุนแล้ว", "value": 3, "unit": "ชุมชน"},
      {"label": "อาสาดูแลผู้สูงอายุที่ผ่านการอบรม", "value": 24, "unit": "คน"}]),
    (dt.date(2026, 6, 30), 45,
     "รถร่วมของชุมชนพาผู้ป่วยจากพื้นที่ห่างไกลไปรับบริการแล้ว 86 เที่ยว แรงงานนอกระบบได้ตรวจ"
     "สุขภาพและรู้สิทธิการรักษา 140 คน และทุกชุมชนมีผู้เฝ้าระวังที่ส่งต่อกรณีเด็กถูกกระทำ"
     "ความรุนแรงได้ (ตัวเลขสมมติเพื่อการสาธิต)",
     [{"label": "เที่ยวรถร่วมพาผู้ป่วยไปรับบริการ", "value": 86, "unit": "เที่ยว"},
      {"label": "แรงงานนอกระบบที่ได้ตรวจสุขภาพ", "value": 140, "unit": "คน"},
      {"label": "ผู้เฝ้าระวังความรุนแรงต่อเด็กที่ผ่านการอบรม", "value": 9, "unit": "คน"}]),
]
COMMENT = (
    "ดีใจที่เห็นโครงการนำร่องเริ่มจริง อยากรู้ว่าชุมชนอื่นจะสมัครเข้าร่วมรอบต่อไปได้อย่างไร "
    "และจะรายงานผลให้ชาวบ้านรู้ทางไหนบ้าง"
)


def story_loaded() -> bool:
    from forums.models import Forum

    return Forum.objects.filter(is_demo=True, title=FORUM_TITLE).exists()


def load_story(result: DemoResult, progress: Callable[[str], None] | None = None) -> None:
    """Tell the Lamphun story once; a second run finds the forum and changes nothing."""
    if story_loaded():
        # A database loaded before the committee seats existed still gets them (idempotent).
        with transaction.atomic():
            load_composition()
            load_agreement()
        return
    with transaction.atomic():
        proposals, users, counts = _tell()
    # Supporters and followers come after the story has committed: each step of it notifies
    # the proposal's followers once it commits, and nobody should be told today of steps
    # taken in 2568.
    with transaction.atomic():
        _people(proposals, users)
    for what, n in counts.items():
        result.count(what, n)
    (progress or print)(
        "Lamphun story of 24 July 2568 loaded: the forum, "
        f"{counts['story needs']} needs, {counts['story proposals']} proposals, "
        "ก.บ.จ. meeting 4/2568, a funded plan item with two progress reports.")
    with transaction.atomic():
        seats = load_composition()
        load_agreement()
    result.count("committee seats", seats)


def _tell() -> tuple[dict[str, Any], dict[str, Any], dict[str, int]]:
    from accounts.models import User
    from areas.models import Area
    from orgs.models import IssueArea, Organisation, TargetGroup

    users = {u.email.split("@")[0]: u
             for u in User.objects.filter(email__in=[demo_email(p) for p in (
                 "workinggroup", "officer", "member", "coordinator", "citizen", "funder",
                 "committee")])}
    by_name = {o.name_th: o for o in Organisation.objects.filter(is_demo=True)}
    orgs = {spec.key: by_name[spec.name_th] for spec in ORGS if spec.name_th in by_name}
    areas = {a.code: a for a in Area.objects.filter(
        code__in=[LAMPHUN, *(v.code for v in VILLAGES)])}
    targets = {t.slug: t for t in TargetGroup.objects.all()}
    issues = {i.slug: i for i in IssueArea.objects.all()}
    lamphun = areas[LAMPHUN]

    forum = _forum(lamphun, orgs, users["workinggroup"])
    needs = _raise_needs(forum, lamphun, orgs, targets, issues, users)
    needs = _working_group(needs, users["workinggroup"])
    plan = _plan(lamphun)
    proposals = _synthesise(needs, plan, areas, targets, users["workinggroup"])
    _submit(proposals, users["workinggroup"], users["officer"])
    _committee(lamphun, proposals, users["officer"], users.get("committee"))
    _plan_and_results(plan, proposals["pilots"], users["officer"])
    _backdate(needs, proposals)
    counts = {"story forums": 1, "story needs": forum.needs.count(),
              "story proposals": len(proposals)}
    return proposals, users, counts


# --- 1. the forum ----------------------------------------------------------------------------

def _forum(lamphun: Any, orgs: dict[str, Any], recorder: Any) -> Any:
    from forums.models import ForumKind
    from forums.services import create_forum

    by_group: dict[str, int] = {}
    # Seed 000 gives no count by group: these are the people who came from organisations
    # working with each group (an organisation working with two groups counts for both).
    for key, count in ATTENDANCE.items():
        for slug in next(spec.targets for spec in ORGS if spec.key == key):
            by_group[slug] = by_group.get(slug, 0) + count
    return create_forum(
        title=FORUM_TITLE, area=lamphun, kind=ForumKind.CENTRAL,
        starts_at=at(2568, 7, 24, 8, 30), ends_at=at(2568, 7, 24, 14, 30),
        place=FORUM_PLACE, organisers=[orgs["cso-network"], orgs["thaihealth-node"]],
        agenda=FORUM_AGENDA, minutes=FORUM_MINUTES,
        attendance_by_organisation={orgs[key]: n for key, n in ATTENDANCE.items()},
        attendance_by_group=by_group, created_by=recorder, is_demo=True,
    )


# --- 2. the needs raised there ---------------------------------------------------------------

def _raise_needs(forum: Any, lamphun: Any, orgs: dict[str, Any], targets: dict[str, Any],
                 issues: dict[str, Any], users: dict[str, Any]) -> dict[str, Any]:
    from needs.services import raise_need

    raised = {}
    for spec in sorted(NEEDS, key=lambda n: n.minute):
        # The working group recorded the needs at the forum on behalf of the organisations
        # that spoke (each organisation is the need's source, so its members see it as
        # theirs). Being the recorder, it is not notified of them: loading the demo sends
        # no e-mail.
        evidence = [{"kind": "figure", "title": title, "value": value, "unit": unit,
                     "source": SEED_SOURCE} for title, value, unit in spec.evidence]
        raised[spec.key] = raise_need(users["workinggroup"], {
            "title": spec.title, "description": spec.description, "area": lamphun,
            "urgency": spec.urgency, "target_groups": [targets[s] for s in spec.targets],
            "issue_area": issues[spec.issue], "is_sensitive": spec.sensitive,
            "organisation": orgs[spec.org], "forum": forum,
            "created_at": at(2568, 7, 24, 9) + dt.timedelta(minutes=spec.minute),
            "is_demo": True,
        }, evidence)
    return raised


# --- 3. the working group: screen, split, merge ----------------------------------------------

def _working_group(needs: dict[str, Any], wg: Any) -> dict[str, Any]:
    from needs.services import add_evidence, merge, screen, split

    for need in needs.values():
        screen(need, "accepted", "ตรงกับประเด็นที่เวทีวันที่ 24 ก.ค. 2568 ยกขึ้น คณะทำงานรับไว้"
               "สังเคราะห์เป็นข้อเสนอ", wg)
    health, seats_part, land = split(needs["ethnic"], ETHNIC_PARTS, wg)
    add_evidence(health, [{"kind": "figure", "title": title, "value": value, "unit": unit,
                           "source": SEED_SOURCE}
                          for title, value, unit in ETHNIC_HEALTH_EVIDENCE], wg)
    # The ethnic groups' wish for seats is the network's vacant-seats need: one need, with both
    # organisations, both forums' records and all the evidence.
    merge(needs["seats"], [seats_part], wg)
    needs = dict(needs)
    needs["ethnic-health"], needs["ethnic-land"] = health, land
    needs["seats"].refresh_from_db()
    return needs


# --- 4. the plan, and the synthesis into proposals -------------------------------------------

def _plan(lamphun: Any) -> Any:
    from planning.services import create_plan

    return create_plan(lamphun, PLAN_TITLE, 2566, 2570, STRATEGIES)


def evidence_lines(needs: list[Any]) -> str:
    """The needs' figures with their source, in Thai (confidential needs left out)."""
    lines = []
    for need in needs:
        if need.is_sensitive:
            continue
        for row in need.evidence.all():
            number = f"{row.value:,.2f}".removesuffix(".00") if row.value is not None else ""
            line = f"- {row.title}: {number} {row.unit}".rstrip(": ").rstrip()
            lines.append(f"{line} (ที่มา: {row.source})" if row.source else line)
    return "\n".join(dict.fromkeys(lines))   # merged needs copy their evidence: once each


def _synthesise(needs: dict[str, Any], plan: Any, areas: dict[str, Any],
                targets: dict[str, Any], wg: Any) -> dict[str, Any]:
    from needs.services import synthesise

    strategies = {s.number: s for s in plan.strategies.all()}
    proposals = {}
    for spec in PROPOSALS:
        chosen = [needs[key] for key in spec.needs]
        data: dict[str, Any] = {
            "title": spec.title, "summary": spec.summary, "kind": spec.kind,
            "objectives": spec.objectives, "responsible_agency": spec.responsible_agency,
            "strategy": strategies.get(spec.strategy) if spec.strategy else None,
            "estimated_budget": spec.estimated_budget,
            "evidence": evidence_lines(chosen),
            "at": at(2568, 7, 24, 14) + dt.timedelta(minutes=spec.minute),
        }
        if spec.targets:
            data["target_groups"] = [targets[s] for s in spec.targets]
        if spec.areas:
            data["areas"] = [areas[code] for code in spec.areas]
        proposals[spec.key] = synthesise(chosen, data, wg)
    return proposals


def _submit(proposals: dict[str, Any], wg: Any, officer: Any) -> None:
    from proposals.commands import transition

    for i, proposal in enumerate(proposals.values()):
        base = at(2568, 7, 24, 14, 30) + dt.timedelta(minutes=i)
        transition(proposal, "screening", wg, at=base)
        transition(proposal, "ready", wg, at=base + dt.timedelta(minutes=10),
                   reason="ตรวจกับความต้องการและหลักฐานจากเวทีแล้ว")
        transition(proposal, "submitted", officer, at=base + dt.timedelta(minutes=30),
                   reason="เสนอเข้าวาระการประชุม ก.บ.จ.ลำพูน ครั้งที่ 4/2568")


# --- 5. the committee ------------------------------------------------------------------------

def _committee(lamphun: Any, proposals: dict[str, Any], officer: Any,
               committee_user: Any) -> None:
    from committee.services import add_member, add_to_agenda, create_body, create_meeting, decide

    body = create_body(lamphun, "คณะกรรมการบริหารงานจังหวัดแบบบูรณาการจังหวัดลำพูน",
                       "provincial", short_name="ก.บ.จ.ลำพูน",
                       name_en="Lamphun Provincial Integrated Administration Committee")
    for name, position in COMMITTEE_MEMBERS[:4]:
        add_member(body, name, position=position)
    add_member(body, "นางกรรมการ สาธิต", position=COUNCIL_SEAT[1],
               organisation_name=COUNCIL_SEAT[0], user=committee_user)
    for name, position in COMMITTEE_MEMBERS[4:]:
        add_member(body, name, position=position)
    meeting = create_meeting(
        body, MEETING_NUMBER, MEETING_YEAR, MEETING_DAY, place=MEETING_PLACE, is_demo=True,
        minutes="วาระข้อเสนอจากเวทีภาคประชาสังคมลำพูน 24 ก.ค. 2568 จำนวน 4 เรื่อง "
                "ที่คณะทำงานสังเคราะห์และสำนักงานจังหวัดเสนอ\n\n" + STORY_NOTE)
    for i, key in enumerate(DECISION_ORDER):
        add_to_agenda(meeting, proposals[key], officer,
                      at=at(2568, 7, 24, 15, 30) + dt.timedelta(minutes=i))
    for i, key in enumerate(DECISION_ORDER):
        decision, resolution = DECISIONS[key]
        decide(meeting, proposals[key], decision, resolution, officer,
               at=at(2568, 7, 24, 16, 30) + dt.timedelta(minutes=10 * i))


# --- 6. the plan item, the money and the results ---------------------------------------------

def _plan_and_results(plan: Any, proposal: Any, officer: Any) -> None:
    from planning.services import create_plan_item, fund, report_progress, start_implementation

    strategy = plan.strategies.get(number=SECURITY)
    item = create_plan_item(proposal, strategy, 2569, OWNER_AGENCY, PLAN_BUDGET, officer,
                            at=at(2568, 10, 15, 10))
    for amount, source, agency, line, when in FUNDINGS:
        fund(item, amount, 2569, agency, officer, source=source, budget_line=line, at=when)
    start_implementation(item, officer, at=at(2569, 1, 5, 9))
    for date, percent, text, figures in PROGRESS:
        report_progress(item, date, percent, text, officer, figures=figures,
                        at=dt.datetime.combine(date, dt.time(16), tzinfo=BANGKOK))


# --- 7. people following the story -----------------------------------------------------------

def _people(proposals: dict[str, Any], users: dict[str, Any]) -> None:
    """Supports, follows and one comment from the demo logins."""
    from proposals.services import add_comment, toggle_follow, toggle_support

    supporters = {
        "pilots": ["citizen", "member", "coordinator"],
        "data-group": ["citizen", "coordinator"],
        "platform": ["citizen"],
        "seats": ["member"],
    }
    followers = {
        "pilots": ["citizen", "funder"],
        "platform": ["citizen", "coordinator"],
        "data-group": ["coordinator"],
    }
    for key, who in supporters.items():
        for name in who:
            toggle_support(proposals[key], users[name])
    for key, who in followers.items():
        for name in who:
            toggle_follow(proposals[key], users[name])
    add_comment(proposals["pilots"], users["citizen"], COMMENT)


def _backdate(needs: dict[str, Any], proposals: dict[str, Any]) -> None:
    """Put the bookkeeping dates the pages show (need screened, proposal proposed) on the day
    the story happened: the services stamp them with "now" and take no date for them. The
    timeline events themselves were written with their dates by the services."""
    from needs.models import Need
    from proposals.models import Proposal

    Need.objects.filter(pk__in=[n.pk for n in needs.values()]).update(
        screened_at=at(2568, 7, 24, 13, 30))
    for spec in PROPOSALS:
        Proposal.objects.filter(pk=proposals[spec.key].pk).update(
            created_at=at(2568, 7, 24, 14) + dt.timedelta(minutes=spec.minute))


# --- 7. the committee's composition ----------------------------------------------------------

# ก.บ.จ.ลำพูน's seats (seed 000, problem 5): up to 12 civil-society seats, 6 filled — one from
# the community organisation council, the others tourism, agriculture and environment — and 6
# vacant, with no holder for older people, disability or ethnic groups; the forum resolved to
# fill them with qualifications set per group. Holders are positions or demo names (no real
# person), term dates and qualification texts are ILLUSTRATIVE.
COMPOSITION_NOTE = "(ตัวอย่างเพื่อการสาธิต)"
TERM_START = dt.date(2024, 10, 1)        # 1 ต.ค. 2567, illustrative
PAST_TERM = (dt.date(2022, 10, 1), TERM_START)
EX_OFFICIO_SEATS = [name for name, _position in COMMITTEE_MEMBERS
                    if not name.startswith("ผู้แทนภาคประชาสังคม")]
# (title, holder, organisation key, issue areas) — the six filled civil-society seats.
FILLED_CSO_SEATS: list[tuple[str, str, str | None, tuple[str, ...]]] = [
    (COUNCIL_SEAT[0], "นางกรรมการ สาธิต", "community-council", ("governance", "livelihood")),
    ("ผู้แทนภาคประชาสังคม ด้านการท่องเที่ยว", "ผู้แทนด้านการท่องเที่ยว คนที่ 1 (สาธิต)", None,
     ("livelihood", "culture")),
    ("ผู้แทนภาคประชาสังคม ด้านการท่องเที่ยว", "ผู้แทนด้านการท่องเที่ยว คนที่ 2 (สาธิต)", None,
     ("livelihood",)),
    ("ผู้แทนภาคประชาสังคม ด้านเกษตร", "ผู้แทนด้านเกษตร คนที่ 1 (สาธิต)",
     "sustainable-agriculture", ("agriculture",)),
    ("ผู้แทนภาคประชาสังคม ด้านเกษตร", "ผู้แทนด้านเกษตร คนที่ 2 (สาธิต)", "organic-longan",
     ("agriculture", "livelihood")),
    ("ผู้แทนภาคประชาสังคม ด้านสิ่งแวดล้อม", "ผู้แทนด้านสิ่งแวดล้อม (สาธิต)", "kuang-river",
     ("environment",)),
]
# (title, reserved target groups, issue areas, qualification) — the six vacant seats.
VACANT_CSO_SEATS: list[tuple[str, tuple[str, ...], tuple[str, ...], str]] = [
    ("ผู้แทนภาคประชาสังคม ด้านคนพิการ", ("disability",), ("rights",),
     "เป็นผู้แทนขององค์กรคนพิการหรือองค์กรที่ทำงานกับคนพิการในจังหวัดลำพูนมาแล้วไม่น้อยกว่า "
     "2 ปี องค์กรที่เสนอชื่อต้องจดทะเบียน และมีองค์กรอื่นรับรองอย่างน้อย 1 องค์กร"),
    ("ผู้แทนภาคประชาสังคม ด้านผู้สูงอายุ", ("older-people",), ("health",),
     "เป็นผู้แทนของชมรมหรือสมาคมผู้สูงอายุ หรือองค์กรที่ดูแลผู้สูงอายุในจังหวัดลำพูน "
     "องค์กรที่เสนอชื่อต้องจดทะเบียน"),
    ("ผู้แทนภาคประชาสังคม ด้านกลุ่มชาติพันธุ์", ("ethnic-legal-status",), ("rights", "housing"),
     "เป็นผู้แทนของชุมชนหรือเครือข่ายกลุ่มชาติพันธุ์ หรือผู้ที่ทำงานกับผู้มีปัญหาสถานะทาง"
     "กฎหมายในจังหวัดลำพูน เช่น ในอำเภอลี้และอำเภอแม่ทา"),
    ("ผู้แทนภาคประชาสังคม ด้านแรงงานนอกระบบ", ("informal-workers",), ("livelihood",),
     "เป็นผู้แทนของกลุ่มหรือเครือข่ายแรงงานนอกระบบในจังหวัดลำพูน"),
    ("ผู้แทนภาคประชาสังคม ด้านเด็ก เยาวชน และสตรี", ("children-youth", "women-violence"),
     ("youth", "rights"),
     "เป็นผู้แทนขององค์กรที่ทำงานคุ้มครองเด็ก เยาวชน หรือผู้หญิงที่ถูกกระทำความรุนแรง"),
    ("ผู้แทนภาคประชาสังคม ด้านสุขภาวะชุมชน", (), ("health", "vulnerable-groups"),
     "เป็นผู้แทนขององค์กรที่ทำงานด้านสุขภาวะของประชากรกลุ่มเปราะบางในชุมชน"),
]


def load_composition() -> int:
    """ก.บ.จ.ลำพูน's seats: ex officio, 6 of 12 civil-society seats filled, 6 vacant.

    Returns how many seats were created (none if the body already has seats).
    """
    from accounts.models import User
    from committee.models import Body, SeatCategory
    from committee.services import create_seat, record_term
    from orgs.models import IssueArea, Organisation, TargetGroup

    body = Body.objects.filter(short_name="ก.บ.จ.ลำพูน", area__code=LAMPHUN).first()
    if body is None or body.seats.exists():
        return 0
    users = {u.email.split("@")[0]: u for u in User.objects.filter(
        email__in=[demo_email("officer"), demo_email("committee")])}
    officer = users.get("officer")
    by_name = {o.name_th: o for o in Organisation.objects.filter(is_demo=True)}
    orgs = {spec.key: by_name.get(spec.name_th) for spec in ORGS}
    targets = {t.slug: t for t in TargetGroup.objects.all()}
    issues = {i.slug: i for i in IssueArea.objects.all()}
    created = 0
    for title in EX_OFFICIO_SEATS:
        seat = create_seat(body, SeatCategory.EX_OFFICIO, title, officer)
        record_term(seat, title, TERM_START, officer)
        created += 1
    for title, holder, org_key, issue_keys in FILLED_CSO_SEATS:
        seat = create_seat(body, SeatCategory.CIVIL_SOCIETY, title, officer,
                           issue_areas=[issues[k] for k in issue_keys],
                           qualification=f"ผู้แทนองค์กรภาคประชาสังคมในจังหวัดลำพูน "
                                         f"{COMPOSITION_NOTE}")
        if org_key == "kuang-river":
            # Membership history: the seat's previous term, before the current one.
            record_term(seat, "ผู้แทนด้านสิ่งแวดล้อม วาระก่อน (สาธิต)", PAST_TERM[0], officer,
                        ends_on=PAST_TERM[1], issue_areas=[issues["environment"]])
        record_term(seat, holder, TERM_START, officer,
                    organisation=orgs.get(org_key) if org_key else None,
                    holder_user=users.get("committee") if org_key == "community-council"
                    else None,
                    issue_areas=[issues[k] for k in issue_keys])
        created += 1
    for title, group_keys, issue_keys, qualification in VACANT_CSO_SEATS:
        create_seat(body, SeatCategory.CIVIL_SOCIETY, title, officer,
                    qualification=f"{qualification} {COMPOSITION_NOTE}",
                    target_groups=[targets[k] for k in group_keys if k in targets],
                    issue_areas=[issues[k] for k in issue_keys])
        created += 1
    return created


AGREEMENT_TITLE = ("บันทึกข้อตกลงความร่วมมือการพัฒนาคุณภาพชีวิตกลุ่มเปราะบางจังหวัดลำพูน "
                   "(ข้อมูลสาธิต)")


def load_agreement() -> int:
    """A partnership agreement of the kind seed 004 asks for (MOU and joint follow-up).

    Illustrative: the parties are the demo network, the ThaiHealth node and two provincial
    agencies; the commitments and dates are made up for the demo. Returns 1 if created.
    """
    import datetime as dt

    from agreements.models import Agreement
    from agreements.services import add_commitment, save_agreement
    from areas.models import Area
    from orgs.models import Organisation

    if Agreement.objects.filter(title=AGREEMENT_TITLE).exists():
        return 0
    organisations = Organisation.objects.filter(
        is_demo=True, short_name__in=["เครือข่ายประชาสังคมลำพูน", "Node สสส.ลำพูน"])
    agreement = save_agreement(
        Agreement(title=AGREEMENT_TITLE, kind="mou",
                  scope="ภาครัฐและภาคประชาสังคมลำพูนตกลงใช้ข้อมูลกลุ่มเปราะบางร่วมกัน "
                        "จัดเวทีกลางก่อนการทบทวนแผนพัฒนาจังหวัดทุกปี และติดตามผลโครงการนำร่อง"
                        "ที่ชุมชนบริหารเองร่วมกัน (ข้อมูลสาธิต)",
                  signed_on=dt.date(2025, 9, 15), starts_on=dt.date(2025, 10, 1),
                  ends_on=dt.date(2028, 9, 30)),
        organisations=organisations, areas=[Area.objects.get(code=LAMPHUN)],
        agencies=["จังหวัดลำพูน", "สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัดลำพูน"])
    add_commitment(agreement, "จัดเวทีกลางก่อนทบทวนแผนพัฒนาจังหวัด ปี 2571",
                   dt.date(2026, 12, 15), responsible="เครือข่ายภาคประชาสังคมจังหวัดลำพูน")
    add_commitment(agreement, "รายงานผลโครงการนำร่องที่ชุมชนบริหารเองต่อ ก.บ.จ.",
                   dt.date(2027, 3, 31), responsible="สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์"
                   "จังหวัดลำพูน")
    return 1
