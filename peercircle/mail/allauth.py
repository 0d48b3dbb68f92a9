"""allauth's mails in our look, with the site's name and address from settings, sent
through the outbox.

allauth names the site after the request's host ("Hello from 127.0.0.1:8000!") and builds
links from it; a mail must name the site the operator configured, as every other mail does.
Its mails (confirming an address, resetting a password) go through the outbox as the
transactional kind "account": with the relay down, signing up still works and the mail
is retried, never lost; they are never held by quiet hours and have no unsubscribe link.
"""

import hashlib
import uuid
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from allauth.account.models import EmailAddress
from allauth.core import context as allauth_context
from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from peercircle.accounts.throttling import ThrottledLoginAdapter
from peercircle.lib.email import site_context
from peercircle.mail.actions import mail_enqueue
from peercircle.mail.kinds import ACCOUNT


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


class AccountAdapter(ThrottledLoginAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        request = allauth_context.request
        origin = request.build_absolute_uri("/")[:-1] if request is not None else ""
        # allauth's footer shows the domain, and the HTML look turns it into a link: give it
        # the whole address so that link keeps the site's https.
        site = ConfiguredSite(settings.SITE_NAME, settings.SITE_URL.rstrip("/"))
        full = {"request": request, "email": email, "current_site": site, **context}
        full = {name: _on_site(value, origin) for name, value in full.items()}
        full.update(site_context())
        full["current_site"] = site
        message = self.render_mail(template_prefix, email, full)
        html = next(
            (
                str(content)
                for content, mimetype in _alternatives(message)
                if mimetype == "text/html"
            ),
            "",
        )
        # Each of allauth's mails is a new fact (a new link): its key is unique per send.
        name = template_prefix.rsplit("/", 1)[-1]
        address = hashlib.sha256(email.lower().encode()).hexdigest()[:16]
        mail_enqueue(
            kind=ACCOUNT,
            to=email,
            key=f"{ACCOUNT}:{name}:{uuid.uuid4().hex}:{address}",
            context={"subject": message.subject, "body": message.body, "html": html},
            # The person asking (signing up, resetting a password) is the one who reads it.
            language=translation.get_language() or "",
        )

    def send_account_already_exists_mail(self, email: str) -> None:
        # Signing up again with an address that was never confirmed means the first
        # confirmation was lost or missed: send a fresh one instead of "you have an account".
        unconfirmed = (
            EmailAddress.objects.filter(email__iexact=email, verified=False)
            .select_related("user")
            .first()
        )
        if unconfirmed is not None:
            unconfirmed.send_confirmation(allauth_context.request, signup=True)
            return
        super().send_account_already_exists_mail(email)

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

    def login(self, request: Any, user: Any) -> None:
        # Django stamps last_login as it logs in: remember before that whether this is the
        # person's first visit, so the message welcomes rather than welcomes back.
        request.peercircle_first_visit = user.last_login is None
        super().login(request, user)

    def add_message(
        self,
        request: Any,
        level: int,
        message_template: str | None = None,
        message_context: dict[str, Any] | None = None,
        extra_tags: str = "",
        message: str | None = None,
    ) -> None:
        if message_template == "account/messages/logged_in.txt":
            first = getattr(request, "peercircle_first_visit", False)
            message_context = {**(message_context or {}), "first_visit": first}
        super().add_message(request, level, message_template, message_context, extra_tags, message)

    # Links allauth builds outside send_mail (confirmation, password reset) also use SITE_URL.
    def get_email_confirmation_url(self, request: Any, emailconfirmation: Any) -> str:
        return on_site(super().get_email_confirmation_url(request, emailconfirmation))

    def get_reset_password_from_key_url(self, key: str) -> str:
        return on_site(super().get_reset_password_from_key_url(key))


def _alternatives(message: EmailMessage) -> list[tuple[Any, str]]:
    if isinstance(message, EmailMultiAlternatives):
        return [(content, mimetype) for content, mimetype in message.alternatives]
    return []


def on_site(url: str) -> str:
    """The same path and query, on SITE_URL."""
    parts = urlsplit(url)
    return settings.SITE_URL + parts.path + (f"?{parts.query}" if parts.query else "")
