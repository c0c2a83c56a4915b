import pytest


@pytest.fixture
def client(client):
    """Pages in English, so that the assertions do not depend on the Thai translation."""
    client.cookies["klang_language"] = "en"
    return client


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Uploads go to a temporary folder, never into var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
