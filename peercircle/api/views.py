"""The account page's tokens section, and the API's docs page."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from peercircle.accounts.http import AuthedRequest
from peercircle.api.actions.tokens import token_create, token_revoke
from peercircle.api.forms import TokenForm
from peercircle.api.models import ApiToken


@require_http_methods(["GET", "POST"])
def tokens(request: AuthedRequest) -> HttpResponse:
    form = TokenForm(request.POST if request.method == "POST" else None)
    secret = None
    if request.method == "POST" and form.is_valid():
        new = token_create(
            user=request.user,
            name=form.cleaned_data["name"],
            scopes=form.cleaned_data["scopes"],
            lifetime=timedelta(days=form.cleaned_data["days"]),
        )
        secret = new.secret  # shown on this response only; never stored
        form = TokenForm()
    mine = ApiToken.objects.filter(user=request.user).order_by("-created_at", "pk")
    status = 422 if form.errors else 200
    context = {"form": form, "tokens": mine, "secret": secret}
    return render(request, "api/tokens.html", context, status=status)


@require_POST
def token_revoke_view(request: AuthedRequest, pk: int) -> HttpResponse:
    # Another person's token is not found: the query is scoped to the caller.
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    token_revoke(token=token)
    messages.success(request, gettext("The token %(name)s is revoked.") % {"name": token.name})
    return redirect("api_tokens")


@login_not_required
@require_GET
def docs(request: HttpRequest) -> HttpResponse:
    """A plain page linking the OpenAPI document: Swagger UI would need a CDN and inline
    script, which the site's CSP refuses."""
    return render(request, "api/docs.html")
