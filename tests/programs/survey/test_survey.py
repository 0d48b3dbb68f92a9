"""The end-of-term survey: switching it on, answering it anonymously, its results."""

from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from peercircle.groups.actions.membership import membership_add
from peercircle.programs.access import get_program_for_user, get_survey_for_member
from peercircle.programs.actions.program import program_create
from peercircle.programs.actions.survey import survey_answer, survey_set
from peercircle.programs.models import Survey, SurveyAnswer, SurveyResponded, Term
from peercircle.programs.report.survey import survey_results
from peercircle.programs.survey.items import CONSTRUCT_KEYS, items_of
from tests.conftest import Cast, make_user, page_text


@pytest.fixture
def survey(now: datetime, cast: Cast) -> Survey:
    term = Term.objects.create(
        program=cast.program, name="2026", starts_on=date(2026, 1, 1), ends_on=date(2026, 12, 31)
    )
    access = get_program_for_user(cast.coordinator, cast.program.pk)
    return survey_set(
        access=access, term=term, constructs=list(CONSTRUCT_KEYS), closes_at=now + timedelta(days=7)
    )


def answer_url(survey: Survey) -> str:
    return reverse("survey_page", args=[survey.pk])


@pytest.mark.parametrize(
    ("who", "status"),
    [("member", 200), ("other_member", 200), ("organizer", 200), ("coordinator", 403)],
)
def test_members_of_the_program_answer_the_coordinator_does_not(
    cast: Cast, survey: Survey, who: str, status: int
) -> None:
    assert cast.client_for(getattr(cast, who)).get(answer_url(survey)).status_code == status


def test_outsiders_and_other_coordinators_get_404_anonymous_logs_in(
    cast: Cast, survey: Survey
) -> None:
    program_create(name="Elsewhere", coordinators=[cast.outsider])
    assert cast.client_for(cast.outsider).get(answer_url(survey)).status_code == 404
    assert Client().get(answer_url(survey)).status_code == 302
    assert cast.client_for(cast.member).get(reverse("survey_page", args=[0])).status_code == 404


def test_an_answer_is_stored_without_the_member_and_only_once(cast: Cast, survey: Survey) -> None:
    client = cast.client_for(cast.member)
    assert "sense of belonging" in page_text(client, answer_url(survey)).lower()
    response = client.post(answer_url(survey), {"sat1": "4", "bel2": "5"})  # the rest skipped
    assert response.status_code == 302
    assert sorted(SurveyAnswer.objects.values_list("item", "value")) == [("bel2", 5), ("sat1", 4)]
    fields = {f.name for f in SurveyAnswer._meta.get_fields()}
    assert fields == {"id", "survey", "item", "value"}  # no user, no time
    assert SurveyResponded.objects.filter(survey=survey, user=cast.member).exists()
    again = client.post(answer_url(survey), {"sat1": "1"})
    assert again.status_code == 409
    assert SurveyAnswer.objects.count() == 2
    assert "already answered" in page_text(client, answer_url(survey))


def test_skipping_everything_saves_nothing_and_bad_values_are_refused(
    cast: Cast, survey: Survey
) -> None:
    client = cast.client_for(cast.member)
    assert client.post(answer_url(survey), {}).status_code == 422
    assert client.post(answer_url(survey), {"sat1": "9"}).status_code == 422
    assert not SurveyResponded.objects.exists() and not SurveyAnswer.objects.exists()
    access = get_survey_for_member(cast.member, survey.pk)
    with pytest.raises(ValidationError, match="not a question"):
        survey_answer(
            access=access, answers={"made_up": 3}, now=survey.closes_at - timedelta(days=1)
        )


def test_a_closed_survey_takes_no_answers(now: datetime, cast: Cast, survey: Survey) -> None:
    with time_machine.travel(survey.closes_at, tick=False):
        response = cast.client_for(cast.member).post(answer_url(survey), {"sat1": "3"})
    assert response.status_code == 409
    access = get_survey_for_member(cast.member, survey.pk)
    with pytest.raises(ValidationError, match="closed"):
        survey_answer(access=access, answers={"sat1": 3}, now=survey.closes_at)


def test_the_coordinator_switches_it_on_from_the_report(now: datetime, cast: Cast) -> None:
    term = Term.objects.create(
        program=cast.program, name="T", starts_on=date(2026, 1, 1), ends_on=date(2026, 6, 30)
    )
    client = cast.client_for(cast.coordinator)
    url = reverse("program_survey_set", args=[cast.program.pk, term.pk])
    assert client.post(url, {"closes_at": "2026-07-01T12:00"}).status_code == 422
    response = client.post(url, {"constructs": ["belonging"], "closes_at": "2026-07-01T12:00"})
    assert response.status_code == 302
    assert Survey.objects.get(term=term).constructs == ["belonging"]
    assert cast.client_for(cast.member).post(url, {}).status_code == 403
    other = program_create(name="Elsewhere", coordinators=[cast.outsider])
    wrong = reverse("program_survey_set", args=[other.pk, term.pk])
    assert cast.client_for(cast.outsider).post(wrong, {}).status_code == 404


def test_the_dashboard_links_to_an_open_survey_until_answered(cast: Cast, survey: Survey) -> None:
    client = cast.client_for(cast.member)
    assert answer_url(survey) in client.get("/").content.decode()
    client.post(answer_url(survey), {"rec1": "5"})
    assert answer_url(survey) not in client.get("/").content.decode()
    assert answer_url(survey) not in cast.client_for(cast.outsider).get("/").content.decode()


def test_results_only_after_close_with_counts_and_means_over_their_floors(
    now: datetime, cast: Cast, survey: Survey
) -> None:
    people = [make_user(f"m{i}@example.org") for i in range(11)]
    for person in people:
        membership_add(group=cast.group, user=person)
    for i, person in enumerate(people):
        answers = {"sat1": 4}  # 11 answers: count and mean
        if i < 6:
            answers["bel1"] = 5  # 6 answers: count, no mean
        if i < 2:
            answers["eff1"] = 1  # 2 answers: neither
        survey_answer(access=get_survey_for_member(person, survey.pk), answers=answers, now=now)
    still_open = survey_results(survey.term, now)
    assert still_open is not None and still_open.items == []
    results = survey_results(survey.term, survey.closes_at)
    assert results is not None and results.respondents == 11
    by_key = {item.key: item for item in results.items}
    assert (by_key["sat1"].answers, by_key["sat1"].mean) == (11, 4.0)
    assert (by_key["bel1"].answers, by_key["bel1"].mean) == (6, None)
    assert (by_key["eff1"].answers, by_key["eff1"].mean) == (None, None)
    assert [item.key for item in results.items] == [i.key for i in items_of(survey.constructs)]
    client = cast.client_for(cast.coordinator)
    base = f"?term={survey.term.pk}"
    with time_machine.travel(survey.closes_at + timedelta(hours=1), tick=False):
        page = page_text(client, reverse("program_report", args=[cast.program.pk]) + base)
        printed = page_text(client, reverse("program_report_print", args=[cast.program.pk]) + base)
        csv = client.get(reverse("program_report_csv", args=[cast.program.pk]) + base)
    assert "4.00" in page and "4.00" in printed
    body = csv.content.decode()
    assert '"survey","members who answered","","11"' in body
    assert "not shown (fewer than 10 answers)" in body
