import pytest


@pytest.fixture
def client(client):
    """Pages in English, so that the assertions do not depend on the Thai translation."""
    client.cookies["klang_language"] = "en"
    return client
