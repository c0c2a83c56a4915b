import pytest


@pytest.fixture
def client(client):
    """Pages in English, so that the assertions do not depend on the Thai translation."""
    client.cookies["klang_language"] = "en"
    return client


# A real local SMTP server (aiosmtpd) for the reminder e-mails: the notifications app's fixture.
from notifications.tests.conftest import smtp  # noqa: E402, F401
