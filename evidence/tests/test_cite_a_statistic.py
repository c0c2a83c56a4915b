"""A need or proposal cites an area statistic; the citation keeps its number, definition and
date, and stays honest when the figure is updated or suppressed."""

from __future__ import annotations

from typing import Any

import pytest
from django.template import Context, Template

from evidence.models import AreaStatistic, StatisticCitation
from evidence.statistics import refresh
from evidence.tests.access_statistics import (
    add_households,
    lamphun_evidence,
    proposal,
    public_need,
    sensitive_need,
)

pytestmark = pytest.mark.django_db


def rendered(obj: Any, user: Any) -> str:
    from django.utils import translation

    with translation.override("en"):
        return Template("{% load statistic_citations %}{% statistic_citations obj %}").render(
            Context({"obj": obj, "user": user}))


def test_a_member_cites_a_published_figure_on_a_need(world: Any, client: Any) -> None:
    lamphun_evidence(world)
    need = public_need(world)
    world.login(client, "cso_member")
    response = client.post(f"/evidence/statistics/cite/need/{need.pk}/",
                           {"area": "51", "group": "all", "indicator": "households"})
    assert response.status_code == 302
    citation = StatisticCitation.objects.get(need=need)
    assert (citation.count, citation.denominator, citation.definition_version) == (
        43, 43, "tpmap-1+mpi-1+flags-1")
    html = rendered(need, world.people["cso_member"])
    assert "43 households out of 43" in html and "tpmap-1+mpi-1+flags-1" in html
    assert "Updated since" not in html


def test_a_suppressed_figure_cannot_be_cited(world: Any, client: Any) -> None:
    places = lamphun_evidence(world)
    need = public_need(world)
    world.login(client, "cso_member")
    response = client.post(f"/evidence/statistics/cite/need/{need.pk}/",
                           {"area": places["s3"].code, "group": "all",
                            "indicator": "households"})
    assert response.status_code == 400
    assert not StatisticCitation.objects.exists()


def test_the_citation_says_when_the_figure_was_updated_and_when_it_became_suppressed(
        world: Any, client: Any) -> None:
    places = lamphun_evidence(world)
    need = public_need(world)
    world.login(client, "working_group")
    client.post(f"/evidence/statistics/cite/need/{need.pk}/",
                {"area": places["s1"].code, "group": "all", "indicator": "households"})
    add_households(world.org, places["s1"], 3)
    refresh()
    html = rendered(need, world.people["working_group"])
    assert "12 households" in html and "Updated since: now 15 households" in html
    # Every verified household of the sub-district but 2 withdraw: the figure becomes small.
    AreaStatistic.objects.all().delete()
    from django.utils import timezone

    from evidence.models import Household

    keep = list(Household.objects.filter(area=places["s1"], status="verified")
                .values_list("pk", flat=True)[:2])
    Household.objects.filter(area=places["s1"]).exclude(pk__in=keep).update(
        consent_withdrawn_at=timezone.now())
    refresh()
    assert AreaStatistic.objects.get(area=places["s1"], group="all",
                                     indicator="households").suppressed == "primary"
    html = rendered(need, world.people["working_group"])
    assert "12 households" in html and "now suppressed" in html
    assert "now 2" not in html and "Updated since" not in html


def test_a_proposal_cites_a_figure(world: Any, client: Any) -> None:
    lamphun_evidence(world)
    item = proposal(world)
    world.login(client, "working_group")
    response = client.post(f"/evidence/statistics/cite/proposal/{item.pk}/",
                           {"area": "51", "group": "disability", "indicator": "households"})
    assert response.status_code == 302
    assert StatisticCitation.objects.get(proposal=item).count == 6


def test_who_may_cite(world: Any, client: Any) -> None:
    need, secret = public_need(world), sensitive_need(world)
    for role, status in [("citizen", 403), ("provincial_officer", 403), ("cso_member", 200)]:
        world.login(client, role)
        assert client.get(f"/evidence/statistics/cite/need/{need.pk}/").status_code == status
    world.login(client, "provincial_officer")
    assert client.get(f"/evidence/statistics/cite/need/{secret.pk}/").status_code == 404
    # The cite link is offered only to those who may cite.
    assert "cite/need" not in rendered(need, world.people["citizen"])
    assert "cite/need" in rendered(need, world.people["cso_member"])
