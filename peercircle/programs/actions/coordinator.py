"""Who may start programs: site admins grant the right."""

from django.contrib.auth.models import Permission
from django.db import transaction

from peercircle.accounts.models import User
from peercircle.programs.models import Program


@transaction.atomic
def coordinator_grant(*, user: User) -> User:
    """Let `user` start programs of their own (site admins decide who coordinates)."""
    permission = Permission.objects.get(content_type__app_label="programs", codename="add_program")
    user.user_permissions.add(permission)
    return user


@transaction.atomic
def coordinator_leave_all(*, user: User) -> None:
    """Deleting an account: the programs stay with their sign-ups and groups; only this
    coordinator leaves them."""
    Program.coordinators.through.objects.filter(user_id=user.pk).delete()
