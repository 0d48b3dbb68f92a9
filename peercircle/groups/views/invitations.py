"""Invitations (sent by organizers and coordinators, opened by a secret link) and leaving."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from peercircle.accounts.http import AuthedRequest, HtmxRequest
from peercircle.groups.access import get_group_for_inviter, get_invitation_for_inviter
from peercircle.groups.actions import invitations as actions
from peercircle.groups.forms import InvitationForm
from peercircle.groups.models import Invitation
from peercircle.groups.queries import current_agreement
from peercircle.lib import tokens

STATE_PAGES = {
    "expired": _("This invitation has expired. Ask the person who invited you to send a new one."),
    "revoked": _(
        "This invitation was withdrawn or replaced by a newer one. "
        "Use the most recent invitation mail, or ask for a new one."
    ),
    "used": _("This invitation has already been used. If it was you, log in to see your group."),
}


@require_http_methods(["GET", "POST"])
def group_invitations(request: AuthedRequest, pk: int) -> HttpResponse:
    """Invite by email; see, resend and revoke pending invitations."""
    access = get_group_for_inviter(request.user, pk)
    group = access.group
    form = InvitationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = actions.invitation_send(
                group=group,
                email=form.cleaned_data["email"],
                invited_by=request.user,
                days=form.cleaned_data["days"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, gettext("Invitation sent to %(email)s.") % {"email": invitation.email}
            )
            return redirect("group_invitations", pk=group.pk)
    now = timezone.now()
    pending = list(group.invitations.pending(now))
    # Expired links stay listed (apart) so the organizer can send them again.
    expired = group.invitations.filter(accepted_at=None, revoked_at=None, expires_at__lte=now)
    context = {
        "group": group,
        "form": form,
        "pending": pending,
        "expired": list(expired),
        # A coordinator cannot open the group's page: their way back is the program's.
        "back_to_program": access.membership is None,
    }
    status = 422 if form.errors else 200
    return render(request, "groups/invitations.html", context, status=status)


@require_POST
def invitation_revoke(request: AuthedRequest, pk: int) -> HttpResponse:
    invitation = get_invitation_for_inviter(request.user, pk).invitation
    actions.invitation_revoke(invitation=invitation)
    messages.success(
        request,
        gettext("The invitation to %(email)s no longer works.") % {"email": invitation.email},
    )
    return redirect("group_invitations", pk=invitation.group_id)


@require_POST
def invitation_resend(request: AuthedRequest, pk: int) -> HttpResponse:
    invitation = get_invitation_for_inviter(request.user, pk).invitation
    try:
        fresh = actions.invitation_resend(invitation=invitation, invited_by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            gettext("A new invitation went to %(email)s; the old link stopped.")
            % {"email": fresh.email},
        )
    return redirect("group_invitations", pk=invitation.group_id)


def _invitation_by_token(token: str) -> Invitation:
    invitation = tokens.find_by_token(Invitation.objects.select_related("group"), token)
    if invitation is None:
        raise Http404("No such invitation")
    return invitation


@login_not_required
@require_GET
def invitation_landing(request: HtmxRequest, token: str) -> HttpResponse:
    """What the link opens. Only a page: mail scanners open links, so joining is a POST."""
    invitation = _invitation_by_token(token)
    state = invitation.state()
    if state != "pending":
        closed = {"message": STATE_PAGES[state]}
        return render(request, "groups/invitation_closed.html", closed, status=410)
    return _landing(request, invitation, token)


def _landing(
    request: HtmxRequest, invitation: Invitation, token: str, *, error: str = ""
) -> HttpResponse:
    signed_in = request.user.is_authenticated
    matches = (
        request.user.is_authenticated and request.user.email.lower() == invitation.email.lower()
    )
    context: dict[str, object] = {
        "invitation": invitation,
        "token": token,
        "next": reverse("invitation_landing", args=[token]),
        "matches": matches,
        "agreement": current_agreement(invitation.group_id),
        "error": error,
    }
    # Signed in with another address: refused, with the way out on the page (log out, then
    # this page again, signed out) rather than a dead end.
    status = 422 if error else 403 if signed_in and not matches else 200
    return render(request, "groups/invitation_landing.html", context, status=status)


@require_POST
def invitation_join(request: AuthedRequest, token: str) -> HttpResponse:
    invitation = _invitation_by_token(token)
    version = request.POST.get("agreement_version", "")
    try:
        membership = actions.invitation_accept(
            invitation=invitation,
            user=request.user,
            agreement_version=int(version) if version.isdigit() else None,
        )
    except actions.AgreementChanged as error:
        return _landing(request, invitation, token, error=" ".join(error.messages))
    except ValidationError as error:
        state = invitation.state()
        message = STATE_PAGES.get(state) or " ".join(error.messages)
        return render(request, "groups/invitation_closed.html", {"message": message}, status=410)
    messages.success(request, gettext("Welcome to %(name)s!") % {"name": membership.group.name})
    return redirect("group_detail", pk=membership.group_id)
