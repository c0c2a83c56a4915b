"""Suppression, tested in isolation on random area trees: no published count is below the
threshold, no parent–children equation is left with a single unknown, and an attacker who
solves all the equations exactly (rational Gaussian elimination) recovers no suppressed cell."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from evidence.suppression import (
    COMPLEMENTARY,
    PRIMARY,
    families,
    suppress_table,
    suppress_tree,
    unsuppressed_rates,
)

T = 5


def tree_values(leaves: dict[str, int], parent: dict[str, str | None]) -> dict[str, int]:
    """Every node's value: leaves as given, each parent the sum of its children."""
    values = dict(leaves)
    depth = {}
    for node in parent:
        d, up = 0, parent[node]
        while up is not None:
            d, up = d + 1, parent[up]
        depth[node] = d
    for node in sorted(parent, key=lambda n: -depth[n]):
        values.setdefault(node, 0)
        if parent[node] is not None:
            values[parent[node]] = values.get(parent[node], 0) + values[node]
    return values


@st.composite
def area_trees(draw: Any) -> tuple[dict[str, int], dict[str, str | None]]:
    """A nation > provinces > districts > sub-districts tree with small random counts."""
    parent: dict[str, str | None] = {"TH": None}
    leaves: dict[str, int] = {}
    for p in range(draw(st.integers(1, 3))):
        province = f"P{p}"
        parent[province] = "TH"
        for d in range(draw(st.integers(1, 3))):
            district = f"{province}D{d}"
            parent[district] = province
            for s in range(draw(st.integers(1, 4))):
                sub = f"{district}S{s}"
                parent[sub] = district
                leaves[sub] = draw(st.integers(0, 12))
    return tree_values(leaves, parent), parent


def rref(rows: list[list[Fraction]], width: int) -> list[list[Fraction]]:
    """Reduced row echelon form, exact."""
    rows = [row[:] for row in rows]
    pivot_row = 0
    for col in range(width):
        found = next((r for r in range(pivot_row, len(rows)) if rows[r][col] != 0), None)
        if found is None:
            continue
        rows[pivot_row], rows[found] = rows[found], rows[pivot_row]
        lead = rows[pivot_row][col]
        rows[pivot_row] = [x / lead for x in rows[pivot_row]]
        for r in range(len(rows)):
            if r != pivot_row and rows[r][col] != 0:
                factor = rows[r][col]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[pivot_row], strict=True)]
        pivot_row += 1
    return rows[:pivot_row]


def recoverable(values: dict[str, int], parent: dict[str, str | None],
                status: dict[str, str]) -> dict[str, Fraction]:
    """What an attacker learns exactly: every suppressed cell that the published cells and the
    equations parent = Σ children determine, with its value."""
    unknown = sorted(node for node, s in status.items() if s)
    column = {node: i for i, node in enumerate(unknown)}
    width = len(unknown)
    equations = []
    for up, children in families(parent, set(values)).items():
        # up - Σ children = 0, published cells moved to the right-hand side.
        row = [Fraction(0)] * (width + 1)
        for node, sign in [(up, 1), *[(child, -1) for child in children]]:
            if node in column:
                row[column[node]] += sign
            else:
                row[width] -= sign * values[node]
        if any(row[:width]):
            equations.append(row)
    found = {}
    for row in rref(equations, width):
        nonzero = [i for i in range(width) if row[i] != 0]
        if len(nonzero) == 1:
            found[unknown[nonzero[0]]] = row[width]
    return found


def single_unknown_families(values: dict[str, int], parent: dict[str, str | None],
                            status: dict[str, str]) -> list[str]:
    return [up for up, children in families(parent, set(values)).items()
            if sum(1 for cell in [up, *children] if status[cell]) == 1]


@settings(max_examples=150, deadline=None)
@given(area_trees())
def test_no_published_count_below_the_threshold(tree: Any) -> None:
    values, parent = tree
    status = suppress_tree(values, parent, T)
    assert all(status[node] for node, value in values.items() if value < T)
    assert {status[n] for n in values if values[n] < T} <= {PRIMARY}


@settings(max_examples=150, deadline=None)
@given(area_trees())
def test_no_equation_is_left_with_a_single_unknown(tree: Any) -> None:
    values, parent = tree
    status = suppress_tree(values, parent, T)
    assert single_unknown_families(values, parent, status) == []


@settings(max_examples=150, deadline=None)
@given(area_trees())
def test_an_attacker_solving_every_equation_recovers_no_suppressed_cell(tree: Any) -> None:
    values, parent = tree
    status = suppress_tree(values, parent, T)
    assert recoverable(values, parent, status) == {}


def test_the_attacker_does_recover_a_cell_when_only_primary_suppression_is_applied() -> None:
    # The attacker is real: without complementary suppression the small cell falls out.
    parent = {"TH": None, "A": "TH", "B": "TH"}
    values = {"TH": 23, "A": 20, "B": 3}
    primary_only = {node: PRIMARY if v < T else "" for node, v in values.items()}
    assert recoverable(values, parent, primary_only) == {"B": Fraction(3)}
    status = suppress_tree(values, parent, T)
    assert status == {"TH": "", "A": COMPLEMENTARY, "B": PRIMARY}
    assert recoverable(values, parent, status) == {}


def test_the_smallest_published_sibling_is_the_complement() -> None:
    parent = {"P": None, "a": "P", "b": "P", "c": "P"}
    values = {"P": 40, "a": 2, "b": 30, "c": 8}
    assert suppress_tree(values, parent, T) == {
        "P": "", "a": PRIMARY, "b": "", "c": COMPLEMENTARY}


def test_an_only_child_and_its_parent_fall_together() -> None:
    # A district with one sub-district: the district is the sub-district.
    parent = {"TH": None, "D": "TH", "S": "D", "E": "TH", "S2": "E"}
    values = {"TH": 23, "D": 3, "S": 3, "E": 20, "S2": 20}
    status = suppress_tree(values, parent, T)
    assert status["S"] == PRIMARY and status["D"] == PRIMARY
    # D unknown in the nation's family: E (and so S2) must go too.
    assert status["E"] == COMPLEMENTARY and status["S2"] == COMPLEMENTARY
    assert recoverable(values, parent, status) == {}


def test_zeros_are_never_known_from_a_zero_sum() -> None:
    # Two zero cells under a published parent equal to the third child: a + b = 0 would tell
    # an attacker (who knows counts are never negative) that both are 0.
    parent = {"P": None, "a": "P", "b": "P", "c": "P"}
    values = {"P": 12, "a": 0, "b": 0, "c": 12}
    status = suppress_tree(values, parent, T)
    assert status["c"] == COMPLEMENTARY or status["P"] == COMPLEMENTARY


def test_a_table_is_suppressed_per_group_and_indicator_and_rates_follow() -> None:
    parent = {1: None, 2: 1, 3: 1}
    cells = pl.DataFrame({
        "area_id": [1, 2, 3, 1, 2, 3],
        "group": ["all"] * 6,
        "indicator": ["households"] * 3 + ["poor_any"] * 3,
        "count": [30, 27, 3, 12, 6, 6],
        "rate": [1.0, 1.0, 1.0, 0.4, 6 / 27, 1.0],
    })
    table = unsuppressed_rates(suppress_table(cells, parent, T)).sort("indicator", "area_id")
    rows = {(r["indicator"], r["area_id"]): r for r in table.iter_rows(named=True)}
    assert rows[("households", 3)]["suppressed"] == PRIMARY
    assert rows[("households", 2)]["suppressed"] == COMPLEMENTARY
    # Area 2's count of poor households is published, but its denominator is not: no rate.
    assert rows[("poor_any", 2)]["suppressed"] == ""
    assert rows[("poor_any", 2)]["rate"] is None
    assert rows[("poor_any", 3)]["rate"] is None
    assert rows[("poor_any", 1)]["rate"] == 0.4
