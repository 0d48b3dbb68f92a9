"""The step from our sign-in button to the institution's IdP, allowed by our strict CSP.

The button is a form POSTed to our own site (`form-action 'self'`), and allauth answers it
with a redirect to the IdP. Browsers apply `form-action` to every redirect a form submission
follows, so that redirect is blocked. Instead of the redirect the person gets a small page,
"Continuing to <host>", whose link (a plain navigation, which `form-action` does not govern)
goes on to the IdP; a script of our own follows it at once where scripts run.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlsplit

from allauth.account.internal.decorators import login_not_required
from allauth.socialaccount.providers.saml import views as saml_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext
from django.views.decorators.csrf import csrf_exempt


def elsewhere(request: HttpRequest, response: HttpResponse) -> str | None:
    """The other site's host if `response` redirects there, else None."""
    if response.status_code not in (301, 302, 303, 307, 308):
        return None
    host = urlsplit(response["Location"]).netloc
    return host if host and host != request.get_host() else None


def hand_off(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Turn `view`'s redirect to another site into the "Continuing to <host>" page."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        return (
            response
            if elsewhere(request, response) is None
            else continue_to(request, response["Location"])
        )

    return wrapper


def continue_to(request: HttpRequest, url: str, *, signing_out: bool = False) -> HttpResponse:
    """The "Continuing to <host>" page whose link goes on to `url` on another site."""
    context = {"url": url, "host": urlsplit(url).netloc, "signing_out": signing_out}
    page = render(request, "socialaccount/hand_off.html", context)
    page["Cache-Control"] = "no-store"  # the link carries this sign-in's (or logout's) state
    return page


# allauth's SAML login (an HTTP-Redirect to the IdP), handed off the same way.
saml_login = login_not_required(hand_off(saml_views.login))


@csrf_exempt
@login_not_required
def saml_sls(request: HttpRequest, organization_slug: str) -> HttpResponse:
    """allauth's single-logout endpoint, refusing a logout message the IdP did not sign.

    python3-saml checks a signature when one is there, but lets an unsigned LogoutRequest
    through unless every message (the sign-in Responses too, which many IdPs leave unsigned
    when they sign the assertion) must be signed. Anyone could then end anyone's session
    with a link; here such a message is refused.
    """
    message = request.GET
    if ("SAMLRequest" in message or "SAMLResponse" in message) and "Signature" not in message:
        return HttpResponse(
            gettext("Logout refused: the identity provider did not sign this logout message."),
            status=400,
            content_type="text/plain",
        )
    response: HttpResponse = saml_views.sls(request, organization_slug=organization_slug)
    return response
