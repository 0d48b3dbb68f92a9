"""Who may see and run a program: its coordinators. Members of its groups get 403.

Everything a coordinator does (sign-ups, formations, the dashboard) goes through
`get_program_for_user`, which returns what it found (`ProgramAccess`: the program, the
caller and their role in it) so views and actions never check again. Site-wide rights
(starting a program, making someone a coordinator) go through `require_site_right`. What
each role may do is decided by the small named pure rules below.
"""

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from django.contrib.auth.models import AnonymousUser, Permission
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from peercircle.accounts.models import User
from peercircle.groups.models import Membership
from peercircle.programs.models import Program, SignUp, Survey

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

COORDINATORS_ONLY = _("Only this program's coordinators can see it.")
ASK_TO_CREATE = _("Site admins decide who may start a program; ask one of them.")
ADMINS_ONLY = _("Only site admins can make coordinators.")


class ProgramRole(StrEnum):
    """The caller's standing in one program."""

    COORDINATOR = "coordinator"
    MEMBER = "member"  # of one of the program's groups
    OUTSIDER = "outsider"


@dataclass(frozen=True)
class ProgramAccess:
    """What the funnel found: the program, who asks, and their role in it."""

    program: Program
    user: User
    role: ProgramRole


# --- rules: pure, decided from a role or a user alone ---


def can_manage_program(role: ProgramRole) -> bool:
    """Sign-ups, formations, the dashboard and the settings are for coordinators only."""
    return role == ProgramRole.COORDINATOR


def knows_program_exists(role: ProgramRole) -> bool:
    # Members were placed by the program, so refusing them says nothing new (403, not 404).
    return role != ProgramRole.OUTSIDER


def can_create_program(user: User) -> bool:
    """Site admins decide who coordinates: staff, and people they gave the right to.

    What `user.has_perm("programs.add_program")` answers, in one query instead of two (the
    dashboard asks it of everyone): an active superuser, or the permission given to the
    person or to one of their auth groups.
    """
    if user.is_staff or (user.is_active and user.is_superuser):
        return True
    if not user.is_active:
        return False
    given = Q(user=user) | Q(group__user=user)
    return Permission.objects.filter(
        given, content_type__app_label="programs", codename="add_program"
    ).exists()


def can_grant_coordinator(user: User) -> bool:
    return user.is_staff


# --- funnels ---


def require_site_right(user: User, rule: Callable[[User], bool], denied: "StrOrPromise") -> User:
    """`user` if `rule` gives them this site-wide right; 403 with `denied` otherwise."""
    if not rule(user):
        raise PermissionDenied(denied)
    return user


def get_program_for_user(user: User | AnonymousUser, pk: int) -> ProgramAccess:
    """The program `pk` if `user` may manage it; members of its groups 403, others 404."""
    if not isinstance(user, User):
        raise Http404("No such program")
    # Coordinators (nearly every call) are served by this one query.
    program = Program.objects.filter(pk=pk, coordinators=user).first()
    role = ProgramRole.COORDINATOR if program is not None else _role_elsewhere(user, pk)
    if program is not None and can_manage_program(role):
        return ProgramAccess(program=program, user=user, role=role)
    if knows_program_exists(role):
        raise PermissionDenied(COORDINATORS_ONLY)
    raise Http404("No such program")


def _role_elsewhere(user: User, pk: int) -> ProgramRole:
    if Membership.objects.filter(group__program_id=pk, user=user).exists():
        return ProgramRole.MEMBER
    return ProgramRole.OUTSIDER


def get_signup_for_user(
    user: User | AnonymousUser, program_pk: int, pk: int
) -> tuple[SignUp, ProgramAccess]:
    """A sign-up of a program `user` manages; 404 when it belongs to another program."""
    access = get_program_for_user(user, program_pk)
    signup = access.program.signups.filter(pk=pk).first()
    if signup is None:
        raise Http404("No such sign-up")
    signup.program = access.program
    return signup, access


# --- the end-of-term survey: for members of the program's groups ---

MEMBERS_ONLY = _("Only members of this program's groups answer its survey.")


@dataclass(frozen=True)
class SurveyAccess:
    """A member of one of the survey's program's groups, and the survey."""

    survey: Survey
    user: User


def can_answer_survey(role: ProgramRole) -> bool:
    return role == ProgramRole.MEMBER


def get_survey_for_member(user: User | AnonymousUser, pk: int) -> SurveyAccess:
    """The survey `pk` if `user` belongs to one of its program's groups.

    The program's coordinators get 403 (they know it exists); everyone else 404.
    """
    if not isinstance(user, User):
        raise Http404("No such survey")
    survey = Survey.objects.select_related("term__program").filter(pk=pk).first()
    if survey is None:
        raise Http404("No such survey")
    program_pk = survey.term.program_id
    role = _role_elsewhere(user, program_pk)
    if can_answer_survey(role):
        return SurveyAccess(survey=survey, user=user)
    if survey.term.program.coordinators.filter(pk=user.pk).exists():
        raise PermissionDenied(MEMBERS_ONLY)
    raise Http404("No such survey")


def get_program_for_member(user: User | AnonymousUser, pk: int) -> ProgramAccess:
    """The program `pk` for a member of one of its groups (the research consent page).

    Its coordinators get 403; everyone else 404.
    """
    if not isinstance(user, User):
        raise Http404("No such program")
    program = Program.objects.filter(pk=pk).first()
    if program is None:
        raise Http404("No such program")
    role = _role_elsewhere(user, pk)
    if role == ProgramRole.MEMBER:
        return ProgramAccess(program=program, user=user, role=role)
    if program.coordinators.filter(pk=user.pk).exists():
        raise PermissionDenied(MEMBERS_ONLY)
    raise Http404("No such program")
