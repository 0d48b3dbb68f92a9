"""Availability polls through the pages: open, answer every option, see ranked results, adopt."""

import re
from datetime import datetime, time, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from peercircle.groups.actions.polls import PlaceChoice, TimeChoice, poll_answer, poll_create
from peercircle.groups.models import Answer, OptionKind, Poll, PollAnswer
from peercircle.meetings.models import Schedule
from tests.conftest import GROUP_READ, Cast

POLL_CREATE = [  # any member may ask
    ("organizer", 302),
    ("member", 302),
    ("other_member", 404),
    ("coordinator", 403),
    ("outsider", 404),
]
ADOPT = [
    ("organizer", 302),
    ("member", 403),
    ("other_member", 404),
    ("coordinator", 403),
    ("outsider", 404),
]


def poll_post(**changes: str | list[str]) -> dict[str, object]:
    data: dict[str, object] = {
        "question": "When shall we meet?",
        "deadline": (timezone.localdate() + timedelta(days=5)).isoformat(),
        "presets": ["3-1800", "5-1030"],
        "presets_nth": "2",
        "custom1_weekday": "1",
        "custom1_time": "07:30",
        "custom1_nth": "0",
        "custom2_nth": "0",
        "place1_kind": "coffee",
        "place1_detail": "Danforth Café",
        "place2_kind": "video",
        "place2_detail": "https://meet.example.org/alpha",
    }
    data.update(changes)
    return data


def make_poll(cast: Cast) -> Poll:
    return poll_create(
        group=cast.group,
        author=cast.member,
        deadline=timezone.now() + timedelta(days=3),
        times=[TimeChoice(3, time(18, 0), 2), TimeChoice(5, time(10, 30), 0)],
        places=[PlaceChoice("campus", "Room 12")],
    )


@pytest.mark.parametrize(("who", "status"), POLL_CREATE)
def test_poll_new_permissions(cast: Cast, who: str, status: int) -> None:
    client = cast.client_for(getattr(cast, who))
    url = reverse("poll_new", args=[cast.group.pk])
    assert client.get(url).status_code == (200 if status == 302 else status)
    assert client.post(url, poll_post()).status_code == status
    assert Poll.objects.exists() == (status == 302)


def test_poll_pages_anonymous_and_wrong_method(cast: Cast) -> None:
    poll = make_poll(cast)
    for url in (
        reverse("poll_new", args=[cast.group.pk]),
        reverse("poll_detail", args=[poll.pk]),
        reverse("poll_adopt", args=[poll.pk]),
    ):
        assert Client().post(url).status_code == 302
        assert cast.client_for(cast.organizer).put(url).status_code == 405


def test_a_poll_offers_presets_custom_times_and_places_as_local_times(cast: Cast) -> None:
    cast.client_for(cast.member).post(reverse("poll_new", args=[cast.group.pk]), poll_post())
    poll = Poll.objects.get()
    labels = [o.label for o in poll.options.all()]
    assert labels == [
        "2nd Thursday 18:00",
        "2nd Saturday 10:30",
        "Tuesday 07:30",
        "Coffee shop: Danforth Café",
        "Video link: https://meet.example.org/alpha",
    ]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"presets": [], "custom1_weekday": "", "custom1_time": ""}, "Offer at least one time"),
        ({"custom1_time": ""}, "Give both a day and a time"),
        ({"deadline": "9999-12-31"}, "within the next 90 days"),
        ({"place1_kind": ""}, "what kind of place"),
        ({"question": "x" * 10_000}, "at most 200 characters"),
        ({"place1_detail": "bad\x00byte"}, "Null characters are not allowed"),
    ],
)
def test_bad_polls_are_refused_with_a_clear_message(
    cast: Cast, changes: dict[str, str], message: str
) -> None:
    client = cast.client_for(cast.member)
    response = client.post(reverse("poll_new", args=[cast.group.pk]), poll_post(**changes))
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Poll.objects.exists()


@pytest.mark.parametrize(("who", "status"), GROUP_READ)
def test_poll_page_permissions(cast: Cast, who: str, status: int) -> None:
    poll = make_poll(cast)
    response = cast.client_for(getattr(cast, who)).get(reverse("poll_detail", args=[poll.pk]))
    assert response.status_code == status


def answers_for(poll: Poll, values: list[str]) -> dict[str, str]:
    return {f"option_{o.pk}": v for o, v in zip(poll.options.all(), values, strict=True)}


def test_members_answer_every_option_and_results_rank_who_can_come(cast: Cast) -> None:
    poll = make_poll(cast)  # options: Thursday, Saturday, place
    url = reverse("poll_detail", args=[poll.pk])
    member = cast.client_for(cast.member)
    partial = dict(list(answers_for(poll, ["no", "yes", "yes"]).items())[:2])
    response = member.post(url, partial)
    assert response.status_code == 422 and b"Answer this one too" in response.content
    assert not PollAnswer.objects.exists()
    assert member.post(url, answers_for(poll, ["no", "yes", "yes"])).status_code == 302
    organizer = cast.client_for(cast.organizer)
    organizer.post(url, answers_for(poll, ["maybe", "yes", "yes"]))
    page = organizer.get(url).content.decode()
    assert "Everyone has answered" in page
    body = page[page.index("Ranked by") :]
    saturday, thursday = body.index("Saturday 10:30"), body.index("2nd Thursday 18:00")
    assert saturday < thursday  # two can come on Saturday, one on Thursday
    assert "Cannot: Mina Member" in body
    # Answering again replaces the answers.
    member.post(url, answers_for(poll, ["no", "no", "no"]))
    assert PollAnswer.objects.filter(user=cast.member, answer=Answer.NO).count() == 3


@pytest.mark.parametrize(("who", "status"), ADOPT)
def test_adopt_permissions(cast: Cast, who: str, status: int) -> None:
    poll = make_poll(cast)
    thursday = poll.options.get(kind=OptionKind.TIME, weekday=3)
    data = {"time_option": thursday.pk, "place_option": "", "kind": "monthly_nth"}
    response = cast.client_for(getattr(cast, who)).post(reverse("poll_adopt", args=[poll.pk]), data)
    assert response.status_code == status
    assert Schedule.objects.exists() == (status == 302)


def test_adopting_takes_one_click_and_a_no_needs_confirming(cast: Cast) -> None:
    poll = make_poll(cast)
    thursday = poll.options.get(kind=OptionKind.TIME, weekday=3)
    poll_answer(
        poll=poll,
        user=cast.member,
        answers={o.pk: (Answer.NO if o == thursday else Answer.YES) for o in poll.options.all()},
    )
    client = cast.client_for(cast.organizer)
    url = reverse("poll_adopt", args=[poll.pk])
    place = poll.options.get(kind=OptionKind.PLACE)
    data = {"time_option": thursday.pk, "place_option": place.pk, "kind": "monthly_nth"}
    response = client.post(url, data)
    assert response.status_code == 422 and b"Tick the confirmation" in response.content
    assert not Schedule.objects.exists()
    response = client.post(url, {**data, "confirmed": "on"}, follow=True)
    assert "Adopted: Monthly on the second Thursday at 18:00" in response.content.decode()
    assert cast.group.meetings.count() == 6  # second Thursdays, 11 June to 12 November
    assert cast.group.meetings.first().location == "Room 12"  # type: ignore[union-attr]
    assert client.post(url, {**data, "confirmed": "on"}).status_code == 422  # already adopted


def test_the_best_time_and_place_come_preselected_for_a_one_click_adopt(
    now: datetime, cast: Cast
) -> None:
    poll = make_poll(cast)
    thursday, saturday, _place = poll.options.all()
    poll_answer(
        poll=poll,
        user=cast.member,
        answers={thursday.pk: Answer.NO, saturday.pk: Answer.YES, _place.pk: Answer.YES},
    )
    body = cast.client_for(cast.organizer).get(reverse("poll_detail", args=[poll.pk]))
    html = body.content.decode()
    assert re.search(rf'name="time_option" value="{saturday.pk}"[^>]*checked', html)
    assert re.search(rf'name="place_option" value="{_place.pk}"[^>]*checked', html)


def test_the_group_page_tells_when_everyone_has_answered(cast: Cast) -> None:
    poll = make_poll(cast)
    page = reverse("group_detail", args=[cast.group.pk])
    organizer = cast.client_for(cast.organizer)
    assert "0 answered" in organizer.get(page).content.decode()
    for user in (cast.member, cast.organizer):
        poll_answer(poll=poll, user=user, answers={o.pk: Answer.YES for o in poll.options.all()})
    assert "everyone has answered: ready to adopt" in organizer.get(page).content.decode()


def test_poll_page_queries_do_not_grow_with_members_and_answers(cast: Cast) -> None:
    from peercircle.groups.actions.membership import membership_add
    from tests.conftest import count_queries, make_user

    poll = make_poll(cast)
    url = reverse("poll_detail", args=[poll.pk])
    client = cast.client_for(cast.organizer)
    before = count_queries(client, url)
    for index in range(4):
        user = make_user(f"extra{index}@example.org")
        membership_add(group=cast.group, user=user)
        poll_answer(poll=poll, user=user, answers={o.pk: Answer.MAYBE for o in poll.options.all()})
    assert count_queries(client, url) == before


def test_a_poll_past_its_deadline_says_so_and_still_takes_answers(
    now: datetime, cast: Cast
) -> None:
    poll = make_poll(cast)
    Poll.objects.filter(pk=poll.pk).update(deadline=timezone.now() - timedelta(days=1))
    client = cast.client_for(cast.member)
    url = reverse("poll_detail", args=[poll.pk])
    assert "Answers were due by" in client.get(url).content.decode()
    values = {f"option_{o.pk}": "yes" for o in poll.options.all()}
    assert client.post(url, values).status_code == 302


def test_answers_sent_after_the_poll_closed_are_refused_in_the_error_summary(
    now: datetime, cast: Cast
) -> None:
    poll = make_poll(cast)
    Poll.objects.filter(pk=poll.pk).update(closed_at=timezone.now())
    values = {f"option_{o.pk}": "yes" for o in poll.options.all()}
    response = cast.client_for(cast.member).post(reverse("poll_detail", args=[poll.pk]), values)
    page = response.content.decode()
    # The answer form is gone from a closed poll; the reason must not go with it.
    assert response.status_code == 422 and "Save my answers" not in page
    summary = page[page.index("data-error-summary") :]
    assert "This poll is closed: its deadline has passed." in summary
    assert not PollAnswer.objects.exists()


def test_the_error_summary_of_a_missing_answer_links_to_its_question(cast: Cast) -> None:
    poll = make_poll(cast)
    first, *rest = poll.options.all()
    data = {f"option_{o.pk}": "yes" for o in rest}
    response = cast.client_for(cast.member).post(reverse("poll_detail", args=[poll.pk]), data)
    page = response.content.decode()
    assert response.status_code == 422 and "data-error-summary" in page
    assert f'href="#id_option_{first.pk}"' in page and f'id="id_option_{first.pk}"' in page
