"""Seed the editable lists of target groups and issue areas.

Target groups: the vulnerable groups of DESIGN.md section 7 (the ThaiHealth Office's nine
groups and seed 003), plus children and youth, whom the Lamphun forum (seed 000) names.
"""

from django.db import migrations

TARGET_GROUPS = [
    ("older-people", "ผู้สูงอายุ", "Older people"),
    ("disability", "คนพิการ", "People with disabilities"),
    ("homeless", "คนไร้บ้าน", "Homeless people"),
    ("informal-workers", "แรงงานนอกระบบ", "Informal workers"),
    ("migrants", "แรงงานข้ามชาติ", "Migrants"),
    ("ethnic-legal-status", "กลุ่มชาติพันธุ์และผู้มีปัญหาสถานะทางกฎหมาย",
     "Ethnic groups and people with legal-status problems"),
    ("lgbtiqn", "ความหลากหลายทางเพศ (LGBTIQN+)", "LGBTIQN+ people"),
    ("prisoners", "ผู้ต้องขังและอดีตผู้ต้องขัง", "Prisoners and ex-prisoners"),
    ("muslim-women", "ผู้หญิงมุสลิม", "Muslim women"),
    ("women-violence", "ผู้หญิงที่ถูกกระทำความรุนแรง", "Women facing violence"),
    ("children-youth", "เด็กและเยาวชน", "Children and youth"),
]

ISSUE_AREAS = [
    ("rights", "สิทธิมนุษยชน", "Rights"),
    ("vulnerable-groups", "กลุ่มเปราะบาง", "Vulnerable groups"),
    ("environment", "สิ่งแวดล้อมและทรัพยากรธรรมชาติ", "Environment and natural resources"),
    ("academic", "วิชาการ", "Academic"),
    ("youth", "เด็กและเยาวชน", "Youth"),
    ("health", "สุขภาพ", "Health"),
    ("housing", "ที่อยู่อาศัยและที่ดิน", "Housing and land"),
    ("agriculture", "เกษตรกรรมยั่งยืน", "Sustainable agriculture"),
    ("education", "การศึกษา", "Education"),
    ("livelihood", "อาชีพและเศรษฐกิจชุมชน", "Livelihoods and community economy"),
    ("culture", "ศิลปวัฒนธรรม", "Arts and culture"),
    ("disaster", "ภัยพิบัติ", "Disaster"),
    ("governance", "ธรรมาภิบาลและการมีส่วนร่วม", "Governance and participation"),
]


def seed(apps, schema_editor):
    for model_name, rows in (("TargetGroup", TARGET_GROUPS), ("IssueArea", ISSUE_AREAS)):
        model = apps.get_model("orgs", model_name)
        for order, (slug, name_th, name_en) in enumerate(rows, start=1):
            model.objects.update_or_create(
                slug=slug,
                defaults={"name_th": name_th, "name_en": name_en, "sort_order": order * 10},
            )


class Migration(migrations.Migration):
    dependencies = [("orgs", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
