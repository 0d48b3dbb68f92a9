"""The first page after a first university sign-in: the IdP told us a name and an email
but no time zone, so we ask for it (and the name, if the IdP sent none) once, then go on to
where the person was going."""

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.http import require_http_methods

from peercircle.accounts import actions
from peercircle.accounts.forms import SignupForm
from peercircle.accounts.http import AuthedRequest


class WelcomeForm(SignupForm):
    field_order = ["display_name", "timezone"]


def welcome_url(next_url: str | None) -> str:
    """The welcome page, remembering where the person was going."""
    url = reverse("sso_welcome")
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def _next(request: AuthedRequest) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    # Only a path on this site: `redirect()` would read a bare word as a URL name.
    safe = wanted.startswith("/") and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return wanted if safe else reverse("dashboard")


@require_http_methods(["GET", "POST"])
def welcome(request: AuthedRequest) -> HttpResponse:
    user = request.user
    name = user.display_name or f"{user.first_name} {user.last_name}".strip()
    form = WelcomeForm(
        request.POST if request.method == "POST" else None, initial={"display_name": name}
    )
    if request.method == "POST" and form.is_valid():
        actions.profile_start(
            user=user,
            display_name=form.cleaned_data["display_name"],
            timezone=form.cleaned_data["timezone"],
        )
        return redirect(_next(request))
    status = 422 if form.errors else 200
    context = {"form": form, "next": _next(request)}
    return render(request, "socialaccount/welcome.html", context, status=status)
