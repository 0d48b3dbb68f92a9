"""A real SMTP server on loopback (aiosmtpd in a thread) that records what it accepts."""

import logging
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Recorder:
    """The aiosmtpd handler: keeps every accepted message; `before_accept` may refuse one
    (return an SMTP reply such as "451 ...") or act before the server says 250."""

    messages: list[EmailMessage] = field(default_factory=list)
    # The client's (address, port) of each accepted message: one port per SMTP connection.
    peers: list[tuple[str, int]] = field(default_factory=list)
    before_accept: Callable[[EmailMessage], str | None] | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(message, EmailMessage)
        if self.before_accept is not None:
            refusal = self.before_accept(message)
            if refusal:
                return refusal
        with self.lock:
            self.messages.append(message)
            self.peers.append(tuple(session.peer))
        return "250 Message accepted for delivery"

    def message_ids(self) -> list[str]:
        with self.lock:
            return [str(m["Message-ID"]) for m in self.messages]


class SMTPServer:
    def __init__(self, port: int | None = None) -> None:
        self.port = port or free_port()
        self.recorder = Recorder()
        self.controller: Controller | None = None

    def start(self) -> "SMTPServer":
        logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd logs each command
        # Made here, not in __init__: a controller owns an event loop that must be closed.
        self.controller = Controller(self.recorder, hostname="127.0.0.1", port=self.port)
        self.controller.start()
        return self

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller.loop.close()
            self.controller = None

    @property
    def messages(self) -> list[EmailMessage]:
        return self.recorder.messages

    def settings(self) -> dict[str, Any]:
        """Django settings that send to this server."""
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": self.port,
            "EMAIL_USE_TLS": False,
            "EMAIL_HOST_USER": "",
            "EMAIL_HOST_PASSWORD": "",
            "EMAIL_TIMEOUT": 5,
        }

    def env(self) -> dict[str, str]:
        """The same, as environment variables for a worker process."""
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(self.port),
            "EMAIL_USE_TLS": "0",
            "EMAIL_TIMEOUT": "5",
        }
