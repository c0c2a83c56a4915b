"""Fixtures for delivery tests: a real SMTP server and a fake LINE Messaging API, both local.

The SMTP fixture follows accounts/tests/test_reset_password_by_email.py (aiosmtpd on a free
port of 127.0.0.1, Django's SMTP backend pointed at it).
"""

from __future__ import annotations

import email
import json
import socket
import threading
from collections.abc import Iterator
from email.message import Message
from email.policy import default as default_policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from aiosmtpd.controller import Controller

LINE_TOKEN = "klang-test-line-token"


class Inbox:
    """aiosmtpd handler keeping every message it receives."""

    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = email.message_from_bytes(envelope.original_content, policy=default_policy)
        message["X-Envelope-To"] = ", ".join(envelope.rcpt_tos)
        self.messages.append(message)
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[Message]:
        return [m for m in self.messages if m["X-Envelope-To"] == address]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def text_of(message: Message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def html_of(message: Message) -> str:
    return message.get_body(preferencelist=("html",)).get_content()


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
    settings.KLANG_SITE_URL = "https://klang.example.org"
    try:
        yield inbox
    finally:
        controller.stop()


class FakeLine:
    """Records every request; answers like the Messaging API, or with ``status`` if set."""

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.status = 200
        self.url = ""

    @property
    def pushes(self) -> list[dict[str, Any]]:
        return [r for r in self.requests if r["path"] == "/v2/bot/message/push"]


class _Handler(BaseHTTPRequestHandler):
    server: Any

    def do_POST(self) -> None:  # noqa: N802 - the name http.server calls
        fake: FakeLine = self.server.fake
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        fake.requests.append({
            "method": "POST", "path": self.path,
            "authorization": self.headers.get("Authorization"),
            "retry_key": self.headers.get("X-Line-Retry-Key"),
            "json": json.loads(raw or b"{}"),
        })
        if fake.status == 200:
            payload: dict[str, Any] = {"sentMessages": [{"id": str(len(fake.requests)),
                                                          "quoteToken": "q"}]}
        else:
            payload = {"message": "An error occurred in the fake LINE server"}
        data = json.dumps(payload).encode()
        self.send_response(fake.status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:  # keep the test output quiet
        pass


@pytest.fixture
def line_api(settings: Any) -> Iterator[FakeLine]:
    """A local stand-in for api.line.me, with Klang's LINE channel switched on against it."""
    fake = FakeLine()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.fake = fake  # type: ignore[attr-defined]
    fake.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    settings.LINE_CHANNEL_ACCESS_TOKEN = LINE_TOKEN
    settings.LINE_API_HOST = fake.url
    settings.KLANG_SITE_URL = "https://klang.example.org"
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()


def make_proposal(world: Any, title: str = "ศูนย์ข้อมูลคนพิการจังหวัดลำพูน",
                  state: str = "submitted") -> Any:
    from proposals.models import Proposal

    return Proposal.objects.create(
        area=world.lamphun, title=title, state=state,
        summary="ให้คนพิการในลำพูนเข้าถึงสิทธิและบริการได้ครบ",
    )
