from django.core.management import call_command

from peercircle.accounts.models import User
from peercircle.groups.models import Group, Membership
from peercircle.meetings.models import Meeting, Status


def test_demo_loads_once_and_prints_logins(db: None, capsys) -> None:
    call_command("demo")
    first = capsys.readouterr().out
    counts = (User.objects.count(), Group.objects.count(), Meeting.objects.count())
    call_command("demo")
    again = capsys.readouterr().out
    assert (User.objects.count(), Group.objects.count(), Meeting.objects.count()) == counts
    assert counts[:2] == (19, 3)
    assert "coordinator@example.org" in first and "peercircle-demo" in again


def test_demo_groups_mix_labs_and_departments(db: None) -> None:
    call_command("demo")
    for group in Group.objects.all():
        members = [m.user for m in Membership.objects.filter(group=group).select_related("user")]
        assert len(members) == 6
        assert len({u.lab for u in members}) == 6
        assert len({u.department for u in members}) == 6
        assert len({u.career_stage for u in members}) == 1
        assert group.meetings.filter(status=Status.HELD).count() >= 3
        assert group.meetings.upcoming().count() >= 1
