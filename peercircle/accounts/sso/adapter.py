"""allauth's social-account hooks: refuse an identity that brings no email address; send a
new account to its profile for the time zone."""

from typing import Any

from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialApp, SocialLogin
from django.http import HttpRequest
from django.shortcuts import render

from peercircle.accounts.sso.welcome import welcome_url


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def list_apps(
        self, request: HttpRequest | None, provider: str | None = None, client_id: str | None = None
    ) -> list[SocialApp]:
        # The login page asks twice (its form, its list of institutions): one query.
        if request is None or provider or client_id:
            return list(super().list_apps(request, provider=provider, client_id=client_id))
        cached: list[SocialApp] | None = getattr(request, "_sso_apps", None)
        if cached is None:
            cached = list(super().list_apps(request))
            request._sso_apps = cached  # type: ignore[attr-defined]
        return cached

    def save_user(self, request: HttpRequest, sociallogin: SocialLogin, form: Any = None) -> Any:
        user = super().save_user(request, sociallogin, form)
        # The IdP knows no time zone: a new account is asked for it once, on the welcome
        # page, which then goes on to where the person was going.
        sociallogin.state["next"] = welcome_url(sociallogin.state.get("next"))
        return user

    def pre_social_login(self, request: HttpRequest, sociallogin: SocialLogin) -> None:
        # Every Peercircle account is an email address: an IdP that releases none cannot
        # sign anyone in, and asking the person to type one would bypass the institution.
        if not sociallogin.is_existing and not any(a.email for a in sociallogin.email_addresses):
            name = sociallogin.account.get_provider().name
            raise ImmediateHttpResponse(
                render(request, "socialaccount/no_email.html", {"institution": name}, status=403)
            )
