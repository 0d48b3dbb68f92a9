from django.db import transaction

from peercircle.accounts.models import User


@transaction.atomic
def profile_update(
    *,
    user: User,
    display_name: str,
    pronouns: str,
    timezone: str,
    department: str,
    lab: str,
    career_stage: str,
) -> User:
    user.display_name = display_name.strip()
    user.pronouns = pronouns.strip()
    user.timezone = timezone
    user.department = department.strip()
    user.lab = lab.strip()
    user.career_stage = career_stage
    user.full_clean(exclude=["password", "username"])
    user.save(
        update_fields=["display_name", "pronouns", "timezone", "department", "lab", "career_stage"]
    )
    return user
