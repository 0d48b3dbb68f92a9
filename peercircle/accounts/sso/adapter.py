"""allauth's social-account hooks: refuse an identity that brings no email address."""

from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialLogin
from django.http import HttpRequest
from django.shortcuts import render


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def pre_social_login(self, request: HttpRequest, sociallogin: SocialLogin) -> None:
        # Every Peercircle account is an email address: an IdP that releases none cannot
        # sign anyone in, and asking the person to type one would bypass the institution.
        if not sociallogin.is_existing and not any(a.email for a in sociallogin.email_addresses):
            name = sociallogin.account.get_provider().name
            raise ImmediateHttpResponse(
                render(request, "socialaccount/no_email.html", {"institution": name}, status=403)
            )
