"""A person with one of every kind of row deletes their account: afterwards no text column
of any table holds their name, an address of theirs, or anything they wrote, and what the
site derives (polls, hosts, attendance) follows."""

from datetime import datetime

from django.apps import apps
from django.db import models
from django.test import Client
from django.urls import reverse

from peercircle.accounts.actions import FORMER_MEMBER, account_delete
from peercircle.accounts.models import User
from peercircle.goals.models import Goal, LongTermGoal, Success
from peercircle.groups.models import AgreementAcceptance, PollAnswer
from peercircle.groups.queries import poll_results
from peercircle.mail.models import MailPreference, Outbox, OutboxAttachment, Status
from peercircle.meetings.models import AgendaItem, Attendance, CheckIn, Comment, Meeting, Note, Rsvp
from peercircle.programs.models import PublishedPlacement, SignUp
from tests.accounts.everything import NAME, SECOND_ADDRESS, WRITTEN, every_kind_of_row, make_person
from tests.conftest import Cast


def _text_columns() -> list[tuple[type[models.Model], str]]:
    return [
        (model, field.name)
        for model in apps.get_models(include_auto_created=True)
        for field in model._meta.get_fields()
        if getattr(field, "concrete", False)
        and isinstance(field, models.CharField | models.TextField | models.JSONField)
    ]


def _found(needle: str) -> list[str]:
    hits = []
    for model, name in _text_columns():
        for value in model._default_manager.values_list(name, flat=True):
            if value is not None and needle.lower() in str(value).lower():
                hits.append(f"{model._meta.label}.{name}")
    for attachment in OutboxAttachment.objects.all():
        if needle.lower().encode() in bytes(attachment.content).lower():
            hits.append("mail.OutboxAttachment.content")
    return hits


def test_after_deletion_nothing_names_the_person_or_holds_what_they_wrote(
    now: datetime, cast: Cast
) -> None:
    person = make_person(cast)
    every_kind_of_row(cast, person)
    needles = [NAME, "Zephyrine", "Quarto", "member@example.org", SECOND_ADDRESS, "-ZQ-"]
    for needle in needles:  # the search sees them before
        assert _found(needle), needle
    account_delete(user=person)
    for needle in [*needles, *WRITTEN.values()]:
        assert _found(needle) == [], needle


def test_what_deletion_keeps_and_what_follows(now: datetime, cast: Cast) -> None:
    person = make_person(cast)
    made = every_kind_of_row(cast, person)
    third = made.third
    account_delete(user=person)
    # Rows about them are gone; the group's history keeps a former member.
    gone: list[type[models.Model]] = [CheckIn, Note, Comment, Rsvp, Goal, LongTermGoal, Success]
    gone += [PollAnswer, MailPreference]
    for model in gone:
        rows = model._default_manager.filter(**{_user_field(model): person})
        assert not rows.exists(), model
    assert not AgreementAcceptance.objects.filter(membership__user=person).exists()
    assert not Outbox.objects.filter(user=person).exists()
    held = Meeting.objects.get(pk=made.held.pk)
    assert held.host == person and person.display_name == FORMER_MEMBER
    assert Attendance.objects.filter(meeting=held).count() == 2  # held with two people
    # Their slot already run keeps its time and who commented on it; theirs are gone.
    assert AgendaItem.objects.get(meeting=held, presenter=person).actual_seconds == 600
    assert list(Comment.objects.values_list("commenter", "item__presenter")) == [
        (cast.organizer.pk, person.pk)
    ]
    # The poll: two of two members answered, and the results count the same two.
    poll = made.poll
    members = list(User.objects.filter(memberships__group=cast.group))
    options = list(poll.options.prefetch_related("answers__user"))
    results = poll_results(options, members)
    assert (results.answered, len(members), len(results.times[0].yes)) == (2, 2, 2)
    # The rotation ahead: the two who stay alternate, nobody twice in a row.
    ahead = [Meeting.objects.get(pk=m.pk).host for m in made.ahead]
    assert ahead == [cast.organizer, third, cast.organizer, third]
    # Their sign-up keeps what formation needs, under "a former member".
    signup = SignUp.objects.get()
    assert (signup.name, signup.hopes, signup.stage) == (FORMER_MEMBER, "", "postdoc")
    assert not PublishedPlacement.objects.exists()
    # Mail to others: a sent one lost its body, one still waiting names a former member.
    sent = Outbox.objects.get(key="summary:1:olu")
    assert (sent.status, sent.text, sent.html) == (Status.SENT, "", "")
    waiting = Outbox.objects.get(key="calendar:1:thea")
    assert (waiting.status, waiting.text) == (
        Status.PENDING,
        f"Host: {FORMER_MEMBER} <{FORMER_MEMBER}>",
    )
    assert waiting.html == f"<p>{FORMER_MEMBER}</p>"
    attachment = OutboxAttachment.objects.get(outbox__key="calendar:1:thea")
    assert bytes(attachment.content) == f"ORGANIZER;CN={FORMER_MEMBER}".encode()
    # Beside the two mails made before, only the calendar updates telling the others who
    # hosts now (the meetings the deleted person would have hosted).
    keys = set(Outbox.objects.values_list("key", flat=True))
    assert {k for k in keys if not k.startswith("calendar_update:")} == {
        "summary:1:olu",
        "calendar:1:thea",
    }
    # Every link they held answers 404.
    anonymous = Client()
    assert anonymous.get(made.feed_path).status_code == 404
    token = made.invitation_token
    assert anonymous.get(reverse("invitation_landing", args=[token])).status_code == 404
    unsubscribe = reverse("mail_unsubscribe", args=[made.unsubscribe_token])
    assert anonymous.get(unsubscribe).status_code == 400  # as for a tampered link


def _user_field(model: type[models.Model]) -> str:
    for name in ("user", "author", "commenter", "owner"):
        if any(f.name == name for f in model._meta.get_fields()):
            return name
    raise AssertionError(model)
