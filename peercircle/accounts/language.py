"""Choosing the language of the pages: anyone, from the footer of every page."""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from peercircle.accounts import actions


@login_not_required
@require_POST
def language_choose(request: HttpRequest) -> HttpResponse:
    """Django's `set_language` (a cookie, then back to `next` on this site); a signed-in
    person's choice is also saved on their profile, so their mail follows it."""
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        actions.language_set(user=request.user, language=language)
    return set_language(request)
