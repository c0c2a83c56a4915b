"""Who sits on a body now: seats by category, vacancies, and the vulnerable groups left out.

Read side of the composition work (the changes are in ``committee.services``). Built for many
bodies at once, in a fixed number of queries, so that the province page and the API list do
not ask the database once per seat.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from committee.models import (
    Body,
    BodyKind,
    Nomination,
    NominationStatus,
    Seat,
    SeatCategory,
    SeatTerm,
)
from orgs.models import TargetGroup

# The order a reader looks for: the ก.บ.จ. first, then the bodies that feed it.
KIND_ORDER = [BodyKind.PROVINCIAL, BodyKind.CLUSTER, BodyKind.WORKING_GROUP, BodyKind.DISTRICT,
              BodyKind.SUBDISTRICT]
CATEGORY_ORDER = [SeatCategory.CIVIL_SOCIETY, SeatCategory.EX_OFFICIO,
                  SeatCategory.LOCAL_GOVERNMENT, SeatCategory.PRIVATE_SECTOR,
                  SeatCategory.ACADEMIC, SeatCategory.OTHER]


def today() -> dt.date:
    return timezone.localdate()


@dataclass
class SeatState:
    seat: Seat
    current: SeatTerm | None = None
    upcoming: SeatTerm | None = None
    pending_nominations: int = 0

    @property
    def filled(self) -> bool:
        return self.current is not None

    @property
    def open_for_nomination(self) -> bool:
        return self.current is None and self.upcoming is None and self.seat.is_civil_society


@dataclass
class Composition:
    body: Body
    day: dt.date
    seats: list[SeatState] = field(default_factory=list)
    missing_groups: list[TargetGroup] = field(default_factory=list)
    represented_groups: list[TargetGroup] = field(default_factory=list)

    @property
    def cso_seats(self) -> list[SeatState]:
        return [s for s in self.seats if s.seat.is_civil_society]

    @property
    def cso_total(self) -> int:
        return len(self.cso_seats)

    @property
    def cso_filled(self) -> int:
        return sum(1 for s in self.cso_seats if s.filled)

    @property
    def vacant(self) -> list[SeatState]:
        return [s for s in self.seats if not s.filled]

    @property
    def cso_vacant(self) -> list[SeatState]:
        return [s for s in self.cso_seats if not s.filled]

    @property
    def below_minimum(self) -> bool:
        return self.cso_filled < self.body.cso_seats_min

    @property
    def by_category(self) -> list[tuple[str, str, list[SeatState]]]:
        """(category, label, seats) in reading order, civil society first; empty ones left out."""
        grouped: dict[str, list[SeatState]] = defaultdict(list)
        for state in self.seats:
            grouped[state.seat.category].append(state)
        return [(c.value, c.label, grouped[c.value]) for c in CATEGORY_ORDER if grouped[c.value]]


def vulnerable_groups() -> list[TargetGroup]:
    return list(TargetGroup.objects.filter(is_vulnerable=True).order_by("sort_order", "slug"))


def terms_running(day: dt.date) -> Q:
    """Terms that have not ended by ``day`` (running now, or starting later)."""
    return Q(ends_on__isnull=True) | Q(ends_on__gt=day)


def compositions(bodies: Iterable[Body], day: dt.date | None = None) -> list[Composition]:
    """The composition of each body on ``day`` (today by default), in the order given."""
    day = day or today()
    bodies = list(bodies)
    result = {b.pk: Composition(body=b, day=day) for b in bodies}
    if not bodies:
        return []
    seats = list(Seat.objects.filter(body__in=bodies)
                 .prefetch_related("target_groups", "issue_areas")
                 .annotate(pending=Count("nominations", filter=Q(
                     nominations__status=NominationStatus.PENDING)))
                 .order_by("body_id", "number", "pk"))
    states = {s.pk: SeatState(seat=s, pending_nominations=s.pending) for s in seats}
    terms = (SeatTerm.objects.filter(terms_running(day), seat__in=seats)
             .select_related("organisation").prefetch_related("target_groups", "issue_areas")
             .order_by("starts_on", "pk"))
    for term in terms:
        state = states[term.seat_id]
        if term.starts_on <= day:
            state.current = term
        elif state.upcoming is None:
            state.upcoming = term
    groups = vulnerable_groups()
    for state in states.values():
        result[state.seat.body_id].seats.append(state)
    for comp in result.values():
        covered = {g.pk for s in comp.cso_seats if s.current
                   for g in s.current.target_groups.all()}
        comp.missing_groups = [g for g in groups if g.pk not in covered]
        comp.represented_groups = [g for g in groups if g.pk in covered]
    return [result[b.pk] for b in bodies]


def composition(body: Body, day: dt.date | None = None) -> Composition:
    return compositions([body], day)[0]


def past_terms(body: Body, day: dt.date | None = None) -> QuerySet[SeatTerm]:
    """Membership history: terms that ended by ``day``, latest first."""
    day = day or today()
    return (SeatTerm.objects.filter(seat__body=body, ends_on__lte=day)
            .select_related("seat", "organisation").prefetch_related("target_groups")
            .order_by("-ends_on", "-starts_on", "-pk"))


def order_bodies(bodies: Iterable[Body]) -> list[Body]:
    rank = {kind.value: i for i, kind in enumerate(KIND_ORDER)}
    return sorted(bodies, key=lambda b: (rank.get(b.kind, 99), len(b.area.code), b.area.code,
                                         b.name_th, b.pk))


def bodies_for_province(province: Any) -> list[Body]:
    """The bodies of a province: its own and those below it, and the cluster body above it."""
    found = Body.objects.filter(
        province.subtree_q("area__")
        | Q(area_id__in=province.lineage_ids(), kind=BodyKind.CLUSTER)
    ).select_related("area")
    return order_bodies(found)


def pending_nominations(seat: Seat) -> QuerySet[Nomination]:
    return (Nomination.objects.filter(seat=seat)
            .select_related("organisation", "candidate_organisation")
            .prefetch_related("target_groups", "endorsements__organisation")
            .order_by("created_at", "pk"))
