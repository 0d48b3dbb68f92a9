"""Demo: the finished term's end-of-term survey, closed, with answers to show.

Most members answer; some skip questions, one question is answered by too few for its
count and another by too few for its mean, so the report shows both kinds of hiding.
"""

import random
from datetime import timedelta

from django.utils import timezone

from peercircle.accounts.models import User
from peercircle.programs.access import SurveyAccess, get_program_for_member, get_program_for_user
from peercircle.programs.actions.research import consent_give, research_settings_set
from peercircle.programs.actions.survey import survey_answer, survey_set
from peercircle.programs.actions.term import term_create
from peercircle.programs.models import Program, Term
from peercircle.programs.survey.items import CONSTRUCT_KEYS, items_of

# Items only the first few answer: a count under the mean floor, one under the report floor.
RARELY = {"eff3": 7, "rec2": 3}


def fill_survey(*, coordinator: User, term: Term, members: list[User], rng: random.Random) -> None:
    access = get_program_for_user(coordinator, term.program_id)
    closes_at = timezone.now() - timedelta(days=1)
    survey = survey_set(
        access=access, term=term, constructs=list(CONSTRUCT_KEYS), closes_at=closes_at
    )
    answered_at = closes_at - timedelta(days=5)
    for position, person in enumerate(members[: len(members) * 3 // 4]):
        answers = {}
        for item in items_of(survey.constructs):
            few = RARELY.get(item.key)
            if (position < few) if few is not None else rng.random() < 0.9:
                answers[item.key] = min(5, max(1, round(rng.gauss(3.9, 0.8))))
        if answers:
            survey_answer(
                access=SurveyAccess(survey=survey, user=person), answers=answers, now=answered_at
            )


ETHICS = (
    "This export is approved by the Gateway University research ethics board (demo reference "
    "GU-REB-0027). Taking part is voluntary and you can revoke your consent at any time."
)


def fill_consents(*, coordinator: User, term: Term, members: list[User]) -> None:
    """The program asks for research consent; two thirds of its members give it."""
    access = get_program_for_user(coordinator, term.program_id)
    research_settings_set(access=access, enabled=True, ethics_text=ETHICS)
    now = timezone.now()
    for person in members[: len(members) * 2 // 3]:
        consent_give(access=get_program_for_member(person, term.program_id), now=now)


def fill_open(*, coordinator: User, program: Program) -> None:
    """The demo logins' program: a current term whose survey is open, and a consent ask.

    So that a demo member finds both links on their dashboard.
    """
    access = get_program_for_user(coordinator, program.pk)
    today = timezone.localdate()
    term = term_create(
        access=access,
        name="This term",
        starts_on=today - timedelta(days=90),
        ends_on=today + timedelta(days=30),
    )
    survey_set(
        access=access,
        term=term,
        constructs=list(CONSTRUCT_KEYS),
        closes_at=timezone.now() + timedelta(days=14),
    )
    research_settings_set(access=access, enabled=True, ethics_text=ETHICS)
