"""A confidential need never leaks: not in lists, counts, search, its page, files or the API.

Raised by the world's CSO member for the world's organisation, it is seen only by the raiser,
the organisation's members and coordinator, Lamphun's working group and the administrator.
"""

from __future__ import annotations

import re

import pytest

from conftest import MATRIX_ROLES
from needs.tests.helpers import (
    SECRET_TITLE,
    listed,
    make_need,
    make_sensitive_need,
    store_document,
)

pytestmark = pytest.mark.django_db

MAY_SEE = {"cso_member", "cso_coordinator", "working_group", "administrator"}


def count_on_page(html: str) -> int:
    found = re.search(r'id="results-heading"[^>]*>\s*(\d+)', html)
    assert found, "no result count on the page"
    return int(found.group(1))


@pytest.mark.parametrize("role", MATRIX_ROLES)
def test_a_confidential_need_is_seen_only_by_those_allowed(client, world, role):
    public = make_need(world, title="ถนนชำรุด")
    secret = make_sensitive_need(world)
    document = store_document(secret)
    world.login(client, role)
    sees = role in MAY_SEE
    expected = {public.pk, secret.pk} if sees else {public.pk}

    page = client.get("/needs/")
    assert listed(page) == expected
    assert count_on_page(page.content.decode()) == len(expected)
    assert (SECRET_TITLE in page.content.decode()) is sees

    by_area = client.get("/needs/", {"area": "51"})
    assert listed(by_area) == expected and count_on_page(by_area.content.decode()) == len(expected)

    search = client.get("/needs/", {"q": SECRET_TITLE})
    assert listed(search) == ({secret.pk} if sees else set())
    assert count_on_page(search.content.decode()) == (1 if sees else 0)

    detail = client.get(f"/needs/{secret.pk}/")
    assert detail.status_code == (200 if sees else 404)
    assert (SECRET_TITLE in detail.content.decode()) is sees

    download = client.get(f"/needs/{secret.pk}/evidence/{document.pk}/")
    assert download.status_code == (200 if sees else 404)

    api_list = client.get("/api/v1/needs/").json()
    assert {row["id"] for row in api_list["results"]} == expected
    assert api_list["count"] == len(expected)
    api_search = client.get("/api/v1/needs/", {"q": SECRET_TITLE}).json()
    assert api_search["count"] == (1 if sees else 0)
    assert (SECRET_TITLE in str(api_search)) is sees
    api_detail = client.get(f"/api/v1/needs/{secret.pk}/")
    assert api_detail.status_code == (200 if sees else 404)
    assert (SECRET_TITLE in str(api_detail.json())) is sees


def test_an_api_token_shows_its_owner_their_confidential_need(client, world):
    from accounts.models import ApiToken

    secret = make_sensitive_need(world)
    _token, key = ApiToken.issue(world.people["cso_member"], "test")
    anonymous = client.get(f"/api/v1/needs/{secret.pk}/")
    assert anonymous.status_code == 404
    mine = client.get(f"/api/v1/needs/{secret.pk}/", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert mine.status_code == 200 and mine.json()["title"] == SECRET_TITLE


def test_another_provinces_working_group_does_not_see_it(client, world):
    from accounts.models import Role, RoleGrant, User

    secret = make_sensitive_need(world)
    other = User.objects.create_user("wg-cm@example.org", "x", full_name="wg cm")
    RoleGrant.objects.create(user=other, role=Role.WORKING_GROUP, area=world.chiang_mai)
    client.force_login(other)
    assert client.get(f"/needs/{secret.pk}/").status_code == 404
    assert client.get("/api/v1/needs/").json()["count"] == 0


def test_the_working_group_notice_does_not_carry_the_confidential_title(
        client, world, django_capture_on_commit_callbacks):
    from needs.tests.helpers import form_data
    from notifications.models import Notification

    world.login(client, "cso_member")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/needs/new/", form_data(title=SECRET_TITLE, is_sensitive="on",
                                             organisation=str(world.org.pk)))
    notice = Notification.objects.get(user=world.people["working_group"])
    assert SECRET_TITLE not in notice.title + notice.body


def test_merging_a_confidential_need_makes_the_kept_need_confidential(client, world):
    public = make_need(world, title="บ้านพักฉุกเฉิน")
    secret = make_sensitive_need(world)
    world.login(client, "working_group")
    response = client.post("/needs/merge/", {"need": [public.pk, secret.pk], "keep": public.pk})
    assert response.status_code == 302
    public.refresh_from_db()
    assert public.is_sensitive
    client.logout()
    assert client.get(f"/needs/{public.pk}/").status_code == 404
