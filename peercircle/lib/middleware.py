"""Request and response policies that hold for every page: who the client is behind the
proxies we trust, what the browser may load, and who may cache a page."""

import ipaddress
from collections.abc import Callable

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from django.views.defaults import page_not_found

Handler = Callable[[HttpRequest], HttpResponse]


def client_ip(remote_addr: str, forwarded_for: str, trusted_proxies: int) -> str:
    """The client's address when exactly `trusted_proxies` proxies append to X-Forwarded-For.

    Each trusted proxy appends the address it received the request from, so the client is
    the `trusted_proxies`-th entry from the right; anything further left was written by the
    client itself and is ignored. A malformed entry keeps the socket's address.
    """
    if trusted_proxies <= 0 or not forwarded_for:
        return remote_addr
    hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
    if not hops:
        return remote_addr
    candidate = hops[-trusted_proxies] if len(hops) >= trusted_proxies else hops[0]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote_addr


class ClientIPMiddleware:
    """REMOTE_ADDR becomes the real client's address, so per-IP login throttling and logs
    see visitors rather than the reverse proxy (TRUSTED_PROXY_COUNT, default 0)."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response
        self.trusted = settings.TRUSTED_PROXY_COUNT

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self.trusted:
            request.META["REMOTE_ADDR"] = client_ip(
                request.META.get("REMOTE_ADDR", ""),
                request.META.get("HTTP_X_FORWARDED_FOR", ""),
                self.trusted,
            )
        return self.get_response(request)


class ContentSecurityPolicyMiddleware:
    """One strict policy for every response: scripts and styles only from our own files."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response
        self.policy = "; ".join(
            f"{directive} {' '.join(sources)}"
            for directive, sources in settings.CONTENT_SECURITY_POLICY.items()
        )

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.policy)
        return response


class PrivateCacheMiddleware:
    """A page shown to a signed-in person may hold group content: no shared cache keeps it."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True)
        return response


class SitePageForMissingObjectsMiddleware:
    """A view's 404 (no such group, or a group you are not in) shows the site's own page
    even with DEBUG on, as the demo runs: Django's debug page has inline styles the
    Content-Security-Policy blocks and no phone layout. Unknown URLs keep the debug page."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if settings.DEBUG and isinstance(exception, Http404):
            return page_not_found(request, exception)
        return None
