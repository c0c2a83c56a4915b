"""An officer reports progress: text, figures and a photo; parents roll up by budget."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from committee.tests.helpers import events
from monitoring.models import ProgressUpdate
from planning.models import PlanItem
from planning.services import create_plan_item, report_progress
from planning.tests.helpers import livelihood, make_item, make_plan


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Any) -> Any:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def jpeg(exif_make: str = "", size: tuple[int, int] = (40, 30)) -> bytes:
    out = io.BytesIO()
    image = Image.new("RGB", size, (11, 93, 59))
    if exif_make:
        exif = Image.Exif()
        exif[0x010F] = exif_make  # camera make: stands for any metadata, GPS included
        image.save(out, format="JPEG", exif=exif)
    else:
        image.save(out, format="JPEG")
    return out.getvalue()


def form(**overrides: Any) -> dict[str, Any]:
    data = {"date": "2026-03-01", "progress": "40",
            "text": "Ramps built at 3 of 8 district offices.",
            "figures-TOTAL_FORMS": "3", "figures-INITIAL_FORMS": "0",
            "figures-MIN_NUM_FORMS": "0", "figures-MAX_NUM_FORMS": "10",
            "figures-0-label": "Ramps built", "figures-0-value": "3",
            "figures-0-unit": "offices"}
    data.update(overrides)
    return data


def test_officer_reports_progress_with_a_photo(client: Any, world: Any) -> None:
    item = make_item(world, "in_implementation")
    world.login(client, "provincial_officer")
    assert client.get(f"/plan/items/{item.pk}/progress/").status_code == 200
    photo = SimpleUploadedFile("ramp.jpg", jpeg("PhoneMaker GPS"), content_type="image/jpeg")
    response = client.post(f"/plan/items/{item.pk}/progress/", {**form(), "photo": photo})
    assert response.status_code == 302
    update = ProgressUpdate.objects.get()
    assert update.figures == [{"label": "Ramps built", "value": 3, "unit": "offices"}]
    item.refresh_from_db()
    assert item.progress == 40
    event = events(item.proposal, "progress")[0]
    assert event.data["progress"] == 40 and event.data["figures"] == update.figures
    assert event.text == "Ramps built at 3 of 8 district offices."
    # The photo is served by a view, to anyone (progress is public), without its metadata.
    client.logout()
    page = client.get(f"/plan/items/{item.pk}/").content.decode()
    assert f"/plan/progress/{update.pk}/photo/" in page and "/media/" not in page
    assert "Ramps built" in page and ">40%<" in page
    served = client.get(f"/plan/progress/{update.pk}/photo/")
    assert served.status_code == 200 and served["Content-Type"] == "image/jpeg"
    with Image.open(io.BytesIO(b"".join(served.streaming_content))) as image:
        assert image.format == "JPEG" and not image.getexif()


def test_a_file_that_is_not_an_image_is_refused(client: Any, world: Any) -> None:
    item = make_item(world, "in_implementation")
    world.login(client, "provincial_officer")
    fake = SimpleUploadedFile("ramp.jpg", b"%PDF-1.7 not a photo", content_type="image/jpeg")
    response = client.post(f"/plan/items/{item.pk}/progress/", {**form(), "photo": fake})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_photo_error"' in html and "not a photo" in html
    assert not ProgressUpdate.objects.exists() and not events(item.proposal, "progress")


def test_a_photo_over_the_size_limit_is_refused(client: Any, world: Any,
                                                settings: Any) -> None:
    settings.KLANG_UPLOAD_MAX_BYTES = 100
    item = make_item(world, "in_implementation")
    world.login(client, "provincial_officer")
    photo = SimpleUploadedFile("big.jpg", jpeg(size=(400, 400)), content_type="image/jpeg")
    response = client.post(f"/plan/items/{item.pk}/progress/", {**form(), "photo": photo})
    assert response.status_code == 400
    assert "the most Klang accepts" in response.content.decode()
    assert not ProgressUpdate.objects.exists()


def test_progress_must_be_between_0_and_100(client: Any, world: Any) -> None:
    item = make_item(world, "in_implementation")
    world.login(client, "provincial_officer")
    response = client.post(f"/plan/items/{item.pk}/progress/", form(progress="120"))
    assert response.status_code == 400
    assert 'id="id_progress_error"' in response.content.decode()
    item.refresh_from_db()
    assert item.progress == 0 and not ProgressUpdate.objects.exists()


def test_a_figure_needs_its_number(client: Any, world: Any) -> None:
    item = make_item(world, "in_implementation")
    world.login(client, "provincial_officer")
    response = client.post(f"/plan/items/{item.pk}/progress/", form(**{"figures-0-value": ""}))
    assert response.status_code == 400
    assert 'id="id_figures-0-value_error"' in response.content.decode()
    assert not ProgressUpdate.objects.exists()


def test_a_late_report_about_an_earlier_day_does_not_roll_progress_back(world: Any) -> None:
    item = make_item(world, "in_implementation")
    officer = world.people["provincial_officer"]
    report_progress(item, dt.date(2026, 3, 1), 60, "Six ramps.", officer)
    report_progress(item, dt.date(2026, 1, 15), 20, "Two ramps (entered late).", officer)
    item.refresh_from_db()
    assert item.progress == 60


def test_parent_progress_rolls_up_weighted_by_budget(world: Any) -> None:
    plan = make_plan(world)
    officer = world.people["provincial_officer"]
    parent = create_plan_item(None, livelihood(plan), 2569, "Provincial Office",
                              Decimal("400"), officer, title="Accessible public services")
    done = make_item(world, "in_implementation", plan=plan, budget="100", parent=parent,
                     title="Ramps")
    make_item(world, "in_implementation", plan=plan, budget="300", parent=parent,
              title="Accessible toilets")
    report_progress(done, dt.date(2026, 3, 1), 100, "All ramps built.", officer)
    parent = PlanItem.objects.get(pk=parent.pk)
    assert parent.rolled_up_progress() == 25


def test_only_the_officer_of_the_province_reports(client: Any, world: Any) -> None:
    item = make_item(world, "in_implementation")
    world.login(client, "other_province_officer")
    assert client.post(f"/plan/items/{item.pk}/progress/", form()).status_code == 403
    client.logout()
    response = client.get(f"/plan/items/{item.pk}/progress/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not ProgressUpdate.objects.exists()


def test_an_update_without_a_photo_has_no_photo_url(client: Any, world: Any) -> None:
    item = make_item(world, "in_implementation")
    update = report_progress(item, dt.date(2026, 3, 1), 10, "Started.",
                             world.people["provincial_officer"])
    assert client.get(f"/plan/progress/{update.pk}/photo/").status_code == 404
