"""Which institution, if any, signs in the people of an email domain."""

from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.models import SocialApp
from django.conf import settings
from django.http import HttpRequest

SSO_PROVIDERS = ("saml", "openid_connect")


def institution_for_email(email: str) -> SocialApp | None:
    domain = email.rpartition("@")[2].strip().lower()
    if not domain:
        return None
    # A handful of rows at most: one per institution.
    for app in SocialApp.objects.filter(provider__in=SSO_PROVIDERS).order_by("pk"):
        if domain in app.settings.get("verified_email", []):
            return app
    return None


def sso_domains_exist(request: HttpRequest) -> bool:
    """Whether any institution signs people in here (the login page's list, no new query)."""
    apps = get_adapter().list_apps(request)
    return any(app.provider in SSO_PROVIDERS for app in apps)


def sso_login_url(request: HttpRequest, email: str, next_url: str = "") -> str | None:
    """Where to send this address instead of asking for its password (None: ask), keeping
    where the person was going (allauth checks `next` is ours when it uses it)."""
    if settings.SSO_PASSWORD_LOGIN_FOR_SSO_DOMAINS:
        return None
    app = institution_for_email(email)
    if app is None:
        return None
    extra = {"next": next_url} if next_url else {}
    url: str = app.get_provider(request).get_login_url(request, **extra)
    return url
