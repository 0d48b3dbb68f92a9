from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.urls import path

from peercircle.urls import urlpatterns as site


@login_not_required
def trivial(request: HttpRequest) -> HttpResponse:
    """The floor: every middleware runs, no database, no template."""
    return HttpResponse("ok")


urlpatterns = [path("_trivial", trivial), *site]
