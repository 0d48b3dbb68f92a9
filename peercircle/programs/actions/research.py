"""Consent to a program's research export: the coordinator asks, a member gives or revokes."""

import secrets
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from peercircle.lib import versions
from peercircle.programs.access import ProgramAccess, ProgramRole
from peercircle.programs.models import ResearchConsent

NOT_ASKING = _("This program does not ask for consent to a research export.")


@transaction.atomic
def research_settings_set(*, access: ProgramAccess, enabled: bool, ethics_text: str) -> None:
    """Ask members for consent (with the ethics approval text shown to them), or stop asking.

    Stopping does not revoke consents already given; it only stops new ones.
    """
    text = ethics_text.strip()
    if enabled and not text:
        raise ValidationError(
            gettext("Give the text your ethics approval requires members to read.")
        )
    program = access.program
    program.research_consent_enabled = enabled
    program.ethics_text = text
    program.save(update_fields=["research_consent_enabled", "ethics_text"])


def _new_study_id() -> str:
    while True:
        candidate = "S-" + secrets.token_hex(5).upper()
        if not ResearchConsent.objects.filter(study_id=candidate).exists():
            return candidate


@transaction.atomic
def consent_give(*, access: ProgramAccess, now: datetime) -> ResearchConsent:
    """A member's explicit consent; a fresh random study id each time it is (re)given."""
    if access.role != ProgramRole.MEMBER:
        raise ValidationError(gettext("Only members of the program's groups can consent."))
    if not access.program.research_consent_enabled:
        raise ValidationError(NOT_ASKING)
    consent = (
        ResearchConsent.objects.select_for_update()
        .filter(program=access.program, user=access.user)
        .first()
    )
    if consent is None:
        return ResearchConsent.objects.create(
            program=access.program, user=access.user, study_id=_new_study_id(), given_at=now
        )
    if consent.revoked_at is None:
        return consent
    consent.study_id, consent.given_at, consent.revoked_at = _new_study_id(), now, None
    consent.save(update_fields=["study_id", "given_at", "revoked_at"])
    return consent


@transaction.atomic
def consent_revoke(*, access: ProgramAccess, now: datetime) -> None:
    """Revoke: the member leaves every later export (earlier files cannot be recalled)."""
    ResearchConsent.objects.filter(
        program=access.program, user=access.user, revoked_at__isnull=True
    ).update(revoked_at=now)
    versions.changed(("program", access.program.pk), ("user", access.user.pk))
