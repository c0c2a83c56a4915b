from typing import Any

from django.conf import settings
from django.http import HttpRequest


def klang(request: HttpRequest) -> dict[str, Any]:
    return {"demo_banner": settings.KLANG_DEMO_BANNER}
