"""The one helper that renders every mail: a subject, a text body and an HTML body.

Each kind of mail is three templates, `mail/<kind>_subject.txt`, `mail/<kind>.txt` and
`mail/<kind>.html`, rendered in the recipient's time zone with the site's name and address
from settings (never the request's host, which a proxy or an attacker controls).
"""

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from peercircle.lib.zones import site_zone, zone_named


@dataclass(frozen=True)
class RenderedMail:
    subject: str
    text: str
    html: str


def site_context() -> dict[str, str]:
    return {"site_name": settings.SITE_NAME, "site_url": settings.SITE_URL}


def render_mail(
    kind: str, context: dict[str, Any], *, zone: str = "", language: str = ""
) -> RenderedMail:
    """The mail `kind` rendered with `context`, its times shown in `zone` (IANA name) and its
    words in `language` (the recipient's; the site's own language when not given)."""
    full = {**site_context(), **context}
    with (
        timezone.override(zone_named(zone) or site_zone()),
        translation.override(language or settings.LANGUAGE_CODE),
    ):
        subject = render_to_string(f"mail/{kind}_subject.txt", full)
        text = render_to_string(f"mail/{kind}.txt", full)
        html = render_to_string(f"mail/{kind}.html", full)
    # A subject is one line: a newline in it would be a header injection.
    one_line = " ".join(subject.split())
    return RenderedMail(subject=one_line, text=text, html=html)
