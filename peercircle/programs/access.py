"""Who may see and run a program: its coordinators. Members of its groups get 403."""

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from peercircle.accounts.models import User
from peercircle.groups.models import Membership
from peercircle.programs.models import Program


def get_program_for_user(user: User | AnonymousUser, pk: int, *, write: bool = False) -> Program:
    """The program `pk` if `user` coordinates it; `write` needs the same right today."""
    program = Program.objects.filter(pk=pk).first()
    if program is None or not user.is_authenticated:
        raise Http404("No such program")
    if program.coordinators.filter(pk=user.pk).exists():
        return program
    if Membership.objects.filter(group__program=program, user=user).exists():
        raise PermissionDenied("Only this program's coordinators can see its overview.")
    raise Http404("No such program")
