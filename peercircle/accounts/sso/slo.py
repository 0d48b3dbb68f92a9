"""SAML single logout started here: signing out of Peercircle signs out at the IdP too.

At sign-in the IdP's NameID and SessionIndex are kept in the Django session (the session
ends with them). On the logout POST, once the local session is over, the person is handed
off (CSP `form-action`, see handoff.py) to the IdP's single-logout URL with a LogoutRequest
(HTTP-Redirect), signed when the institution's settings hold an SP key. The IdP's
LogoutResponse comes back to the single-logout endpoint: checked (signature, InResponseTo
our request, destination, status), it shows "signed out"; anything else is refused with a
page saying so. Neither ever signs anyone in.
"""

import logging
from typing import Any

from allauth.account import views as account_views
from allauth.account.internal.decorators import login_not_required
from allauth.core.internal import httpkit
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.saml import views as saml_views
from allauth.socialaccount.providers.saml.utils import (
    build_auth,
    build_saml_config,
    get_app_or_404,
    prepare_django_request,
)
from allauth.socialaccount.sessions import LoginSession
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext
from django.views.decorators.csrf import csrf_exempt
from onelogin.saml2.auth import OneLogin_Saml2_Auth
from onelogin.saml2.errors import OneLogin_Saml2_Error
from onelogin.saml2.response import OneLogin_Saml2_Response

from peercircle.accounts.sso import handoff
from peercircle.accounts.sso.handoff import continue_to

logger = logging.getLogger(__name__)

SIGNED_IN = "sso_saml_signed_in"  # institution slug, NameID and SessionIndex of this sign-in
LOGGING_OUT = "sso_saml_logout"  # the ID of the LogoutRequest we sent, awaiting its answer


@login_not_required
def saml_finish_acs(request: HttpRequest, organization_slug: str) -> HttpResponse:
    """allauth's end of a SAML sign-in, then keeping what a later logout must name."""
    # allauth's view reads (then deletes) the same store: the request attribute caches it.
    stored = LoginSession(request, "saml_acs_session", "saml-acs-session").store.get("request")
    response: HttpResponse = saml_views.finish_acs(request, organization_slug=organization_slug)
    if stored and request.user.is_authenticated:
        acs_request = httpkit.deserialize_request(stored, HttpRequest())
        app = get_app_or_404(request, organization_slug)
        auth = build_auth(acs_request, app.get_provider(request))
        # allauth has just validated this very Response; here it is only read.
        answer = OneLogin_Saml2_Response(auth.get_settings(), acs_request.POST["SAMLResponse"])
        name_id = answer.get_nameid_data()
        request.session[SIGNED_IN] = {
            "slug": organization_slug,
            "name_id": name_id.get("Value"),
            "format": name_id.get("Format"),
            "nq": name_id.get("NameQualifier"),
            "spnq": name_id.get("SPNameQualifier"),
            "session_index": answer.get_session_index(),
        }
    return response


@login_not_required
def logout(request: HttpRequest) -> HttpResponse:
    """allauth's logout; after a SAML sign-in, then on to the IdP's single logout."""
    signed_in = request.session.get(SIGNED_IN) if request.method == "POST" else None
    response: HttpResponse = account_views.logout(request)
    if signed_in is None or request.user.is_authenticated:
        return response
    try:
        url = logout_request_url(request, signed_in)
    except (OneLogin_Saml2_Error, ImproperlyConfigured, KeyError, OSError):
        # Settings broken since the sign-in: the Peercircle session has ended all the same.
        logger.exception("SAML single logout request for %s failed", signed_in.get("slug"))
        return response
    return response if url is None else continue_to(request, url, signing_out=True)


def logout_request_url(request: HttpRequest, signed_in: dict[str, Any]) -> str | None:
    """The IdP's SLO URL with our LogoutRequest, or None if the IdP offers no single logout."""
    app = SocialApp.objects.filter(provider="saml", client_id=signed_in["slug"]).first()
    if app is None:
        return None
    config = build_saml_config(request, app.settings, app.client_id)
    if not config["idp"].get("singleLogoutService", {}).get("url"):
        return None
    if config["sp"].get("privateKey"):
        config["security"]["logoutRequestSigned"] = True
    auth = OneLogin_Saml2_Auth(prepare_django_request(request), config)
    url: str = auth.logout(
        return_to="",
        name_id=signed_in["name_id"],
        session_index=signed_in["session_index"],
        nq=signed_in["nq"],
        name_id_format=signed_in["format"],
        spnq=signed_in["spnq"],
    )
    request.session[LOGGING_OUT] = auth.get_last_request_id()
    return url


def logout_response(request: HttpRequest, organization_slug: str) -> HttpResponse:
    """The IdP's answer to our LogoutRequest: "signed out", or refused with a reason."""
    app = get_app_or_404(request, organization_slug)
    request_id = request.session.pop(LOGGING_OUT, None)
    if request_id is None:
        return refused(request, gettext("it does not answer a sign-out started in this browser"))
    if "Signature" not in request.GET:
        return refused(request, gettext("the identity provider did not sign it"))
    auth = build_auth(request, app.get_provider(request))
    try:
        # The local session ended before we sent the request: nothing more to end here.
        auth.process_slo(request_id=request_id, keep_local_session=True)
    except OneLogin_Saml2_Error:
        return refused(request, gettext("it could not be read"))
    if auth.get_errors():
        return refused(request, gettext("it did not pass our checks"))
    return render(request, "socialaccount/saml_signed_out.html", {"institution": app.name})


@csrf_exempt
@login_not_required
def saml_sls(request: HttpRequest, organization_slug: str) -> HttpResponse:
    """The single-logout endpoint: the IdP's answer to our LogoutRequest here, its own
    LogoutRequest in handoff.saml_sls."""
    if "SAMLResponse" in request.GET:
        return logout_response(request, organization_slug)
    return handoff.saml_sls(request, organization_slug)


def refused(request: HttpRequest, reason: str) -> HttpResponse:
    context = {"reason": reason}
    return render(request, "socialaccount/saml_logout_refused.html", context, status=400)
