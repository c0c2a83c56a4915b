"""What the planning pulse calendar asks: the commitments due in a period, in an area or below."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agreements.services import commitments_due
from agreements.tests.helpers import make_agreement, make_commitment

pytestmark = pytest.mark.django_db


def test_commitments_due_in_the_area_or_below_between_the_dates(world, areas):
    li = areas.get(code="5104")
    province = make_agreement(world, title="Lamphun MOU")
    district = make_agreement(world, title="Li plan", areas=[li, areas.get(code="5101")])
    elsewhere = make_agreement(world, title="Chiang Mai MOU", areas=[world.chiang_mai])
    first = make_commitment(world, province, title="Survey", due_date=dt.date(2026, 1, 1))
    second = make_commitment(world, district, title="Train", due_date=dt.date(2026, 1, 31))
    make_commitment(world, province, title="Too late", due_date=dt.date(2026, 2, 1))
    make_commitment(world, elsewhere, title="Other province", due_date=dt.date(2026, 1, 10))

    due = list(commitments_due(world.lamphun, dt.date(2026, 1, 1), dt.date(2026, 1, 31)))
    assert due == [first, second]  # soonest first, both ends included, each once

    assert list(commitments_due(li, dt.date(2026, 1, 1), dt.date(2026, 1, 31))) == [second]
    assert list(commitments_due(areas.get(code="TH"), dt.date(2026, 1, 1),
                                dt.date(2026, 1, 31)))[:3] == [first, elsewhere.commitments
                                                               .get(), second]


def test_each_commitment_carries_what_the_calendar_shows(world):
    commitment = make_commitment(world)
    with CaptureQueriesContext(connection) as queries:
        found = list(commitments_due(world.lamphun, dt.date(2026, 1, 1), dt.date(2026, 12, 31)))
        rows = [(c.title, c.due_date, c.status, c.get_absolute_url(), c.agreement.title)
                for c in found]
    assert len(queries) == 1  # the agreement comes with the commitment
    assert rows == [(commitment.title, dt.date(2026, 3, 31), "planned",
                     f"/agreements/{commitment.agreement_id}/#commitment-{commitment.pk}",
                     commitment.agreement.title)]
