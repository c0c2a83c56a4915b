from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from areas.models import Area, Level
from orgs.models import Organisation


def home(request: HttpRequest) -> HttpResponse:
    """What Klang is, in plain Thai, and a door to each part."""
    counts = {
        "organisations": Organisation.objects.count(),
        "provinces": Area.objects.filter(level=Level.PROVINCE).count(),
    }
    featured = (
        Area.objects.filter(level=Level.PROVINCE)
        .annotate(n=Count("organisations"))
        .filter(n__gt=0)
        .order_by("-n")[:6]
    )
    return render(request, "portal/home.html", {"counts": counts, "featured": featured})
