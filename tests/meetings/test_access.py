from peercircle.groups.models import Membership, Role
from peercircle.meetings.access import can_control_run
from peercircle.meetings.models import Meeting


def test_runner_controls_and_before_anyone_runs_it_the_host_and_organizers_do() -> None:
    meeting = Meeting(host_id=2)
    host = Membership(user_id=2, role=Role.MEMBER)
    organizer = Membership(user_id=3, role=Role.ORGANIZER)
    member = Membership(user_id=4, role=Role.MEMBER)
    assert can_control_run(meeting, host, None) and can_control_run(meeting, organizer, None)
    assert not can_control_run(meeting, member, None)
    assert can_control_run(meeting, member, 4)
    assert not can_control_run(meeting, host, 4) and not can_control_run(meeting, organizer, 4)
