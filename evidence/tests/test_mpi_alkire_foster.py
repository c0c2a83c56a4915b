"""Alkire–Foster MPI on a six-household example computed by hand.

Default weights (mpi-1): health, living standards and education indicators 1/20 each (a
dimension's 1/5 over 4 indicators), income 1/15 each (1/5 over 3), access 1/10 each (1/5 over
2); k = 1/3.

    household  deprived in                         score cᵢ                     poor?
    h1         nothing                             0                            no
    h2         16, 17                              1/10 + 1/10        = 0.2     no
    h3         13, 14, 15, 16                      3/15 + 1/10        = 0.3     no
    h4         1, 2, 3, 4, 13, 14                  4/20 + 2/15        = 1/3     yes (exactly k)
    h5         5, 6, 7, 8, 16, 17                  4/20 + 2/10        = 0.4     yes
    h6         all 17                              1                            yes

n = 6, q = 3: H = 3/6 = 0.5. Sum of the poor's scores = 1/3 + 0.4 + 1 = 26/15.
A = (26/15) / 3 = 26/45 ≈ 0.5778. M₀ = H × A = 26/90 ≈ 0.2889.
Censored headcount of bmn_16: h5, h6 (h2 and h3 are deprived in it but not poor) = 2/6.
Contribution of indicator j = wⱼ × CHⱼ / M₀ = wⱼ × (poor deprived in j) / (26/15):
    bmn_01 (h4, h6): 2 × 1/20 / (26/15) = 0.1 × 15/26 = 3/52 ≈ 0.0577
    bmn_13 (h4, h6): 2 × 1/15 / (26/15) = 2/26     ≈ 0.0769
    bmn_16 (h5, h6): 2 × 1/10 / (26/15) = 3/26     ≈ 0.1154
    bmn_09 (h6):     1 × 1/20 / (26/15) = 3/104    ≈ 0.0288
Per area: A = {h1, h2, h3}: q = 0, H = 0, A empty, M₀ = 0; B = {h4, h5, h6}: H = 1,
A = M₀ = 26/45.
"""

from __future__ import annotations

import pytest

from evidence import indices
from evidence.tests.test_tpmap_dimensions import bits, frame

DEFS = indices.default_definitions()
APPROX = pytest.approx


def six_households():
    rows = [
        {"id": 1, "area_id": 1, "deprivations": 0},
        {"id": 2, "area_id": 1, "deprivations": bits(16, 17)},
        {"id": 3, "area_id": 1, "deprivations": bits(13, 14, 15, 16)},
        {"id": 4, "area_id": 2, "deprivations": bits(1, 2, 3, 4, 13, 14)},
        {"id": 5, "area_id": 2, "deprivations": bits(5, 6, 7, 8, 16, 17)},
        {"id": 6, "area_id": 2, "deprivations": bits(*range(1, 18))},
    ]
    return indices.compute(frame([{**r, "state_welfare_card": False} for r in rows]), DEFS)


def test_scores_and_who_is_poor() -> None:
    out = six_households()
    assert out["mpi_score"].to_list() == APPROX([0, 0.2, 0.3, 1 / 3, 0.4, 1.0])
    # h4 reaches k exactly (0.2 + 2/15 in floating point): it counts as poor.
    assert out["mpi_poor"].to_list() == [False, False, False, True, True, True]


def test_headcount_intensity_and_m0() -> None:
    row = indices.mpi_aggregate(six_households(), DEFS.mpi).row(0, named=True)
    assert (row["n"], row["q"]) == (6, 3)
    assert row["H"] == APPROX(0.5)
    assert row["A"] == APPROX(26 / 45)
    assert row["M0"] == APPROX(26 / 90)
    assert row["definition"] == "mpi-1"


def test_contributions_use_the_censored_headcount_and_add_up_to_one() -> None:
    row = indices.mpi_aggregate(six_households(), DEFS.mpi).row(0, named=True)
    assert row["censored_bmn_16"] == APPROX(2 / 6)   # not 4/6: h2 and h3 are not poor
    assert row["contribution_bmn_01"] == APPROX(3 / 52)
    assert row["contribution_bmn_13"] == APPROX(2 / 26)
    assert row["contribution_bmn_16"] == APPROX(3 / 26)
    assert row["contribution_bmn_09"] == APPROX(3 / 104)
    total = sum(v for k, v in row.items() if k.startswith("contribution_"))
    assert total == APPROX(1.0)


def test_per_area() -> None:
    rows = {r["area_id"]: r for r in indices.mpi_aggregate(
        six_households(), DEFS.mpi, by=["area_id"]).iter_rows(named=True)}
    assert (rows[1]["n"], rows[1]["q"], rows[1]["H"], rows[1]["M0"]) == (3, 0, 0, 0)
    assert rows[1]["A"] is None and rows[1]["contribution_bmn_16"] is None
    assert (rows[2]["n"], rows[2]["q"]) == (3, 3)
    assert rows[2]["H"] == APPROX(1.0)
    assert rows[2]["A"] == APPROX(26 / 45) and rows[2]["M0"] == APPROX(26 / 45)


def test_a_configuration_whose_weights_do_not_add_up_is_refused() -> None:
    assert indices.mpi_config_errors(DEFS.mpi.config) == []
    errors = indices.mpi_config_errors({"indicators": {"bmn_01": 0.5, "bmn_02": 0.4},
                                        "k": 0.3})
    assert len(errors) == 1 and "0.9000" in errors[0]
    assert indices.mpi_config_errors({"indicators": {"bmn_99": 1.0}, "k": 0})  # two problems
