from allauth.account.models import EmailAddress
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


@transaction.atomic
def profile_start(*, user: User, display_name: str, timezone: str) -> User:
    """What a new person tells us at sign-up, beyond their email and password."""
    user.display_name = display_name.strip()
    user.timezone = timezone
    user.full_clean(exclude=["password", "username"])
    user.save(update_fields=["display_name", "timezone"])
    return user


@transaction.atomic
def user_create(
    *,
    email: str,
    password: str,
    display_name: str = "",
    email_verified: bool = False,
    **profile: str,
) -> User:
    """A new person who logs in with `email`; `email_verified` skips the confirmation mail."""
    email = email.strip().lower()
    user = User(username=email[:150], email=email, display_name=display_name.strip(), **profile)
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    # allauth keeps addresses and their verification in its own table.
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=email_verified)
    return user
