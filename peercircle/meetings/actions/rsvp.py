"""Whether a member comes to a meeting."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from peercircle.accounts.models import User
from peercircle.meetings.actions.hosts import host_replace
from peercircle.meetings.models import Meeting, Rsvp, RsvpAnswer, Status


@transaction.atomic
def rsvp_set(*, meeting: Meeting, user: User, answer: str, note: str = "") -> Rsvp:
    """Going / maybe / not going, with a short note. A host who cannot come is replaced."""
    if meeting.status != Status.SCHEDULED or meeting.ends_at < timezone.now():
        raise ValidationError(gettext("Answers are closed: this meeting is over or cancelled."))
    if answer not in RsvpAnswer.values:
        raise ValidationError({"answer": gettext("Choose going, maybe or not going.")})
    if "\x00" in note:
        raise ValidationError({"note": gettext("The note contains a character we cannot store.")})
    Rsvp(meeting=meeting, user=user, answer=answer, note=note.strip()).full_clean(
        validate_constraints=False
    )
    # update_or_create locks the row and survives a double submit.
    rsvp, _ = Rsvp.objects.update_or_create(
        meeting=meeting, user=user, defaults={"answer": answer, "note": note.strip()}
    )
    if answer == RsvpAnswer.NOT_GOING and meeting.host_id == user.pk:
        declined = set(
            Rsvp.objects.filter(meeting=meeting, answer=RsvpAnswer.NOT_GOING).values_list(
                "user_id", flat=True
            )
        )
        host_replace(meeting=meeting, declined=declined)
    return rsvp
