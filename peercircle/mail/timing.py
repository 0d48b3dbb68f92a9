"""When a person's mail may go: every computed attempt (first, retry, requeue, release of
held mail) passes through their quiet hours here, so none of them lands inside."""

from datetime import datetime

from peercircle.accounts.models import User
from peercircle.lib.zones import zone_for
from peercircle.mail.models import MailPreference
from peercircle.mail.quiet import quiet_release


def preference_for(user: User | None) -> MailPreference:
    """The person's preferences (unsaved defaults when they never changed any)."""
    if user is None:
        return MailPreference()
    try:
        return user.mail_preference
    except MailPreference.DoesNotExist:
        return MailPreference(user=user)


def allowed_at(
    at: datetime, user: User | None, preference: MailPreference | None = None
) -> datetime:
    """The first moment at or after `at` outside the person's quiet hours."""
    if user is None:
        return at
    preference = preference or preference_for(user)
    return quiet_release(at, zone_for(user), preference.quiet_start, preference.quiet_end)


def allowed_at_for(at: datetime, user_id: int | None, transactional: bool = False) -> datetime:
    """`allowed_at` for a row's recipient by id; transactional mail never waits."""
    if user_id is None or transactional:
        return at
    user = User.objects.select_related("mail_preference").filter(pk=user_id).first()
    return allowed_at(at, user)
