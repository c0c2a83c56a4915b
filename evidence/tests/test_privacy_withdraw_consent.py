"""A household withdraws its consent: from then on it counts in no statistic, and the log says
who recorded the withdrawal, when and why."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from audit.models import AuditEvent
from evidence.models import Household
from evidence.tests.access_privacy import make_household

pytestmark = pytest.mark.django_db


def test_withdrawal_takes_the_household_out_of_published(client: Any, world: Any) -> None:
    household = make_household(world)
    other = make_household(world)
    assert set(Household.objects.published()) == {household, other}
    world.login(client, "cso_coordinator")
    assert client.get(f"/evidence/households/{household.pseudonym}/withdraw/").status_code == 200
    response = client.post(f"/evidence/households/{household.pseudonym}/withdraw/",
                           {"withdrawn_on": timezone.localdate().isoformat(),
                            "reason": "ย้ายออกจากพื้นที่ ขอถอนความยินยอม"})
    assert response.status_code == 302
    household.refresh_from_db()
    assert household.consent_withdrawn_at is not None
    assert list(Household.objects.published()) == [other]
    event = AuditEvent.objects.get(action="consent_withdrawn")
    assert event.object_label == household.pseudonym
    assert event.actor == world.people["cso_coordinator"]
    assert event.reason == "ย้ายออกจากพื้นที่ ขอถอนความยินยอม"


def test_a_past_date_is_kept_and_a_future_date_or_no_reason_is_refused(client: Any,
                                                                       world: Any) -> None:
    household = make_household(world)
    world.login(client, "cso_member")
    url = f"/evidence/households/{household.pseudonym}/withdraw/"
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    assert client.post(url, {"withdrawn_on": tomorrow.isoformat(),
                             "reason": "x"}).status_code == 400
    assert client.post(url, {"withdrawn_on": "2025-07-01", "reason": "  "}).status_code == 400
    household.refresh_from_db()
    assert household.consent_withdrawn_at is None
    assert client.post(url, {"withdrawn_on": "2025-07-01", "reason": "โทรมาแจ้ง"}
                       ).status_code == 302
    household.refresh_from_db()
    assert timezone.localtime(household.consent_withdrawn_at).date() == dt.date(2025, 7, 1)


def test_withdrawing_twice_changes_nothing(client: Any, world: Any) -> None:
    household = make_household(world)
    world.login(client, "dpo")
    url = f"/evidence/households/{household.pseudonym}/withdraw/"
    client.post(url, {"withdrawn_on": "2025-07-01", "reason": "ครั้งแรก"})
    response = client.post(url, {"withdrawn_on": "2025-08-01", "reason": "ครั้งที่สอง"})
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="consent_withdrawn").count() == 1
