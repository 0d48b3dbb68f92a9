from django.core import mail

from peercircle.mail.models import Outbox, Status
from tests.conftest import load_demo


def test_the_demo_fills_the_outbox_with_sent_reminders_and_retries_once(db):
    load_demo()
    sent = Outbox.objects.filter(status=Status.SENT)
    assert sent.filter(kind="meeting_reminder").count() >= 6
    assert sent.filter(kind="host_reminder").exists()
    retrying = Outbox.objects.filter(status=Status.PENDING, attempts=1)
    assert retrying.exists()
    assert all("relay was down" in row.last_error for row in retrying)
    assert len(mail.outbox) == sent.count()  # delivered into memory, not to the console
    rows = Outbox.objects.count()
    load_demo()
    assert Outbox.objects.count() == rows
