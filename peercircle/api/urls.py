"""The API's routes. API requests authenticate by bearer token only, so every API view is
exempt from LoginRequiredMiddleware; the token check runs in the view (auth.TokenAuth)."""

from django.urls import URLPattern, URLResolver, path

from peercircle.api import views
from peercircle.api.api import api


def _token_only(patterns: list[URLPattern | URLResolver]) -> list[URLPattern | URLResolver]:
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            pattern.callback.login_required = False  # type: ignore[attr-defined]
    return patterns


_patterns, _app, _namespace = api.urls
urlpatterns = [
    path("api/v1/docs", views.docs, name="api_docs"),
    path("api/v1/", (_token_only(list(_patterns)), _app, _namespace)),
    path("accounts/tokens/", views.tokens, name="api_tokens"),
    path("accounts/tokens/<int:pk>/revoke", views.token_revoke_view, name="api_token_revoke"),
]
