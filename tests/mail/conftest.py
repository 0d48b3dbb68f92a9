from collections.abc import Iterator

import pytest
from django.test import override_settings

from tests.mail.smtp import SMTPServer


@pytest.fixture
def smtp() -> Iterator[SMTPServer]:
    """A real SMTP server on a free loopback port; Django's mail goes to it."""
    server = SMTPServer().start()
    try:
        with override_settings(**server.settings()):
            yield server
    finally:
        server.stop()
