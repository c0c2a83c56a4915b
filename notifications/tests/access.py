"""Who may use each page of notifications (see klang/testing.py)."""

from __future__ import annotations

from typing import Any

from klang.testing import REGISTERED, Access


def citizens_notification(world: Any) -> int:
    from notifications.models import Kind, Notification

    return Notification.objects.create(user=world.people["citizen"], kind=Kind.PROPOSAL_STATE,
                                       title="ข้อเสนอที่คุณติดตาม", url="/proposals/1/").pk


ACCESS: list[Access] = [
    Access("notifications:inbox", lambda w: "/notifications/", REGISTERED),
    Access("notifications:read_all", lambda w: "/notifications/read/", REGISTERED,
           method="POST"),
    # A notification is its recipient's alone: everyone else gets 404.
    Access("notifications:read", lambda w: f"/notifications/{citizens_notification(w)}/read/",
           frozenset({"citizen"}), method="POST"),
    Access("notifications:settings", lambda w: "/notifications/settings/", REGISTERED),
    Access("notifications:settings", lambda w: "/notifications/settings/", REGISTERED,
           method="POST", data=lambda w: {"frequency": "daily", "by_email": "on"}),
]
