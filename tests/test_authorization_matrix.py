"""Who gets what, for every route: one table, nine people, every method a route accepts.

Each row is a route name and a method, then the status each person gets, in the order of
PEOPLE. A POST carries no form data, so allowed people meet the form's refusal (400/422)
or the action's answer (302), never a change that the next request would see: every
request runs in a transaction that is rolled back. A route without a row fails the build,
and so does a method a route accepts without a row (it must answer 405 otherwise).

Private text in the fixture (a private goal, a private note, a sign-up's hopes, the other
group's goal and check-in) is searched in every response: only the people in MARKERS may see it.

To print the statuses as they are (when adding a route): MATRIX_PRINT=1 pytest -s this file.
"""

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.db import transaction
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from peercircle.accounts import personal_data
from peercircle.accounts.models import User
from peercircle.api.actions.tokens import token_create
from peercircle.goals.actions import long_term_add, success_add
from peercircle.groups.actions.polls import PlaceChoice, TimeChoice, poll_create
from peercircle.groups.models import Invitation
from peercircle.lib import tokens
from peercircle.mail.links import unsubscribe_token
from peercircle.meetings.actions.calendar_feed import calendar_feed_regenerate
from peercircle.meetings.actions.checkin import checkin_save
from peercircle.meetings.actions.records import note_add
from peercircle.meetings.calendar import feed_token
from peercircle.meetings.models import ItemKind, Meeting
from peercircle.programs.actions.program import program_create
from peercircle.programs.models import SignUp, SignupStatus, Survey, Term
from tests.conftest import Cast, access_for, make_meeting, make_user, run_meeting_now
from tests.goals.helpers import make_goal
from tests.test_url_permissions import exempt, named_routes

PEOPLE = [
    "anonymous",
    "outsider",
    "member",
    "other_member",
    "host",
    "organizer",
    "coordinator",
    "other_coordinator",
    "admin",
]

# Text only some people may ever see, and who they are.
MARKERS = {
    "PRIVATE-GOAL-7d1": {"member"},
    "PRIVATE-NOTE-3b9": {"member"},
    "OTHER-GROUP-CHECKIN-5e2": {"other_member"},
    "OTHER-GROUP-GOAL-6c1": {"other_member"},
    "SIGNUP-HOPES-8a4": {"coordinator"},
}

# The table. Columns, in order: anonymous, outsider, member, member of another group, host
# of the meeting (a plain member), organizer, coordinator of the program, coordinator of
# another program, site admin. Group content is 404 to outsiders and 403 to the program's
# coordinator ("what is said in a group stays in the group"); the site admin is an outsider
# to every group and program. 302 for the anonymous is the login page.
MATRIX: dict[tuple[str, str], str] = {
    ("account_data", "GET"): "302 200 200 200 200 200 200 200 200",
    ("account_data_csv", "GET"): "302 200 200 200 200 200 200 200 200",
    ("account_data_json", "GET"): "302 200 200 200 200 200 200 200 200",
    ("account_delete", "POST"): "302 422 422 422 422 422 422 422 422",
    ("account_login", "GET"): "200 302 302 302 302 302 302 302 302",
    ("account_login", "POST"): "200 302 302 302 302 302 302 302 302",
    ("agreement_accept", "POST"): "302 404 422 404 422 422 403 404 404",
    ("agreement_detail", "GET"): "302 404 200 404 200 200 403 404 404",
    ("agreement_edit", "POST"): "302 404 403 404 403 422 403 404 404",
    ("calendar_feed", "GET"): "200 200 200 200 200 200 200 200 200",
    ("calendar_page", "GET"): "302 200 200 200 200 200 200 200 200",
    ("calendar_regenerate", "POST"): "302 302 302 302 302 302 302 302 302",
    ("calendar_revoke", "POST"): "302 302 302 302 302 302 302 302 302",
    ("coordinator_grant", "GET"): "302 403 403 403 403 403 403 403 200",
    ("coordinator_grant", "POST"): "302 403 403 403 403 403 403 403 422",
    ("dashboard", "GET"): "200 200 200 200 200 200 200 200 200",
    ("formation_lock", "POST"): "302 404 403 403 403 403 302 404 404",
    ("formation_move", "GET"): "302 404 403 403 403 403 302 404 404",
    ("formation_move", "POST"): "302 404 403 403 403 403 302 404 404",
    ("formation_page", "GET"): "302 404 403 403 403 403 200 404 404",
    ("formation_progress", "GET"): "302 404 403 403 403 403 204 404 404",
    ("formation_publish", "GET"): "302 404 403 403 403 403 302 404 404",
    ("formation_publish", "POST"): "302 404 403 403 403 403 302 404 404",
    ("formation_run", "POST"): "302 404 403 403 403 403 302 404 404",
    ("goal_edit", "GET"): "302 404 200 404 404 404 403 404 404",
    ("goal_edit", "POST"): "302 404 422 404 404 404 403 404 404",
    ("goal_guidance", "POST"): "302 200 200 200 200 200 200 200 200",
    ("goal_new", "GET"): "302 404 200 404 200 200 403 404 404",
    ("goal_new", "POST"): "302 404 422 404 422 422 403 404 404",
    ("goal_review", "GET"): "302 404 200 404 404 404 403 404 404",
    ("goal_review", "POST"): "302 404 422 404 404 404 403 404 404",
    ("goals_export", "GET"): "302 200 200 200 200 200 200 200 200",
    ("javascript-catalog", "GET"): "200 200 200 200 200 200 200 200 200",
    ("language_choose", "POST"): "302 302 302 302 302 302 302 302 302",
    ("group_detail", "GET"): "302 404 200 404 200 200 403 404 404",
    ("group_edit", "GET"): "302 404 403 404 403 200 403 404 404",
    ("group_edit", "POST"): "302 404 403 404 403 422 403 404 404",
    ("group_goals", "GET"): "302 404 200 404 200 200 403 404 404",
    ("group_invitations", "GET"): "302 404 403 404 403 200 200 404 404",
    ("group_invitations", "POST"): "302 404 403 404 403 422 422 404 404",
    ("group_leave", "GET"): "302 404 200 404 200 200 403 404 404",
    ("group_leave", "POST"): "302 404 302 404 302 302 403 404 404",
    ("group_start", "GET"): "302 200 200 200 200 200 200 200 200",
    ("group_start", "POST"): "302 422 422 422 422 422 422 422 422",
    ("healthz", "GET"): "200 200 200 200 200 200 200 200 200",
    ("invitation_join", "POST"): "302 410 410 410 410 410 410 410 410",
    ("invitation_landing", "GET"): "200 403 403 403 403 403 403 403 403",
    ("invitation_resend", "POST"): "302 404 403 404 403 302 302 404 404",
    ("invitation_revoke", "POST"): "302 404 403 404 403 302 302 404 404",
    ("long_term_edit", "GET"): "302 404 200 404 404 404 404 404 404",
    ("long_term_edit", "POST"): "302 404 422 404 404 404 404 404 404",
    ("long_term_list", "GET"): "302 200 200 200 200 200 200 200 200",
    ("long_term_list", "POST"): "302 422 422 422 422 422 422 422 422",
    ("mail_outbox", "GET"): "302 404 404 404 404 404 404 404 200",
    ("mail_outbox_retry", "POST"): "302 404 404 404 404 404 404 404 404",
    ("mail_preferences", "GET"): "302 200 200 200 200 200 200 200 200",
    ("mail_preferences", "POST"): "302 422 422 422 422 422 422 422 422",
    ("mail_unsubscribe", "GET"): "200 200 200 200 200 200 200 200 200",
    ("mail_unsubscribe", "POST"): "200 200 200 200 200 200 200 200 200",
    ("meeting_agenda", "GET"): "302 404 403 404 200 200 403 404 404",
    ("meeting_agenda", "POST"): "302 404 403 404 302 403 403 404 404",
    ("meeting_attendance", "POST"): "302 404 403 404 302 403 403 404 404",
    ("meeting_cancel", "POST"): "302 404 403 404 302 302 403 404 404",
    ("meeting_checkin", "GET"): "302 404 200 404 200 200 403 404 404",
    ("meeting_checkin", "POST"): "302 404 422 404 422 422 403 404 404",
    ("meeting_comments", "POST"): "302 404 302 404 302 302 403 404 404",
    ("meeting_detail", "GET"): "302 404 200 404 200 200 403 404 404",
    ("meeting_ics", "GET"): "302 404 200 404 200 200 403 404 404",
    ("meeting_move", "GET"): "302 404 403 404 200 200 403 404 404",
    ("meeting_move", "POST"): "302 404 403 404 422 422 403 404 404",
    ("api_docs", "GET"): "200 200 200 200 200 200 200 200 200",
    ("api_token_revoke", "POST"): "302 404 302 404 404 404 404 404 404",
    ("api_tokens", "GET"): "302 200 200 200 200 200 200 200 200",
    ("api_tokens", "POST"): "302 422 422 422 422 422 422 422 422",
    ("meeting_new", "GET"): "302 404 403 404 403 200 403 404 404",
    ("meeting_new", "POST"): "302 404 403 404 403 422 403 404 404",
    ("meeting_note_add", "POST"): "302 404 302 404 302 302 403 404 404",
    ("meeting_note_draft", "POST"): "302 404 204 404 204 204 403 404 404",
    ("meeting_rsvp", "POST"): "302 404 302 404 302 302 403 404 404",
    ("meeting_run", "GET"): "302 404 200 404 200 200 403 404 404",
    ("meeting_run_begin", "POST"): "302 404 302 404 302 302 403 404 404",
    ("meeting_run_control", "POST"): "302 404 302 404 302 302 403 404 404",
    ("meeting_run_state", "GET"): "302 404 200 404 200 200 403 404 404",
    ("meeting_run_takeover", "GET"): "302 404 200 404 200 200 403 404 404",
    ("meeting_run_takeover", "POST"): "302 404 302 404 302 302 403 404 404",
    ("meeting_summary", "GET"): "302 404 200 404 200 200 403 404 404",
    ("meeting_swap", "POST"): "302 404 403 404 302 302 403 404 404",
    ("my_goals", "GET"): "302 200 200 200 200 200 200 200 200",
    ("my_progress", "GET"): "302 200 200 200 200 200 200 200 200",
    ("my_year", "GET"): "302 200 200 200 200 200 200 200 200",
    ("organizer_hand_over", "GET"): "302 404 403 404 403 200 403 404 404",
    ("organizer_hand_over", "POST"): "302 404 403 404 403 422 403 404 404",
    ("poll_adopt", "POST"): "302 404 403 404 403 422 403 404 404",
    ("poll_detail", "GET"): "302 404 200 404 200 200 403 404 404",
    ("poll_detail", "POST"): "302 404 422 404 422 422 403 404 404",
    ("poll_new", "GET"): "302 404 200 404 200 200 403 404 404",
    ("poll_new", "POST"): "302 404 422 404 422 422 403 404 404",
    ("profile", "GET"): "302 200 200 200 200 200 200 200 200",
    ("profile", "POST"): "302 422 422 422 422 422 422 422 422",
    ("program_detail", "GET"): "302 404 403 403 403 403 200 404 404",
    ("program_edit", "GET"): "302 404 403 403 403 403 200 404 404",
    ("program_edit", "POST"): "302 404 403 403 403 403 422 404 404",
    ("program_figures_csv", "GET"): "302 404 403 403 403 403 200 404 404",
    ("program_report", "GET"): "302 404 403 403 403 403 200 404 404",
    ("program_report_print", "GET"): "302 404 403 403 403 403 200 404 404",
    ("program_report_csv", "GET"): "302 404 403 403 403 403 200 404 404",
    ("program_term_new", "POST"): "302 404 403 403 403 403 422 404 404",
    ("program_survey_set", "POST"): "302 404 403 403 403 403 422 404 404",
    ("survey_page", "GET"): "302 404 200 200 200 200 403 404 404",
    ("survey_page", "POST"): "302 404 422 422 422 422 403 404 404",
    ("program_research", "GET"): "302 404 403 403 403 403 200 404 404",
    ("program_research", "POST"): "302 404 403 403 403 403 302 404 404",
    ("program_research_csv", "GET"): "302 404 403 403 403 403 409 404 404",
    ("program_research_dictionary", "GET"): "302 404 403 403 403 403 200 404 404",
    ("research_consent", "GET"): "302 404 200 200 200 200 403 404 404",
    ("research_consent", "POST"): "302 404 422 422 422 422 403 404 404",
    ("program_new", "GET"): "302 403 403 403 403 403 403 403 200",
    ("program_new", "POST"): "302 403 403 403 403 403 403 403 422",
    ("schedule_edit", "GET"): "302 404 403 404 403 200 403 404 404",
    ("schedule_edit", "POST"): "302 404 403 404 403 422 403 404 404",
    ("signup_confirm", "GET"): "404 404 404 404 404 404 404 404 404",
    ("signup_confirm", "POST"): "404 404 404 404 404 404 404 404 404",
    ("signup_edit", "GET"): "302 404 403 403 403 403 200 404 404",
    ("signup_edit", "POST"): "302 404 403 403 403 403 422 404 404",
    ("signup_export", "GET"): "302 404 403 403 403 403 200 404 404",
    ("signup_import", "GET"): "302 404 403 403 403 403 200 404 404",
    ("signup_import", "POST"): "302 404 403 403 403 403 422 404 404",
    ("signup_list", "GET"): "302 404 403 403 403 403 200 404 404",
    ("signup_public", "GET"): "200 200 200 200 200 200 200 200 200",
    ("signup_public", "POST"): "200 200 200 200 200 200 200 200 200",
    ("signup_sent", "GET"): "200 200 200 200 200 200 200 200 200",
    ("signup_withdraw", "POST"): "302 404 403 403 403 403 302 404 404",
    ("success_delete", "POST"): "302 404 302 404 403 403 403 404 404",
    ("success_new", "GET"): "302 404 200 404 200 200 403 404 404",
    ("success_new", "POST"): "302 404 422 404 422 422 403 404 404",
    # University sign-in (no institution here: unknown slug/provider 404) and logout.
    ("sso_logout", "GET"): "302 200 200 200 200 200 200 200 200",
    ("sso_logout", "POST"): "302 302 302 302 302 302 302 302 302",
    ("sso_oidc_back", "GET"): "404 404 404 404 404 404 404 404 404",
    ("sso_oidc_back", "POST"): "404 404 404 404 404 404 404 404 404",
    ("sso_oidc_login", "GET"): "404 404 404 404 404 404 404 404 404",
    ("sso_oidc_login", "POST"): "404 404 404 404 404 404 404 404 404",
    ("sso_saml_finish", "GET"): "404 404 404 404 404 404 404 404 404",
    ("sso_saml_finish", "POST"): "404 404 404 404 404 404 404 404 404",
    ("sso_saml_sls", "GET"): "404 404 404 404 404 404 404 404 404",
    ("sso_saml_sls", "POST"): "404 404 404 404 404 404 404 404 404",
    ("sso_welcome", "GET"): "302 302 302 302 302 302 302 302 302",
    ("sso_welcome", "POST"): "302 302 302 302 302 302 302 302 302",
}


@dataclass
class World:
    users: dict[str, User | None]
    args: dict[str, Callable[[], list[object]]]


@pytest.fixture
def world(now: object, cast: Cast) -> World:
    host = make_user("host@example.org", display_name="Hana Host")
    from peercircle.groups.actions.membership import membership_add

    membership_add(group=cast.group, user=host)
    other_coordinator = make_user("cora2@example.org", display_name="Cato Coordinator")
    program_create(name="Other program", coordinators=[other_coordinator])
    admin = make_user("admin@example.org", display_name="Ada Admin")
    admin.is_staff = admin.is_superuser = True
    admin.save(update_fields=["is_staff", "is_superuser"])

    meeting = run_meeting_now(cast, host=host)
    item = meeting.agenda_items.filter(kind=ItemKind.SLOT).first()
    assert item is not None
    upcoming = make_meeting(cast.group, days=5, host=host)
    other_meeting = make_meeting(cast.other_group, days=5)
    checkin_save(
        meeting=other_meeting,
        user=cast.other_member,
        response="support",
        minutes=10,
        topic="OTHER-GROUP-CHECKIN-5e2",
    )
    note_add(access=access_for(cast.member, meeting), text="PRIVATE-NOTE-3b9", shared=False)
    make_goal(cast.other_member, cast.other_group, "OTHER-GROUP-GOAL-6c1 by Monday")
    goal = make_goal(cast.member, cast.group, "PRIVATE-GOAL-7d1 by Friday", private=True)
    long_term = long_term_add(owner=cast.member, text="A long-term goal", target_year=2030)
    success = success_add(
        owner=cast.member, group=cast.group, text="It went well", happened_on=timezone.localdate()
    )
    poll = poll_create(
        group=cast.group,
        author=cast.member,
        deadline=timezone.now() + timedelta(days=3),
        times=[TimeChoice(3, timezone.localtime().time().replace(microsecond=0), 2)],
        places=[PlaceChoice("campus", "Room 12")],
    )
    token, token_hash = tokens.new_token()
    invitation = Invitation.objects.create(
        group=cast.group,
        email="newcomer@example.org",
        token_hash=token_hash,
        invited_by=cast.organizer,
        expires_at=timezone.now() + timedelta(days=7),
    )
    signup = SignUp.objects.create(
        program=cast.program,
        name="Sam Signup",
        email="sam@example.edu",
        department="Biology",
        stage="graduate",
        availability=["Weekday lunch"],
        hopes="SIGNUP-HOPES-8a4",
        status=SignupStatus.CONFIRMED,
    )
    feed = feed_token(calendar_feed_regenerate(user=cast.member))
    term = Term.objects.create(
        program=cast.program, name="Term", starts_on=date(2026, 1, 1), ends_on=date(2026, 12, 31)
    )
    survey = Survey.objects.create(
        term=term, constructs=["belonging"], closes_at=timezone.now() + timedelta(days=7)
    )
    api_token = token_create(user=cast.member, name="Reports", scopes=["me:read"]).token
    unsubscribe = unsubscribe_token(user_id=cast.member.pk, kind="reminder")
    table = sorted(personal_data.table_names())[0]
    program, group = cast.program.pk, cast.group.pk
    args: dict[str, Callable[[], list[object]]] = {
        "account_data_csv": lambda: [table],
        "mail_unsubscribe": lambda: [unsubscribe],
        "mail_outbox_retry": lambda: [0],
        "signup_confirm": lambda: ["not-a-real-token-0123456789"],
        "invitation_landing": lambda: [token],
        "invitation_join": lambda: [token],
        "invitation_revoke": lambda: [invitation.pk],
        "invitation_resend": lambda: [invitation.pk],
        "calendar_feed": lambda: [feed],
        "poll_detail": lambda: [poll.pk],
        "poll_adopt": lambda: [poll.pk],
        "my_year": lambda: [2026],
        "long_term_edit": lambda: [long_term.pk],
        "goal_edit": lambda: [goal.pk],
        "goal_review": lambda: [goal.pk, meeting.pk],
        "success_delete": lambda: [success.pk],
        "signup_edit": lambda: [program, signup.pk],
        "signup_withdraw": lambda: [program, signup.pk],
        "meeting_comments": lambda: [meeting.pk, item.pk],
        "meeting_move": lambda: [upcoming.pk],
        "meeting_cancel": lambda: [upcoming.pk],
        "meeting_swap": lambda: [upcoming.pk],
        "meeting_rsvp": lambda: [upcoming.pk],
        # Named like a meeting page, but it takes the group (ids only matched by chance on SQLite).
        "meeting_new": lambda: [group],
        "api_token_revoke": lambda: [api_token.pk],
        # University sign-in: no institution in this world, so an unknown slug or provider.
        "sso_oidc_login": lambda: ["nobody"],
        "sso_oidc_back": lambda: ["nobody"],
        "sso_saml_sls": lambda: ["nobody"],
        "sso_saml_finish": lambda: ["nobody"],
        "program_survey_set": lambda: [program, term.pk],
        "survey_page": lambda: [survey.pk],
        "research_consent": lambda: [program],
    }
    for name, module in named_routes():
        if name in args or exempt(name, module) or takes_no_arguments(name):
            continue
        if name.startswith(("program", "signup", "formation")):
            args[name] = lambda: [program]
        elif name.startswith("meeting_"):
            args[name] = lambda: [meeting.pk]
        elif name.startswith(
            ("group_", "agreement_", "organizer_", "poll_", "schedule_")
        ) or name in {"goal_new", "success_new"}:
            args[name] = lambda: [group]
    users: dict[str, User | None] = {
        "anonymous": None,
        "outsider": cast.outsider,
        "member": cast.member,
        "other_member": cast.other_member,
        "host": host,
        "organizer": cast.organizer,
        "coordinator": cast.coordinator,
        "other_coordinator": other_coordinator,
        "admin": admin,
    }
    assert Meeting.objects.filter(pk=meeting.pk, host=host).exists()
    return World(users, args)


def takes_no_arguments(name: str) -> bool:
    try:
        reverse(name)
    except NoReverseMatch:
        return False
    return True


class Rollback(Exception):
    pass


def request(client: Client, method: str, url: str) -> tuple[int, str]:
    """One request whose writes are undone, so every person meets the same world."""
    try:
        with transaction.atomic():
            response = client.generic(method, url)
            status = response.status_code
            body = b"" if response.streaming else response.content
            raise Rollback
    except Rollback:
        pass
    return status, body.decode(errors="replace")


def url_of(world: World, name: str) -> str:
    args = world.args[name]() if name in world.args else []
    return reverse(name, args=args)


def run_matrix(world: World, rows: dict[tuple[str, str], str]) -> dict[tuple[str, str], str]:
    """The statuses each person gets, and every marker shown to someone not allowed it."""
    clients = {who: Client() for who in PEOPLE}
    for who, user in world.users.items():
        if user is not None:
            clients[who].force_login(user)
    found: dict[tuple[str, str], str] = {}
    leaks: list[str] = []
    seen: set[str] = set()
    for name, method in rows:
        url = url_of(world, name)
        statuses = []
        for who in PEOPLE:
            status, body = request(clients[who], method, url)
            statuses.append(str(status))
            seen |= {marker for marker in MARKERS if marker in body}
            leaks += [
                f"{marker} shown to {who} by {method} {name}"
                for marker, allowed in MARKERS.items()
                if marker in body and who not in allowed
            ]
        found[(name, method)] = " ".join(statuses)
    assert not leaks, leaks
    # A marker nobody ever saw would prove nothing about who else cannot.
    # (The other group's check-in is on pages of its meeting, which no row opens: it is
    # searched for all the same.)
    shown = set(MARKERS) - {"OTHER-GROUP-CHECKIN-5e2"}
    assert shown <= seen, f"markers no page showed: {shown - seen}"
    return found


def accepted_methods(world: World, name: str, skip: set[str] | None = None) -> list[str]:
    """The methods a route answers other than 405 (asked as the site admin)."""
    client = Client()
    client.force_login(world.users["admin"])  # type: ignore[arg-type]
    url = url_of(world, name)
    tried = [m for m in ("GET", "POST") if m not in (skip or set())]
    return [m for m in tried if request(client, m, url)[0] != 405]


def routes() -> list[str]:
    # The JSON API's operations take a bearer token, never a session (a session gets 401):
    # tests/api holds their table of every role by every scope.
    return sorted(
        name
        for name, module in named_routes()
        if not exempt(name, module) and not name.startswith("api:")
    )


@pytest.mark.skipif(not os.environ.get("MATRIX_PRINT"), reason="prints the table when asked")
def test_print_the_matrix(world: World) -> None:
    rows = {(name, m): "" for name in routes() for m in accepted_methods(world, name)}
    for (name, method), statuses in run_matrix(world, rows).items():
        print(f'    ("{name}", "{method}"): "{statuses}",')


def test_every_route_has_a_row_for_each_method_it_accepts(world: World) -> None:
    """A new view, or a method a view newly accepts, fails here until the table has it."""
    missing = sorted(name for name in routes() if not any(row[0] == name for row in MATRIX))
    assert not missing, f"Add MATRIX rows for: {missing}"
    stale = sorted({name for name, _ in MATRIX} - set(routes()))
    assert not stale, f"MATRIX names routes that no longer exist: {stale}"
    unlisted = [
        f"{method} {name}"
        for name in routes()
        for method in accepted_methods(world, name, skip={m for n, m in MATRIX if n == name})
    ]
    assert not unlisted, f"Methods these routes accept, without a MATRIX row: {unlisted}"


def test_every_person_gets_the_status_in_the_table_and_no_private_text(world: World) -> None:
    found = run_matrix(world, MATRIX)
    wrong = [
        f"{method} {name}: expected {MATRIX[(name, method)]}, got {got}"
        for (name, method), got in found.items()
        if got != MATRIX[(name, method)]
    ]
    assert not wrong, "\n".join(["statuses in the order " + " ".join(PEOPLE), *wrong])
