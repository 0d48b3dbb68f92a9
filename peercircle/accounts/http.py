from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from peercircle.accounts.models import User


class HtmxRequest(HttpRequest):
    """Any request once django-htmx's middleware has run."""

    htmx: HtmxDetails


class AuthedRequest(HtmxRequest):
    """A request that LoginRequiredMiddleware let through: the user is signed in."""

    user: User
