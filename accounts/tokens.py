# Placeholder: API token pages are being written.
from django.http import HttpResponse


def token_list(request): return HttpResponse("todo")
def revoke_token(request, pk): return HttpResponse("todo")
