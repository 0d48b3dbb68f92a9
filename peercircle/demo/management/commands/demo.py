"""Loads a demo program: a coordinator, three groups of six, three months of meetings.

Running it again changes nothing and prints the logins again.
"""

from dataclasses import dataclass, field
from datetime import time, timedelta
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from peercircle.accounts.actions import user_create
from peercircle.accounts.models import CareerStage, User
from peercircle.accounts.sso import demo as sso_demo
from peercircle.api import demo as api_demo
from peercircle.goals import demo as goals_demo
from peercircle.groups.actions.group import group_create
from peercircle.groups.actions.membership import membership_add
from peercircle.groups.models import Cadence, Group, Membership, Role
from peercircle.lib.zones import zone_named
from peercircle.meetings import demo as meetings_demo
from peercircle.meetings import demo_mail, demo_own, demo_schedule
from peercircle.meetings.actions.meeting import meeting_mark_held, meeting_schedule
from peercircle.meetings.recurrence import Kind, Recurrence, occurrences
from peercircle.programs import demo as programs_demo
from peercircle.programs import demo_report as programs_demo_report
from peercircle.programs import demo_survey as programs_demo_survey
from peercircle.programs.actions.program import program_create
from peercircle.programs.models import Program

DEMO_PASSWORD = "peercircle-demo"  # noqa: S105 - printed on purpose for the demo
ZONE = "America/Chicago"
FORMED_DAYS_AGO = 100
PROGRAM = ("Peer Mentoring Groups 2026–27", "Gateway University & Riverside Plant Science Center")
ADMIN = ("admin@example.org", "Sasha Admin")
COORDINATOR = (
    "coordinator@example.org",
    "Dana Whitfield",
    "Graduate Affairs",
    "",
    CareerStage.STAFF,
)

# (email local part, name, pronouns, department, lab)
GROUPS: list[dict[str, Any]] = [
    {
        "name": "Thursday Evening Circle",
        "cadence": Cadence.MONTHLY,
        "place": "Danforth Café, back room",
        "rule": (3, 1, time(18, 0)),  # second Thursday (Monday is 0), 18:00
        "stage": CareerStage.GRADUATE,
        "people": [
            ("amara.okafor", "Amara Okafor", "she/her", "Plant Biology", "Haswell Lab"),
            ("luis.ortega", "Luis Ortega", "he/him", "Chemistry", "Birnbaum Lab"),
            ("mei.tanaka", "Mei Tanaka", "she/her", "Computer Science", "Vision Systems Lab"),
            ("jonah.feld", "Jonah Feld", "he/him", "Psychology", "Memory & Aging Lab"),
            (
                "priya.raman",
                "Priya Raman",
                "she/her",
                "Biomedical Engineering",
                "Tissue Mechanics Lab",
            ),
            ("sam.whitaker", "Sam Whitaker", "they/them", "History", "Adeyemi (PI)"),
        ],
    },
    {
        "name": "Saturday Brunch Group",
        "cadence": Cadence.MONTHLY,
        "place": "Rotating: a member's home",
        "rule": (5, 0, time(10, 30)),  # first Saturday, 10:30
        "stage": CareerStage.GRADUATE,
        "people": [
            ("hannah.berg", "Hannah Berg", "she/her", "Genetics", "Chromatin Lab"),
            ("kwame.mensah", "Kwame Mensah", "he/him", "Economics", "Labor Markets Group"),
            ("sofia.rossi", "Sofia Rossi", "she/her", "Neuroscience", "Synapse Lab"),
            ("ethan.cho", "Ethan Cho", "", "Physics", "Soft Matter Lab"),
            ("leila.haddad", "Leila Haddad", "she/her", "Earth Sciences", "Hydrology Lab"),
            ("ben.novak", "Ben Novak", "he/him", "Mathematics", "Kowalski (PI)"),
        ],
    },
    {
        "name": "Tuesday Breakfast Postdocs",
        "cadence": Cadence.MONTHLY,
        "place": "Video call (link in each meeting)",
        "rule": (1, 2, time(8, 0)),  # third Tuesday, 08:00
        "stage": CareerStage.POSTDOC,
        "people": [
            ("grace.liu", "Grace Liu", "she/her", "Biochemistry", "Enzyme Dynamics Lab"),
            ("omar.siddiqui", "Omar Siddiqui", "he/him", "Public Health", "Epidemiology Unit"),
            ("nina.petrova", "Nina Petrova", "she/her", "Plant Biology", "Root Development Lab"),
            ("diego.alvarez", "Diego Alvarez", "he/him", "Chemical Engineering", "Catalysis Lab"),
            ("ruth.abebe", "Ruth Abebe", "she/her", "Sociology", "Urban Inequality Lab"),
            ("tom.fischer", "Tom Fischer", "he/him", "Microbiology", "Phage Lab"),
        ],
    },
]


@dataclass
class DemoContext:
    """What the base demo made, handed on to each app's `fill` as the arguments it needs."""

    coordinator: User
    program: Program
    groups: list[tuple[Group, list[User]]] = field(default_factory=list)


# Each app's demo module fills its own part, in the app order, once inside the loading
# transaction; it imports only its own app and those below, and gets the rest as arguments.
# Logins a module creates are listed in its `LOGINS = [(role, email, name), ...]`.
LOGIN_MODULES = [demo_own, meetings_demo]


def fill_apps(context: DemoContext) -> None:
    demo_own.fill(password=DEMO_PASSWORD)
    demo_schedule.fill(groups=context.groups)
    meetings_demo.fill(groups=context.groups)
    goals_demo.fill(groups=context.groups, zone=ZONE)
    programs_demo.fill(coordinator=context.coordinator)
    programs_demo_report.fill(coordinator=context.coordinator, zone=ZONE)
    programs_demo_survey.fill_open(coordinator=context.coordinator, program=context.program)
    demo_mail.fill(groups=context.groups)
    api_demo.fill(coordinator=context.coordinator)
    sso_demo.fill()


class Command(BaseCommand):
    help = "Load demo data (idempotent) and print the demo logins."

    def handle(self, *args: Any, **options: Any) -> None:
        # Demo accounts share a printed password: never on a production site.
        if not settings.DEBUG:
            raise CommandError("manage.py demo refuses to run with DEBUG off.")
        if not Program.objects.filter(name=PROGRAM[0]).exists():
            self._load()
            # Rows get the ids of rows gone before them (a flushed or new database): parts
            # cached for those describe other rows.
            caches["versions"].clear()
            self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        else:
            self.stdout.write("Demo data already present; nothing changed.")
        self._print_logins()

    @transaction.atomic
    def _load(self) -> None:
        admin = self._person(ADMIN[0], ADMIN[1], "", "", "", CareerStage.STAFF)
        admin.is_staff = admin.is_superuser = True
        admin.save(update_fields=["is_staff", "is_superuser"])
        email, name, department, lab, stage = COORDINATOR
        coordinator = self._person(email, name, "", department, lab, stage)
        program = program_create(
            name=PROGRAM[0], institution=PROGRAM[1], coordinators=[coordinator]
        )
        context = DemoContext(coordinator=coordinator, program=program)
        for spec in GROUPS:
            group = group_create(
                program_id=program.pk,
                name=spec["name"],
                cadence=spec["cadence"],
                meeting_place=spec["place"],
                timezone=ZONE,
            )
            members = []
            for index, (local, full, pronouns, dept, lab_name) in enumerate(spec["people"]):
                user = self._person(
                    f"{local}@example.org", full, pronouns, dept, lab_name, spec["stage"]
                )
                membership_add(
                    group=group, user=user, role=Role.ORGANIZER if index == 0 else Role.MEMBER
                )
                members.append(user)
            # The groups were formed before their first meeting a hundred days ago, so the
            # program page's month-by-month figures count their people from then, not today.
            Membership.objects.filter(group=group).update(
                joined_at=timezone.now() - timedelta(days=FORMED_DAYS_AGO)
            )
            self._schedule(group, members, spec["rule"])
            context.groups.append((group, members))
        fill_apps(context)

    def _person(
        self, email: str, name: str, pronouns: str, department: str, lab: str, stage: str
    ) -> User:
        return user_create(
            email=email,
            password=DEMO_PASSWORD,
            display_name=name,
            email_verified=True,
            pronouns=pronouns,
            department=department,
            lab=lab,
            career_stage=stage,
            timezone=ZONE,
        )

    def _schedule(self, group: Group, members: list[User], rule: tuple[int, int, time]) -> None:
        """Three months of held meetings on the group's rule; hosts rotate.

        The coming meetings come from the schedule each group adopts from a poll
        (`peercircle.meetings.demo_schedule`).
        """
        weekday, nth, at = rule
        now = timezone.now()
        series = Recurrence(
            kind=Kind.MONTHLY_NTH,
            weekday=weekday,
            nth=nth + 1,
            start_date=timezone.localdate(timezone=zone_named(ZONE))
            - timedelta(days=FORMED_DAYS_AGO),
            start_time=at,
            zone=ZONE,
        )
        held = occurrences(series, after=now - timedelta(days=95), before=now)
        for index, starts_at in enumerate(held):
            meeting = meeting_schedule(
                group=group,
                starts_at=starts_at,
                host=members[index % len(members)],
                allow_past=True,
            )
            meeting_mark_held(meeting=meeting)

    def _print_logins(self) -> None:
        self.stdout.write(f"\nDemo logins (password for every one: {DEMO_PASSWORD})")
        self._login("site admin", ADMIN[0], ADMIN[1])
        self._login("coordinator", COORDINATOR[0], COORDINATOR[1])
        for spec in GROUPS:
            self.stdout.write(f"  {spec['name']}")
            for index, (local, full, *_) in enumerate(spec["people"]):
                role = "organizer" if index == 0 else "member"
                self._login(role, f"{local}@example.org", f"  {full}")
        for module in LOGIN_MODULES:
            for role, email, name in module.LOGINS:
                self._login(role, email, name)
        self.stdout.write(api_demo.banner(email=COORDINATOR[0]))
        self.stdout.write(
            "\nChange the port with `make demo PORT=8001`; the site admin also has /admin/."
        )

    def _login(self, role: str, email: str, name: str) -> None:
        self.stdout.write(f"  {role:<12} {email:<34} {name}")
