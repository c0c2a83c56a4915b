"""Who may use each page of the plan and its results (see klang/testing.py).

The plan, its items, progress and photos are public; entering, funding, starting, finishing
and reporting are for the provincial officer of the plan's province (and administrators).
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.core.files.storage import default_storage

from klang.testing import EVERYONE, REGISTERED, Access

OFFICERS = frozenset({"provincial_officer", "administrator"})
MATRIX_PHOTO = "progress/matrix/tiny.png"


def item_url(world: Any, suffix: str = "", state: str = "approved") -> str:
    from planning.tests.helpers import make_item

    return f"/plan/items/{make_item(world, state).pk}/{suffix}"


def new_item_url(world: Any) -> str:
    from committee.tests.helpers import make_proposal
    from planning.tests.helpers import make_plan

    make_plan(world)
    return f"/plan/items/new/?proposal={make_proposal(world, 'approved').pk}"


def photo_url(world: Any) -> str:
    """An update with a photo: one tiny file, written once under MEDIA_ROOT and reused."""
    from PIL import Image

    from monitoring.models import ProgressUpdate
    from planning.tests.helpers import make_item

    if not default_storage.exists(MATRIX_PHOTO):
        out = io.BytesIO()
        Image.new("RGB", (2, 2)).save(out, format="PNG")
        default_storage.save(MATRIX_PHOTO, io.BytesIO(out.getvalue()))
    update = ProgressUpdate.objects.create(plan_item=make_item(world), date=dt.date(2026, 3, 1),
                                           progress=10, text="Started.", photo=MATRIX_PHOTO)
    return f"/plan/progress/{update.pk}/photo/"


def plan_url(world: Any) -> str:
    from planning.tests.helpers import make_plan

    make_plan(world)
    return f"/plan/{world.lamphun.code}/"


def pulse_type_url(world: Any) -> str:
    from planning.calendar_data import load_plan_types

    load_plan_types()
    return f"/plan/pulse/{world.lamphun.code}/province-annual.ics"


def cycle_dates_url(world: Any) -> str:
    from planning.calendar_data import load_template

    load_template(2570, 1)
    return f"/plan/pulse/{world.lamphun.code}/province-annual/2570/dates/"


ACCESS: list[Access] = [
    Access("planning:index", lambda w: "/plan/", EVERYONE),
    Access("planning:plan", plan_url, EVERYONE),
    Access("planning:item", lambda w: item_url(w), EVERYONE),
    Access("planning:progress_photo", photo_url, EVERYONE),
    Access("planning:item_create", new_item_url, OFFICERS),
    Access("planning:item_create", new_item_url, OFFICERS, method="POST"),
    Access("planning:fund", lambda w: item_url(w, "fund/"), OFFICERS),
    Access("planning:fund", lambda w: item_url(w, "fund/"), OFFICERS, method="POST"),
    Access("planning:start", lambda w: item_url(w, "start/", "funded"), OFFICERS,
           method="POST"),
    Access("planning:finish", lambda w: item_url(w, "finish/"), OFFICERS, method="POST"),
    Access("planning:progress", lambda w: item_url(w, "progress/"), OFFICERS),
    Access("planning:progress", lambda w: item_url(w, "progress/"), OFFICERS, method="POST"),
    # The planning pulse: public pages and feeds; following needs a login; a province's own
    # dates are set by its provincial officer.
    Access("planning:pulse", lambda w: "/plan/pulse/51/", EVERYONE),
    Access("planning:pulse", lambda w: "/plan/pulse/5104/", EVERYONE),
    Access("planning:pulse_ics", lambda w: "/plan/pulse/51/calendar.ics", EVERYONE),
    Access("planning:pulse_type_ics", pulse_type_url, EVERYONE),
    Access("planning:pulse_follow", lambda w: "/plan/pulse/51/follow/", REGISTERED,
           method="POST", data=lambda w: {"days_before": "7"}),
    Access("planning:cycle_dates", cycle_dates_url, OFFICERS),
    Access("planning:cycle_dates", cycle_dates_url, OFFICERS, method="POST"),
    Access("api-1.0.0:calendar", lambda w: "/api/v1/calendar/?area=51", EVERYONE),
]
