from typing import Any

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode


class PeercircleAdminSite(admin.AdminSite):
    """The admin signs in through the site's own login form, which is throttled per
    client and per account; its own unthrottled password form never runs."""

    @login_not_required
    def login(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        target = request.GET.get("next", "")
        if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            target = ""
        target = target or reverse("admin:index", current_app=self.name)
        if request.user.is_active and request.user.is_staff:
            return redirect(target)
        if request.user.is_authenticated:  # signed in, but not an admin: no loop via login
            raise PermissionDenied("Only site admins can use the admin.")
        return redirect(f"{reverse('account_login')}?{urlencode({'next': target})}")


class PeercircleAdminConfig(AdminConfig):
    default_site = "peercircle.accounts.admin_site.PeercircleAdminSite"
