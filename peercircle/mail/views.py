from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from peercircle.accounts.http import AuthedRequest
from peercircle.accounts.models import User
from peercircle.mail import actions
from peercircle.mail.access import check_outbox_access
from peercircle.mail.forms import PreferencesForm
from peercircle.mail.kinds import kind_info, optional_kinds
from peercircle.mail.links import unsubscribe_read
from peercircle.mail.models import Outbox, Status

OUTBOX_PAGE = 100


@require_http_methods(["GET", "POST"])
def preferences(request: AuthedRequest) -> HttpResponse:
    preference = actions.preference_for(request.user)
    form = PreferencesForm(
        request.POST if request.method == "POST" else None, preference=preference
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        actions.preference_update(
            user=request.user,
            enabled_kinds=data["kinds"],
            optional_kinds=[kind.name for kind in optional_kinds()],
            delivery=data["delivery"],
            reminder_days=data["reminder_days"],
            quiet_start=data["quiet_start"],
            quiet_end=data["quiet_end"],
        )
        messages.success(request, gettext("Your mail preferences are saved."))
        return redirect("mail_preferences")
    status = 422 if form.errors else 200
    return render(request, "mail/preferences.html", {"form": form}, status=status)


# Mail clients POST here without a session or CSRF token (RFC 8058 one-click); the signed
# token is the authority, and all it can do is turn one kind of mail off.
@login_not_required
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    wanted = unsubscribe_read(token)
    # A deleted account's links answer like tampered ones: it holds nothing to turn off.
    user = User.objects.filter(pk=wanted.user_id, is_active=True).first() if wanted else None
    if wanted is None or user is None:
        return render(request, "mail/unsubscribe.html", {"invalid": True}, status=400)
    kind = kind_info(wanted.kind)
    if request.method == "GET":
        # A GET only asks: link scanners in mail gateways open every link they see.
        return render(request, "mail/unsubscribe.html", {"kind": kind, "token": token})
    actions.mail_unsubscribe(user=user, kind=wanted.kind)
    return render(request, "mail/unsubscribe.html", {"kind": kind, "done": True})


@require_GET
def outbox(request: AuthedRequest) -> HttpResponse:
    check_outbox_access(request.user)
    wanted = request.GET.get("status", "")
    rows = Outbox.objects.select_related("user").order_by("-created_at", "-pk")
    if wanted in Status.values:
        rows = rows.filter(status=wanted)
    counts = dict(
        Outbox.objects.order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    context = {
        "rows": rows.defer("text", "html")[:OUTBOX_PAGE],
        "counts": [(value, label, counts.get(value, 0)) for value, label in Status.choices],
        "wanted": wanted,
        "retrying": Outbox.objects.filter(status=Status.PENDING, attempts__gt=0).count(),
    }
    return render(request, "mail/outbox.html", context)


@require_POST
def outbox_retry(request: AuthedRequest, pk: int) -> HttpResponse:
    check_outbox_access(request.user)
    row = get_object_or_404(Outbox, pk=pk, status=Status.FAILED)
    actions.mail_requeue(outbox_id=row.pk)
    messages.success(
        request, gettext("The mail to %(address)s will be tried again.") % {"address": row.to_email}
    )
    return redirect("mail_outbox")
