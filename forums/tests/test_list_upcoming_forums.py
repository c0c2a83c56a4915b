"""Anyone finds the forums of their area: upcoming ones first, then past ones."""

import re

from forums.tests.helpers import make_forum


def listed(response) -> list[int]:
    """The forums on the page, in order, by the primary key in their link."""
    return [int(pk) for pk in re.findall(r'class="forum-title"><a href="/forums/(\d+)/"',
                                         response.content.decode())]


def test_upcoming_forums_come_first_soonest_first_then_past_ones_latest_first(client, world):
    later = make_forum(world, days=20, title="later")
    sooner = make_forum(world, days=2, title="sooner")
    old = make_forum(world, days=-30, title="old")
    recent = make_forum(world, days=-3, title="recent")
    response = client.get("/forums/")
    assert response.status_code == 200
    assert listed(response) == [sooner.pk, later.pk, recent.pk, old.pk]
    html = response.content.decode()
    assert html.index("Upcoming forums") < html.index("Past forums")


def test_filter_by_province_includes_its_districts_and_nothing_else(client, world):
    in_province = make_forum(world, area="51")
    in_district = make_forum(world, area="5104")
    in_subdistrict = make_forum(world, area="510401")
    elsewhere = make_forum(world, area="50")
    response = client.get("/forums/?area=51")
    assert set(listed(response)) == {in_province.pk, in_district.pk, in_subdistrict.pk}
    assert elsewhere.pk not in listed(response)
    assert set(listed(client.get("/forums/?area=5104"))) == {in_district.pk, in_subdistrict.pk}


def test_upcoming_or_past_only(client, world):
    coming = make_forum(world, days=5)
    gone = make_forum(world, days=-5)
    assert listed(client.get("/forums/?when=upcoming")) == [coming.pk]
    assert listed(client.get("/forums/?when=past")) == [gone.pk]


def test_a_forum_under_way_is_still_upcoming(client, world):
    import datetime as dt

    from django.utils import timezone

    now = timezone.now()
    running = make_forum(world, days=-0.05, ends_at=now + dt.timedelta(hours=2))
    assert listed(client.get("/forums/?when=upcoming")) == [running.pk]


def test_unknown_area_code_is_404(client, world):
    assert client.get("/forums/?area=5199").status_code == 404


def test_the_list_is_paginated(client, world):
    for day in range(1, 23):
        make_forum(world, days=day)
    first = client.get("/forums/")
    assert len(listed(first)) == 20
    assert "Page 1 of 2" in first.content.decode()
    assert len(listed(client.get("/forums/?page=2"))) == 2


def test_the_list_links_to_the_calendar_of_the_chosen_area(client, world):
    html = client.get("/forums/?area=51").content.decode()
    assert 'href="/forums/ics/51/"' in html
    assert "Subscribe in your calendar" in html


def test_dates_are_in_the_buddhist_era_in_thai(client, world):
    import datetime as dt

    from django.utils import timezone

    forum = make_forum(world)
    forum.starts_at = timezone.make_aware(dt.datetime(2025, 7, 24, 9, 0))
    forum.ends_at = None
    forum.save()
    client.cookies["klang_language"] = "th"
    html = client.get("/forums/?when=past").content.decode()
    assert "24 กรกฎาคม 2568" in html and "09:00" in html


def test_titles_are_escaped(client, world):
    make_forum(world, title="<script>alert(1)</script>")
    html = client.get("/forums/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html
