"""Every kind of mail, from the one registry: known before it is sent, and sent as bulk-sender
rules (Gmail's and Yahoo's, RFC 3834, RFC 8058) and people expect. A new kind fails here until
it is registered and given a sample below, so none escapes these checks."""

import ast
import re
from datetime import datetime, time, timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings

from peercircle.groups.models import Poll
from peercircle.mail.actions import mail_enqueue
from peercircle.mail.delivery import mail_deliver
from peercircle.mail.kinds import all_kinds, kind_info
from peercircle.mail.models import MailPreference, Outbox, Status
from tests.conftest import make_meeting

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
SITE = "https://peercircle.example"


def kinds_enqueued_in_code() -> set[str]:
    """Every literal `kind=` given to mail_enqueue anywhere in the product's code."""
    found: set[str] = set()
    for path in (ROOT / "peercircle").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            if name not in {"mail_enqueue", "_enqueue"}:
                continue
            for keyword in node.keywords:
                value = keyword.value
                if keyword.arg == "kind" and isinstance(value, ast.Constant):
                    found.add(str(value.value))
    return found


def kinds_with_templates() -> set[str]:
    return {
        path.name.removesuffix("_subject.txt")
        for path in (ROOT / "templates" / "mail").glob("*_subject.txt")
    }


def test_every_kind_the_code_sends_or_has_templates_for_is_registered():
    registered = {kind.name for kind in all_kinds()}
    assert kinds_enqueued_in_code() - registered == set()
    assert kinds_with_templates() - registered == set()
    assert "signup_confirmation" in registered
    assert kind_info("signup_confirmation").transactional


def samples(cast, now: datetime) -> dict[str, dict]:
    """A context for each registered kind, as its producer would give it."""
    meeting = make_meeting(cast.group, days=3, host=cast.organizer)
    poll = Poll(group=cast.group, author=cast.organizer, deadline=now + timedelta(days=2))
    poll_context = {"poll": poll, "group": cast.group, "poll_path": "/polls/1/"}
    meeting_context = {
        "meeting": meeting,
        "group": cast.group,
        "members": [cast.organizer, cast.member],
    }
    return {
        "digest": {"items": [], "week": "2026-W49"},
        "account": {  # what mail/allauth.py hands over, allauth's links already on SITE_URL
            "subject": "Confirm your address",
            "body": f"Follow {SITE}/accounts/confirm-email/x/",
            "html": f'<p><a href="{SITE}/accounts/confirm-email/x/">Confirm</a></p>',
        },
        "invitation": {
            "group": cast.group,
            "inviter": cast.organizer,
            "expires_at": now + timedelta(days=14),
            "invitation_path": "/invitations/x/",
        },
        "signup_confirmation": {
            "program": cast.program,
            "name": "Sam Signup",
            "confirm_path": "/signup/confirm/x/",
        },
        "goal_nudge": {"goal": {"group": cast.group, "due_on": now.date(), "text": "Ship it"}},
        "meeting_reminder": meeting_context,
        "host_reminder": {**meeting_context, "agenda": []},
        "meeting_summary": {
            **meeting_context,
            "items": [],
            "attendees": [cast.member],
            "venting_slots": 0,
        },
        "calendar_update": {
            **meeting_context,
            "change": "moved",
            "schedule_text": "",
            "meeting_path": "/meetings/1/",
        },
        "poll_opened": poll_context,
        "poll_reminder": poll_context,
        "poll_result": {**poll_context, "reason": "answered"},
    }


@override_settings(SITE_URL=SITE)
def test_every_registered_kind_follows_the_bulk_sender_rules(now: datetime, cast, smtp):
    # Quiet hours all day long: only transactional mail may go now.
    MailPreference.objects.create(user=cast.member, quiet_start=time(0), quiet_end=time(23, 59))
    contexts = samples(cast, now)
    kinds = all_kinds()
    assert {kind.name for kind in kinds} - contexts.keys() == set(), "give new kinds a sample"
    for kind in kinds:
        recipient = "someone@example.org" if kind.name == "signup_confirmation" else cast.member
        row = mail_enqueue(
            kind=kind.name, to=recipient, key=f"{kind.name}:1:1:1", context=contexts[kind.name]
        )
        assert row.status == Status.PENDING, kind.name
        if kind.transactional:
            assert row.next_attempt_at == now, f"{kind.name} must never wait for quiet hours"
        Outbox.objects.filter(pk=row.pk).update(next_attempt_at=now)
        assert mail_deliver(outbox_id=row.pk) == "sent", kind.name
    by_subject = {row.subject: row.kind for row in Outbox.objects.all()}
    assert len(smtp.messages) == len(kinds)
    for message in smtp.messages:
        kind = kind_info(by_subject[str(message["Subject"])])
        assert message["Auto-Submitted"] == "auto-generated", kind.name
        assert message["Message-ID"], kind.name
        assert message["From"] == settings.DEFAULT_FROM_EMAIL, kind.name
        text = message.get_body(("plain",)).get_content()
        html = message.get_body(("html",)).get_content()
        assert text.strip() and html.strip(), kind.name
        # Links are on the configured site, in its scheme, in both bodies.
        assert "http://" not in text + html, kind.name
        assert re.search(re.escape(SITE), text) and re.search(re.escape(SITE), html), kind.name
        if kind.transactional:
            assert message["List-Unsubscribe"] is None, kind.name
            continue
        link = str(message["List-Unsubscribe"]).strip(" <>")
        assert link.startswith(f"{SITE}/"), kind.name
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click", kind.name
        # A visible way out in the body of every mail that has the header.
        assert f"Stop these mails: {link}" in text, kind.name
        assert f'<a href="{link}">Stop these mails</a>' in html, kind.name
        assert "Choose which mails you get" in text, kind.name
