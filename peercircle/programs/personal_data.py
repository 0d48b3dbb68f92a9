"""Programs a person coordinates, for their data export and their account's deletion."""

from typing import Any

from peercircle.accounts.models import User
from peercircle.programs.models import Program


def export_user_data(user: User) -> dict[str, Any]:
    programs = Program.objects.filter(coordinators=user)
    return {
        "coordinated_programs": [{"name": p.name, "institution": p.institution} for p in programs]
    }


def erase_user_data(user: User) -> None:
    # The programs stay with their sign-ups and groups; only this coordinator leaves them.
    Program.coordinators.through.objects.filter(user_id=user.pk).delete()
