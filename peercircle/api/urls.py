"""The API's routes. API requests authenticate by bearer token only, so every API view is
exempt from LoginRequiredMiddleware; the token check runs in the view (auth.TokenAuth).
They answer in English only (docs/api.md)."""

import functools
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, path
from django.utils import translation

from peercircle.api import views
from peercircle.api.api import api


def _in_english(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The JSON API answers programs: its problem details are English whatever the caller's
    browser or profile asks for (the rules' messages would otherwise follow the caller)."""

    @functools.wraps(view)  # keeps csrf_exempt and the other flags on the view
    def english(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        with translation.override("en"):
            response = view(request, *args, **kwargs)
        response.headers.setdefault("Content-Language", "en")
        return response

    return english


def _token_only(patterns: list[URLPattern | URLResolver]) -> list[URLPattern | URLResolver]:
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            pattern.callback = _in_english(pattern.callback)
            pattern.callback.login_required = False  # type: ignore[attr-defined]
    return patterns


_patterns, _app, _namespace = api.urls
urlpatterns = [
    path("api/v1/docs", views.docs, name="api_docs"),
    path("api/v1/", (_token_only(list(_patterns)), _app, _namespace)),
    path("accounts/tokens/", views.tokens, name="api_tokens"),
    path("accounts/tokens/<int:pk>/revoke", views.token_revoke_view, name="api_token_revoke"),
]
