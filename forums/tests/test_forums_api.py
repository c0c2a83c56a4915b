"""Forums as open data through /api/v1/forums/."""

import datetime as dt
import json

from django.utils import timezone

from forums.models import ForumFile
from forums.services import add_file, add_participant
from forums.tests.helpers import make_forum, png_upload
from needs.models import Need

NAME = "นายสมชาย ยินยอม"


def ids(response) -> list[int]:
    return [row["id"] for row in response.json()["results"]]


def test_list_filters_by_area_with_everything_below(client, world):
    province = make_forum(world, area="51", days=-10)
    district = make_forum(world, area="5104", days=5)
    make_forum(world, area="50", days=5)
    response = client.get("/api/v1/forums/?area=51")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert set(body) == {"count", "next", "previous", "results"}
    assert ids(response) == [district.pk, province.pk]            # latest first
    row = body["results"][0]
    assert row["area"]["code"] == "5104"
    assert row["organisers"][0]["id"] == world.org.pk
    assert row["url"].endswith(f"/forums/{district.pk}/")


def test_upcoming_only_soonest_first(client, world):
    later = make_forum(world, days=9)
    sooner = make_forum(world, days=1)
    make_forum(world, days=-1)
    assert ids(client.get("/api/v1/forums/?upcoming=true")) == [sooner.pk, later.pk]


def test_from_and_to_are_dates_of_the_start(client, world):
    forum = make_forum(world)
    forum.starts_at = timezone.make_aware(dt.datetime(2025, 7, 24, 9, 0))
    forum.ends_at = None
    forum.save()
    make_forum(world, days=30)
    assert ids(client.get("/api/v1/forums/?from=2025-07-24&to=2025-07-24")) == [forum.pk]
    assert ids(client.get("/api/v1/forums/?from=2025-07-25&to=2025-07-31")) == []


def test_bad_filters_answer_400_or_404(client, world):
    response = client.get("/api/v1/forums/?from=24-07-2568")
    assert response.status_code == 400
    assert response.json()["detail"][0]["field"] == "from"
    response = client.get("/api/v1/forums/?from=2025-08-01&to=2025-07-01")
    assert response.status_code == 400
    assert response.json()["detail"][0]["field"] == "to"
    assert client.get("/api/v1/forums/?area=5199").status_code == 404


def test_pagination(client, world):
    for day in range(1, 6):
        make_forum(world, days=day)
    body = client.get("/api/v1/forums/?limit=2").json()
    assert body["count"] == 5 and len(body["results"]) == 2
    assert "offset=2" in body["next"]


def test_detail_has_totals_and_files_but_never_names(client, world):
    forum = make_forum(world, days=-1, attendance_by_organisation={world.org: 30, "อื่น ๆ": 12},
                       attendance_by_group={"disability": 12})
    add_participant(forum, NAME, "", None)
    photo = add_file(forum, ForumFile.Kind.PHOTO, "บรรยากาศ", png_upload(), "image/png", None)
    world.login(client, "administrator")          # even those who may see names get none here
    response = client.get(f"/api/v1/forums/{forum.pk}/")
    assert response.status_code == 200
    body = response.json()
    assert body["attendance"]["total"] == 42
    assert body["attendance"]["by_group"] == [
        {"target_group": "disability", "name": body["attendance"]["by_group"][0]["name"],
         "count": 12}]
    assert body["files"][0]["url"].endswith(f"/forums/{forum.pk}/files/{photo.pk}/")
    assert "/media/" not in response.content.decode()
    # Compare with the decoded JSON: the raw body escapes Thai letters.
    assert NAME not in json.dumps(body, ensure_ascii=False)
    assert "participants" not in body


def test_detail_lists_only_the_needs_the_caller_may_see(client, world):
    forum = make_forum(world, days=-1)
    public = Need.objects.create(title="ทางลาดสำหรับรถเข็น", description="-", area=world.lamphun)
    secret = Need.objects.create(title="ผู้ถูกกระทำความรุนแรงในครอบครัว", description="-",
                                 area=world.lamphun, is_sensitive=True)
    public.forums.add(forum)
    secret.forums.add(forum)
    shown = client.get(f"/api/v1/forums/{forum.pk}/").json()["needs"]
    assert [n["id"] for n in shown] == [public.pk]
    world.login(client, "working_group")
    shown = client.get(f"/api/v1/forums/{forum.pk}/").json()["needs"]
    assert {n["id"] for n in shown} == {public.pk, secret.pk}


def test_unknown_forum_is_404(client, world):
    assert client.get("/api/v1/forums/999999/").status_code == 404
