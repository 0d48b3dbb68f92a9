from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from peercircle.accounts.models import CareerStage
from peercircle.lib.text import validate_single_line

# What a new program offers until its coordinator says otherwise: proposed in the language of
# whoever creates the program, then the program's own words (stored, never translated again).
DEFAULT_SLOTS = [
    gettext_noop("Weekday breakfast"),
    gettext_noop("Weekday lunch"),
    gettext_noop("Weekday evening"),
    gettext_noop("Weekend brunch"),
    gettext_noop("Weekend afternoon"),
]
DEFAULT_STAGES = [CareerStage.GRADUATE, CareerStage.POSTDOC, CareerStage.FACULTY]


def default_slots() -> list[str]:
    return [gettext(slot) for slot in DEFAULT_SLOTS]


def default_stages() -> list[str]:
    return [str(stage) for stage in DEFAULT_STAGES]


class StageMode(models.TextChoices):
    SAME = "same", _("Same career stage in each group")
    ANY = "any", _("Career stages may mix")


class Program(models.Model):
    """A coordinator's series of peer-mentoring groups at one or more institutions."""

    name = models.CharField(max_length=120, validators=[validate_single_line])
    institution = models.CharField(
        "institutions", max_length=160, blank=True, validators=[validate_single_line]
    )
    description = models.TextField(blank=True)
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="coordinated_programs", blank=True
    )
    career_stages = models.JSONField(default=default_stages)
    slots = models.JSONField(default=default_slots)
    min_size = models.PositiveSmallIntegerField(default=5)
    target_size = models.PositiveSmallIntegerField(default=6)
    max_size = models.PositiveSmallIntegerField(default=8)
    stage_mode = models.CharField(max_length=8, choices=StageMode.choices, default=StageMode.SAME)
    signup_opens = models.DateTimeField(null=True, blank=True)
    signup_closes = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # The research export: off until the coordinator asks members, with the ethics text.
    research_consent_enabled = models.BooleanField(default=False)
    ethics_text = models.TextField("ethics approval text", max_length=4000, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "institution"], name="program_unique_name"),
            models.CheckConstraint(
                condition=models.Q(
                    min_size__gte=2,
                    target_size__gte=models.F("min_size"),
                    max_size__gte=models.F("target_size"),
                ),
                name="program_sizes_ordered",
            ),
            models.CheckConstraint(
                condition=models.Q(stage_mode__in=StageMode.values), name="program_stage_mode"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def signup_is_open(self, now: datetime) -> bool:
        """Whether the public sign-up form takes answers at `now` (an aware datetime)."""
        if self.signup_opens is None or self.signup_closes is None:
            return False
        return self.signup_opens <= now < self.signup_closes


class SignupStatus(models.TextChoices):
    PENDING = "pending", _("Email not confirmed")
    CONFIRMED = "confirmed", _("Confirmed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class SignUp(models.Model):
    """Someone who asked to be placed in one of a program's groups; no account needed."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="signups")
    name = models.CharField(max_length=120, validators=[validate_single_line])
    email = models.EmailField(max_length=254)
    department = models.CharField(max_length=120, blank=True, validators=[validate_single_line])
    lab = models.CharField(
        "lab or PI", max_length=120, blank=True, validators=[validate_single_line]
    )
    stage = models.CharField(max_length=20, choices=CareerStage.choices)
    availability = models.JSONField(default=list)
    avoid_text = models.CharField(
        "people to avoid", max_length=500, blank=True, validators=[validate_single_line]
    )
    # Who the coordinator confirmed this person must not sit with (from avoid_text or a CSV).
    avoid = models.ManyToManyField("self", symmetrical=False, blank=True, related_name="+")
    hopes = models.TextField("what they hope to get", max_length=2000, blank=True)
    external_id = models.CharField(
        "id in the imported file", max_length=60, blank=True, validators=[validate_single_line]
    )
    status = models.CharField(
        max_length=12, choices=SignupStatus.choices, default=SignupStatus.PENDING
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["program", "email"], name="signup_unique_email"),
            models.CheckConstraint(
                condition=models.Q(status__in=SignupStatus.values), name="signup_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(stage__in=CareerStage.values), name="signup_stage_valid"
            ),
        ]
        indexes = [models.Index(fields=["program", "status"])]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Forming groups")
    DONE = "done", _("Ready to review")
    FAILED = "failed", _("Could not form groups")
    PUBLISHING = "publishing", _("Publishing")
    PUBLISHED = "published", _("Published")


class FormationRun(models.Model):
    """One formation of a program's groups: the engine's run, then the coordinator's edits.

    `result` holds the editable preview (groups of sign-up ids, locks, the unplaced with
    reasons); `version` grows with every change so that two coordinators editing the same
    formation never overwrite each other unseen.
    """

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="formations")
    status = models.CharField(max_length=12, choices=RunStatus.choices, default=RunStatus.QUEUED)
    progress = models.FloatField(default=0.0)
    message = models.CharField(max_length=200, blank=True)
    result = models.JSONField(default=dict, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=RunStatus.values), name="formation_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"Formation {self.pk} of {self.program}"

    @property
    def is_finished(self) -> bool:
        return self.status in (RunStatus.DONE, RunStatus.FAILED, RunStatus.PUBLISHED)


class PublishedPlacement(models.Model):
    """A sign-up placed in a published group, and the invitation that lets them join it."""

    signup = models.OneToOneField(SignUp, on_delete=models.CASCADE, related_name="placement")
    group = models.ForeignKey("groups.Group", on_delete=models.CASCADE, related_name="placements")
    slot = models.CharField(max_length=60, validators=[validate_single_line])
    token_hash = models.CharField(max_length=64, unique=True)
    invited_at = models.DateTimeField()
    joined_at = models.DateTimeField(null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    def __str__(self) -> str:
        return f"{self.signup} in {self.group}"


class Term(models.Model):
    """A stretch of a program's year that an outcome report covers (dates inclusive)."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="terms")
    name = models.CharField(max_length=80, validators=[validate_single_line])
    starts_on = models.DateField()
    ends_on = models.DateField()

    class Meta:
        ordering = ["-ends_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["program", "name"], name="term_unique_name"),
            models.CheckConstraint(
                condition=models.Q(ends_on__gt=models.F("starts_on")), name="term_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.program})"


class Survey(models.Model):
    """A term's end-of-term survey: which constructs it asks about, and when it closes."""

    term = models.OneToOneField(Term, on_delete=models.CASCADE, related_name="survey")
    constructs = models.JSONField(default=list)
    closes_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Survey of {self.term}"


class SurveyAnswer(models.Model):
    """One answer to one item, deliberately not linked to whoever gave it (no user, no time)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="answers")
    item = models.CharField(max_length=12)
    value = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(value__gte=1, value__lte=5), name="survey_answer_scale"
            ),
        ]
        indexes = [models.Index(fields=["survey", "item"])]

    def __str__(self) -> str:
        return f"{self.item}={self.value}"


class SurveyResponded(models.Model):
    """That a member answered a survey (not what): it stops a second answer."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responded")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["survey", "user"], name="survey_responded_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} answered {self.survey_id}"


class ResearchConsent(models.Model):
    """A member's consent to the program's de-identified research export, and its study id."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="consents")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    study_id = models.CharField(max_length=16, unique=True)
    given_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["program", "user"], name="consent_once_per_program"),
        ]

    def __str__(self) -> str:
        return f"{self.study_id} in {self.program_id}"
