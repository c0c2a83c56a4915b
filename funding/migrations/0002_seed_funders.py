"""The usual funders of civil-society and quality-of-life work in a province (seeds 000, 002).

An editable list (admin site): organisations add their own foundations and partners.
"""

from django.db import migrations

FUNDERS = [
    # slug, Thai name, English name, kind, source in planning.Funding, order
    ("thaihealth", "สำนักงานกองทุนสนับสนุนการสร้างเสริมสุขภาพ (สสส.)",
     "Thai Health Promotion Foundation (ThaiHealth)", "public_fund", "thaihealth", 10),
    ("nhso", "สำนักงานหลักประกันสุขภาพแห่งชาติ (สปสช.)",
     "National Health Security Office (NHSO)", "public_fund", "nhso", 20),
    ("province", "งบพัฒนาจังหวัด", "Provincial development budget", "government", "province", 30),
    ("cluster", "งบพัฒนากลุ่มจังหวัด", "Provincial cluster budget", "government", "cluster", 40),
    ("codi", "สถาบันพัฒนาองค์กรชุมชน (พอช.)",
     "Community Organizations Development Institute (CODI)", "public_fund", "codi", 50),
    ("local-government", "องค์กรปกครองส่วนท้องถิ่น", "Local government", "local_government",
     "local_government", 60),
    ("community-fund", "กองทุนชุมชน", "Community funds", "community", "community_fund", 70),
    ("foundation", "มูลนิธิและองค์กรการกุศล", "Foundations and charities", "foundation", "", 80),
    ("private", "ภาคเอกชน", "Private sector", "private", "private", 90),
    ("other", "แหล่งทุนอื่น", "Other funders", "other", "other", 100),
]


def seed(apps, schema_editor):
    Funder = apps.get_model("funding", "Funder")
    for slug, name_th, name_en, kind, source, order in FUNDERS:
        Funder.objects.get_or_create(slug=slug, defaults={
            "name_th": name_th, "name_en": name_en, "kind": kind, "planning_source": source,
            "sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("funding", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
