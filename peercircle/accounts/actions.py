from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F, Q

from peercircle.accounts import personal_data
from peercircle.accounts.backends import forget_cached_user
from peercircle.accounts.models import PROFILE_FIELDS, CareerStage, User, default_language


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
    language: str | None = None,
) -> User:
    user.display_name = display_name.strip()
    user.pronouns = pronouns.strip()
    user.timezone = timezone
    user.department = department.strip()
    user.lab = lab.strip()
    user.career_stage = career_stage
    if language is not None:
        user.language = language
    user.full_clean(exclude=["password", "username"])
    user.save(update_fields=PROFILE_FIELDS)
    return user


@transaction.atomic
def profile_start(
    *, user: User, display_name: str, timezone: str, language: str | None = None
) -> User:
    """What a new person tells us at sign-up, beyond their email and password."""
    user.display_name = display_name.strip()
    user.timezone = timezone
    fields = ["display_name", "timezone"]
    if language is not None:
        user.language = language
        fields.append("language")
    user.full_clean(exclude=["password", "username"])
    user.save(update_fields=fields)
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


# How a deleted person appears wherever a group keeps their part of its history.
FORMER_MEMBER = "a former member"


@transaction.atomic
def account_delete(*, user: User) -> None:
    """Personal data and private content go; the account row stays, anonymised and unable to
    log in, so what a group keeps for its history (a meeting they hosted) reads
    "a former member"."""
    personal_data.erase(user)
    _admin_log_forget(user)
    EmailAddress.objects.filter(user=user).delete()
    SocialAccount.objects.filter(user=user).delete()  # its tokens go with it
    user.groups.clear()
    user.user_permissions.clear()
    user.username = f"former-{user.pk}"
    user.email = ""
    user.first_name = user.last_name = user.pronouns = user.department = user.lab = ""
    user.display_name = FORMER_MEMBER
    user.timezone = "UTC"
    user.language = default_language()
    user.career_stage = CareerStage.OTHER
    user.is_active = user.is_staff = user.is_superuser = False
    user.last_login = None
    # A new password hash also ends every session the person still has open.
    user.set_unusable_password()
    user.save(update_fields=[*_ERASED_FIELDS, "password"])


def _admin_log_forget(user: User) -> None:
    # The admin's record of changes keeps what was done, not to whom by name: entries about
    # the person (their account, or an object shown by their name or address) lose it.
    about = Q(content_type=ContentType.objects.get_for_model(User), object_id=str(user.pk))
    for word in {
        user.email,
        user.display_name,
        *EmailAddress.objects.filter(user=user).values_list("email", flat=True),
    }:
        if len(word) >= 2:
            about |= Q(object_repr__icontains=word)
    LogEntry.objects.filter(about).update(object_repr=FORMER_MEMBER)


_ERASED_FIELDS = [
    "username",
    "email",
    "first_name",
    "last_name",
    "pronouns",
    "department",
    "lab",
    "display_name",
    "timezone",
    "language",
    "career_stage",
    "is_active",
    "is_staff",
    "is_superuser",
    "last_login",
]


@transaction.atomic
def user_sessions_end(*, user_id: int) -> None:
    """End every session of this person, on every device: the hash each session carries no
    longer matches. A no-op for a deleted account (its sessions already find no user)."""
    User.objects.filter(pk=user_id).update(session_generation=F("session_generation") + 1)
    # Now, and again once committed: a request in between may have cached the old row.
    forget_cached_user(user_id)
    transaction.on_commit(lambda: forget_cached_user(user_id))


@transaction.atomic
def language_set(*, user: User, language: str) -> User:
    """The language of this person's pages and mail."""
    user.language = language
    user.full_clean(exclude=["password", "username"])
    user.save(update_fields=["language"])
    return user
