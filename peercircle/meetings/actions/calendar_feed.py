"""A person's private calendar feed link."""

from django.db import transaction

from peercircle.accounts.models import User
from peercircle.lib import tokens
from peercircle.meetings.calendar import FEED_PURPOSE
from peercircle.meetings.models import CalendarFeed


@transaction.atomic
def calendar_feed_regenerate(*, user: User) -> CalendarFeed:
    """Create the person's feed link, or replace it (the old link stops working)."""
    salt = tokens.new_salt()
    token_hash = tokens.hash_token(tokens.derived_token(FEED_PURPOSE, salt))
    feed, _ = CalendarFeed.objects.update_or_create(
        user=user, defaults={"salt": salt, "token_hash": token_hash}
    )
    return feed


@transaction.atomic
def calendar_feed_revoke(*, user: User) -> None:
    CalendarFeed.objects.filter(user=user).delete()
