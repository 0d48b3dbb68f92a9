"""What we know about each kind of mail: its label, and whether people may turn it off or
have it rolled into the weekly digest.

The mail app knows only its own kind (the digest); each app that sends mail registers its
kinds with `register_kind` from its `AppConfig.ready()`. A kind nobody registered is
treated as an optional, single mail, so a new kind never silently becomes unstoppable.
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class Kind:
    name: str
    label: "StrOrPromise"  # lazy: shown in the reader's language
    # Mails a person needs to use the service (an invitation) cannot be unsubscribed.
    transactional: bool = False
    # Mails that keep for a week; reminders are time-bound and never wait for the digest.
    digestible: bool = False


DIGEST = "digest"
# allauth's mails: confirming an address, resetting a password (see mail/allauth.py).
ACCOUNT = "account"

_KINDS: dict[str, Kind] = {}


def register_kind(kind: Kind) -> None:
    """Make `kind` known; registering the same kind again changes nothing."""
    if _KINDS.get(kind.name, kind) != kind:
        raise ValueError(f"Mail kind {kind.name!r} is already registered differently.")
    _KINDS[kind.name] = kind


register_kind(Kind(DIGEST, _("Weekly digest")))
register_kind(
    Kind(
        ACCOUNT,
        _("Account mails (confirming your address, resetting a password)"),
        transactional=True,
    )
)


def kind_info(name: str) -> Kind:
    return _KINDS.get(name) or Kind(name, name.replace("_", " ").capitalize())


def all_kinds() -> list[Kind]:
    return list(_KINDS.values())


def optional_kinds() -> list[Kind]:
    """The kinds a person can switch on and off on their preferences page."""
    return [kind for kind in _KINDS.values() if not kind.transactional and kind.name != DIGEST]


def digestible_kinds() -> list[str]:
    return [kind.name for kind in _KINDS.values() if kind.digestible]
