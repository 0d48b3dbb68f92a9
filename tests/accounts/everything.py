"""One of every kind of row the site holds about a person (for the deletion and export tests)."""

from dataclasses import dataclass
from datetime import timedelta

from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from peercircle.accounts.models import User
from peercircle.api.actions.tokens import token_create
from peercircle.goals.models import Goal, LongTermGoal, Success
from peercircle.groups.actions.agreement import agreement_new
from peercircle.groups.actions.membership import membership_add
from peercircle.groups.models import (
    AgreementAcceptance,
    Group,
    Invitation,
    Membership,
    OptionKind,
    Poll,
    PollAnswer,
    PollOption,
)
from peercircle.lib import tokens
from peercircle.mail.links import unsubscribe_token
from peercircle.mail.models import MailPreference, Outbox, OutboxAttachment, Status
from peercircle.meetings.actions.calendar_feed import calendar_feed_regenerate
from peercircle.meetings.calendar import feed_token
from peercircle.meetings.models import (
    AgendaItem,
    Attendance,
    CheckIn,
    Comment,
    ItemKind,
    Meeting,
    Note,
    NoteDraft,
    Rsvp,
    RunState,
)
from peercircle.programs.actions.coordinator import coordinator_grant
from peercircle.programs.models import (
    FormationRun,
    PublishedPlacement,
    ResearchConsent,
    SignUp,
    Survey,
    SurveyAnswer,
    SurveyResponded,
    Term,
)
from tests.conftest import Cast, make_meeting, make_user

ONE_DAY = timedelta(days=1)
NAME = "Zephyrine Quarto"
SECOND_ADDRESS = "zq.private@example.net"

# Everything the person writes, each text unique so that a search finds only it.
WRITTEN = {
    "checkin_topic": "Topic-ZQ-grant-rejection",
    "checkin_notes": "Notes-ZQ-my-advisor-shouts",
    "checkin_success": "Success-ZQ-paper-accepted",
    "note_shared": "Shared-note-ZQ-for-the-group",
    "note_private": "Private-note-ZQ-only-mine",
    "note_draft": "Note-draft-ZQ-still-typing",
    "rsvp_note": "Rsvp-ZQ-late-by-ten",
    "goal_public": "Goal-ZQ-submit-chapter-two",
    "goal_private": "Goal-ZQ-private-see-a-therapist",
    "review_note": "Review-ZQ-on-Olus-goal",
    "long_term": "LongTerm-ZQ-tenure-track",
    "success": "Success-ZQ-won-the-fellowship",
    "signup_hopes": "Hopes-ZQ-find-peers",
    "signup_avoid": "Avoid-ZQ-Dr-Nemesis",
    "mail_body_to_them": "Mailbody-ZQ-your-reminder",
}


def make_person(cast: Cast) -> User:
    person = cast.member
    person.display_name = NAME
    person.first_name, person.last_name = "Zephyrine", "Quarto"
    person.department, person.lab = "Dept-ZQ-Physics", "Lab-ZQ-Optics"
    person.save()
    EmailAddress.objects.create(user=person, email=SECOND_ADDRESS, verified=True)
    SocialAccount.objects.create(
        user=person, provider="saml-example-u", uid="zq@example.edu", extra_data={"sn": ["Quarto"]}
    )
    token_create(user=person, name="Token-ZQ", scopes=["me:read"])
    return person


@dataclass
class Made:
    held: Meeting
    ahead: list[Meeting]
    third: User
    poll: Poll
    invitation_token: str
    feed_path: str
    unsubscribe_token: str


def every_kind_of_row(cast: Cast, person: User) -> Made:
    """One row of every kind for `person`; returns what the test checks afterwards."""
    now = timezone.now()
    third = make_user("third@example.org", display_name="Thea Third")
    membership_add(group=cast.group, user=third)
    # Groups: the agreement accepted, a poll answered, invitations to and from them.
    # The group's own texts they wrote (its record, which stays): the group, an agreement, a poll.
    Group.objects.filter(pk=cast.group.pk).update(created_by=person)
    agreement = agreement_new(group=cast.group, by=person, text="Start on time.", version=2)
    Poll.objects.create(group=cast.group, author=person, deadline=now + timedelta(days=2))
    membership = Membership.objects.get(group=cast.group, user=person)
    AgreementAcceptance.objects.create(agreement=agreement, membership=membership)
    poll = Poll.objects.create(
        group=cast.group, author=cast.organizer, deadline=now + timedelta(days=3)
    )
    option = PollOption.objects.create(poll=poll, kind=OptionKind.TIME, weekday=1, time="10:00")
    for voter in (cast.organizer, person, third):
        PollAnswer.objects.create(option=option, user=voter, answer="yes")
    token, token_hash = tokens.new_token()
    Invitation.objects.create(
        group=cast.other_group,
        email=SECOND_ADDRESS.upper(),
        token_hash=token_hash,
        invited_by=cast.other_member,
        expires_at=now + timedelta(days=7),
    )
    Invitation.objects.create(
        group=cast.group,
        email="friend@example.org",
        token_hash=tokens.new_token()[1],
        invited_by=person,
        expires_at=now + timedelta(days=7),
    )
    # Meetings: one held (they hosted, came, ran the clock, had a slot, commented, wrote
    # notes), the rotation ahead, an RSVP, a check-in, their calendar feed.
    held = make_meeting(cast.group, days=-7, host=person)
    Attendance.objects.create(meeting=held, user=person)
    Attendance.objects.create(meeting=held, user=cast.organizer)
    RunState.objects.create(meeting=held, status="finished", runner=person)
    their_slot = AgendaItem.objects.create(
        meeting=held, position=0, kind=ItemKind.SLOT, presenter=person, actual_seconds=600
    )
    olus_slot = AgendaItem.objects.create(
        meeting=held, position=1, kind=ItemKind.SLOT, presenter=cast.organizer, actual_seconds=300
    )
    Comment.objects.create(item=olus_slot, commenter=person)
    Comment.objects.create(item=their_slot, commenter=cast.organizer)
    CheckIn.objects.create(
        meeting=held,
        user=person,
        response="venting",
        topic=WRITTEN["checkin_topic"],
        notes=WRITTEN["checkin_notes"],
        success=WRITTEN["checkin_success"],
    )
    Note.objects.create(meeting=held, author=person, text=WRITTEN["note_shared"], shared=True)
    Note.objects.create(meeting=held, author=person, text=WRITTEN["note_private"], shared=False)
    NoteDraft.objects.create(meeting=held, user=person, text=WRITTEN["note_draft"])
    ahead = [
        make_meeting(cast.group, days=7 * week, host=host)
        for week, host in enumerate([cast.organizer, person, third, cast.organizer], start=1)
    ]
    Rsvp.objects.create(meeting=ahead[0], user=person, answer="going", note=WRITTEN["rsvp_note"])
    feed = calendar_feed_regenerate(user=person)
    # Goals: public and private, a review of someone else's goal, the long-term list, a success.
    Goal.objects.create(
        owner=person, group=cast.group, text=WRITTEN["goal_public"], due_on=now.date()
    )
    Goal.objects.create(
        owner=person,
        group=cast.group,
        text=WRITTEN["goal_private"],
        due_on=now.date(),
        private=True,
    )
    Goal.objects.create(
        owner=cast.organizer,
        group=cast.group,
        text="Olu's own goal",
        due_on=now.date(),
        status="done",
        reviewed_at=now,
        review_note=WRITTEN["review_note"],
        reviewed_by=person,
        reviewed_in=held,
    )
    LongTermGoal.objects.create(owner=person, text=WRITTEN["long_term"], target_year=2030)
    Success.objects.create(
        owner=person, group=cast.group, text=WRITTEN["success"], happened_on=now.date()
    )
    # Programs: they coordinate one, signed up for it and were placed, ran a formation.
    cast.program.coordinators.add(person)
    coordinator_grant(user=person)
    signup = SignUp.objects.create(
        program=cast.program,
        name=NAME,
        email="member@example.org",
        department="Dept-ZQ-Physics",
        lab="Lab-ZQ-Optics",
        stage="postdoc",
        hopes=WRITTEN["signup_hopes"],
        avoid_text=WRITTEN["signup_avoid"],
        external_id="ext-ZQ-17",
    )
    PublishedPlacement.objects.create(
        signup=signup, group=cast.group, slot="Mon 10:00", token_hash="f" * 64, invited_at=now
    )
    FormationRun.objects.create(program=cast.program, created_by=person, published_by=person)
    # The end-of-term survey they answered, and their consent to the research export.
    term = Term.objects.create(
        program=cast.program, name="ZQ term", starts_on=now.date(), ends_on=now.date() + ONE_DAY
    )
    survey = Survey.objects.create(term=term, constructs=["belonging"], closes_at=now + ONE_DAY)
    SurveyResponded.objects.create(survey=survey, user=person)
    SurveyAnswer.objects.create(survey=survey, item="bel1", value=4)
    ResearchConsent.objects.create(
        program=cast.program, user=person, study_id="S-ZQ0001", given_at=now
    )
    # Mail: to them (by account and by address), and to others naming them.
    MailPreference.objects.create(user=person, reminder_days=5)
    _mail(f"reminder:{person.pk}", person, person.email, WRITTEN["mail_body_to_them"])
    _mail("invitation:x:0:second", None, SECOND_ADDRESS, "Join us")
    sent = _mail("summary:1:olu", cast.organizer, cast.organizer.email, f"{NAME} shared a note")
    sent.status, sent.sent_at = Status.SENT, now
    sent.save()
    waiting = _mail(
        "calendar:1:thea",
        third,
        third.email,
        f"Host: {NAME} <{person.email}>",
        html=f"<p>{NAME}</p>",
    )
    OutboxAttachment.objects.create(
        outbox=waiting,
        filename="invite.ics",
        content=f"ORGANIZER;CN={NAME}".encode(),
        mimetype="text/calendar",
    )
    # The admin's log: a change they made, and one made to their account.
    user_type = ContentType.objects.get_for_model(User)
    LogEntry.objects.create(
        user=person,
        content_type=user_type,
        object_id=str(third.pk),
        object_repr="Thea Third",
        action_flag=CHANGE,
    )
    LogEntry.objects.create(
        user=cast.organizer,
        content_type=user_type,
        object_id=str(person.pk),
        object_repr=f"{NAME} <{person.email}>",
        action_flag=ADDITION,
    )
    return Made(
        held,
        ahead,
        third,
        poll,
        token,
        reverse("calendar_feed", args=[feed_token(feed)]),
        unsubscribe_token(user_id=person.pk, kind="meeting_reminder"),
    )


def _mail(key: str, to: User | None, address: str, text: str, html: str = "") -> Outbox:
    return Outbox.objects.create(
        key=key,
        kind="meeting_reminder",
        user=to,
        to_email=address,
        subject=f"About {text[:40]}",
        text=text,
        html=html,
        message_id=f"<{key}@peercircle>",
        next_attempt_at=timezone.now(),
    )
