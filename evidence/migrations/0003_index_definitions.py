"""Seed the index definitions (TPMAP, MPI, flags, version 1) from evidence/data/indices.json.

The JSON file is read when the migration runs; a later version of a definition is a new row
added by an administrator (or by a later migration), never an edit of this one.
"""

import json
from pathlib import Path

from django.db import migrations

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "indices.json"


def seed(apps, schema_editor):
    IndexDefinition = apps.get_model("evidence", "IndexDefinition")
    definitions = json.loads(DATA_FILE.read_text(encoding="utf-8"))["definitions"]
    for row in definitions:
        IndexDefinition.objects.get_or_create(
            kind=row["kind"], version=row["version"],
            defaults={
                "name_th": row["name_th"], "name_en": row["name_en"],
                "description_th": row["description_th"],
                "description_en": row["description_en"],
                "config": {**row["config"], "sources": row["sources"]},
                "is_current": True,
            },
        )


def unseed(apps, schema_editor):
    IndexDefinition = apps.get_model("evidence", "IndexDefinition")
    IndexDefinition.objects.filter(version=1, created_by__isnull=True).delete()


class Migration(migrations.Migration):
    # E1's 0002_default_household_survey depends on this one (numbering aside).
    dependencies = [("evidence", "0002_default_household_survey")]

    operations = [migrations.RunPython(seed, unseed)]
