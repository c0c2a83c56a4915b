"""A person who forgot their password gets a link by e-mail (through a real SMTP server)."""

from __future__ import annotations

import email
import re
import socket
from collections.abc import Iterator
from email.message import Message
from email.policy import default as default_policy
from typing import Any
from urllib.parse import urlsplit

import pytest
from aiosmtpd.controller import Controller
from django.urls import reverse

from conftest import PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-brand-new-pass-phrase-2569"


class Inbox:
    """aiosmtpd handler keeping every message it receives."""

    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = email.message_from_bytes(envelope.original_content, policy=default_policy)
        message["X-Envelope-To"] = ", ".join(envelope.rcpt_tos)
        self.messages.append(message)
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp(settings: Any) -> Iterator[Inbox]:
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    try:
        yield inbox
    finally:
        controller.stop()


def body_of(message: Message) -> str:
    part = message.get_body(preferencelist=("plain",))
    return part.get_content()


def reset_link(message: Message) -> str:
    match = re.search(r"https?://\S+/accounts/reset/\S+/", body_of(message))
    assert match, body_of(message)
    return urlsplit(match.group(0)).path


def test_reset_by_email_then_log_in_with_the_new_password(client: Any, world: Any,
                                                          smtp: Inbox) -> None:
    response = client.post(reverse("accounts:password_reset"),
                           {"email": "Citizen@Example.org"})
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert client.get(response["Location"]).status_code == 200

    assert len(smtp.messages) == 1
    message = smtp.messages[0]
    assert message["X-Envelope-To"] == "citizen@example.org"
    assert "Klang" in message["Subject"]

    # The link leads to a form (Django swaps the token into the session and redirects once).
    page = client.get(reset_link(message), follow=True)
    assert page.status_code == 200
    assert page.context["validlink"]
    html = page.content.decode()
    assert 'autocomplete="new-password"' in html
    form_url = page.redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": NEW_PASSWORD,
                                      "new_password2": NEW_PASSWORD})
    assert response["Location"] == reverse("accounts:password_reset_complete")

    client.post(reverse("accounts:login"), {"username": "citizen@example.org",
                                            "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    client.post(reverse("accounts:login"), {"username": "citizen@example.org",
                                            "password": NEW_PASSWORD})
    assert client.session["_auth_user_id"] == str(world.people["citizen"].pk)


def test_a_reset_link_works_only_once(client: Any, world: Any, smtp: Inbox) -> None:
    client.post(reverse("accounts:password_reset"), {"email": "citizen@example.org"})
    link = reset_link(smtp.messages[0])
    page = client.get(link, follow=True)
    client.post(page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD,
                                             "new_password2": NEW_PASSWORD})
    again = client.get(link, follow=True)
    assert again.context["validlink"] is False
    assert reverse("accounts:password_reset") in again.content.decode()


def test_an_unknown_address_gets_the_same_page_and_no_mail(client: Any, world: Any,
                                                           smtp: Inbox) -> None:
    known = client.post(reverse("accounts:password_reset"), {"email": "citizen@example.org"})
    unknown = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})
    assert unknown.status_code == known.status_code == 302
    assert unknown["Location"] == known["Location"]
    assert len(smtp.messages) == 1


def test_a_locked_out_person_is_let_in_after_a_reset(client: Any, world: Any,
                                                     smtp: Inbox) -> None:
    for _ in range(5):
        client.post(reverse("accounts:login"), {"username": "citizen@example.org",
                                                "password": "wrong-password"})
    client.post(reverse("accounts:password_reset"), {"email": "citizen@example.org"})
    page = client.get(reset_link(smtp.messages[0]), follow=True)
    client.post(page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD,
                                             "new_password2": NEW_PASSWORD})
    response = client.post(reverse("accounts:login"), {"username": "citizen@example.org",
                                                       "password": NEW_PASSWORD})
    assert response.status_code == 302
