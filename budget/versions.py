"""Budget versions: what makes a cached summary unreachable the moment its data change.

A province's summary reads its own lines, the lines placed on its cluster, and the class and
target-group lists. Each of those scopes has a token (``BudgetVersion``); every write changes
the token of the scopes it touches in the same transaction as the write, and the cache key of a
summary holds the tokens of its scopes. A reader therefore either sees the old data under the
old tokens or the new data under the new ones, in every process (the tokens live in the
database, not in the per-process cache).

Writes through ``save()``, ``delete()`` and many-to-many changes are caught by the signals
below (the officers' forms, confirming classes, the admin, the demo); bulk writes, which send
no signals, call ``bump_lines`` themselves (the importer). A new bulk write path must do the
same.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from django.db.models.signals import m2m_changed, post_delete, post_save

from budget.models import BudgetClass, BudgetLine, BudgetVersion


def scope_of(area_id: int | None) -> str:
    return str(area_id) if area_id else BudgetVersion.ALL


def bump(scopes: Iterable[str]) -> None:
    """A fresh token for each scope: one upsert, inside the caller's transaction."""
    wanted = sorted(set(scopes))
    if not wanted:
        return
    token = uuid.uuid4().hex
    BudgetVersion.objects.bulk_create(
        [BudgetVersion(scope=scope, token=token) for scope in wanted],
        update_conflicts=True, unique_fields=["scope"], update_fields=["token"])


def line_scopes(province_id: int | None, cluster_id: int | None) -> set[str]:
    # A line with a province counts in that province; one without (placed on a cluster) counts
    # in the cluster total of each province of the cluster.
    if province_id:
        return {scope_of(province_id)}
    return {scope_of(cluster_id)} if cluster_id else set()


def bump_lines(lines: Iterable[Any]) -> None:
    """After writing these lines (objects, or ``(province_id, cluster_id)`` pairs)."""
    scopes: set[str] = set()
    for line in lines:
        pair = (line.province_id, line.cluster_id) if hasattr(line, "province_id") else line
        scopes |= line_scopes(*pair)
    bump(scopes)


def tokens(province: Any) -> str:
    """The tokens of a province's summary, in one query: province, cluster, everything."""
    scopes = [scope_of(province.pk), BudgetVersion.ALL]
    if province.cluster_id:
        scopes.append(scope_of(province.cluster_id))
    found = dict(BudgetVersion.objects.filter(scope__in=scopes).values_list("scope", "token"))
    return "-".join(found.get(scope, "0") for scope in scopes)


# --- the signals -----------------------------------------------------------------------------

def line_written(sender: Any, instance: BudgetLine, **kwargs: Any) -> None:
    bump_lines([instance])


def links_changed(sender: Any, instance: Any, action: str, reverse: bool,
                  pk_set: set[int] | None, **kwargs: Any) -> None:
    if not reverse:
        if action in ("post_add", "post_remove", "post_clear"):
            bump_lines([instance])
        return
    # From the other side (a target group's, plan item's or proposal's lines).
    if action in ("post_add", "post_remove"):
        lines = BudgetLine.objects.filter(pk__in=pk_set or ())
    elif action == "pre_clear":
        lines = BudgetLine.objects.filter(**{sender_field(sender): instance})
    else:
        return
    bump_lines(lines.values_list("province_id", "cluster_id").distinct())


def sender_field(through: Any) -> str:
    """The BudgetLine relation whose through table is ``through``."""
    for name in ("target_groups", "plan_items", "proposals"):
        if getattr(BudgetLine, name).through is through:
            return name
    raise LookupError(through)


def lists_changed(sender: Any, **kwargs: Any) -> None:
    # Class names, order and slugs, and target-group names and "vulnerable" flags, are in
    # every summary.
    bump([BudgetVersion.ALL])


def connect() -> None:
    from orgs.models import TargetGroup

    post_save.connect(line_written, sender=BudgetLine, dispatch_uid="budget-line-saved")
    post_delete.connect(line_written, sender=BudgetLine, dispatch_uid="budget-line-deleted")
    for relation in (BudgetLine.target_groups, BudgetLine.plan_items, BudgetLine.proposals):
        m2m_changed.connect(links_changed, sender=relation.through,
                            dispatch_uid=f"budget-links-{relation.through.__name__}")
    for model in (BudgetClass, TargetGroup):
        post_save.connect(lists_changed, sender=model, dispatch_uid=f"budget-list-{model}-s")
        post_delete.connect(lists_changed, sender=model, dispatch_uid=f"budget-list-{model}-d")
