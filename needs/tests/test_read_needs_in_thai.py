"""Needs pages are Thai first, with Buddhist-Era dates, for every page of the working group too."""

from __future__ import annotations

import pytest

from needs.tests.helpers import make_need

pytestmark = pytest.mark.django_db


def test_every_needs_page_renders_in_thai(client, world):
    client.cookies["klang_language"] = "th"
    need = make_need(world)
    other = make_need(world)
    assert 'lang="th"' in client.get("/needs/").content.decode()
    page = client.get(f"/needs/{need.pk}/").content.decode()
    assert str(need.created_at.year + 543) in page
    world.login(client, "working_group")
    for url in ("/needs/new/", "/needs/queue/51/", f"/needs/{need.pk}/screen/",
                f"/needs/{need.pk}/split/", f"/needs/merge/?need={need.pk}&need={other.pk}",
                f"/needs/synthesise/?need={need.pk}", "/needs/merge/", "/needs/synthesise/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "<h1>" in response.content.decode(), url
