"""Site admins let someone start programs of their own."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from peercircle.accounts.http import AuthedRequest
from peercircle.programs.access import ADMINS_ONLY, can_grant_coordinator, require_site_right
from peercircle.programs.actions.coordinator import coordinator_grant as grant
from peercircle.programs.forms import GrantForm


@require_http_methods(["GET", "POST"])
def coordinator_grant(request: AuthedRequest) -> HttpResponse:
    """Site admins let someone start programs."""
    require_site_right(request.user, can_grant_coordinator, ADMINS_ONLY)
    form = GrantForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = grant(user=form.cleaned_data["email"])
        messages.success(
            request, gettext("%(email)s can now start programs.") % {"email": user.email}
        )
        return redirect("coordinator_grant")
    status = 422 if form.errors else 200
    return render(request, "programs/coordinator_grant.html", {"form": form}, status=status)
