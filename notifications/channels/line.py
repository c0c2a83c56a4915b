"""LINE: a short text through the official Messaging API client (``line-bot-sdk`` v3).

Switched on by configuration: a channel access token in ``LINE_CHANNEL_ACCESS_TOKEN``
(env ``KLANG_LINE_CHANNEL_ACCESS_TOKEN``); ``LINE_API_HOST`` points the client elsewhere (a
local fake server in the tests). A person receives messages once they have added Klang's LINE
official account as a friend and saved the user ID it told them.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from notifications.channels import Channel, DeliveryError, absolute_url
from notifications.channels.email import subject_for
from notifications.models import Notification, Preference

# The Messaging API refuses text messages longer than this.
MAX_TEXT = 5000
DIGEST_LINES = 20
TIMEOUT_SECONDS = 10


def message_text(notifications: Sequence[Notification], period: str = "") -> str:
    if period:
        lines = [subject_for(notifications, period)]
        lines += [f"• {n.title}" for n in notifications[:DIGEST_LINES]]
        if len(notifications) > DIGEST_LINES:
            lines.append(_("… and %(count)d more") % {"count": len(notifications) - DIGEST_LINES})
        lines.append(absolute_url(reverse("notifications:inbox")))
    else:
        item = notifications[0]
        lines = [item.title, item.body, absolute_url(item.url)]
    text = "\n".join(line for line in lines if line)
    return text if len(text) <= MAX_TEXT else text[:MAX_TEXT - 1] + "…"


def retry_key(notifications: Sequence[Notification]) -> str:
    """The same notifications always get the same key: if a push is retried after LINE had in
    fact accepted it, LINE answers 409 instead of delivering it a second time."""
    ids = ",".join(str(n.pk) for n in sorted(notifications, key=lambda n: n.pk))
    site = getattr(settings, "KLANG_SITE_URL", "http://127.0.0.1:8000")
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{site}/notifications/line/{ids}"))


class LineChannel(Channel):
    name = "line"
    stamp_field = "sent_line_at"

    def is_on(self) -> bool:
        return bool(getattr(settings, "LINE_CHANNEL_ACCESS_TOKEN", ""))

    def wants(self, user: Any, preference: Preference) -> bool:
        return bool(preference.by_line and preference.line_user_id)

    def send(self, user: Any, preference: Preference, notifications: Sequence[Notification],
             *, period: str = "") -> None:
        if not notifications:
            return
        # Imported here: the SDK's hundreds of models take a second or two to load, and a
        # site without LINE never needs them.
        from linebot.v3.messaging import (
            ApiClient,
            ApiException,
            Configuration,
            MessagingApi,
            PushMessageRequest,
            TextMessage,
        )

        with translation.override(settings.LANGUAGE_CODE):
            text = message_text(notifications, period)
        configuration = Configuration(host=settings.LINE_API_HOST,
                                      access_token=settings.LINE_CHANNEL_ACCESS_TOKEN)
        request = PushMessageRequest(to=preference.line_user_id,
                                     messages=[TextMessage(text=text)])
        try:
            with ApiClient(configuration) as client:
                MessagingApi(client).push_message(
                    request, x_line_retry_key=retry_key(notifications),
                    _request_timeout=TIMEOUT_SECONDS)
        except ApiException as error:
            if error.status == 409:  # already accepted under this retry key: delivered
                return
            raise DeliveryError(f"LINE answered {error.status}: {error.body}") from error
        except Exception as error:  # network errors: urllib3, sockets, TLS
            raise DeliveryError(f"LINE could not be reached: {error}") from error
