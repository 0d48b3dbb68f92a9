"""Login throttling that slows guessing without locking the real owner out.

allauth's own per-account limit refused every login to an account after five failures from
anywhere, the right password included: anyone could lock anyone out (the admin too) from a
handful of addresses. Here:

- per address, failures are limited as before (`login_failed`, "10/m/ip"): one client that
  keeps guessing is refused whatever account it tries;
- per account, five failures in five minutes (`login_failed_account`) mark the account as
  under attack; from then on each address may try that account only twice in five minutes
  (`login_failed_account_address`). A botnet gets two guesses per address per five minutes
  instead of ten a minute; the owner, from an address that has not failed at it, still gets
  in with the right password.

A refused login answers 429 with the form and a sentence saying what to do.
"""

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.views import LoginView
from allauth.core.internal.ratelimit import RateLimitUsage, consume, get_ip
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext_lazy as _

from peercircle.accounts.sso.domains import sso_login_url

APP = "allauth.account"
TOO_MANY = "too_many_login_attempts"


THROTTLED_MESSAGE = _(
    "Too many failed login attempts from here. Wait five minutes and try again, "
    "or reset your password by email."
)


class ThrottledLoginAdapter(DefaultAccountAdapter):
    """allauth's adapter with the login limits above; the site's adapter builds on it."""

    error_messages = {**DefaultAccountAdapter.error_messages, TOO_MANY: THROTTLED_MESSAGE}

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        key = self._get_login_attempts_cache_key(request, **credentials)
        by_address = consume(request, app=APP, action="login_failed", key=key)
        if not by_address:
            raise self.validation_error(TOO_MANY)
        usage = list(by_address.usage)
        by_account = consume(request, app=APP, action="login_failed_account", key=key)
        if by_account:
            usage += by_account.usage
        else:
            pair = f"{key}:{get_ip(request)}"
            by_pair = consume(request, app=APP, action="login_failed_account_address", key=pair)
            if not by_pair:
                raise self.validation_error(TOO_MANY)
            usage += by_pair.usage
        # allauth rolls this back when the password was right, so only failures count.
        self._login_failed_rl_usage = RateLimitUsage(usage=usage)


class ThrottledLoginView(LoginView):
    """allauth's login page, answering 429 (with the form) when the login was throttled."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # An address of an institution with SSO signs in at its IdP, not with a password.
        sso_url = sso_login_url(
            request, request.POST.get("login", ""), request.POST.get("next", "")
        )
        if sso_url:
            return HttpResponseRedirect(sso_url)
        response: HttpResponse = super().post(request, *args, **kwargs)
        return response

    def form_invalid(self, form: Any) -> HttpResponse:
        response: HttpResponse = super().form_invalid(form)
        codes = {error.code for error in form.non_field_errors().as_data()}
        if TOO_MANY in codes:
            response.status_code = 429
        return response
