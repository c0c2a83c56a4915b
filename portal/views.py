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
    # Organisations working anywhere in each province, as the coverage page counts them.
    per_province = (
        Organisation.areas.through.objects.filter(area__province__isnull=False)
        .values("area__province")
        .annotate(n=Count("organisation", distinct=True))
        .order_by("-n")[:6]
    )
    counted = {row["area__province"]: row["n"] for row in per_province}
    featured = sorted(Area.objects.filter(pk__in=counted), key=lambda a: -counted[a.pk])
    for province in featured:
        province.n = counted[province.pk]
    return render(request, "portal/home.html", {"counts": counts, "featured": featured})
