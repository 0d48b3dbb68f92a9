from django.conf import settings
from django.db import models

from peercircle.programs.models import Program


class Cadence(models.TextChoices):
    WEEKLY = "weekly", "Every week"
    BIWEEKLY = "biweekly", "Every other week"
    MONTHLY = "monthly", "Every month"


class Group(models.Model):
    """Five to eight peers who meet at a fixed time and place."""

    # A self-started group has no program, and so no coordinator who could see it.
    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, related_name="groups", null=True, blank=True
    )
    name = models.CharField(max_length=80)
    purpose = models.TextField("what the group is for", max_length=1000, blank=True)
    # Career stages welcome, as CareerStage values separated by commas; empty means any.
    stages = models.CharField("career stages welcome", max_length=100, blank=True)
    timezone = models.CharField(max_length=64, default="UTC")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="started_groups",
    )
    cadence = models.CharField(max_length=20, choices=Cadence.choices, default=Cadence.MONTHLY)
    meeting_place = models.CharField(max_length=200, blank=True)
    video_url = models.URLField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["program", "name"], name="group_unique_name"),
            models.CheckConstraint(
                condition=models.Q(cadence__in=Cadence.values), name="group_cadence_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    MEMBER = "member", "Member"
    ORGANIZER = "organizer", "Organizer"


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


# The seed's ground rules, one per line; the first line opens every roundtable.
DEFAULT_AGREEMENT = """What is said in the group stays in the group.
Everyone names what they need today and how long they need.
The host keeps time and keeps us on track.
Venting is fine: label it, then move on to something productive.
Everyone comments on each person's presentation.
Come with last period's goals reviewed."""


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
        return next((line.strip() for line in self.text.splitlines() if line.strip()), "")

    @property
    def rules(self) -> list[str]:
        return [line.strip() for line in self.text.splitlines() if line.strip()]


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
