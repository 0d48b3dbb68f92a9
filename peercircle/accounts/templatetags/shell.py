"""The page shell every page shares: the head's links, the header with its menu and the
footer with its language menu.

They depend only on the language, whether someone is signed in and which page this is, so
each is rendered once per process for each of those and kept; a request then only puts in
its CSRF token and its own path. Rendering them each time was about 0.5 ms, close to three
times what a whole trivial request costs (issue 23).
"""

from django import template
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

register = template.Library()

# Stand-ins for what differs per request; neither can occur in what the templates write.
CSRF = "\x1fcsrf\x1f"
PATH = "\x1fpath\x1f"

_kept: dict[tuple[str, str, bool, str], str] = {}


def _shell(name: str, context: template.Context, *, per_page: bool) -> SafeString:
    request = context.get("request")  # None on a page rendered without one
    user = getattr(request, "user", None)
    signed_in = bool(user is not None and user.is_authenticated)
    match = getattr(request, "resolver_match", None)
    url_name = (match.url_name or "") if per_page and match is not None else ""
    key = (name, get_language(), signed_in, url_name)
    html = _kept.get(key)
    if html is None:
        html = render_to_string(
            name,
            {"signed_in": signed_in, "url_name": url_name, "csrf_token": CSRF, "page_path": PATH},
        )
        _kept[key] = html
    if CSRF in html:
        html = html.replace(CSRF, str(context.get("csrf_token", "")))
    if PATH in html:
        path = request.get_full_path() if request is not None else "/"
        html = html.replace(PATH, escape(path))
    return mark_safe(html)  # noqa: S308 - our templates' output; the path is escaped above


@register.simple_tag(takes_context=True)
def site_head_links(context: template.Context) -> SafeString:
    return _shell("_site_head_links.html", context, per_page=False)


@register.simple_tag(takes_context=True)
def site_header(context: template.Context) -> SafeString:
    return _shell("_site_header.html", context, per_page=True)


@register.simple_tag(takes_context=True)
def site_footer(context: template.Context) -> SafeString:
    return _shell("_site_footer.html", context, per_page=False)
