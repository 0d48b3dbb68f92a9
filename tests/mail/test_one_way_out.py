"""No mail leaves except through the outbox: only the delivery module talks to a mail backend.

A mail sent around the outbox is lost when the relay is down, is never retried, ignores
quiet hours and preferences, and misses the headers every outbox mail carries.
"""

import ast
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
# The one module that hands outbox rows to a mail backend.
SENDER = ROOT / "peercircle" / "mail" / "delivery.py"
# Functions and methods that send mail (django.core.mail, EmailMessage, backends, smtplib).
SENDING_NAMES = {"send_mail", "send_mass_mail", "mail_admins", "mail_managers"}
SENDING_METHODS = {"send", "send_messages", "sendmail", "send_message"}
SMTP_CLIENTS = {"SMTP", "SMTP_SSL", "LMTP"}


def sending_calls(path: Path) -> list[str]:
    """Each call in `path` that sends mail, as "<line> <name>()", in reading order."""
    tree = ast.parse(path.read_text(), str(path))
    calls = sorted(
        (node for node in ast.walk(tree) if isinstance(node, ast.Call)),
        key=lambda node: (node.lineno, -node.col_offset),
    )
    found = []
    for node in calls:
        name = node.func.id if isinstance(node.func, ast.Name) else ""
        attr = node.func.attr if isinstance(node.func, ast.Attribute) else ""
        if name in SENDING_NAMES | SMTP_CLIENTS:
            found.append(f"{node.lineno} {name}()")
        if attr in SENDING_METHODS | SMTP_CLIENTS | SENDING_NAMES:
            found.append(f"{node.lineno} .{attr}()")
    return found


def test_only_the_delivery_module_sends_mail():
    offenders = [
        f"{path.relative_to(ROOT)}:{call}"
        for path in sorted((ROOT / "peercircle").rglob("*.py"))
        if path != SENDER and "migrations" not in path.parts
        for call in sending_calls(path)
    ]
    assert offenders == [], "send through mail_enqueue (peercircle/mail/actions.py)"
    assert sending_calls(SENDER), "the check must recognise the one place that does send"


def test_the_scanner_recognises_each_way_of_sending(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from django.core.mail import send_mail, mail_admins\n"
        "send_mail('s', 'b', 'f', ['t'])\n"
        "mail_admins('s', 'b')\n"
        "message.send()\n"
        "connection.send_messages([message])\n"
        "smtplib.SMTP('relay').sendmail('f', ['t'], 'b')\n"
    )
    calls = [call.split(" ", 1)[1] for call in sending_calls(sample)]
    assert calls == [
        "send_mail()",
        "mail_admins()",
        ".send()",
        ".send_messages()",
        ".sendmail()",
        ".SMTP()",
    ]


def test_errors_are_not_mailed_to_admins_around_the_outbox():
    handlers = settings.LOGGING.get("handlers", {}).values()
    assert all("AdminEmailHandler" not in handler.get("class", "") for handler in handlers)
    # Django's default logging mails each server error to ADMINS, and
    # BrokenLinkEmailsMiddleware mails MANAGERS, straight to the backend: both stay empty.
    assert list(settings.ADMINS) == [] and list(settings.MANAGERS) == []
    assert "django.middleware.common.BrokenLinkEmailsMiddleware" not in settings.MIDDLEWARE
