import pytest


@pytest.fixture
def client(client):
    """Pages in English, so that the assertions do not depend on the Thai translation."""
    client.cookies["klang_language"] = "en"
    return client


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
