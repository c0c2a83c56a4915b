# Placeholder: being written.
from django.http import HttpResponse


def item(request, pk): return HttpResponse("todo")
