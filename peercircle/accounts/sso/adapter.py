"""allauth's social-account hooks: refuse an identity that brings no email address; send a
new account to its profile for the time zone."""

from typing import Any

from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialLogin
from django.http import HttpRequest
from django.shortcuts import render
from django.urls import reverse


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def save_user(self, request: HttpRequest, sociallogin: SocialLogin, form: Any = None) -> Any:
        user = super().save_user(request, sociallogin, form)
        # The IdP knows no time zone: a new account starts at its profile, once, to set it.
        sociallogin.state["next"] = reverse("profile")
        return user

    def pre_social_login(self, request: HttpRequest, sociallogin: SocialLogin) -> None:
        # Every Peercircle account is an email address: an IdP that releases none cannot
        # sign anyone in, and asking the person to type one would bypass the institution.
        if not sociallogin.is_existing and not any(a.email for a in sociallogin.email_addresses):
            name = sociallogin.account.get_provider().name
            raise ImmediateHttpResponse(
                render(request, "socialaccount/no_email.html", {"institution": name}, status=403)
            )
