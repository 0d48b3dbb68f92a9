"""allauth's mails in our look, with the site's name and address from settings.

allauth names the site after the request's host ("Hello from 127.0.0.1:8000!") and builds
links from it; a mail must name the site the operator configured, as every other mail does.
"""

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.template.loader import render_to_string

from peercircle.lib.email import site_context


@dataclass(frozen=True)
class ConfiguredSite:
    """Stands in for django.contrib.sites' Site in allauth's templates."""

    name: str
    domain: str


def _on_site(value: Any, origin: str) -> Any:
    # Links allauth built from the request's host are rebased onto SITE_URL.
    if isinstance(value, str) and origin and value.startswith(origin + "/"):
        return settings.SITE_URL + value[len(origin) :]
    return value


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        request = allauth_context.request
        origin = request.build_absolute_uri("/")[:-1] if request is not None else ""
        site = ConfiguredSite(settings.SITE_NAME, urlsplit(settings.SITE_URL).netloc)
        full = {"request": request, "email": email, "current_site": site, **context}
        full = {name: _on_site(value, origin) for name, value in full.items()}
        full.update(site_context())
        full["current_site"] = site
        self.render_mail(template_prefix, email, full).send()

    def render_mail(
        self,
        template_prefix: str,
        email: str | list[str],
        context: dict[str, Any],
        headers: dict[str, str] | None = None,
    ) -> EmailMessage:
        message = super().render_mail(template_prefix, email, context, headers)
        if isinstance(message, EmailMultiAlternatives) and not message.alternatives:
            # One HTML look for all of allauth's text mails, rather than a template each.
            html = render_to_string(
                "mail/allauth.html",
                {**site_context(), "subject": message.subject, "body": message.body},
            )
            message.attach_alternative(html, "text/html")
        return message

    # Links allauth builds outside send_mail (confirmation, password reset) also use SITE_URL.
    def get_email_confirmation_url(self, request: Any, emailconfirmation: Any) -> str:
        return on_site(super().get_email_confirmation_url(request, emailconfirmation))

    def get_reset_password_from_key_url(self, key: str) -> str:
        return on_site(super().get_reset_password_from_key_url(key))


def on_site(url: str) -> str:
    """The same path and query, on SITE_URL."""
    parts = urlsplit(url)
    return settings.SITE_URL + parts.path + (f"?{parts.query}" if parts.query else "")
