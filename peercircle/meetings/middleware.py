"""The polled live state's "unchanged" answer, given before the rest of the stack.

Every open live page asks for its meeting's state about once a second, and most answers are
`304 Not Modified` from the cache (meetings/polling.py). Once the session and the user are
known, this answers those straight away, skipping the middleware after it (messages, frame
and cache headers, language and time zone, htmx) and the view, which the 304 needs none of.
Anything else, a first poll, a changed state, an unknown person, goes on to the view as
before: the route is found by Django's resolver, not a pattern of our own, and the view
keeps every check (the funnel) for the full answer.
"""

from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.http import parse_etags

from peercircle.lib.middleware import Handler
from peercircle.meetings import polling

POLLED = "meeting_run_state"


class UnchangedLiveStateMiddleware:
    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "GET" and "HTTP_IF_NONE_MATCH" in request.META:
            answer = self._unchanged(request)
            if answer is not None:
                return answer
        return self.get_response(request)

    def _unchanged(self, request: HttpRequest) -> HttpResponse | None:
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return None
        if match.url_name != POLLED or not request.user.is_authenticated:
            return None
        asked = parse_etags(request.headers["If-None-Match"])
        etag = polling.unchanged_etag(match.kwargs["pk"], request.user.pk, asked, timezone.now())
        return None if etag is None else polling.not_modified(etag)
