"""Synthetic survey data: seeded, shaped like Lamphun (ethnic households in Mae Tha and Li),
written as Klang's import template, and loaded as the demo's evidence (marked synthetic)."""

from __future__ import annotations

import csv
from typing import Any

from evidence import demo
from evidence.models import Household, HouseholdStatus
from evidence.synthetic import (
    HOUSEHOLD_COLUMNS,
    MEMBER_COLUMNS,
    households,
    write_klang_csv,
)
from evidence.thaiid import is_valid


def test_the_same_seed_gives_the_same_rows() -> None:
    assert list(households(30, seed=3)) == list(households(30, seed=3))
    assert list(households(30, seed=3)) != list(households(30, seed=4))


def test_shape() -> None:
    rows = list(households(3000, seed=11))
    sizes = [len(members) for _, members in rows]
    assert min(sizes) == 1 and max(sizes) == 7 and 3.3 < sum(sizes) / len(sizes) < 3.7

    def ethnic_share(district: str | None) -> float:
        chosen = [m for h, m in rows if (h["area_code"][:4] in ("5102", "5104")) ==
                  (district is not None)]
        return sum(m[0]["ethnicity"] not in ("thai", "") for m in chosen) / len(chosen)

    assert ethnic_share("highland") > 0.3 > 0.1 > ethnic_share(None)
    people = [p for _, members in rows for p in members]
    assert any(p["bedridden"] == "yes" and p["has_carer"] == "no" for p in people)
    assert any(p["id_type"] == "none" for p in people)
    assert all(is_valid(p["id_number"]) and p["id_number"].startswith("0")
               for p in people if p["id_number"])


def test_klang_template_files(tmp_path: Any) -> None:
    written = write_klang_csv(tmp_path / "hh.csv", tmp_path / "members.csv", 50, seed=5)
    with open(tmp_path / "hh.csv", encoding="utf-8") as fh:
        hh = list(csv.DictReader(fh))
    with open(tmp_path / "members.csv", encoding="utf-8") as fh:
        members = list(csv.DictReader(fh))
    assert list(hh[0]) == HOUSEHOLD_COLUMNS and list(members[0]) == MEMBER_COLUMNS
    assert written == (50, len(members)) and len(hh) == 50
    assert {m["submission_id"] for m in members} == {h["submission_id"] for h in hh}


def test_demo_evidence_loads_once(world: Any, monkeypatch: Any) -> None:
    from portal.demo import _load

    _load()  # the demo organisations and logins
    monkeypatch.setattr(demo, "COLLECTORS", [("disability", 60, None),
                                             ("ethnic-li", 30, ("510401", "510403"))])
    demo.load()
    stored = Household.objects.filter(is_synthetic=True)
    assert stored.count() == 90
    assert set(stored.values_list("status", flat=True)) <= set(HouseholdStatus.values)
    assert stored.filter(status=HouseholdStatus.VERIFIED).count() > 40
    disability = stored.filter(organisation__email__startswith="disability@")
    assert disability.count() == 60 and disability.filter(entered_by__isnull=False).exists()
    assert stored.exclude(organisation__email__startswith="disability@").filter(
        area__code__startswith="5104").count() == 30
    assert "สมมติ" in stored.first().read_identity()["head_name"]
    demo.load()
    assert Household.objects.count() == 90
