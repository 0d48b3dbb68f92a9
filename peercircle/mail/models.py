from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    PENDING = "pending", _("Pending")  # waiting to be sent (again) from next_attempt_at on
    SENDING = "sending", _("Sending")  # claimed by a worker until lease_until
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")  # gave up after the last retry
    SKIPPED = "skipped", _("Skipped")  # the recipient turned this kind off
    HELD = "held", _("Held for digest")
    DIGESTED = "digested", _("Sent in a digest")


class OutboxQuerySet(models.QuerySet["Outbox"]):
    def due(self, now: datetime, *, grace: timedelta = timedelta(0)) -> "OutboxQuerySet":
        """Rows a worker may claim now: pending and due (for `grace` already), or claimed by
        a worker whose lease ran out (it crashed or was killed)."""
        return self.filter(
            models.Q(status=Status.PENDING, next_attempt_at__lte=now - grace)
            | models.Q(status=Status.SENDING, lease_until__lt=now)
        )


class Outbox(models.Model):
    """One mail to one recipient, rendered when it was enqueued, sent at most once.

    `key` (kind, object, occurrence, recipient) is unique: enqueueing the same key again
    does nothing, which makes every producer safe to run twice or on two machines.
    """

    key = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=40)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="outbox",
    )
    to_email = models.CharField(max_length=254)
    subject = models.CharField(max_length=400, blank=True)
    text = models.TextField(blank=True)
    html = models.TextField(blank=True)
    unsubscribe_url = models.CharField(max_length=500, blank=True)
    message_id = models.CharField(max_length=200)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    lease_until = models.DateTimeField(null=True, blank=True)
    claim = models.CharField(max_length=32, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    digest = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="digested"
    )

    objects = OutboxQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "outbox"
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="outbox_due"),
            models.Index(fields=["user", "status"], name="outbox_user_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=Status.values), name="outbox_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.key


class OutboxAttachment(models.Model):
    outbox = models.ForeignKey(Outbox, on_delete=models.CASCADE, related_name="attachments")
    filename = models.CharField(max_length=200)
    content = models.BinaryField()
    mimetype = models.CharField(max_length=100)

    def __str__(self) -> str:
        return self.filename


class Delivery(models.TextChoices):
    SINGLE = "single", _("Each mail as it comes")
    DIGEST = "digest", _("Summaries and nudges in one weekly digest (Monday morning)")


class MailPreference(models.Model):
    """Which mails a person gets, and when. No row means the defaults."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mail_preference"
    )
    disabled_kinds = models.JSONField(default=list, blank=True)
    delivery = models.CharField(max_length=20, choices=Delivery.choices, default=Delivery.SINGLE)
    reminder_days = models.PositiveSmallIntegerField(default=3)
    quiet_start = models.TimeField(null=True, blank=True)
    quiet_end = models.TimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(delivery__in=Delivery.values), name="mailpref_delivery_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(reminder_days__gte=1, reminder_days__lte=14),
                name="mailpref_reminder_days_range",
            ),
            models.CheckConstraint(
                condition=models.Q(quiet_start__isnull=True, quiet_end__isnull=True)
                | models.Q(quiet_start__isnull=False, quiet_end__isnull=False),
                name="mailpref_quiet_both_or_neither",
            ),
        ]

    def __str__(self) -> str:
        return f"mail preferences of {self.user_id}"
