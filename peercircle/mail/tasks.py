"""Background tasks: each loads a row by id and calls an action."""

from django_tasks import task

from peercircle.mail.delivery import mail_deliver_batch


@task()
def mail_send(outbox_id: int) -> dict[str, int]:
    """Send this row and a batch of other due ones over one SMTP connection; the tasks
    of rows sent in someone else's batch find nothing left to claim."""
    return mail_deliver_batch(outbox_id=outbox_id)


@task()
def mail_send_many(outbox_ids: list[int]) -> dict[str, int]:
    """Send these rows (queued together by a bulk send) over one SMTP connection; rows
    already sent or held by another worker are skipped."""
    return mail_deliver_batch(outbox_ids=outbox_ids)
