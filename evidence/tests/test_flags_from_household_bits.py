"""The vulnerability flags of seed 003 come from the ``flags`` bits set at import."""

from __future__ import annotations

from evidence import indices, schema
from evidence.models import Household
from evidence.tests.test_tpmap_dimensions import frame

DEFS = indices.default_definitions()


def test_each_flag_is_its_own_bit() -> None:
    out = indices.compute(frame([
        {"deprivations": 0, "state_welfare_card": False, "flags": 0},
        {"deprivations": 0, "state_welfare_card": False,
         "flags": schema.FLAG_BEDRIDDEN_NO_CARER | schema.FLAG_ELIGIBLE_NOT_RECEIVING},
        {"deprivations": 0, "state_welfare_card": False, "flags": schema.FLAG_NO_THAI_ID},
    ]), DEFS)
    assert out["flag_bedridden_no_carer"].to_list() == [False, True, False]
    assert out["flag_no_thai_id"].to_list() == [False, False, True]
    assert out["flag_eligible_not_receiving"].to_list() == [False, True, False]


def test_one_households_summary_names_its_versions() -> None:
    household = Household(pseudonym="HH-TEST", deprivations=(1 << 14) | (1 << 15),  # bmn_15, bmn_16
                          flags=schema.FLAG_NO_THAI_ID, state_welfare_card=True, groups=0)
    summary = indices.household_summary(household, DEFS)
    assert summary["version"] == "tpmap-1+mpi-1+flags-1"
    poor = {d["code"]: d["poor"] for d in summary["tpmap"]["dimensions"]}
    assert poor == {"health": False, "living": False, "education": False, "income": True,
                    "access": True}
    assert summary["tpmap"]["target_poor"] is True
    assert abs(summary["mpi"]["score"] - (1 / 15 + 1 / 10)) < 1e-12
    assert summary["mpi"]["poor"] is False
    assert [d["code"] for d in summary["mpi"]["deprived"]] == ["bmn_15", "bmn_16"]
    assert {f["code"]: f["set"] for f in summary["flags"]} == {
        "bedridden_no_carer": False, "no_thai_id": True, "eligible_not_receiving": False}
