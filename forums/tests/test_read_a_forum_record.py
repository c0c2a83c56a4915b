"""Anyone reads a forum's record: when and where, organisers, agenda, minutes, needs raised."""

import datetime as dt

import pytest
from django.utils import timezone

from conftest import MATRIX_ROLES
from forums.tests.helpers import make_forum
from needs.models import Need

SECRET = "ผู้หญิงที่ถูกกระทำความรุนแรงในบ้านเลขที่ 7"
# needs.view_need for a sensitive Lamphun need raised by nobody in particular.
SEE_SENSITIVE = {"working_group", "administrator"}


def test_the_record_shows_when_where_who_and_what(client, world):
    forum = make_forum(world, days=-1, agenda="1. เปิดเวที\n2. ระดมปัญหา",
                       minutes="มีผู้เข้าร่วม <b>42</b> คน",
                       online_url="https://meet.example.org/klang")
    forum.starts_at = timezone.make_aware(dt.datetime(2025, 7, 24, 9, 0))
    forum.ends_at = timezone.make_aware(dt.datetime(2025, 7, 24, 16, 0))
    forum.save()
    client.cookies["klang_language"] = "th"
    html = client.get(f"/forums/{forum.pk}/").content.decode()
    assert "24 กรกฎาคม 2568" in html and "09:00" in html and "16:00" in html
    assert "ศาลากลางจังหวัดลำพูน" in html
    assert 'href="https://meet.example.org/klang"' in html
    assert f'href="/organisations/{world.org.pk}/"' in html
    assert "1. เปิดเวที<br>2. ระดมปัญหา" in html
    assert "<b>42</b>" not in html and "&lt;b&gt;42&lt;/b&gt;" in html


@pytest.mark.parametrize("role", MATRIX_ROLES)
def test_sensitive_needs_raised_there_are_shown_only_to_those_who_may_see_them(
        client, world, role):
    forum = make_forum(world, days=-1)
    public = Need.objects.create(title="ทางลาดสำหรับรถเข็นที่ว่าการอำเภอ", description="-",
                                 area=world.lamphun)
    secret = Need.objects.create(title=SECRET, description="-", area=world.lamphun,
                                 is_sensitive=True)
    public.forums.add(forum)
    secret.forums.add(forum)
    world.login(client, role)
    html = client.get(f"/forums/{forum.pk}/").content.decode()
    assert f'href="/needs/{public.pk}/"' in html
    assert (SECRET in html) == (role in SEE_SENSITIVE), role
    assert (f'href="/needs/{secret.pk}/"' in html) == (role in SEE_SENSITIVE), role
    titles = [n["title"] for n in client.get(f"/api/v1/forums/{forum.pk}/").json()["needs"]]
    assert (SECRET in titles) == (role in SEE_SENSITIVE), role


def test_unknown_forum_is_404(client, world):
    assert client.get("/forums/999999/").status_code == 404


def test_edit_links_only_for_people_who_may_edit(client, world):
    forum = make_forum(world)
    assert f'href="/forums/{forum.pk}/edit/"' not in client.get(f"/forums/{forum.pk}/"
                                                                 ).content.decode()
    world.login(client, "cso_member")
    assert f'href="/forums/{forum.pk}/edit/"' in client.get(f"/forums/{forum.pk}/"
                                                             ).content.decode()
