"""A console mail backend for the demo: each mail as one short readable block (to,
subject, the first link) instead of its raw MIME source."""

import re
import sys
import threading
from collections.abc import Sequence
from typing import Any, TextIO

from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend

LINK = re.compile(r"https?://[^\s<>\"')]+")


def mail_block(message: EmailMessage) -> str:
    """The block the demo's log shows for one mail."""
    links = LINK.findall(str(message.body))
    lines = [
        f"── mail to {', '.join(message.to)}",
        f"   {message.subject}",
    ]
    if links:
        lines.append(f"   {links[0]}")
    if any(name.endswith(".ics") for name, *_ in _attachments(message)):
        lines.append("   + calendar invitation (meeting.ics)")
    return "\n".join(lines) + "\n"


def _attachments(message: EmailMessage) -> list[tuple[str, Any, Any]]:
    found = []
    for attachment in message.attachments:
        if isinstance(attachment, tuple) and attachment[0]:
            found.append((str(attachment[0]), attachment[1], attachment[2]))
    return found


class EmailBackend(BaseEmailBackend):
    def __init__(self, *args: Any, stream: TextIO | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.stream = stream or sys.stdout
        self._lock = threading.RLock()

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        with self._lock:
            for message in email_messages:
                self.stream.write(mail_block(message))
            self.stream.flush()
        return len(email_messages)
