"""The working group merges duplicates: the kept need keeps every source, supporter and forum."""

from __future__ import annotations

import pytest

from needs.tests.helpers import add_figure, make_forum, make_need, store_document

pytestmark = pytest.mark.django_db


def test_merging_keeps_every_source_supporter_forum_and_piece_of_evidence(client, world):
    forum = make_forum(world)
    people = world.people
    kept = make_need(world, raised_by=people["citizen"], groups=["older-people"])
    first = make_need(world, org=world.org, forums=[forum], groups=["disability"],
                      supporters=[people["funder"]], raised_by=people["cso_member"])
    second = make_need(world, area="510401", org=world.other_org,
                       supporters=[people["committee_member"]])
    add_figure(first)
    document = store_document(second)

    world.login(client, "working_group")
    response = client.post("/needs/merge/", {"need": [kept.pk, first.pk, second.pk],
                                             "keep": kept.pk})
    assert response.status_code == 302 and response["Location"] == f"/needs/{kept.pk}/"
    kept.refresh_from_db()
    assert set(kept.organisations.all()) == {world.org, world.other_org}
    assert list(kept.forums.all()) == [forum]
    assert set(kept.supporters.all()) == {people["funder"], people["committee_member"],
                                          people["cso_member"]}
    assert set(kept.target_groups.values_list("slug", flat=True)) == {"older-people",
                                                                      "disability"}
    assert kept.evidence.count() == 2
    copied = kept.evidence.get(kind="document")
    assert copied.file.name == document.file.name
    assert second.evidence.filter(pk=document.pk).exists()  # the original row stays too

    for duplicate in (first, second):
        duplicate.refresh_from_db()
        assert duplicate.status == "merged" and duplicate.merged_into == kept
        page = client.get(f"/needs/{duplicate.pk}/").content.decode()
        assert f'href="/needs/{kept.pk}/"' in page

    page = client.get(f"/needs/{kept.pk}/").content.decode()
    assert "Lamphun Disability Association" in page and "Li Ethnic Network" in page
    assert forum.title in page
    # The duplicates are out of the public list; the kept need is there.
    listed_page = client.get("/needs/").content.decode()
    assert f'href="/needs/{first.pk}/"' not in listed_page
    assert f'href="/needs/{kept.pk}/"' in listed_page


def test_the_raiser_of_a_duplicate_still_sees_a_confidential_kept_need(client, world):
    kept = make_need(world, is_sensitive=True, raised_by=world.people["working_group"])
    duplicate = make_need(world, raised_by=world.people["citizen"])
    world.login(client, "working_group")
    client.post("/needs/merge/", {"need": [kept.pk, duplicate.pk], "keep": kept.pk})
    world.login(client, "citizen")
    assert client.get(f"/needs/{kept.pk}/").status_code == 200


def test_needs_of_another_province_are_not_merged(client, world):
    from accounts.models import Role, RoleGrant

    RoleGrant.objects.create(user=world.people["working_group"], role=Role.WORKING_GROUP,
                             area=world.chiang_mai)
    kept = make_need(world)
    elsewhere = make_need(world, area="50")
    world.login(client, "working_group")
    response = client.post("/needs/merge/", {"need": [kept.pk, elsewhere.pk], "keep": kept.pk})
    assert response.status_code == 400
    assert "same province" in response.content.decode()
    elsewhere.refresh_from_db()
    assert elsewhere.status == "new" and elsewhere.merged_into is None


def test_the_need_to_keep_must_be_chosen(client, world):
    first, second = make_need(world), make_need(world)
    world.login(client, "working_group")
    response = client.post("/needs/merge/", {"need": [first.pk, second.pk]})
    assert response.status_code == 400
    first.refresh_from_db()
    assert first.status == "new"


def test_only_the_working_group_merges(client, world):
    first, second = make_need(world), make_need(world)
    world.login(client, "provincial_officer")
    response = client.post("/needs/merge/", {"need": [first.pk, second.pk], "keep": first.pk})
    assert response.status_code == 403
    second.refresh_from_db()
    assert second.status == "new"
