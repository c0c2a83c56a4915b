"""The provincial office marks an organisation as verified."""

import pytest


def verify_url(org):
    return f"/organisations/{org.pk}/verify/"


@pytest.mark.parametrize("role", ["provincial_officer", "administrator"])
def test_officer_of_the_province_verifies(client, world, role):
    world.login(client, role)
    response = client.post(verify_url(world.other_org))
    assert response.status_code == 302
    assert response["Location"] == f"/organisations/{world.other_org.pk}/"
    world.other_org.refresh_from_db()
    assert world.other_org.verified_at is not None
    assert world.other_org.verified_by == world.people[role]
    page = client.get(response["Location"]).content.decode()
    assert "Verified on" in page


@pytest.mark.parametrize("role", ["cso_coordinator", "cso_member", "citizen", "working_group",
                                  "other_province_officer", "national_analyst"])
def test_others_cannot_verify(client, world, role):
    world.login(client, role)
    assert client.post(verify_url(world.org)).status_code == 403
    world.org.refresh_from_db()
    assert world.org.verified_at is None


def test_anonymous_is_sent_to_log_in(client, world):
    response = client.post(verify_url(world.org))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    world.org.refresh_from_db()
    assert world.org.verified_at is None


def test_verify_takes_post_only(client, world):
    world.login(client, "provincial_officer")
    assert client.get(verify_url(world.org)).status_code == 405
    world.org.refresh_from_db()
    assert world.org.verified_at is None


def test_verified_badge_shows_in_the_directory(client, world):
    world.login(client, "provincial_officer").post(verify_url(world.org))
    client.logout()
    html = client.get("/organisations/", {"q": "คนพิการ"}).content.decode()
    assert "badge-verified" in html
    html = client.get("/organisations/", {"q": "ชาติพันธุ์"}).content.decode()
    assert "badge-verified" not in html
