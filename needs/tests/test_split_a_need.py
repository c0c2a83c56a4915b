"""The working group splits a need that holds several problems into separate needs."""

from __future__ import annotations

import pytest

from needs.models import Need
from needs.tests.helpers import make_forum, make_need

pytestmark = pytest.mark.django_db


def split_data(*titles: str) -> dict[str, str]:
    data = {"parts-TOTAL_FORMS": "3", "parts-INITIAL_FORMS": "0"}
    for index, title in enumerate(titles):
        data[f"parts-{index}-title"] = title
        data[f"parts-{index}-description"] = f"รายละเอียด {title}"
    return data


def test_splitting_creates_needs_that_keep_every_source(client, world):
    forum = make_forum(world)
    original = make_need(world, org=world.org, forums=[forum], groups=["disability"],
                         supporters=[world.people["funder"]], is_sensitive=True,
                         raised_by=world.people["citizen"])
    world.login(client, "working_group")
    response = client.post(f"/needs/{original.pk}/split/",
                           split_data("ทางลาดสำหรับรถเข็น", "ล่ามภาษามือ"))
    assert response.status_code == 302
    original.refresh_from_db()
    assert original.status == "split"
    parts = list(Need.objects.filter(split_from=original).order_by("pk"))
    assert [p.title for p in parts] == ["ทางลาดสำหรับรถเข็น", "ล่ามภาษามือ"]
    for part in parts:
        assert part.description == f"รายละเอียด {part.title}"
        assert list(part.organisations.all()) == [world.org]
        assert list(part.forums.all()) == [forum]
        assert list(part.supporters.all()) == [world.people["funder"]]
        assert list(part.target_groups.values_list("slug", flat=True)) == ["disability"]
        assert part.area == original.area and part.is_sensitive
        assert part.raised_by == world.people["citizen"]
    page = client.get(f"/needs/{original.pk}/").content.decode()
    assert all(f'href="/needs/{p.pk}/"' in page for p in parts)
    assert f'href="/needs/{original.pk}/"' in client.get(f"/needs/{parts[0].pk}/").content.decode()


def test_a_split_needs_at_least_two_new_needs(client, world):
    original = make_need(world)
    world.login(client, "working_group")
    response = client.post(f"/needs/{original.pk}/split/", split_data("เพียงเรื่องเดียว"))
    assert response.status_code == 400
    original.refresh_from_db()
    assert original.status == "new" and not Need.objects.filter(split_from=original).exists()


def test_only_the_working_group_splits(client, world):
    original = make_need(world, raised_by=world.people["citizen"])
    world.login(client, "citizen")
    response = client.post(f"/needs/{original.pk}/split/", split_data("หนึ่ง", "สอง"))
    assert response.status_code == 403
    assert Need.objects.count() == 1
