"""Every URL has a permission checklist: this test fails for a route nobody checked.

Add one line to CHECKLISTS when you add a URL: its name and the test module that holds its
checklist (each role of the cast, anonymous, and a wrong method). allauth's and the admin's
own pages are exempt: those packages test them.
"""

from collections.abc import Iterator
from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver

ROOT = Path(__file__).resolve().parent.parent

CHECKLISTS = {
    # accounts and the shared pages
    "dashboard": "tests/groups/test_views.py",
    "healthz": "tests/accounts/test_views.py",
    "javascript-catalog": "tests/accounts/test_language.py",
    "language_choose": "tests/accounts/test_language.py",
    "account_login": "tests/accounts/test_throttling.py",
    "profile": "tests/accounts/test_views.py",
    "sso_oidc_login": "tests/accounts/sso/test_oidc.py",
    "sso_oidc_back": "tests/accounts/sso/test_oidc.py",
    "sso_saml_login": "tests/accounts/sso/test_saml.py",
    "sso_welcome": "tests/accounts/sso/test_welcome.py",
    "sso_saml_sls": "tests/accounts/sso/test_saml_logout.py",
    "sso_saml_finish": "tests/accounts/sso/test_saml_single_logout.py",
    "sso_logout": "tests/accounts/sso/test_saml_single_logout.py",
    "program_detail": "tests/programs/test_views.py",
    "group_detail": "tests/groups/test_views.py",
    "group_edit": "tests/groups/test_views.py",
    "meeting_new": "tests/meetings/test_views.py",
    "meeting_detail": "tests/meetings/test_views.py",
    # groups: invitations and polls; meetings: schedule, RSVP, calendars
    "group_invitations": "tests/groups/test_invitations.py",
    "invitation_revoke": "tests/groups/test_invitations.py",
    "invitation_resend": "tests/groups/test_invitations.py",
    "invitation_landing": "tests/groups/test_invitations.py",
    "invitation_join": "tests/groups/test_invitations.py",
    "group_leave": "tests/groups/test_invitations.py",
    "poll_new": "tests/groups/test_polls.py",
    "poll_detail": "tests/groups/test_polls.py",
    "poll_adopt": "tests/groups/test_polls.py",
    "schedule_edit": "tests/meetings/test_schedule.py",
    "meeting_move": "tests/meetings/test_schedule.py",
    "meeting_cancel": "tests/meetings/test_schedule.py",
    "meeting_rsvp": "tests/meetings/test_rsvp.py",
    "meeting_swap": "tests/meetings/test_rsvp.py",
    "meeting_ics": "tests/meetings/test_calendar.py",
    "calendar_page": "tests/meetings/test_calendar.py",
    "calendar_regenerate": "tests/meetings/test_calendar.py",
    "calendar_revoke": "tests/meetings/test_calendar.py",
    "calendar_feed": "tests/meetings/test_calendar.py",
    # your data is yours
    "account_data": "tests/accounts/test_data.py",
    "account_data_json": "tests/accounts/test_data.py",
    "account_data_csv": "tests/accounts/test_data.py",
    "account_delete": "tests/accounts/test_data.py",
    # self-started groups and the agreement
    "group_start": "tests/groups/test_own.py",
    "agreement_detail": "tests/groups/test_own.py",
    "agreement_accept": "tests/groups/test_own.py",
    "agreement_edit": "tests/groups/test_own.py",
    "organizer_hand_over": "tests/groups/test_own.py",
    # the meeting
    **{
        name: "tests/meetings/test_run_views.py"
        for name in [
            "meeting_agenda",
            "meeting_attendance",
            "meeting_checkin",
            "meeting_comments",
            "meeting_note_add",
            "meeting_note_draft",
            "meeting_run",
            "meeting_run_begin",
            "meeting_run_control",
            "meeting_run_state",
            "meeting_run_takeover",
            "meeting_summary",
        ]
    },
    # mail
    "mail_preferences": "tests/mail/test_views.py",
    "mail_unsubscribe": "tests/mail/test_views.py",
    "mail_outbox": "tests/mail/test_views.py",
    "mail_outbox_retry": "tests/mail/test_views.py",
    # programs
    "program_new": "tests/programs/test_program_form.py",
    "coordinator_grant": "tests/programs/test_program_form.py",
    "signup_public": "tests/programs/test_signups.py",
    "program_report": "tests/programs/report/test_views.py",
    "program_report_print": "tests/programs/report/test_views.py",
    "program_report_csv": "tests/programs/report/test_views.py",
    "program_term_new": "tests/programs/report/test_views.py",
    "program_survey_set": "tests/programs/survey/test_survey.py",
    "survey_page": "tests/programs/survey/test_survey.py",
    "program_research": "tests/programs/research/test_research.py",
    "program_research_csv": "tests/programs/research/test_research.py",
    "program_research_dictionary": "tests/programs/research/test_research.py",
    "research_consent": "tests/programs/research/test_research.py",
    "signup_sent": "tests/programs/test_signups.py",
    "signup_confirm": "tests/programs/test_signups.py",
    **{
        name: "tests/programs/test_access.py"
        for name in [
            "program_edit",
            "program_figures_csv",
            "signup_list",
            "signup_edit",
            "signup_withdraw",
            "signup_import",
            "signup_export",
            "formation_page",
            "formation_run",
            "formation_progress",
            "formation_lock",
            "formation_publish",
        ]
    },
    "formation_move": "tests/programs/test_formation.py",
    # goals
    **{
        name: "tests/goals/test_views.py"
        for name in [
            "goal_edit",
            "goal_guidance",
            "goal_new",
            "goal_review",
            "goals_export",
            "group_goals",
            "long_term_edit",
            "long_term_list",
            "my_goals",
            "my_progress",
            "my_year",
            "success_delete",
            "success_new",
        ]
    },
    # the JSON API and its tokens (tests/api reach the operations by path)
    "api_tokens": "tests/api/test_tokens.py",
    "api_token_revoke": "tests/api/test_tokens.py",
    "api_docs": "tests/api/test_tokens.py",
    "api:api-root": "tests/api/test_tokens.py",
    "api:openapi-json": "tests/api/test_tokens.py",
    **{
        f"api:{name}": "tests/api/test_people_meetings.py"
        for name in [
            "me",
            "groups",
            "group_members",
            "meetings",
            "meeting",
            "rsvp",
            "checkin",
            "my_checkin",
        ]
    },
    **{
        f"api:{name}": "tests/api/test_goals_programs.py"
        for name in [
            "goals",
            "goal_create",
            "goal_status",
            "signups",
            "signup_create",
            "signup_import",
            "program_groups",
            "program_totals",
        ]
    },
    **{
        f"api:{name}": "tests/api/test_long_term_calendar.py"
        for name in ["long_term_goals", "long_term_create", "long_term_change", "meeting_calendar"]
    },
}
# Routes whose tests reach them by path rather than by name.
URL_BY_PATH = {"dashboard", "healthz", "invitation_join"}
# The API's operations and pages are reached by path: their URLs are the public contract.
URL_BY_PATH |= {name for name, path in CHECKLISTS.items() if path.startswith("tests/api/")}
EXEMPT_NAMESPACES = {"admin"}
EXEMPT_MODULES = ("allauth.", "django.contrib.admin.")


def named_routes(
    patterns: list[URLPattern | URLResolver] | None = None, namespace: str = ""
) -> Iterator[tuple[str, str]]:
    """(name, view module) of every named route, namespaced names joined with ':'."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from named_routes(entry.url_patterns, inner)
        elif entry.name:
            yield f"{namespace}{entry.name}", entry.callback.__module__


def exempt(name: str, module: str) -> bool:
    return name.split(":")[0] in EXEMPT_NAMESPACES or module.startswith(EXEMPT_MODULES)


def test_every_url_has_a_permission_checklist() -> None:
    missing = sorted(
        name
        for name, module in named_routes()
        if not exempt(name, module) and name not in CHECKLISTS
    )
    assert not missing, f"Add a permission checklist and a CHECKLISTS line for: {missing}"


def test_every_checklist_entry_is_a_live_route_with_a_test_module() -> None:
    names = {name for name, _ in named_routes()}
    stale = sorted(set(CHECKLISTS) - names)
    assert not stale, f"CHECKLISTS names routes that no longer exist: {stale}"
    absent = sorted({path for path in CHECKLISTS.values() if not (ROOT / path).is_file()})
    assert not absent, f"Checklist modules not found: {absent}"


def test_every_checklist_module_names_its_route() -> None:
    # A module that never names the route cannot hold its checklist.
    unnamed = sorted(
        name
        for name, path in CHECKLISTS.items()
        if f'"{name}"' not in (ROOT / path).read_text() and name not in URL_BY_PATH
    )
    assert not unnamed, f"Checklist modules that never name their route: {unnamed}"
