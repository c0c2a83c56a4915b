"""Cell suppression for published area statistics: no cell below the threshold can be read or
derived from what Klang publishes (DESIGN.md section 6).

The table
---------
For one (target group, indicator) pair, the published counts form a tree: a sub-district's
count, its district's, its province's, and so on up to the nation. Every household belongs to
exactly one sub-district, so each parent is the sum of its children::

    parent = child_1 + child_2 + ... + child_n          (one equation per "family")

Those equations are the only exact linear relations between published counts. Different groups
overlap (a household with an older person and a disabled member counts in both), and the
indicators are unions and intersections of each other (``poor_any`` is "poor in at least one
dimension"), so across groups and indicators an attacker gets inequalities, which bound a cell
but do not give it.

The rules
---------
T = ``settings.EVIDENCE_SUPPRESSION_THRESHOLD`` (5 by default).

1. Primary suppression: every cell with a count below T, zero included, is suppressed. The
   denominator ("households" of an area and group) is a cell like any other.
2. Complementary suppression, repeated until nothing changes: in every family, if exactly one
   cell is unknown (suppressed), that cell equals the parent minus the published children (or
   the sum of the children), so a second cell is suppressed: the smallest published child, or
   the parent when no other child is published. Suppressing a parent or a child changes the
   family above or below it, which is why this runs to a fixpoint.
3. Zero sums: if the unknown cells of a family add up to 0, an attacker who knows counts are
   never negative learns that each is 0; one more cell (the smallest published one of the
   family) is suppressed so that the unknowns add up to at least T.
4. A rate (count / households) is published only when both its count and its denominator are.

Why this is enough for a tree
-----------------------------
Think of each family's equation as a node and each unknown cell as an edge between the (at most
two) equations it appears in: as the parent of its own family and as a child of its parent's.
Because the areas form a tree, these nodes and edges form a forest. After rule 2 no equation
touches exactly one unknown, so from any unknown cell one can walk in both directions, equation
to equation, until the walk leaves the table at a cell that appears in only one equation (a
sub-district, or the nation). Adding +t and -t alternately to the cells of that walk keeps every
equation true for every t: the published cells are equally consistent with many values of the
suppressed one, so it cannot be solved for. ``evidence/tests/test_suppression_resists_attack.py``
checks this by exact Gaussian elimination over random trees.

What it does not protect
------------------------
- Bounds: counts are non-negative integers, so a suppressed cell is known to lie in an interval
  (for a primary cell, 0 to T-1). Only exact recovery is prevented (apart from rule 3's zeros).
- Releases over time: the difference between two releases (before and after an import, an
  erasure or a withdrawal of consent) can reveal a small change, e.g. one household's answers.
  Each release is protected on its own only; the published ``computed_at`` names the release.
- Other tables: a figure published elsewhere (a state figure, a report) is a new equation that
  this module does not know about.
- Non-linear combinations of the overlapping groups and indicators are not audited; they give
  inequalities, see above.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Mapping

import polars as pl

PRIMARY = "primary"
COMPLEMENTARY = "complementary"


def families(parent: Mapping[Hashable, Hashable | None],
             nodes: set[Hashable]) -> dict[Hashable, list[Hashable]]:
    """Parent -> its children among ``nodes`` (a parent absent from ``nodes`` is ignored)."""
    children: dict[Hashable, list[Hashable]] = defaultdict(list)
    for node in nodes:
        up = parent.get(node)
        if up is not None and up in nodes:
            children[up].append(node)
    return dict(children)


def suppress_tree(values: Mapping[Hashable, int], parent: Mapping[Hashable, Hashable | None],
                  threshold: int) -> dict[Hashable, str]:
    """Suppression status of every node of one tree of counts: "", "primary" or "complementary".

    ``values`` are the counts of the published nodes; ``parent`` maps a node to the node whose
    sum it is part of (None at the top). Each parent's value must be the sum of its children's.
    """
    status: dict[Hashable, str] = {
        node: PRIMARY if value < threshold else "" for node, value in values.items()}
    kids = families(parent, set(values))
    # Families to look at again; a family is re-examined when one of its cells changes.
    pending = set(kids)
    family_of_child = {child: up for up, children in kids.items() for child in children}

    def suppress(node: Hashable) -> None:
        status[node] = COMPLEMENTARY
        if node in kids:
            pending.add(node)
        if node in family_of_child:
            pending.add(family_of_child[node])

    while pending:
        up = pending.pop()
        cells = [up, *kids[up]]
        unknown = [cell for cell in cells if status[cell]]
        if not unknown:
            continue
        if len(unknown) == 1 or sum(values[cell] for cell in unknown) == 0:
            published = [child for child in kids[up] if not status[child]]
            if published:
                # The smallest child: the least information lost.
                suppress(min(published, key=lambda child: (values[child], str(child))))
            elif not status[up]:
                suppress(up)
            # else: every cell of the family is suppressed; nothing is left to add.
    return status


def suppress_table(cells: pl.DataFrame, parent: Mapping[int, int | None],
                   threshold: int) -> pl.DataFrame:
    """Add a ``suppressed`` column to a long table of counts.

    ``cells`` has columns ``area_id``, ``group``, ``indicator``, ``count``; every (group,
    indicator) is its own tree of areas (``parent``: area id -> the area id above it).
    """
    if cells.is_empty():
        return cells.with_columns(pl.lit("", dtype=pl.String).alias("suppressed"))
    statuses: list[pl.DataFrame] = []
    for (group, indicator), part in cells.group_by(["group", "indicator"], maintain_order=True):
        values = dict(zip(part["area_id"].to_list(), part["count"].to_list(), strict=True))
        status = suppress_tree(values, parent, threshold)
        statuses.append(pl.DataFrame({
            "area_id": list(status), "group": [group] * len(status),
            "indicator": [indicator] * len(status), "suppressed": list(status.values()),
        }, schema={"area_id": cells.schema["area_id"], "group": pl.String,
                   "indicator": pl.String, "suppressed": pl.String}))
    return cells.join(pl.concat(statuses), on=["area_id", "group", "indicator"], how="left")


def unsuppressed_rates(cells: pl.DataFrame) -> pl.DataFrame:
    """Rule 4: ``rate`` is kept only where the count and its denominator cell are published.

    ``cells`` has ``suppressed`` and ``rate``; the denominator is the "households" cell of the
    same area and group.
    """
    denominators = (cells.filter(pl.col("indicator") == "households")
                    .select("area_id", "group", pl.col("suppressed").alias("_den_suppressed")))
    return (cells.join(denominators, on=["area_id", "group"], how="left")
            .with_columns(pl.when((pl.col("suppressed") == "")
                                  & (pl.col("_den_suppressed").fill_null("") == ""))
                          .then(pl.col("rate")).otherwise(None).alias("rate"))
            .drop("_den_suppressed"))
