"""Build Klang's default household survey, ``evidence/data/household_survey.xlsx``, from the
readable definition below (review changes here; the XLSX is generated from it).

    .venv/bin/python -m evidence.build_default_survey

The question names are exactly the canonical names of ``evidence/schema.py`` (a test checks
it), so KoboToolbox/ODK exports of this form import without mapping. Thai labels first, English
second. Consent comes first: every other question is relevant only when consent is "yes", so
the interview ends there if the household says no.

Indicator texts: the 17 TPMAP indicators of the basic-needs survey (จปฐ.), as in schema.py.
Ethnic groups listed are those of Lamphun's highlands (Karen/Pgaz K'Nyau, Lua, Lisu, Hmong,
Akha, Lahu, Mien, Tai Yai); "other" and "prefer not to say" are always there.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

from openpyxl import Workbook

OUTPUT = Path(__file__).resolve().parent / "data" / "household_survey.xlsx"
FORM_ID = "klang_household"
VERSION = "2025.1"
TITLE_TH = "แบบสำรวจครัวเรือน (พื้นที่กลาง)"
TITLE_EN = "Household survey (Klang)"
CONSENTED = "${consent} = 'yes'"
SLUG = "household"
PURPOSE_TH = (
    "เก็บข้อมูลครัวเรือนเพื่อให้ภาคประชาสังคมและจังหวัดเห็นความต้องการของกลุ่มเปราะบาง "
    "และใช้เป็นหลักฐานในการจัดทำข้อเสนอต่อแผนพัฒนาจังหวัด ข้อมูลที่ระบุตัวตนถูกเข้ารหัส "
    "เห็นได้เฉพาะองค์กรที่เก็บข้อมูล และเผยแพร่เป็นตัวเลขรวมเท่านั้น"
)
PURPOSE_EN = (
    "Household data collected so that civil society and the province see the needs of "
    "vulnerable people, as evidence for proposals to the provincial development plan. "
    "Identifying data is encrypted, seen only by the collecting organisation, and published "
    "only as totals."
)

# (type, name, label_th, label_en, extra columns)
Q = tuple[str, str, str, str, dict[str, str]]


def q(kind: str, name: str, th: str, en: str, **extra: str) -> Q:
    return (kind, name, th, en, extra)


INDICATORS: list[tuple[str, str]] = [
    ("เด็กแรกเกิดมีน้ำหนัก 2,500 กรัมขึ้นไป", "Newborns weigh at least 2,500 grams"),
    ("ครัวเรือนกินอาหารถูกสุขลักษณะ ปลอดภัย", "The household eats hygienic, safe food"),
    ("ครัวเรือนใช้ยาเพื่อบำบัดบรรเทาอาการเจ็บป่วยเบื้องต้นอย่างเหมาะสม",
     "The household uses medicines appropriately"),
    ("คนอายุ 6 ปีขึ้นไป ออกกำลังกายอย่างน้อยสัปดาห์ละ 3 วัน",
     "People aged 6 and over exercise at least 3 days a week"),
    ("ครัวเรือนมีความมั่นคงในที่อยู่อาศัย และบ้านมีสภาพคงทนถาวร",
     "Secure housing in a durable house"),
    ("ครัวเรือนมีน้ำสะอาดสำหรับดื่มและบริโภคเพียงพอตลอดปี อย่างน้อยคนละ 5 ลิตรต่อวัน",
     "Enough clean drinking water all year (5 litres a person a day)"),
    ("ครัวเรือนมีน้ำใช้เพียงพอตลอดปี อย่างน้อยคนละ 45 ลิตรต่อวัน",
     "Enough water for use all year (45 litres a person a day)"),
    ("ครัวเรือนมีการจัดบ้านเรือนเป็นระเบียบเรียบร้อย สะอาด และถูกสุขลักษณะ",
     "A tidy, clean and hygienic home"),
    ("เด็กอายุ 3–5 ปี ได้รับบริการเลี้ยงดูเตรียมความพร้อมก่อนวัยเรียน",
     "Children aged 3–5 receive early-childhood care"),
    ("เด็กอายุ 6–14 ปี ได้รับการศึกษาภาคบังคับ 9 ปี",
     "Children aged 6–14 receive 9 years of compulsory education"),
    ("เด็กจบชั้น ม.3 ได้เรียนต่อชั้น ม.4 หรือเทียบเท่า",
     "Children who finished lower secondary continue to upper secondary"),
    ("คนอายุ 15–59 ปี อ่าน เขียนภาษาไทย และคิดเลขอย่างง่ายได้",
     "People aged 15–59 read and write Thai and do simple arithmetic"),
    ("คนอายุ 15–59 ปี มีอาชีพและมีรายได้", "People aged 15–59 have an occupation and income"),
    ("คนอายุ 60 ปีขึ้นไป มีอาชีพและมีรายได้",
     "People aged 60 and over have an occupation and income"),
    ("รายได้เฉลี่ยของคนในครัวเรือนไม่น้อยกว่า 38,000 บาทต่อคนต่อปี",
     "Average income at least 38,000 baht a person a year"),
    ("ผู้สูงอายุได้รับการดูแลจากคนในครอบครัว ชุมชน ภาครัฐ หรือภาคเอกชน",
     "Older people receive care from family, community, state or others"),
    ("คนพิการได้รับการดูแลจากคนในครอบครัว ชุมชน ภาครัฐ หรือภาคเอกชน",
     "People with disabilities receive care from family, community, state or others"),
]

SURVEY: list[Q] = [
    q("select_one yes_no", "consent",
      "ครัวเรือนยินยอมให้เก็บข้อมูลนี้ตามวัตถุประสงค์ที่อ่านให้ฟังหรือไม่",
      "Does the household consent to this data being collected for the purpose read to them?",
      required="yes",
      **{"hint::Thai (th)": "อ่านวัตถุประสงค์ให้ฟังก่อน ข้อมูลใช้เพื่อจัดทำข้อเสนอต่อแผนพัฒนาจังหวัด "
                            "ชื่อ เลขบัตร เบอร์โทร และที่อยู่จะถูกเข้ารหัส",
         "hint::English (en)": "Read the purpose first: the data is used for proposals to the "
                               "provincial plan; names, ID numbers, phone and address are "
                               "encrypted."}),
    q("note", "no_consent_end", "ขอบคุณ การสำรวจจบเพียงเท่านี้ ไม่บันทึกข้อมูลใด ๆ",
      "Thank the household: the survey ends here and nothing is recorded.",
      relevant="${consent} = 'no'"),
    q("date", "consent_date", "วันที่ให้ความยินยอม", "Date of consent",
      required="yes", relevant=CONSENTED),
    q("date", "collected_on", "วันที่เก็บข้อมูล", "Date of collection", relevant=CONSENTED),
    q("text", "area_code", "รหัสตำบล (6 หลัก) หรือหมู่บ้าน (8 หลัก) ตามกรมการปกครอง",
      "DOPA code of the sub-district (6 digits) or village (8 digits)",
      required="yes", relevant=CONSENTED,
      constraint="regex(., '^[0-9]{6}([0-9]{2})?$')",
      **{"constraint_message::Thai (th)": "ตัวเลข 6 หรือ 8 หลัก",
         "constraint_message::English (en)": "6 or 8 digits"}),
    q("text", "head_name", "ชื่อหัวหน้าครัวเรือน", "Name of the head of household",
      relevant=CONSENTED),
    q("text", "phone", "เบอร์โทรศัพท์", "Phone number", relevant=CONSENTED,
      constraint="regex(., '^[0-9 +-]{6,20}$')",
      **{"constraint_message::Thai (th)": "ตัวเลข 6–20 หลัก",
         "constraint_message::English (en)": "6 to 20 digits"}),
    q("text", "address", "ที่อยู่", "Address", relevant=CONSENTED),
    q("geopoint", "gps", "พิกัดบ้าน", "Location of the house", relevant=CONSENTED),
    q("select_one housing_tenure", "housing_tenure", "การครอบครองที่อยู่อาศัย", "Housing tenure",
      relevant=CONSENTED),
    q("select_one water_source", "water_source", "แหล่งน้ำดื่มหลัก", "Main source of drinking water",
      relevant=CONSENTED),
    q("integer", "income_year", "รายได้รวมของครัวเรือนต่อปี (บาท)",
      "Household income a year (baht)", relevant=CONSENTED,
      constraint=". >= 0 and . <= 100000000"),
    q("begin_repeat", "members", "สมาชิกในครัวเรือน", "Household members", relevant=CONSENTED),
    q("text", "member_name", "ชื่อ-สกุล", "Full name"),
    q("select_one sex", "sex", "เพศ", "Sex", required="yes"),
    q("integer", "age", "อายุ (ปี)", "Age (years)", required="yes",
      constraint=". >= 0 and . <= 130",
      **{"constraint_message::Thai (th)": "อายุ 0–130 ปี",
         "constraint_message::English (en)": "Age 0 to 130"}),
    q("select_one id_type", "id_type", "เอกสารแสดงตน / สถานะทางทะเบียน",
      "Identity document / legal status", required="yes"),
    q("text", "id_number", "เลขประจำตัวประชาชน 13 หลัก (ถ้ามี)",
      "13-digit Thai ID number (if any)", relevant="${id_type} = 'thai_id'",
      constraint="regex(., '^[0-9]{13}$')",
      **{"constraint_message::Thai (th)": "ตัวเลข 13 หลัก",
         "constraint_message::English (en)": "13 digits"}),
    q("select_one ethnicity", "ethnicity", "กลุ่มชาติพันธุ์ (ไม่บังคับตอบ)",
      "Ethnic group (optional)"),
    q("select_one yes_no", "disability", "มีความพิการ", "Has a disability"),
    q("select_one yes_no", "chronic_illness", "มีโรคเรื้อรัง", "Has a chronic illness"),
    q("select_one yes_no", "bedridden", "ติดเตียง", "Bedridden"),
    q("select_one yes_no", "has_carer", "มีผู้ดูแล", "Has a carer",
      relevant="${bedridden} = 'yes'"),
    q("select_multiple welfare", "welfare", "สวัสดิการที่ได้รับ", "Welfare received",
      constraint="not(selected(., 'none') and count-selected(.) > 1)",
      **{"constraint_message::Thai (th)": "เลือก “ไม่ได้รับ” ร่วมกับสวัสดิการอื่นไม่ได้",
         "constraint_message::English (en)": "“None” cannot be chosen with other welfare"}),
    q("select_one yes_no", "in_school", "กำลังเรียนหนังสือ", "In school",
      relevant="${age} >= 3 and ${age} <= 24"),
    q("select_one yes_no", "works", "มีงานทำ", "Works", relevant="${age} >= 15"),
    q("integer", "income_year", "รายได้ต่อปี (บาท)", "Income a year (baht)",
      relevant="${age} >= 15", constraint=". >= 0 and . <= 100000000"),
    q("end_repeat", "", "", ""),
    q("note", "tpmap_note", "ตัวชี้วัดความจำเป็นพื้นฐาน (จปฐ.) 17 ข้อของ TPMAP",
      "The 17 basic-needs (จปฐ.) indicators of TPMAP", relevant=CONSENTED),
    *[q("select_one yes_no_na", f"bmn_{number:02d}", th, en, required="yes",
        relevant=CONSENTED) for number, (th, en) in enumerate(INDICATORS, start=1)],
]

CHOICES: list[tuple[str, str, str, str]] = [
    ("yes_no", "yes", "ใช่ / มี", "Yes"),
    ("yes_no", "no", "ไม่ใช่ / ไม่มี", "No"),
    ("yes_no_na", "yes", "ผ่าน", "Yes (passes)"),
    ("yes_no_na", "no", "ไม่ผ่าน", "No (fails)"),
    ("yes_no_na", "na", "ไม่เกี่ยวข้อง", "Does not apply"),
    ("sex", "male", "ชาย", "Male"),
    ("sex", "female", "หญิง", "Female"),
    ("sex", "other", "อื่น ๆ", "Other"),
    ("id_type", "thai_id", "บัตรประชาชนไทย 13 หลัก", "Thai 13-digit ID card"),
    ("id_type", "other_card", "บัตรอื่น (เช่น บัตรสีชมพู บัตรบุคคลที่ไม่มีสัญชาติไทย)",
     "Other card (e.g. pink card, card for people without Thai nationality)"),
    ("id_type", "none", "ไม่มีเอกสารแสดงตน", "No identity document"),
    ("ethnicity", "thai", "ไทย / คนเมือง", "Thai / Northern Thai"),
    ("ethnicity", "karen", "ปกาเกอะญอ (กะเหรี่ยง)", "Karen (Pgaz K'Nyau)"),
    ("ethnicity", "lua", "ลัวะ", "Lua"),
    ("ethnicity", "lisu", "ลีซู", "Lisu"),
    ("ethnicity", "hmong", "ม้ง", "Hmong"),
    ("ethnicity", "akha", "อาข่า", "Akha"),
    ("ethnicity", "lahu", "ลาหู่", "Lahu"),
    ("ethnicity", "mien", "เมี่ยน", "Mien"),
    ("ethnicity", "tai_yai", "ไทใหญ่", "Tai Yai (Shan)"),
    ("ethnicity", "other", "อื่น ๆ", "Other"),
    ("ethnicity", "prefer_not", "ไม่ประสงค์จะตอบ", "Prefer not to say"),
    ("welfare", "state_welfare_card", "บัตรสวัสดิการแห่งรัฐ", "State welfare card"),
    ("welfare", "old_age_allowance", "เบี้ยยังชีพผู้สูงอายุ", "Old-age allowance"),
    ("welfare", "disability_allowance", "เบี้ยความพิการ", "Disability allowance"),
    ("welfare", "child_support", "เงินอุดหนุนเพื่อการเลี้ยงดูเด็กแรกเกิด", "Child support grant"),
    ("welfare", "uc_gold_card", "บัตรทอง (หลักประกันสุขภาพถ้วนหน้า)",
     "Universal coverage (gold card)"),
    ("welfare", "ss33", "ประกันสังคม มาตรา 33", "Social security, section 33"),
    ("welfare", "ss39", "ประกันสังคม มาตรา 39", "Social security, section 39"),
    ("welfare", "ss40", "ประกันสังคม มาตรา 40", "Social security, section 40"),
    ("welfare", "none", "ไม่ได้รับสวัสดิการใด", "None"),
    ("housing_tenure", "own", "บ้านของตนเอง", "Own house"),
    ("housing_tenure", "rent", "เช่า", "Rented"),
    ("housing_tenure", "rent_free", "อาศัยอยู่โดยไม่เสียค่าเช่า", "Living rent-free"),
    ("housing_tenure", "no_title", "อยู่บนที่ดินที่ไม่มีเอกสารสิทธิ์", "On land without title"),
    ("housing_tenure", "other", "อื่น ๆ", "Other"),
    ("water_source", "tap", "ประปา", "Tap water"),
    ("water_source", "well", "บ่อน้ำ / บาดาล", "Well or borehole"),
    ("water_source", "rain", "น้ำฝน", "Rainwater"),
    ("water_source", "bottled", "น้ำบรรจุขวด", "Bottled water"),
    ("water_source", "stream", "ลำห้วย / แหล่งน้ำธรรมชาติ", "Stream or natural source"),
    ("water_source", "other", "อื่น ๆ", "Other"),
]

EXTRA_COLUMNS = [
    "required", "relevant", "constraint", "constraint_message::Thai (th)",
    "constraint_message::English (en)", "hint::Thai (th)", "hint::English (en)",
]


def build(path: Path = OUTPUT) -> Path:
    workbook = Workbook()
    # A fixed date: the same definition gives the same file, so git shows real changes only.
    workbook.properties.created = workbook.properties.modified = dt.datetime(2025, 1, 1)
    workbook.properties.creator = "Klang"
    survey = workbook.active
    survey.title = "survey"
    survey.append(["type", "name", "label::Thai (th)", "label::English (en)", *EXTRA_COLUMNS])
    for kind, name, th, en, extra in SURVEY:
        survey.append([kind, name, th, en, *[extra.get(col, "") for col in EXTRA_COLUMNS]])
    choices = workbook.create_sheet("choices")
    choices.append(["list_name", "name", "label::Thai (th)", "label::English (en)"])
    for row in CHOICES:
        choices.append(list(row))
    settings = workbook.create_sheet("settings")
    settings.append(["form_title", "form_id", "version", "default_language"])
    settings.append([TITLE_TH, FORM_ID, VERSION, "Thai (th)"])
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path


def ensure_default_survey(survey_model: Any = None) -> Any:
    """The default survey's row, installed from the shipped XLSX when missing.

    Called by migration 0002 (with its historical model), by the demo, and by tests that run
    after a browser test flushed the database.
    """
    from evidence.xlsform import parse

    if survey_model is None:
        from evidence.models import Survey as survey_model
    existing = survey_model.objects.filter(slug=SLUG).first()
    if existing is not None:
        return existing
    parsed = parse(OUTPUT.read_bytes(), name=OUTPUT.name)
    return survey_model.objects.create(
        slug=SLUG, title_th=parsed.survey.title or TITLE_TH, title_en=TITLE_EN,
        form_id=parsed.survey.form_id, version=parsed.survey.version,
        definition=parsed.definition, organisation=None, is_default=True,
        purpose_th=PURPOSE_TH, purpose_en=PURPOSE_EN,
    )


if __name__ == "__main__":
    sys.stdout.write(f"{build()}\n")
