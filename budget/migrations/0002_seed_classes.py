"""Seed the editable list of budget classes and their keyword rules (see budget.suggest).

Display order (``sort_order``) follows seed 000's story: infrastructure first, then quality of
life. The rules are tried in ``match_order``: quality of life first, so that a ramp or a clinic
for a vulnerable group is suggested as quality of life even when it is built; infrastructure
near the end, so that a farm road is infrastructure but wastewater treatment is environment.

Thai is written without spaces, so a keyword matches inside longer words: "ท่อ" (pipe) would
match "ท่องเที่ยว" (tourism) and "ป่า" (forest) the district name "ป่าซาง". Keywords are therefore
whole phrases ("วางท่อ", "ป่าไม้"); budget/tests/test_suggest_classes.py keeps such traps.
"""

from django.db import migrations

# slug, Thai, English, sort_order, match_order, keywords
CLASSES = [
    ("infrastructure", "โครงสร้างพื้นฐาน", "Infrastructure", 10, 50, [
        "ถนน", "สะพาน", "ก่อสร้าง", "ประปา", "ไฟฟ้า", "ระบบไฟ", "ท่อระบายน้ำ", "วางท่อ", "ฝาย",
        "อ่างเก็บน้ำ",
        "ชลประทาน", "ขุดลอก", "คลอง", "ลาดยาง", "คอนกรีต", "อาคาร", "ปรับปรุงภูมิทัศน์",
        "road", "bridge", "construction", "water supply", "electricity", "irrigation",
        "drainage", "building",
    ]),
    ("quality-of-life", "คุณภาพชีวิตและสังคม", "Quality of life and social", 20, 10, [
        "ผู้สูงอายุ", "คนพิการ", "ผู้พิการ", "สุขภาพ", "การศึกษา", "โรงเรียน", "เด็ก", "เยาวชน",
        "สวัสดิการ", "กลุ่มเปราะบาง", "ชาติพันธุ์", "แรงงานนอกระบบ", "อนามัย", "สาธารณสุข",
        "ผู้ป่วย", "ติดเตียง", "ยาเสพติด", "ความรุนแรง", "ที่อยู่อาศัย", "บ้านมั่นคง",
        "คุณภาพชีวิต", "ทางลาด", "ศูนย์พัฒนาเด็กเล็ก", "ผู้ยากไร้", "คนไร้บ้าน", "สตรี",
        "older people", "elderly", "disabilit", "health", "education", "school", "children",
        "youth", "welfare", "vulnerable", "quality of life", "housing",
    ]),
    ("economy", "เศรษฐกิจ", "Economy", 30, 60, [
        "เศรษฐกิจ", "ท่องเที่ยว", "เกษตร", "ลำไย", "otop", "วิสาหกิจ", "การตลาด", "การค้า",
        "การลงทุน", "อุตสาหกรรม", "ผลิตภัณฑ์", "อาชีพ", "รายได้", "economy", "tourism",
        "agricultur", "market", "trade", "investment", "enterprise",
    ]),
    ("environment", "สิ่งแวดล้อม", "Environment", 40, 20, [
        "สิ่งแวดล้อม", "ป่าไม้", "ปลูกป่า", "ฟื้นฟูป่า", "ป่าชุมชน", "ขยะ", "น้ำเสีย", "บำบัดน้ำ",
        "หมอกควัน", "ฝุ่น", "pm2.5",
        "ไฟป่า", "ฟื้นฟูลำน้ำ", "อนุรักษ์ลำน้ำ", "ต้นน้ำ", "ภูมิอากาศ", "environment", "forest", "waste", "pollution",
        "haze", "climate",
    ]),
    ("security", "ความมั่นคงและความปลอดภัย", "Security and safety", 50, 30, [
        "ความมั่นคง", "ความปลอดภัย", "ป้องกันและบรรเทาสาธารณภัย", "สาธารณภัย", "ภัยพิบัติ",
        "อุบัติเหตุ", "กล้องวงจรปิด", "cctv", "ชายแดน", "security", "safety", "disaster",
    ]),
    ("administration", "การบริหารจัดการภาครัฐ", "Public administration", 60, 40, [
        "บริหารจัดการ", "ธรรมาภิบาล", "ประชุม", "ติดตามประเมินผล", "ฐานข้อมูล", "สารสนเทศ",
        "บุคลากร", "administration", "governance", "monitoring", "information system",
    ]),
]


def seed(apps, schema_editor):
    BudgetClass = apps.get_model("budget", "BudgetClass")
    for slug, name_th, name_en, sort_order, match_order, keywords in CLASSES:
        BudgetClass.objects.update_or_create(
            slug=slug,
            defaults={"name_th": name_th, "name_en": name_en, "sort_order": sort_order,
                      "match_order": match_order, "keywords": "\n".join(keywords)},
        )


class Migration(migrations.Migration):
    dependencies = [("budget", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
