from typing import Any

from django.contrib import admin
from django.contrib.admin import options
from django.contrib.admin.apps import AdminConfig
from django.contrib.admin.widgets import AdminSplitDateTime
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext


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
            raise PermissionDenied(gettext("Only site admins can use the admin."))
        return redirect(f"{reverse('account_login')}?{urlencode({'next': target})}")


class LabelledSplitDateTime(AdminSplitDateTime):
    """The admin's date and time boxes, each with an accessible name: Django's own print
    "Date:" and "Time:" as bare text that no screen reader ties to the box."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.widgets[0].attrs["aria-label"] = "Date"
        self.widgets[1].attrs["aria-label"] = "Time"


class PeercircleAdminConfig(AdminConfig):
    default_site = "peercircle.accounts.admin_site.PeercircleAdminSite"

    def ready(self) -> None:
        # Before autodiscover builds every ModelAdmin (Django's and allauth's included),
        # each of which copies these defaults.
        options.FORMFIELD_FOR_DBFIELD_DEFAULTS[models.DateTimeField]["widget"] = (
            LabelledSplitDateTime
        )
        super().ready()
