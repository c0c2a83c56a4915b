"""TPMAP: a household is poor in a dimension when it fails any of that dimension's indicators;
target poor = poor in at least one dimension and a state welfare card holder."""

from __future__ import annotations

import polars as pl

from evidence import indices, schema

DEFS = indices.default_definitions()


def bits(*numbers: int) -> int:
    return sum(schema.TPMAP_INDICATORS[n - 1].bit for n in numbers)


def frame(rows: list[dict]) -> pl.DataFrame:
    base = {name: None for name in indices.FRAME_SCHEMA}
    return pl.DataFrame([{**base, "flags": 0, "groups": 0, **row} for row in rows],
                        schema=indices.FRAME_SCHEMA)


def test_dimension_poverty_bitmask_and_target_poor() -> None:
    out = indices.compute(frame([
        {"deprivations": 0, "state_welfare_card": True},              # not poor, has a card
        {"deprivations": bits(16, 17), "state_welfare_card": False},  # access only, no card
        {"deprivations": bits(13, 14, 15, 16), "state_welfare_card": True},  # income + access
        {"deprivations": bits(4), "state_welfare_card": True},        # one health indicator
    ]), DEFS)
    assert out["poor_health"].to_list() == [False, False, False, True]
    assert out["poor_living"].to_list() == [False, False, False, False]
    assert out["poor_education"].to_list() == [False] * 4
    assert out["poor_income"].to_list() == [False, False, True, False]
    assert out["poor_access"].to_list() == [False, True, True, False]
    # dimensions bitmask: health 1, living 2, education 4, income 8, access 16.
    assert out["dimensions"].to_list() == [0, 16, 8 + 16, 1]
    assert out["poor_any"].to_list() == [False, True, True, True]
    # The second is poor without a card: poor, but not target poor.
    assert out["target_poor"].to_list() == [False, False, True, True]
    assert set(out["index_version"].cast(pl.String).to_list()) == {"tpmap-1+mpi-1+flags-1"}


def test_every_indicator_belongs_to_the_dimension_schema_says() -> None:
    for indicator in schema.TPMAP_INDICATORS:
        out = indices.compute(frame([{"deprivations": indicator.bit,
                                      "state_welfare_card": False}]), DEFS)
        poor = [code for code, _label in schema.DIMENSIONS if out[f"poor_{code}"][0]]
        assert poor == [indicator.dimension], indicator.code


def test_a_lazy_frame_stays_lazy() -> None:
    lazy = frame([{"deprivations": bits(1), "state_welfare_card": True}]).lazy()
    out = indices.compute(lazy, DEFS)
    assert isinstance(out, pl.LazyFrame)
    assert out.collect()["target_poor"].to_list() == [True]
