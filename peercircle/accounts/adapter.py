"""allauth, told about the site from settings: mails name SITE_NAME and link to SITE_URL,
never to whichever host the request happened to use (127.0.0.1:8000 behind a proxy)."""

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings


@dataclass(frozen=True)
class SiteFromSettings:
    """What allauth's templates read as `current_site`."""

    name: str
    domain: str


def on_site(url: str) -> str:
    """The same path and query, on SITE_URL."""
    parts = urlsplit(url)
    return settings.SITE_URL + parts.path + (f"?{parts.query}" if parts.query else "")


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        site = SiteFromSettings(settings.SITE_NAME, urlsplit(settings.SITE_URL).netloc)
        # Every link allauth built from the request (activate_url, password_reset_url,
        # signup_url...) points at SITE_URL instead.
        links = {
            key: on_site(value)
            for key, value in context.items()
            if key.endswith("_url") and isinstance(value, str) and value.startswith("http")
        }
        context = {
            **context,
            **links,
            "current_site": site,
            "site_name": settings.SITE_NAME,
            "site_url": settings.SITE_URL,
        }
        super().send_mail(template_prefix, email, context)

    def get_email_confirmation_url(self, request: Any, emailconfirmation: Any) -> str:
        return on_site(super().get_email_confirmation_url(request, emailconfirmation))

    def get_reset_password_from_key_url(self, key: str) -> str:
        return on_site(super().get_reset_password_from_key_url(key))
