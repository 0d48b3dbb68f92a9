"""Who may see and run a program: its coordinators. Members of its groups get 403.

Everything a coordinator does (sign-ups, formations, the dashboard) goes through
`get_program_for_user`; who may start a program at all is `can_create_program`.
"""

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from peercircle.accounts.models import User
from peercircle.groups.models import Membership
from peercircle.programs.models import Program, SignUp

COORDINATORS_ONLY = "Only this program's coordinators can see it."


def can_create_program(user: User) -> bool:
    """Site admins decide who coordinates: staff, and people they gave the right to."""
    return user.is_staff or user.has_perm("programs.add_program")


def can_grant_coordinator(user: User) -> bool:
    return user.is_staff


def get_program_for_user(user: User | AnonymousUser, pk: int) -> Program:
    """The program `pk` if `user` coordinates it; members of its groups 403, others 404."""
    if not isinstance(user, User):
        raise Http404("No such program")
    program = Program.objects.filter(pk=pk, coordinators=user).first()
    if program is not None:
        return program
    if Membership.objects.filter(group__program_id=pk, user=user).exists():
        raise PermissionDenied(COORDINATORS_ONLY)
    raise Http404("No such program")


def get_signup_for_user(user: User | AnonymousUser, program_pk: int, pk: int) -> SignUp:
    """A sign-up of a program `user` coordinates; 404 when it belongs to another program."""
    program = get_program_for_user(user, program_pk)
    signup = program.signups.filter(pk=pk).first()
    if signup is None:
        raise Http404("No such sign-up")
    signup.program = program
    return signup
