from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from peercircle.accounts.models import timezone_choices
from peercircle.lib.text import validate_single_line


class Cadence(models.TextChoices):
    WEEKLY = "weekly", _("Every week")
    BIWEEKLY = "biweekly", _("Every other week")
    MONTHLY = "monthly", _("Every month")


class Group(models.Model):
    """Five to eight peers who meet at a fixed time and place."""

    # A self-started group has no program, and so no coordinator who could see it.
    program = models.ForeignKey(
        # A string: programs sit above groups in the app order (docs/architecture.md).
        "programs.Program",
        on_delete=models.CASCADE,
        related_name="groups",
        null=True,
        blank=True,
    )
    name = models.CharField(max_length=80, validators=[validate_single_line])
    purpose = models.TextField(_("what the group is for"), max_length=1000, blank=True)
    # Career stages welcome, as CareerStage values separated by commas; empty means any.
    stages = models.CharField(
        _("career stages welcome"), max_length=100, blank=True, validators=[validate_single_line]
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="started_groups",
    )
    cadence = models.CharField(max_length=20, choices=Cadence.choices, default=Cadence.MONTHLY)
    meeting_place = models.CharField(max_length=200, blank=True, validators=[validate_single_line])
    video_url = models.URLField(blank=True)
    # Poll options and the schedule are local times in this zone, never converted.
    timezone = models.CharField(max_length=64, default="UTC", choices=timezone_choices)
    # Bumped on every edit: an edit made from an older page is refused, not silently merged.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            # Members tell groups apart by name: unique in a program, ignoring case.
            models.UniqueConstraint(Lower("name"), "program", name="group_unique_name_ci"),
            models.CheckConstraint(
                condition=models.Q(cadence__in=Cadence.values), name="group_cadence_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    MEMBER = "member", _("Member")
    ORGANIZER = "organizer", _("Organizer")


class Membership(models.Model):
    """A person in a group; organizers may change the group's details and schedule."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["joined_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["group", "user"], name="membership_unique"),
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values), name="membership_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.group}"


# The seed's ground rules, one per line; the first line opens every roundtable. Marked for
# the catalogues: a group started in Spanish or German is offered them in its language
# (`gettext(DEFAULT_AGREEMENT)`); once saved they are the group's own, editable text.
DEFAULT_AGREEMENT = gettext_noop("""What is said in the group stays in the group.
Everyone names what they need today and how long they need.
The host keeps time and keeps us on track.
Venting is fine: label it, then move on to something productive.
Everyone comments on each person's presentation.
Come with last period's goals reviewed.""")


def split_rules(text: str) -> list[str]:
    """The ground rules in `text`: one a line, blank lines and NUL bytes dropped."""
    return [line.strip() for line in text.replace("\x00", "").splitlines() if line.strip()]


class Agreement(models.Model):
    """One version of a group's ground rules; the newest version is the one in force."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="agreements")
    version = models.PositiveIntegerField()
    text = models.TextField(max_length=4000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["group", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["group", "version"], name="agreement_unique_version"),
            models.CheckConstraint(condition=models.Q(version__gte=1), name="agreement_version_1"),
        ]

    def __str__(self) -> str:
        return f"{self.group} agreement v{self.version}"

    @property
    def first_line(self) -> str:
        rules = self.rules
        return rules[0] if rules else ""

    @property
    def rules(self) -> list[str]:
        return split_rules(self.text)


class AgreementAcceptance(models.Model):
    """A member accepted one version of their group's agreement, on this date."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="acceptances")
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="acceptances")
    accepted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agreement", "membership"], name="acceptance_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.membership} accepted v{self.agreement.version}"


# --- the words of a meeting time, availability polls, invitations ---


class RecurrenceKind(models.TextChoices):
    MONTHLY_NTH = "monthly_nth", _("Monthly (e.g. 2nd Thursday)")
    BIWEEKLY = "biweekly", _("Every other week")
    WEEKLY = "weekly", _("Every week")
    CUSTOM = "custom", _("Custom (RRULE)")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class Nth(models.IntegerChoices):
    EVERY = 0, _("Every week")
    FIRST = 1, _("1st of the month")
    SECOND = 2, _("2nd of the month")
    THIRD = 3, _("3rd of the month")
    FOURTH = 4, _("4th of the month")
    LAST = -1, _("Last of the month")


class Poll(models.Model):
    """An availability poll: candidate times and places that each member answers."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="polls")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    question = models.CharField(
        max_length=200, default="When and where should we meet?", validators=[validate_single_line]
    )
    deadline = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)
    adopted_at = models.DateTimeField(null=True, blank=True)
    # Set when the deadline passed: no more answers; the organizer may still adopt.
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.question} ({self.group})"

    @property
    def is_open(self) -> bool:
        return self.adopted_at is None

    @property
    def takes_answers(self) -> bool:
        return self.adopted_at is None and self.closed_at is None


class OptionKind(models.TextChoices):
    TIME = "time", _("Time")
    PLACE = "place", _("Place")


class PlaceKind(models.TextChoices):
    COFFEE = "coffee", _("Coffee shop")
    CAMPUS = "campus", _("Campus room")
    HOME = "home", _("A member's home")
    VIDEO = "video", _("Video link")


class PollOption(models.Model):
    """One candidate: a local weekday and time (maybe "2nd Thursday"), or a place."""

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="options")
    kind = models.CharField(max_length=10, choices=OptionKind.choices)
    weekday = models.SmallIntegerField(choices=Weekday.choices, null=True, blank=True)
    time = models.TimeField(null=True, blank=True)
    nth = models.SmallIntegerField(choices=Nth.choices, default=Nth.EVERY)
    place_kind = models.CharField(max_length=10, choices=PlaceKind.choices, blank=True)
    detail = models.CharField(
        _("address or link"), max_length=200, blank=True, validators=[validate_single_line]
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-kind", "position", "pk"]  # times first, then places
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind=OptionKind.PLACE)
                | models.Q(weekday__isnull=False, time__isnull=False),
                name="polloption_time_complete",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        if self.kind == OptionKind.PLACE:
            kind = str(PlaceKind(self.place_kind).label if self.place_kind else _("Place"))
            return f"{kind}: {self.detail}" if self.detail else kind
        day = Weekday(self.weekday).label if self.weekday is not None else ""
        at = self.time.strftime("%H:%M") if self.time else ""
        return (NTH_TIME.get(self.nth, "%(day)s %(time)s") % {"day": day, "time": at}).strip()


# A poll's time in words, by the week of the month it names ("2nd Thursday 18:00").
NTH_TIME = {
    1: _("1st %(day)s %(time)s"),
    2: _("2nd %(day)s %(time)s"),
    3: _("3rd %(day)s %(time)s"),
    4: _("4th %(day)s %(time)s"),
    -1: _("Last %(day)s %(time)s"),
}


class Answer(models.TextChoices):
    YES = "yes", _("Yes")
    MAYBE = "maybe", _("If need be")
    NO = "no", _("No")


class PollAnswer(models.Model):
    option = models.ForeignKey(PollOption, on_delete=models.CASCADE, related_name="answers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    answer = models.CharField(max_length=10, choices=Answer.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["option", "user"], name="pollanswer_unique"),
            models.CheckConstraint(
                condition=models.Q(answer__in=Answer.values), name="pollanswer_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} on {self.option}: {self.answer}"


class InvitationQuerySet(models.QuerySet["Invitation"]):
    def pending(self, now: datetime | None = None) -> "InvitationQuerySet":
        """Neither used nor revoked, and not yet expired: `Invitation.state` says "pending"."""
        now = now or timezone.now()
        return self.filter(accepted_at=None, revoked_at=None, expires_at__gt=now)


class Invitation(models.Model):
    """A secret link that lets whoever owns `email` join the group, until it expires."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Invitation of {self.email} to {self.group}"

    def state(self, now: datetime | None = None) -> str:
        """ "pending", "expired", "revoked" or "used"; agrees with `objects.pending()`."""
        now = now or timezone.now()
        if self.accepted_at is not None:
            return "used"
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_at <= now:
            return "expired"
        return "pending"
