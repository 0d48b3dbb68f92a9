import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from peercircle.groups.access import can_edit_group, get_group_for_user, get_poll_for_user
from tests.conftest import Cast
from tests.groups.test_polls import make_poll


def test_member_can_read_their_group_and_gets_their_membership(cast: Cast) -> None:
    access = get_group_for_user(cast.member, cast.group.pk)
    assert access.group == cast.group
    assert access.membership.user == cast.member
    assert not access.is_organizer


def test_organizer_can_edit_their_group(cast: Cast) -> None:
    access = get_group_for_user(cast.organizer, cast.group.pk, rule=can_edit_group)
    assert access.group == cast.group and access.is_organizer


def test_member_without_the_right_cannot_write(cast: Cast) -> None:
    with pytest.raises(PermissionDenied):
        get_group_for_user(cast.member, cast.group.pk, rule=can_edit_group)


def test_coordinator_is_refused_group_content(cast: Cast) -> None:
    with pytest.raises(PermissionDenied):
        get_group_for_user(cast.coordinator, cast.group.pk)


@pytest.mark.parametrize("who", ["other_member", "outsider"])
def test_outsiders_learn_nothing(cast: Cast, who: str) -> None:
    with pytest.raises(Http404):
        get_group_for_user(getattr(cast, who), cast.group.pk)


def test_anonymous_gets_404(cast: Cast) -> None:
    with pytest.raises(Http404):
        get_group_for_user(AnonymousUser(), cast.group.pk)


def test_missing_group_is_404(cast: Cast) -> None:
    with pytest.raises(Http404):
        get_group_for_user(cast.member, cast.group.pk + 1000)


def test_a_member_gets_a_poll_with_their_membership(cast: Cast) -> None:
    poll = make_poll(cast)
    access = get_poll_for_user(cast.organizer, poll.pk)
    assert access.poll == poll and access.group_access.group == cast.group
    assert access.membership == cast.group.memberships.get(user=cast.organizer)
    assert access.membership.role == "organizer" and access.group_access.is_organizer
    assert not get_poll_for_user(cast.member, poll.pk).group_access.is_organizer
    with pytest.raises(PermissionDenied):
        get_poll_for_user(cast.member, poll.pk, rule=can_edit_group)
    with pytest.raises(PermissionDenied):  # the coordinator: told why
        get_poll_for_user(cast.coordinator, poll.pk)
    with pytest.raises(Http404):
        get_poll_for_user(cast.other_member, poll.pk)
    with pytest.raises(Http404):
        get_poll_for_user(AnonymousUser(), poll.pk)
