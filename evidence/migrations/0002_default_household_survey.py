"""Install Klang's default household survey from the shipped XLSForm (evidence/data/).

The workbook is read with pyxform when the migration runs, so the stored definition is exactly
what the shipped file says. The file itself is served from evidence/data/ (the row's
``xlsform`` stays empty), so no upload storage is touched here.
"""

from django.db import migrations


def install(apps, schema_editor):
    from evidence.build_default_survey import ensure_default_survey

    ensure_default_survey(apps.get_model("evidence", "Survey"))


def uninstall(apps, schema_editor):
    apps.get_model("evidence", "Survey").objects.filter(slug="household",
                                                         is_default=True).delete()


class Migration(migrations.Migration):
    # After 0003 (written in parallel, also on 0001) so the graph keeps one leaf; neither
    # needs the other's rows.
    dependencies = [("evidence", "0001_initial")]
    operations = [migrations.RunPython(install, uninstall)]
