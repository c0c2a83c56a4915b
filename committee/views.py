# Placeholder: being written.
from django.http import HttpResponse


def meeting(request, pk): return HttpResponse("todo")
