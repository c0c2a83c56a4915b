# Placeholder: the registry views are being written.
from django.http import HttpResponse


def directory(request): return HttpResponse("todo")
def create(request): return HttpResponse("todo")
def detail(request, pk): return HttpResponse("todo")
def edit(request, pk): return HttpResponse("todo")
def verify(request, pk): return HttpResponse("todo")
def coverage(request, code): return HttpResponse("todo")
