"""A person's private calendar feed: the page that offers it, and the feed itself."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_POST

from peercircle.accounts.http import AuthedRequest, HtmxRequest
from peercircle.lib import tokens
from peercircle.meetings.actions import calendar_feed as actions
from peercircle.meetings.calendar import feed_token, user_feed
from peercircle.meetings.models import CalendarFeed


@require_GET
def calendar_page(request: AuthedRequest) -> HttpResponse:
    feed = CalendarFeed.objects.filter(user=request.user).first()
    context: dict[str, object] = {"feed": feed}
    if feed is not None:
        path = reverse("calendar_feed", args=[feed_token(feed)])
        https = settings.SITE_URL + path
        context.update(https_url=https, webcal_url="webcal://" + https.split("://", 1)[1])
    return render(request, "meetings/calendar.html", context)


@require_POST
def calendar_regenerate(request: AuthedRequest) -> HttpResponse:
    had = CalendarFeed.objects.filter(user=request.user).exists()
    actions.calendar_feed_regenerate(user=request.user)
    text = (
        gettext("New calendar link made; the old one no longer works.")
        if had
        else gettext("Calendar link made.")
    )
    messages.success(request, text)
    return redirect("calendar_page")


@require_POST
def calendar_revoke(request: AuthedRequest) -> HttpResponse:
    actions.calendar_feed_revoke(user=request.user)
    messages.success(
        request, gettext("Calendar link turned off: calendars using it stop updating.")
    )
    return redirect("calendar_page")


@login_not_required
@require_GET
def calendar_feed(request: HtmxRequest, token: str) -> HttpResponse:
    """The feed, for calendar apps that fetch it with no session: the token is the key."""
    feed = tokens.find_by_token(CalendarFeed.objects.select_related("user"), token)
    if feed is None:
        raise Http404("No such calendar")
    response = HttpResponse(user_feed(feed.user), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=900"
    response["X-Robots-Tag"] = "noindex"
    return response
