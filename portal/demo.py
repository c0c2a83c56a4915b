"""The Lamphun demo: the province of seed 000, its civil society, and one login per role.

Everything here is DEMO DATA. The organisations are fictional: their names are shaped like the
groups that met in Lamphun, not copied from real ones; every contact person is called
"ตัวอย่าง" or "สาธิต" (example, demo); phone numbers are made up (080-000-…); e-mail addresses
end in ``demo.klang.invalid``. Each organisation has ``is_demo=True`` and its description ends
with a plain-Thai demo note.

Facts taken from seed 000 (ประชาสังคมลำพูนพลิกโฉม One Plan, forum of 24 July 2568 at the
Lamphun provincial hall):

- the forum gathered 42 people from 25 civil-society organisations: hence about 25 here;
- the groups that spoke and the problems they raised: disability (the five required
  facilities — ramps, toilets, parking, signs, service counters — below standard), ethnic
  groups in Mae Tha and Li (distance and travel cost to health services, farm land, disasters,
  a fair share of seats on the provincial committee ก.บ.จ.), older people (self-reliant work,
  the state attends mostly to the bedridden, volunteers hard to find), informal and
  independent workers (outside social security section 33, work-related illness, no
  compensation when sick), children and youth (abuse and violence, hard to reach provincial
  funds, projects shaped by officials), the environment (industrial-estate wastewater in the
  Kuang river, protests up to a lawsuit, a waste-to-energy power plant), sustainable
  agriculture (chemical-free vegetables, organic longan, links to chronic disease and food
  security), and a ThaiHealth (สสส.) node that has funded over 150 Lamphun communities in more
  than five years and wants to become a partner that raises issues, not only a funder;
- the history: NGOs from 2520–2530 starting in Thung Hua Chang, the industrial estate from
  2527 (land sales, smell, the Kuang river drying up), growth after the 2540 crisis into
  environment, culture, housing, older people, women, children, labour unions and informal
  workers, and registration as public-benefit organisations with the provincial social
  development office (พมจ.) after 2545;
- of the 4–12 civil-society seats on the Lamphun committee only 6 are filled, one of them from
  the community organisation council.

Nothing else is claimed: no statistic is invented, registration numbers are left blank.

Deliberate gaps, so that the coverage view has something to show (seed 000 names no
organisation for these, and the DESIGN list of vulnerable groups includes them):

- target groups with no demo organisation: LGBTIQN+ (``lgbtiqn``), prisoners and ex-prisoners
  (``prisoners``), Muslim women (``muslim-women``), homeless people (``homeless``) and
  migrants (``migrants``);
- districts with no organisation based in them: Ban Thi (5107) and Wiang Nong Long (5108);
  Ban Thi is not covered by any organisation's own area list either, Wiang Nong Long only by
  one vegetable group from Pa Sang.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

DEMO_PASSWORD = "klang-demo-2569"
DEMO_DOMAIN = "demo.klang.invalid"
DEMO_NOTE = (
    "ข้อมูลสาธิต: องค์กรนี้เป็นตัวอย่างสมมติ สร้างจากโจทย์ของเวทีภาคประชาสังคมลำพูน "
    "24 กรกฎาคม 2568 ไม่ใช่องค์กรจริง ชื่อผู้ติดต่อและหมายเลขโทรศัพท์เป็นของสมมติ"
)
LAMPHUN = "51"
NATION = "TH"
GAP_TARGET_GROUPS = ["lgbtiqn", "prisoners", "muslim-women", "homeless", "migrants"]
GAP_DISTRICTS = ["5107", "5108"]  # Ban Thi, Wiang Nong Long: no organisation of their own
UNCOVERED_DISTRICTS = ["5107"]  # Ban Thi: no organisation works there at all


@dataclass(frozen=True)
class DemoVillage:
    code: str
    name_th: str
    name_en: str


# Village codes are the sub-district code and the village number (หมู่ที่).
VILLAGES = [
    DemoVillage("51040303", "ชุมชนสาธิต หมู่ 3 ตำบลนาทราย", "Demo community, Moo 3, Na Sai"),
    DemoVillage("51020602", "ชุมชนสาธิต หมู่ 2 ตำบลทาแม่ลอบ",
                "Demo community, Moo 2, Tha Mae Lop"),
    DemoVillage("51050104", "ชุมชนสาธิต หมู่ 4 ตำบลทุ่งหัวช้าง",
                "Demo community, Moo 4, Thung Hua Chang"),
]


@dataclass(frozen=True)
class DemoOrg:
    key: str
    name_th: str
    name_en: str
    org_type: str
    registration: str
    home: str
    covers: tuple[str, ...]
    targets: tuple[str, ...]
    issues: tuple[str, ...]
    description: str
    short_name: str = ""
    founded: int | None = None
    networks: tuple[str, ...] = ()


ORGS: list[DemoOrg] = [
    # --- the two province-wide networks the others belong to -----------------------------
    DemoOrg(
        "cso-network", "เครือข่ายภาคประชาสังคมจังหวัดลำพูน", "Lamphun Civil Society Network",
        "network", "unregistered", "510101", (LAMPHUN,), (),
        ("governance", "vulnerable-groups", "rights"),
        "เครือข่ายที่รวมองค์กรภาคประชาสังคมในลำพูนหลายประเด็น ทั้งคนพิการ ผู้สูงอายุ "
        "กลุ่มชาติพันธุ์ แรงงานนอกระบบ เด็กและเยาวชน สิ่งแวดล้อม และเกษตรกรรมยั่งยืน "
        "ร่วมกันผลักดันให้มี \"เวทีกลาง\" หรือคณะทำงานสนับสนุนข้อมูล "
        "เพื่อกลั่นกรองข้อเสนอจากพื้นที่ให้แหลมคมก่อนเข้าสู่แผนพัฒนาจังหวัด (One Plan)",
        short_name="เครือข่ายประชาสังคมลำพูน",
    ),
    DemoOrg(
        "thaihealth-node", "หน่วยจัดการสุขภาวะชุมชนจังหวัดลำพูน (Node สสส.)",
        "Lamphun Community Health Node (ThaiHealth)",
        "network", "unregistered", "510101", (LAMPHUN,), ("older-people", "children-youth"),
        ("health", "governance"),
        "หน่วยจัดการที่ทำงานกับชุมชนในลำพูนมากกว่า 5 ปี กระจายทุนไปแล้วกว่า 150 ชุมชน "
        "จึงมีข้อมูลและเข้าใจปัญหาในพื้นที่ ต้องการปรับบทบาทจากผู้ให้ทุนและผู้บริหารโครงการ "
        "มาเป็นภาคีที่ร่วมเสนอประเด็นและขับเคลื่อนกับภาครัฐ",
        short_name="Node สสส.ลำพูน",
    ),
    # --- disability --------------------------------------------------------------------------
    DemoOrg(
        "disability", "สมาคมคนพิการจังหวัดลำพูน", "Lamphun Disability Association",
        "association", "association", "510101", (LAMPHUN,), ("disability",),
        ("rights", "health", "vulnerable-groups"),
        "ดูแลสิทธิของคนพิการทั้งจังหวัด ติดตามสิ่งอำนวยความสะดวก 5 อย่างที่กฎหมายกำหนด "
        "คือ ทางลาด ห้องน้ำ ที่จอดรถ ป้ายสัญลักษณ์ และเคาน์เตอร์บริการ "
        "ซึ่งในหน่วยงานราชการหลายแห่งยังไม่ได้มาตรฐาน เช่น ทางลาดชันเกินไป",
        short_name="สมาคมคนพิการลำพูน", networks=("cso-network",),
    ),
    DemoOrg(
        "disability-ban-hong", "ชมรมคนพิการอำเภอบ้านโฮ่ง", "Ban Hong Disability Club",
        "community", "codi", "510301", ("5103",), ("disability",),
        ("rights", "vulnerable-groups"),
        "คนพิการและครอบครัวในอำเภอบ้านโฮ่งรวมกลุ่มกัน สำรวจว่าสถานที่ราชการในอำเภอ "
        "มีทางลาดและห้องน้ำที่คนพิการใช้ได้จริงหรือไม่ แล้วเสนอให้แก้ไข",
        networks=("cso-network", "thaihealth-node"),
    ),
    DemoOrg(
        "care-volunteers-mae-tha", "กลุ่มอาสาดูแลผู้สูงอายุและคนพิการอำเภอแม่ทา",
        "Mae Tha Care Volunteers for Older and Disabled People",
        "community", "unregistered", "510205", ("5102",), ("older-people", "disability"),
        ("health", "vulnerable-groups"),
        "อาสาสมัครในชุมชนเยี่ยมบ้านผู้สูงอายุและคนพิการ ช่วยพาไปรับบริการสุขภาพ "
        "ซึ่งในพื้นที่ห่างไกลมีค่าเดินทางสูง",
        networks=("thaihealth-node",),
    ),
    # --- ethnic groups in Li and Mae Tha ---------------------------------------------------
    DemoOrg(
        "ethnic-li", "เครือข่ายกลุ่มชาติพันธุ์อำเภอลี้", "Li Ethnic Groups Network",
        "community", "unregistered", "51040303", ("5104",), ("ethnic-legal-status",),
        ("health", "housing", "disaster", "rights"),
        "กลุ่มชาติพันธุ์ในพื้นที่ห่างไกลของอำเภอลี้ เข้าถึงบริการสุขภาพยาก เพราะค่าเดินทาง "
        "ไปโรงพยาบาลสูงมาก มีปัญหาที่ดินทำกินและภัยพิบัติ และต้องการมีตัวแทนใน ก.บ.จ. "
        "ในสัดส่วนที่เหมาะสม",
        networks=("cso-network",),
    ),
    DemoOrg(
        "ethnic-mae-tha", "กลุ่มชาติพันธุ์ตำบลทาขุมเงิน", "Tha Khum Ngoen Ethnic Community Group",
        "community", "codi", "510204", ("510204", "510206"), ("ethnic-legal-status",),
        ("health", "housing", "rights"),
        "ชุมชนกลุ่มชาติพันธุ์ในอำเภอแม่ทา รวบรวมข้อมูลครัวเรือนที่มีปัญหาสถานะทางกฎหมาย "
        "และที่ดินทำกิน เพื่อเสนอเข้าแผนตำบลและแผนจังหวัด",
        networks=("cso-network",),
    ),
    DemoOrg(
        "ethnic-health-mae-tha", "กลุ่มอาสาสุขภาพชุมชนชาติพันธุ์บ้านทาแม่ลอบ",
        "Tha Mae Lop Ethnic Community Health Volunteers",
        "community", "unregistered", "51020602", ("51020602",), ("ethnic-legal-status",),
        ("health",),
        "อาสาสมัครในหมู่บ้านช่วยนัดหมายและจัดรถร่วมกันพาผู้ป่วยไปรับบริการที่โรงพยาบาล "
        "เพื่อลดภาระค่าเดินทาง",
        networks=("thaihealth-node",),
    ),
    # --- older people ------------------------------------------------------------------------
    DemoOrg(
        "older-people", "สมาคมผู้สูงอายุจังหวัดลำพูน", "Lamphun Older Persons Association",
        "association", "public_benefit", "510101", (LAMPHUN,), ("older-people",),
        ("health", "vulnerable-groups"),
        "ผู้สูงอายุรวมตัวกันดูแลกันเองเป็นหลัก รัฐมักสนใจผู้ป่วยติดเตียง "
        "ผู้สูงอายุกลุ่มอื่นจึงได้รับการสนับสนุนน้อย หาจิตอาสาได้ยาก และโครงการที่เสนอไป "
        "มักถูกเปลี่ยนรูปแบบ",
        networks=("cso-network",),
    ),
    DemoOrg(
        "older-people-pa-sang", "ชมรมผู้สูงอายุตำบลป่าซาง", "Pa Sang Older Persons Club",
        "community", "codi", "510602", ("510602",), ("older-people",), ("health", "culture"),
        "ชมรมของผู้สูงอายุในตำบล จัดกิจกรรมออกกำลังกาย เยี่ยมเพื่อนสมาชิก "
        "และถ่ายทอดภูมิปัญญาท้องถิ่นให้เด็ก",
        networks=("thaihealth-node",),
    ),
    DemoOrg(
        "older-people-thung-hua-chang", "ชมรมผู้สูงอายุตำบลทุ่งหัวช้าง",
        "Thung Hua Chang Older Persons Club",
        "community", "unregistered", "510501", ("510501",), ("older-people",), ("health",),
        "ผู้สูงอายุในตำบลทุ่งหัวช้างพบปะกันทุกเดือน หาอาสาสมัครมาช่วยดูแลผู้สูงอายุ "
        "ที่อยู่บ้านลำพัง",
        networks=("thaihealth-node",),
    ),
    # --- informal workers and labour ---------------------------------------------------------
    DemoOrg(
        "informal-workers", "เครือข่ายแรงงานนอกระบบจังหวัดลำพูน",
        "Lamphun Informal Workers Network",
        "cso", "unregistered", "510106", (LAMPHUN,), ("informal-workers",),
        ("health", "livelihood", "rights"),
        "แรงงานนอกระบบและแรงงานอิสระไม่มีประกันสังคมมาตรา 33 ป่วยจากการทำงาน ทำงานหนัก "
        "พักผ่อนไม่พอ และไม่มีเงินชดเชยเมื่อเจ็บป่วยหรือหยุดงาน เครือข่ายให้ความรู้เรื่องสุขภาพ "
        "และสิทธิการรักษา",
        networks=("cso-network",),
    ),
    DemoOrg(
        "home-workers-pa-sang", "กลุ่มผู้รับงานไปทำที่บ้านตำบลมะกอก",
        "Makok Home-based Workers Group",
        "community", "codi", "510606", ("510606",), ("informal-workers",),
        ("livelihood", "health"),
        "ผู้รับงานตัดเย็บและงานฝีมือไปทำที่บ้าน รวมกลุ่มต่อรองค่าจ้าง "
        "และเรียนรู้การป้องกันโรคจากการทำงาน",
        networks=("cso-network",),
    ),
    DemoOrg(
        "labour-union", "กลุ่มสหภาพแรงงานย่านอุตสาหกรรมลำพูน",
        "Lamphun Industrial Area Labour Union Group",
        "cso", "unregistered", "510112", ("5101",), (), ("rights", "livelihood", "health"),
        "สหภาพแรงงานในโรงงานย่านนิคมอุตสาหกรรม ดูแลสิทธิและความปลอดภัยในการทำงานของสมาชิก",
        founded=2540,
    ),
    # --- children and youth, women -----------------------------------------------------------
    DemoOrg(
        "youth", "กลุ่มเยาวชนเสียงคนรุ่นใหม่ลำพูน", "Lamphun Young Voices",
        "cso", "unregistered", "510111", (LAMPHUN,), ("children-youth",),
        ("youth", "rights", "governance"),
        "เยาวชนที่ทำงานส่งเสริมสิทธิเด็กและเสียงของคนรุ่นใหม่ ขอทุนของจังหวัดได้ยาก "
        "จึงต้องหาทุนจากภายนอก และอยากออกแบบโครงการเองมากกว่าทำตามรูปแบบที่ราชการกำหนด",
        networks=("cso-network",),
    ),
    DemoOrg(
        "child-protection", "มูลนิธิคุ้มครองเด็กและครอบครัวลำพูน",
        "Lamphun Child and Family Protection Foundation",
        "foundation", "foundation", "510104", (LAMPHUN,), ("children-youth", "women-violence"),
        ("youth", "rights"),
        "ช่วยเหลือเด็กที่ถูกละเมิดและถูกกระทำความรุนแรง และครอบครัวของเด็ก "
        "ประสานหน่วยงานรัฐเพื่อคุ้มครองและฟื้นฟู",
        founded=2546,
    ),
    DemoOrg(
        "women", "เครือข่ายผู้หญิงลำพูน", "Lamphun Women's Network",
        "cso", "unregistered", "510105", (LAMPHUN,), ("women-violence",),
        ("rights", "livelihood"),
        "ผู้หญิงจากหลายอำเภอรวมกลุ่มกันหลังวิกฤตเศรษฐกิจ 2540 ทำเรื่องอาชีพ "
        "และช่วยผู้หญิงที่ถูกกระทำความรุนแรงให้เข้าถึงความช่วยเหลือ",
        networks=("cso-network",),
    ),
    # --- environment and the Kuang river -----------------------------------------------------
    DemoOrg(
        "kuang-river", "เครือข่ายฮักษ์น้ำกวง", "Kuang River Care Network",
        "cso", "unregistered", "510112", ("5101",), (), ("environment", "rights"),
        "ชาวบ้านริมน้ำกวงเฝ้าระวังน้ำเสียจากนิคมอุตสาหกรรมที่ปล่อยลงลำน้ำ เคยประท้วง "
        "จนถึงขั้นฟ้องร้อง และติดตามปัญหาน้ำแม่กวงแห้ง",
        founded=2530, networks=("cso-network",),
    ),
    DemoOrg(
        "waste-watch", "กลุ่มเฝ้าระวังโรงไฟฟ้าขยะลำพูน", "Lamphun Waste-to-Energy Watch",
        "cso", "unregistered", "5101", ("5101",), (), ("environment", "governance"),
        "ติดตามโครงการโรงไฟฟ้าขยะ ขอให้เปิดเผยข้อมูลและรับฟังความเห็นของชุมชนก่อนตัดสินใจ",
    ),
    # --- sustainable agriculture -------------------------------------------------------------
    DemoOrg(
        "sustainable-agriculture", "เครือข่ายเกษตรกรรมยั่งยืนจังหวัดลำพูน",
        "Lamphun Sustainable Agriculture Network",
        "network", "public_benefit", "5106", (LAMPHUN,), (), ("agriculture", "health"),
        "ส่งเสริมการปลูกผักปลอดสารพิษ ลดการใช้สารเคมีในไร่นา และลำไยอินทรีย์ "
        "โดยเชื่อมกับเรื่องสุขภาพ (โรคไม่ติดต่อเรื้อรัง) และความมั่นคงทางอาหาร",
        founded=2545, networks=("cso-network",),
    ),
    DemoOrg(
        "organic-longan", "กลุ่มลำไยอินทรีย์ตำบลป่าพลู", "Pa Phlu Organic Longan Group",
        "community", "codi", "510302", ("510302",), (), ("agriculture", "livelihood"),
        "เกษตรกรผู้ปลูกลำไยรวมกลุ่มเปลี่ยนมาปลูกแบบอินทรีย์ ทำปุ๋ยใช้เอง และหาตลาดร่วมกัน",
        networks=("sustainable-agriculture", "thaihealth-node"),
    ),
    DemoOrg(
        "safe-vegetables", "กลุ่มผักปลอดสารตำบลแม่แรง", "Mae Raeng Safe Vegetable Group",
        "community", "unregistered", "510603", ("510603", "510801"), (),
        ("agriculture", "health"),
        "สมาชิกปลูกผักปลอดสารพิษขายในตลาดชุมชนของป่าซางและเวียงหนองล่อง "
        "และชวนเพื่อนบ้านลดการใช้สารเคมี",
        networks=("sustainable-agriculture", "thaihealth-node"),
    ),
    # --- history, community councils, housing, culture ---------------------------------------
    DemoOrg(
        "history-study", "กลุ่มศึกษาประวัติศาสตร์ภาคประชาสังคมหริภุญชัย",
        "Hariphunchai Civil Society History Study Group",
        "academic", "unregistered", "510101", (LAMPHUN,), (), ("academic", "governance"),
        "บันทึกพัฒนาการของภาคประชาสังคมลำพูน ตั้งแต่องค์กรพัฒนาเอกชนเข้ามาทำงาน "
        "ที่ทุ่งหัวช้างในช่วง 2520–2530 การตื่นตัวจากผลกระทบของนิคมอุตสาหกรรมตั้งแต่ปี 2527 "
        "จนถึงการเติบโตหลังวิกฤตเศรษฐกิจ 2540",
        networks=("cso-network",),
    ),
    DemoOrg(
        "thung-hua-chang", "กลุ่มพัฒนาชุมชนทุ่งหัวช้าง", "Thung Hua Chang Community Development Group",
        "cso", "unregistered", "51050104", ("5105",), (), ("housing", "livelihood", "rights"),
        "กลุ่มชาวบ้านที่ทำงานเรื่องความเป็นธรรมและการมีส่วนร่วมในอำเภอทุ่งหัวช้าง "
        "พื้นที่ที่องค์กรพัฒนาเอกชนเริ่มเข้ามาทำงานในลำพูน",
        founded=2525, networks=("cso-network",),
    ),
    DemoOrg(
        "community-council", "สภาองค์กรชุมชนตำบลทาปลาดุก", "Tha Pla Duk Community Council",
        "community", "community_council", "510201", ("510201",), (),
        ("governance", "livelihood"),
        "เวทีของกลุ่มองค์กรชุมชนในตำบล ร่วมทำแผนชุมชนและเสนอความต้องการเข้าแผนตำบล "
        "อำเภอ และจังหวัด",
        networks=("thaihealth-node",),
    ),
    DemoOrg(
        "secure-housing", "กลุ่มบ้านมั่นคงชุมชนเวียงยอง", "Wiang Yong Secure Housing Group",
        "community", "codi", "510111", ("510111",), ("older-people",), ("housing",),
        "ชาวชุมชนที่ไม่มีบ้านมั่นคงรวมกลุ่มออมเงิน และวางแผนปรับปรุงที่อยู่อาศัยร่วมกัน",
    ),
    DemoOrg(
        "yong-culture", "กลุ่มฮักษาวัฒนธรรมยองลำพูน", "Lamphun Yong Culture Group",
        "community", "unregistered", "510111", ("5101",), ("children-youth",),
        ("culture", "education"),
        "สืบสานภาษา ผ้าทอ และประเพณีของชาวยอง ชวนเด็กและเยาวชนมาเรียนรู้จากผู้เฒ่าผู้แก่",
    ),
]

@dataclass(frozen=True)
class DemoLogin:
    role: str  # a Role value, or "citizen"
    local_part: str
    full_name: str
    area: str
    org: str | None
    can: str


LOGINS: list[DemoLogin] = [
    DemoLogin("citizen", "citizen", "นายพลเมือง ตัวอย่าง", "", None,
              "ติดตาม สนับสนุน และแสดงความเห็นต่อข้อเสนอ แจ้งความต้องการ"),
    DemoLogin("cso_member", "member", "นางสาวสมาชิก ตัวอย่าง", LAMPHUN, "disability",
              "ทำงานในนามสมาคมคนพิการลำพูน: แจ้งความต้องการ บันทึกข้อมูลครัวเรือนขององค์กร"),
    DemoLogin("cso_coordinator", "coordinator", "นายผู้ประสาน ตัวอย่าง", LAMPHUN, "disability",
              "เหมือนสมาชิก และแก้ไขข้อมูลของสมาคมคนพิการลำพูน"),
    DemoLogin("working_group", "workinggroup", "นางคณะทำงาน สาธิต", LAMPHUN, None,
              "กลั่นกรอง รวม แยก และสังเคราะห์ความต้องการเป็นข้อเสนอของลำพูน"),
    DemoLogin("provincial_officer", "officer", "นายเจ้าหน้าที่ สาธิต", LAMPHUN, None,
              "จัดปฏิทินแผน ก.บ.จ. มติ แผนงาน งบประมาณ และผลของลำพูน; ยืนยันองค์กร"),
    DemoLogin("committee_member", "committee", "นางกรรมการ สาธิต", LAMPHUN, None,
              "อ่านเอกสารสรุปและหลักฐานของข้อเสนอใน ก.บ.จ.ลำพูน"),
    DemoLogin("funder", "funder", "นางสาวแหล่งทุน สาธิต", LAMPHUN, None,
              "ติดตามโครงการและตัวชี้วัดที่ให้ทุนในลำพูน"),
    DemoLogin("national_analyst", "analyst", "นายนักวิเคราะห์ สาธิต", NATION, None,
              "ดูข้อมูลสรุปเปรียบเทียบทุกจังหวัด"),
    DemoLogin("dpo", "dpo", "นางเจ้าหน้าที่คุ้มครองข้อมูล สาธิต", NATION, None,
              "ความยินยอม คำขอของเจ้าของข้อมูล บันทึกการเข้าถึง เหตุข้อมูลรั่วไหล"),
    DemoLogin("administrator", "admin", "นายผู้ดูแลระบบ สาธิต", NATION, None,
              "ตั้งค่าระบบและหน้าผู้ดูแล (/admin/); การเข้าถึงข้อมูลส่วนบุคคลยังถูกบันทึก"),
]


def demo_email(local_part: str) -> str:
    return f"{local_part}@{DEMO_DOMAIN}"


@dataclass
class DemoResult:
    created: dict[str, int] = field(default_factory=dict)
    logins: list[DemoLogin] = field(default_factory=list)

    def count(self, what: str, n: int = 1) -> None:
        self.created[what] = self.created.get(what, 0) + n

    @property
    def changed(self) -> bool:
        return any(self.created.values())


def _contacts(index: int, org: DemoOrg) -> list[dict[str, Any]]:
    """Two made-up contacts per organisation: one public, one for members and officers only."""
    return [
        {
            "name": f"คุณประสานงาน ตัวอย่าง {index:02d}",
            "position": "ผู้ประสานงาน",
            "phone": f"080-000-{index:04d}",
            "email": demo_email(f"{org.key}"),
            "is_public": True,
        },
        {
            "name": f"คุณเลขานุการ สาธิต {index:02d}",
            "position": "เลขานุการ",
            "phone": f"080-001-{index:04d}",
            "line_id": f"demo-{org.key}",
            "is_public": False,
        },
    ]


def load_demo(progress: Callable[[str], None] | None = None) -> DemoResult:
    """Load the Lamphun demo. Safe to run again: what exists is left as it is."""
    from areas.loader import load_areas

    # Skipped in one query when the areas are already loaded (as `make demo` does first).
    if not load_areas(progress=progress).skipped:
        (progress or print)("Planning areas loaded first.")
    result = _load()
    # Then the story of the forum of 24 July 2568, from needs to a funded pilot
    # (portal/demo_story.py); skipped in one query once it is there.
    from portal.demo_story import load_story

    load_story(result, progress)
    # The planning calendar (template dates, planning/data/calendar_template.csv); idempotent.
    from django.core.management import call_command

    call_command("load_planning_calendar", year=2569)
    # Synthetic household evidence, then the budget, indicators and funding built on it.
    # Each app loads its own part and skips it when it is already there.
    from budget.demo import load as load_budget
    from evidence.demo import load as load_evidence
    from funding.demo import load as load_funding
    from indicators.demo import load as load_indicators

    for load_part in (load_evidence, load_indicators, load_budget, load_funding):
        load_part(progress)
    return result


@transaction.atomic
def _load() -> DemoResult:
    from accounts.models import Role, RoleGrant, User
    from areas.models import Area, Level
    from orgs.models import Contact, IssueArea, Organisation, TargetGroup

    result = DemoResult(logins=LOGINS)

    admin = User.objects.filter(email=demo_email("admin")).first()
    if admin is None:
        admin = User.objects.create_superuser(
            demo_email("admin"), DEMO_PASSWORD, full_name="นายผู้ดูแลระบบ สาธิต"
        )
        result.count("users")

    areas = {a.code: a for a in Area.objects.filter(code__in=_area_codes())}
    for village in VILLAGES:
        if village.code not in areas:
            area = Area(code=village.code, level=Level.VILLAGE, name_th=village.name_th,
                        name_en=village.name_en, parent=areas[village.code[:6]],
                        created_by=admin)
            area.save()
            areas[village.code] = area
            result.count("villages")

    targets = {t.slug: t for t in TargetGroup.objects.all()}
    issues = {i.slug: i for i in IssueArea.objects.all()}
    existing = {o.name_th: o for o in Organisation.objects.filter(is_demo=True)}
    orgs: dict[str, Organisation] = {}
    new_keys: set[str] = set()
    for index, spec in enumerate(ORGS, start=1):
        org = existing.get(spec.name_th)
        if org is None:
            org = Organisation(
                name_th=spec.name_th, name_en=spec.name_en, short_name=spec.short_name,
                org_type=spec.org_type, registration_status=spec.registration,
                founded_year=spec.founded, description=f"{spec.description}\n\n{DEMO_NOTE}",
                home_area=areas[spec.home], email=demo_email(spec.key),
                phone=f"080-000-{index:04d}", created_by=admin,
            )
            org.is_demo = True
            if index % 3 == 0:
                org.verified_at, org.verified_by = timezone.now(), admin
            org.save()
            org.areas.set([areas[code] for code in spec.covers])
            org.target_groups.set([targets[slug] for slug in spec.targets])
            org.issue_areas.set([issues[slug] for slug in spec.issues])
            Contact.objects.bulk_create(
                [Contact(organisation=org, **c) for c in _contacts(index, spec)]
            )
            new_keys.add(spec.key)
            result.count("organisations")
        orgs[spec.key] = org
    for spec in ORGS:
        if spec.key in new_keys:
            orgs[spec.key].networks.set([orgs[key] for key in spec.networks])

    users = {u.email: u for u in User.objects.filter(email__endswith=f"@{DEMO_DOMAIN}")}
    active = set(
        RoleGrant.objects.active()
        .filter(user__email__endswith=f"@{DEMO_DOMAIN}")
        .values_list("user__email", "role")
    )
    for login in LOGINS:
        email = demo_email(login.local_part)
        user = users.get(email)
        if user is None:
            user = User.objects.create_user(email, DEMO_PASSWORD, full_name=login.full_name)
            result.count("users")
        if login.role == "citizen" or (email, login.role) in active:
            continue
        RoleGrant.objects.create(
            user=user, role=login.role, area=areas[login.area],
            organisation=orgs[login.org] if login.org else None,
            position="ผู้ประสานงาน" if login.role == Role.CSO_COORDINATOR else "",
            granted_by=admin, grant_reason="demo",
        )
        result.count("grants")
    return result


def _area_codes() -> set[str]:
    codes = {LAMPHUN, NATION}
    codes |= {v.code for v in VILLAGES} | {v.code[:6] for v in VILLAGES}
    for spec in ORGS:
        codes.add(spec.home)
        codes.update(spec.covers)
    return codes
