"""Background tasks: each loads a row by id and calls an action."""

from django_tasks import task

from peercircle.mail.delivery import mail_deliver


@task()
def mail_send(outbox_id: int) -> str:
    return mail_deliver(outbox_id=outbox_id)
