# Placeholder: being written.
from django.http import HttpResponse


def detail(request, pk): return HttpResponse("todo")
