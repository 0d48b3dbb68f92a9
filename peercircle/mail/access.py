"""Who may see the outbox: site admins only. Everyone else is told the page doesn't exist."""

from django.http import Http404

from peercircle.accounts.models import User


def can_see_outbox(user: User) -> bool:
    return user.is_active and user.is_staff


def check_outbox_access(user: User) -> None:
    if not can_see_outbox(user):
        raise Http404("No such page.")
