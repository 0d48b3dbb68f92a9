"""Who may start programs: site admins grant the right."""

from django.contrib.auth.models import Permission
from django.db import transaction

from peercircle.accounts.models import User


@transaction.atomic
def coordinator_grant(*, user: User) -> User:
    """Let `user` start programs of their own (site admins decide who coordinates)."""
    permission = Permission.objects.get(content_type__app_label="programs", codename="add_program")
    user.user_permissions.add(permission)
    return user
