"""Publishing a formation: a confirmation page names each group and shows the invitation mail;
only its POST creates the groups and sends the invitations."""

from datetime import timedelta
from functools import partial
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from peercircle.accounts.http import AuthedRequest
from peercircle.groups.actions.invitations import INVITATION_DAYS
from peercircle.groups.models import Group
from peercircle.lib.email import render_mail
from peercircle.lib.natural import natural_key
from peercircle.programs.access import ProgramAccess, get_program_for_user
from peercircle.programs.actions.formation import StaleFormation
from peercircle.programs.actions.group_names import NAME_MAX, default_names
from peercircle.programs.actions.publish import formation_publish as publish
from peercircle.programs.actions.publish import formation_publish_queue
from peercircle.programs.models import FormationRun, PublishedPlacement, RunStatus, SignUp
from peercircle.programs.queries import formable_signups, formation_current
from peercircle.programs.tasks import INLINE_LIMIT, formation_publish_background

ALREADY = _("These groups have already been published; no invitation was sent again.")
NOTHING = _("There is no formation to publish: it may have just been published.")
BUSY = _("These groups are being published; no invitation was sent again.")
# Publishing creates no meeting: the first invitee to join organizes the group and picks a date.
FIRST_MEETING = _("Not set yet: the first member to join organizes the group and schedules it")


@require_http_methods(["GET", "POST"])
def formation_publish(request: AuthedRequest, pk: int) -> HttpResponse:
    """GET: the confirmation page; POST (from it, with a name per group): publish."""
    access = get_program_for_user(request.user, pk)
    run = formation_current(access.program)
    if run is None or run.status != RunStatus.DONE:
        return _not_publishable(request, access, run)
    signups = {s.pk: s for s in formable_signups(access.program)}
    groups = [
        {
            **g,
            "members": sorted(
                (signups[pk] for pk in g["members"] if pk in signups),
                key=lambda s: (natural_key(s.name), s.pk),
            ),
        }
        for g in run.result.get("groups", [])
    ]
    groups = [g for g in groups if g["members"]]
    proposed = default_names(access.program, {g["number"]: g["slot"] for g in groups})
    errors: dict[str, list[str]] = {}
    problems: list[str] = []
    if request.method == "POST":
        names = {n: request.POST.get(f"name-{n}") for n in proposed}
        try:
            done = _publish_or_queue(
                access, run, version=_int(request.POST.get("version")), names=names
            )
        except StaleFormation as stale:
            messages.error(request, gettext("Not published: %(reason)s") % {"reason": stale})
            return redirect("formation_page", pk=pk)
        except ValidationError as error:
            errors = error.message_dict if hasattr(error, "error_dict") else {}
            problems = [] if errors else error.messages
        else:
            return _published(request, pk, done)
        entered = {n: (names[n] or "") for n in proposed}
        return _page(request, access, run, groups, entered, errors, problems, proposed)
    return _page(request, access, run, groups, proposed, errors, problems, proposed)


def _publish_or_queue(
    access: ProgramAccess, run: FormationRun, *, version: int | None, names: dict[int, str | None]
) -> list[Group] | None:
    """The groups published now, or None when a large formation goes to the background."""
    if len(formable_signups(access.program)) > INLINE_LIMIT:
        formation_publish_queue(access=access, run=run, version=version or 0, names=names)
        transaction.on_commit(partial(formation_publish_background.enqueue, run.pk))
        return None
    return publish(access=access, run=run, version=version or 0, names=names)


def _published(request: AuthedRequest, pk: int, groups: list[Group] | None) -> HttpResponse:
    if groups is None:
        return redirect("formation_page", pk=pk)
    invited = PublishedPlacement.objects.filter(group__in=groups).count()
    published = ngettext(
        "Published %(count)d group;", "Published %(count)d groups;", len(groups)
    ) % {"count": len(groups)}
    on_their_way = ngettext(
        "%(count)d invitation is on its way.", "%(count)d invitations are on their way.", invited
    ) % {"count": invited}
    messages.success(request, f"{published} {on_their_way}")
    return redirect("program_detail", pk=pk)


def _not_publishable(
    request: AuthedRequest, access: ProgramAccess, run: FormationRun | None
) -> HttpResponse:
    # A second click on Publish, another coordinator published meanwhile, or a bookmark.
    if run is not None and run.status == RunStatus.PUBLISHING:
        messages.info(request, BUSY)
    elif run is None and access.program.formations.filter(status=RunStatus.PUBLISHED).exists():
        messages.info(request, ALREADY)
    else:
        messages.error(request, NOTHING)
    return redirect("formation_page", pk=access.program.pk)


def _page(
    request: AuthedRequest,
    access: ProgramAccess,
    run: FormationRun,
    groups: list[dict[str, Any]],
    names: dict[int, str],
    errors: dict[str, list[str]],
    problems: list[str],
    proposed: dict[int, str],
) -> HttpResponse:
    rows = [
        {**g, "name": names[g["number"]], "errors": errors.get(f"name-{g['number']}", [])}
        for g in groups
    ]
    context = {
        "program": access.program,
        "run": run,
        "groups": rows,
        "invited": sum(len(g["members"]) for g in groups),
        "errors": [(f"name-{g['number']}", e) for g in rows for e in g["errors"]],
        "problems": problems,
        "name_max": NAME_MAX,
        "first_meeting": FIRST_MEETING,
        "mail": _mail_preview(request, access, rows[0], proposed) if rows else None,
    }
    return render(request, "programs/publish_confirm.html", context, status=200)


def _mail_preview(
    request: AuthedRequest, access: ProgramAccess, group: dict[str, Any], proposed: dict[int, str]
) -> Any:
    """The invitation the first member of the first group will get, rendered as it is sent
    (only the secret link differs: each person's is their own)."""
    member: SignUp = group["members"][0]
    name = group["name"].strip() or proposed[group["number"]]  # until a name is typed again
    rendered = render_mail(
        "invitation",
        {
            "recipient": member.email,
            "recipient_email": member.email,
            "unsubscribe_url": "",
            "preferences_url": "",
            "group": Group(program=access.program, name=name),
            "inviter": request.user,
            "expires_at": timezone.now() + timedelta(days=INVITATION_DAYS),
            "invitation_path": reverse("invitation_landing", args=["personal-link"]),
        },
    )
    return {"to": member, "subject": rendered.subject, "text": rendered.text}


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None
