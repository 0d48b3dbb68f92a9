"""Jobs the worker tests and the benchmark run in separate processes, against a database
named by DATABASE_URL: `python -m tests.mail.worker_jobs seed 1000` or `... deliver asc`.

Processes, not threads: a killed worker must be a real process, and two racing workers
must hold two real database connections.
"""

import json
import os
import sys
import time
from datetime import timedelta
from pathlib import Path


def seed(count: int) -> dict[str, float]:
    """One group of `count` members with a meeting in two days, and their reminders due."""
    from django.utils import timezone

    from peercircle.meetings.reminders import meeting_reminders

    seed_group(count)
    started = time.perf_counter()
    queued = meeting_reminders(timezone.now())
    return {"queued": queued, "seconds": round(time.perf_counter() - started, 3)}


def seed_group(count: int) -> None:
    """One group of `count` members with a meeting in two days."""
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from peercircle.accounts.models import User
    from peercircle.groups.actions.group import group_create
    from peercircle.groups.models import Membership
    from peercircle.meetings.actions.meeting import meeting_schedule
    from peercircle.programs.actions.program import program_create

    program = program_create(name="Load", coordinators=[])
    group = group_create(program_id=program.pk, name="Everyone")
    # Bulk inserts: hashing a thousand real passwords would take longer than the test.
    password = make_password(None)
    users = User.objects.bulk_create(
        User(username=f"u{n}", email=f"person{n}@example.org", password=password)
        for n in range(count)
    )
    Membership.objects.bulk_create(Membership(group=group, user=user) for user in users)
    starts_at = timezone.now().replace(microsecond=0) + timedelta(days=2)
    meeting_schedule(group=group, starts_at=starts_at)


def cpu_per_mail(count: int, mode: str) -> dict[str, float]:
    """CPU time (this process only, not the SMTP server's) to queue `count` reminders and
    deliver them all with django-tasks' db_worker, with one send task per mail ("single")
    or one per batch ("together", what `send_due_mail` does)."""
    from django.core.management import call_command
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from peercircle.mail.actions import sending_together
    from peercircle.mail.models import Outbox, Status
    from peercircle.meetings.reminders import meeting_reminders

    seed_group(count)
    started = time.process_time()
    if mode == "together":
        with sending_together():
            meeting_reminders(timezone.now())
    else:
        meeting_reminders(timezone.now())
    queued = time.process_time()
    call_command("db_worker", "--batch", "--interval", "0")
    delivered = time.process_time()
    return {
        "sent": Outbox.objects.filter(status=Status.SENT).count(),
        "tasks": DBTaskResult.objects.count(),
        "queue_ms": round((queued - started) * 1000 / count, 2),
        "deliver_ms": round((delivered - queued) * 1000 / count, 2),
    }


def seed_bulk(count: int) -> dict[str, float]:
    """`count` due reminders as outbox rows, fast: the producer queues the first one and
    the rest are copies with their own key, recipient and Message-ID (the race is about
    delivery; the producer's own speed is the benchmark's business)."""
    from django.utils import timezone

    from peercircle.mail.models import Outbox

    seed(1)
    first = Outbox.objects.get()
    now = timezone.now()
    Outbox.objects.bulk_create(
        Outbox(
            key=f"{first.key}:{n}",
            kind=first.kind,
            to_email=f"copy{n}@example.org",
            subject=first.subject,
            text=first.text,
            html=first.html,
            unsubscribe_url=first.unsubscribe_url,
            message_id=f"<copy{n}.{first.message_id.strip('<>')}>",
            next_attempt_at=now,
        )
        for n in range(1, count)
    )
    return {"queued": Outbox.objects.count()}


def deliver(order: str, barrier: str) -> None:
    """Try to send every due row, ascending or descending, after all racers are ready."""
    from collections import Counter

    from django.utils import timezone

    from peercircle.mail.delivery import mail_deliver
    from peercircle.mail.models import Outbox

    ids = sorted(Outbox.objects.values_list("pk", flat=True), reverse=order == "desc")
    Path(f"{barrier}.{order}").touch()
    while not Path(barrier).exists():
        time.sleep(0.01)
    started = time.perf_counter()
    outcomes = Counter(mail_deliver(outbox_id=pk, now=timezone.now()) for pk in ids)
    print(json.dumps({**outcomes, "seconds": round(time.perf_counter() - started, 3)}))


def deliver_batches(name: str, barrier: str) -> None:
    """Send every due row in batches over one SMTP connection each, as the send task
    does, after all racers are ready; stop when a batch finds nothing left to claim."""
    from collections import Counter

    from peercircle.mail.delivery import mail_deliver_batch

    Path(f"{barrier}.{name}").touch()
    while not Path(barrier).exists():
        time.sleep(0.01)
    started = time.perf_counter()
    outcomes: Counter[str] = Counter()
    while True:
        batch = mail_deliver_batch()
        if not batch:
            break
        outcomes.update(batch)
    print(json.dumps({**outcomes, "seconds": round(time.perf_counter() - started, 3)}))


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peercircle.settings")
    import django

    django.setup()
    job, *args = sys.argv[1:]
    if job == "seed":
        print(json.dumps(seed(int(args[0]))))
    elif job == "seed_group":
        seed_group(int(args[0]))
    elif job == "seed_bulk":
        print(json.dumps(seed_bulk(int(args[0]))))
    elif job == "cpu_per_mail":
        print(json.dumps(cpu_per_mail(int(args[0]), args[1])))
    elif job == "deliver":
        deliver(args[0], args[1])
    elif job == "deliver_batches":
        deliver_batches(args[0], args[1])
    else:
        raise SystemExit(f"unknown job {job}")


if __name__ == "__main__":
    main()
