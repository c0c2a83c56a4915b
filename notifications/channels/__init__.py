"""Ways of telling people outside Klang: e-mail, LINE, and whatever comes next.

A channel is a small class with one job, ``send``: deliver some of one person's notifications,
or raise. Which channels exist is configuration (``KLANG_NOTIFICATION_CHANNELS``, dotted paths),
so a new one (SMS, a web push) is a new module here and one line in the settings; the delivery
code in ``notifications.delivery`` never names a channel.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from django.conf import settings
from django.utils.module_loading import import_string

if TYPE_CHECKING:
    from notifications.models import Notification, Preference

DEFAULT_CHANNELS = [
    "notifications.channels.email.EmailChannel",
    "notifications.channels.line.LineChannel",
]


class DeliveryError(Exception):
    """A channel could not deliver; the notifications stay unsent on that channel."""


class Channel(ABC):
    name: ClassVar[str]
    # The Notification column stamped once the channel has taken a notification for sending.
    stamp_field: ClassVar[str]

    def is_on(self) -> bool:
        """Whether this site has the channel switched on at all (e.g. a LINE token is set)."""
        return True

    @abstractmethod
    def wants(self, user: Any, preference: Preference) -> bool:
        """Whether this person asked for this channel and gave what it needs (an address)."""

    @abstractmethod
    def send(self, user: Any, preference: Preference, notifications: Sequence[Notification],
             *, period: str = "") -> None:
        """Deliver ``notifications`` to ``user``: one message each, or with ``period``
        ("daily", "weekly") one digest of them all. Raise ``DeliveryError`` when it fails."""


def all_channels() -> list[Channel]:
    """Every configured channel, in order (not cached: tests switch settings)."""
    paths = getattr(settings, "KLANG_NOTIFICATION_CHANNELS", DEFAULT_CHANNELS)
    return [import_string(path)() for path in paths]


def active_channels() -> list[Channel]:
    return [channel for channel in all_channels() if channel.is_on()]


def absolute_url(path: str) -> str:
    """A link that works from a mail client or a phone: the site's address before the path."""
    if not path or path.startswith(("http://", "https://")):
        return path
    site = getattr(settings, "KLANG_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
    return f"{site}/{path.lstrip('/')}"
