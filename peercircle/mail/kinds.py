"""What we know about each kind of mail: its label, and whether people may turn it off or
have it rolled into the weekly digest.

Other apps' mails are plain kind names passed to `mail_enqueue`; a kind not listed here is
treated as an optional, single mail so a new kind never silently becomes unstoppable.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    name: str
    label: str
    # Mails a person needs to use the service (an invitation) cannot be unsubscribed.
    transactional: bool = False
    # Mails that keep for a week; reminders are time-bound and never wait for the digest.
    digestible: bool = False


DIGEST = "digest"

KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in [
        Kind("invitation", "Invitations to join a group", transactional=True),
        Kind("meeting_reminder", "Meeting reminders, a few days before"),
        Kind("host_reminder", "Day-of reminder with the agenda when you host"),
        Kind("meeting_summary", "Meeting summaries after meetings you attended", digestible=True),
        Kind("goal_nudge", "Goal deadline nudges", digestible=True),
        Kind("calendar_update", "Calendar invitations when a meeting is set, moved or cancelled"),
        Kind(DIGEST, "Weekly digest"),
    ]
}


def kind_info(name: str) -> Kind:
    return KINDS.get(name) or Kind(name, name.replace("_", " ").capitalize())


def optional_kinds() -> list[Kind]:
    """The kinds a person can switch on and off on their preferences page."""
    return [kind for kind in KINDS.values() if not kind.transactional and kind.name != DIGEST]


def digestible_kinds() -> list[str]:
    return [kind.name for kind in KINDS.values() if kind.digestible]
