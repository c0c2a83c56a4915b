"""Anyone subscribes their calendar to the upcoming forums of an area."""

import datetime as dt

from icalendar import Calendar

from forums.tests.helpers import make_forum


def events(response) -> dict[str, dict]:
    calendar = Calendar.from_ical(response.content)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_the_feed_holds_upcoming_forums_of_the_area_and_below_only(client, world):
    province = make_forum(world, area="51", days=3, title="เวทีกลางจังหวัด",
                          agenda="1. ข้อเสนอของภาคประชาสังคม")
    district = make_forum(world, area="5104", days=9, title="เวทีอำเภอลี้",
                          online_url="https://meet.example.org/li")
    make_forum(world, area="51", days=-2, title="เวทีที่ผ่านไปแล้ว")
    make_forum(world, area="50", days=4, title="เวทีเชียงใหม่")

    response = client.get("/forums/ics/51/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    found = events(response)
    assert set(found) == {f"forum-{province.pk}@klang", f"forum-{district.pk}@klang"}

    event = found[f"forum-{province.pk}@klang"]
    assert str(event["SUMMARY"]) == "เวทีกลางจังหวัด"
    assert event.decoded("DTSTART") == province.starts_at.replace(microsecond=0)
    assert event.decoded("DTSTART").utcoffset() == dt.timedelta(0)
    assert event.decoded("DTEND") == province.ends_at.replace(microsecond=0)
    assert "ศาลากลางจังหวัดลำพูน" in str(event["LOCATION"])
    assert str(event["URL"]).endswith(f"/forums/{province.pk}/")
    assert "ข้อเสนอของภาคประชาสังคม" in str(event["DESCRIPTION"])
    assert "https://meet.example.org/li" in str(found[f"forum-{district.pk}@klang"]["DESCRIPTION"])

    # A district's feed holds only that district's forums.
    assert set(events(client.get("/forums/ics/5104/"))) == {f"forum-{district.pk}@klang"}


def test_uids_stay_the_same_when_a_forum_moves(client, world):
    forum = make_forum(world, days=5)
    first = set(events(client.get("/forums/ics/51/")))
    forum.starts_at += dt.timedelta(days=1)
    forum.ends_at += dt.timedelta(days=1)
    forum.save()
    assert set(events(client.get("/forums/ics/51/"))) == first


def test_a_forum_without_an_end_time_gets_one(client, world):
    forum = make_forum(world, days=5, ends_at=None)
    event = events(client.get("/forums/ics/51/"))[f"forum-{forum.pk}@klang"]
    assert event.decoded("DTEND") > event.decoded("DTSTART")


def test_unknown_area_is_404(client, world):
    assert client.get("/forums/ics/5199/").status_code == 404


def test_the_national_feed_holds_every_upcoming_forum(client, world):
    here = make_forum(world, area="51", days=2)
    there = make_forum(world, area="50", days=2)
    assert set(events(client.get("/forums/ics/TH/"))) == {
        f"forum-{here.pk}@klang", f"forum-{there.pk}@klang"}
