"""The demo's mail: one readable block per mail, links on the port the demo is served on."""

import shutil
import subprocess
from datetime import datetime

import pytest
from django.test import override_settings

from peercircle.mail.delivery import mail_deliver
from peercircle.mail.models import Outbox
from peercircle.meetings.actions.meeting import meeting_cancel
from tests.conftest import make_meeting

pytestmark = pytest.mark.django_db


@override_settings(
    EMAIL_BACKEND="peercircle.mail.console.EmailBackend", SITE_URL="http://127.0.0.1:8123"
)
def test_each_mail_is_one_block_with_its_first_link(now: datetime, cast, capsys):
    meeting = make_meeting(cast.group, days=4)
    meeting_cancel(meeting=meeting)
    capsys.readouterr()
    row = Outbox.objects.get(to_email="member@example.org")
    assert mail_deliver(outbox_id=row.pk) == "sent"
    assert capsys.readouterr().out == (
        "── mail to member@example.org\n"
        f"   {row.subject}\n"
        f"   http://127.0.0.1:8123/meetings/{meeting.pk}/\n"
        "   + calendar invitation (meeting.ics)\n"
    )


@pytest.mark.parametrize(
    ("args", "site_url"),
    [
        (["PORT=8123"], "SITE_URL=http://127.0.0.1:8123 "),
        (["PORT=8123", "SITE_URL=https://demo.example.org"], "SITE_URL=https://demo.example.org "),
    ],
)
def test_make_demo_points_mail_links_at_its_port_unless_site_url_is_given(args, site_url):
    make = shutil.which("make")
    if make is None:
        pytest.skip("make is not installed")
    dry_run = subprocess.run(  # noqa: S603 - make with our own arguments
        [make, "-n", "demo", *args], capture_output=True, text=True, check=True
    ).stdout
    demo_lines = [line for line in dry_run.splitlines() if "manage.py demo" in line]
    assert demo_lines and all(site_url in line for line in demo_lines)
    assert "db_worker --verbosity 0" in dry_run
