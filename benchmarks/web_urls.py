from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.urls import path

from peercircle.urls import urlpatterns as site


@login_not_required
def trivial(request: HttpRequest) -> HttpResponse:
    """The floor: every middleware runs, no database, no template."""
    return HttpResponse("ok")


def trivial_signed_in(request: HttpRequest) -> HttpResponse:
    """The signed-in floor: the same, after the session and the user are loaded."""
    return HttpResponse(f"ok {request.user.pk}")


urlpatterns = [
    path("_trivial", trivial),
    path("_trivial_signed_in", trivial_signed_in),
    *site,
]
