"""Demo: a self-started, cross-institution faculty group with no program behind it."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from peercircle.accounts.actions import user_create
from peercircle.accounts.models import CareerStage, User
from peercircle.groups.actions.agreement import agreement_accept
from peercircle.groups.actions.group import group_start, group_update
from peercircle.groups.actions.membership import membership_add
from peercircle.groups.models import Cadence, Group, Membership
from peercircle.groups.queries import current_agreement
from peercircle.meetings.access import get_meeting_for_user
from peercircle.meetings.actions.meeting import meeting_mark_held, meeting_schedule
from peercircle.meetings.actions.records import attendance_set

NAME = "St. Louis Faculty Circle"
PLACE = "Kessler home, Central West End"
# (email, name, pronouns, department, lab, institution)
PEOPLE = [
    ("ruth.kessler@example.org", "Ruth Kessler", "she/her", "Biology", "Kessler Lab (WashU)"),
    ("aisha.bello@example.org", "Aisha Bello", "she/her", "Chemistry", "Bello Lab (SLU)"),
    ("marta.kowal@example.org", "Marta Kowal", "she/her", "Plant Science", "Kowal Lab (Danforth)"),
    ("joy.nakamura@example.org", "Joy Nakamura", "she/her", "Psychology", "Nakamura Lab (UMSL)"),
    ("elena.ruiz@example.org", "Elena Ruiz", "she/her", "Engineering", "Ruiz Lab (WashU)"),
    ("claire.dubois@example.org", "Claire Dubois", "she/her", "History", "Dubois (Webster)"),
]
LOGINS = [("organizer", PEOPLE[0][0], f"{PEOPLE[0][1]}, {NAME} (self-started)")] + [
    ("member", email, f"{name}, {NAME}") for email, name, *_ in PEOPLE[1:]
]


def fill(*, password: str) -> None:
    zone = ZoneInfo("America/Chicago")
    users = [
        user_create(
            email=email,
            password=password,
            display_name=name,
            email_verified=True,
            pronouns=pronouns,
            department=department,
            lab=lab,
            career_stage=CareerStage.FACULTY,
            timezone="America/Chicago",
        )
        for email, name, pronouns, department, lab in PEOPLE
    ]
    group = group_start(
        user=users[0],
        name=NAME,
        purpose="Faculty from five St. Louis institutions: goals, tenure, and each other.",
        stages=[CareerStage.FACULTY],
        timezone="America/Chicago",
    )
    # The group page shows where it meets, like the program groups'.
    group = group_update(
        group=group, name=NAME, cadence=Cadence.MONTHLY, meeting_place=PLACE, video_url=""
    )
    agreement = current_agreement(group.pk)
    assert agreement is not None  # a started group has its first agreement
    # Everyone but the newest member has accepted the ground rules.
    for user in users[1:]:
        membership = membership_add(group=group, user=user)
        if user != users[-1]:
            agreement_accept(membership=membership, version=agreement.version)
    _meetings(group, users, zone)
    assert Membership.objects.filter(group=group).count() == len(PEOPLE)


def _meetings(group: Group, users: list[User], zone: ZoneInfo) -> None:
    """Monthly, first Wednesday at 17:30 over dinner: three held, two ahead."""
    today = timezone.localdate(timezone=zone)
    now = timezone.now()
    for index, months in enumerate(range(-3, 2)):
        index_month = today.year * 12 + today.month - 1 + months
        first = date(index_month // 12, index_month % 12 + 1, 1)
        day = first + timedelta(days=(2 - first.weekday()) % 7)
        starts_at = datetime.combine(day, time(17, 30), tzinfo=zone)
        meeting = meeting_schedule(
            group=group,
            starts_at=starts_at,
            location=PLACE,
            host=users[index % len(users)],
            allow_past=True,
        )
        if starts_at < now:
            meeting_mark_held(meeting=meeting)
            # Held meetings have attendance, so "who keeps coming" counts the group as alive;
            # one member (a different one each time) missed each.
            away = users[(index + 2) % len(users)]
            access = get_meeting_for_user(users[0], meeting.pk)
            attendance_set(access=access, present={u.pk for u in users if u != away})
