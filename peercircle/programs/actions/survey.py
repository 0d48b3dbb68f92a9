"""The end-of-term survey: the coordinator switches it on, a member answers once."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from peercircle.accounts.models import User
from peercircle.lib import versions
from peercircle.programs.access import ProgramAccess, SurveyAccess
from peercircle.programs.models import (
    ResearchConsent,
    Survey,
    SurveyAnswer,
    SurveyResponded,
    Term,
)
from peercircle.programs.survey.items import CONSTRUCT_KEYS, ITEM_KEYS, SCALE_VALUES, items_of

ALREADY = _("You have already answered this survey; thank you.")
CLOSED = _("This survey has closed.")


@transaction.atomic
def survey_set(
    *, access: ProgramAccess, term: Term, constructs: list[str], closes_at: datetime
) -> Survey:
    """Switch a term's survey on (or change it) with these constructs and close date."""
    if term.program_id != access.program.pk:
        raise ValidationError(gettext("That term belongs to another program."))
    unknown = sorted(set(constructs) - set(CONSTRUCT_KEYS))
    if unknown or not constructs:
        raise ValidationError(gettext("Choose at least one of the listed topics."))
    survey = Survey.objects.filter(term=term).first()
    if survey is not None and survey.responded.exists():
        raise ValidationError(
            gettext("Members have answered already: the survey can no longer change.")
        )
    if survey is None:
        return Survey.objects.create(term=term, constructs=list(constructs), closes_at=closes_at)
    survey.constructs = list(constructs)
    survey.closes_at = closes_at
    survey.save(update_fields=["constructs", "closes_at"])
    return survey


@transaction.atomic
def survey_answer(*, access: SurveyAccess, answers: dict[str, int], now: datetime) -> int:
    """Store a member's answers without linking them to the member; the number stored.

    Items left out are skipped. The member is recorded as having answered (not what), which
    refuses a second answer.
    """
    survey = access.survey
    if now >= survey.closes_at:
        raise ValidationError(CLOSED)
    asked = {item.key for item in items_of(survey.constructs)}
    for key, value in answers.items():
        if key not in ITEM_KEYS or key not in asked:
            raise ValidationError(f"“{key}” is not a question of this survey.")
        if value not in SCALE_VALUES:
            raise ValidationError(gettext("Each answer is a number from 1 to 5."))
    try:
        with transaction.atomic():
            SurveyResponded.objects.create(survey=survey, user=access.user)
    except IntegrityError:
        raise ValidationError(ALREADY) from None
    # Written in the survey's fixed order, whatever order the member's answers came in.
    rows = [
        SurveyAnswer(survey=survey, item=item.key, value=answers[item.key])
        for item in items_of(survey.constructs)
        if item.key in answers
    ]
    SurveyAnswer.objects.bulk_create(rows)
    versions.changed(("program", survey.term.program_id))
    return len(rows)


@transaction.atomic
def survey_records_erase(*, user: User) -> None:
    """On account deletion: which surveys they answered and their research consents go.

    Their answers stay: nothing links them to the person.
    """
    SurveyResponded.objects.filter(user=user).delete()
    ResearchConsent.objects.filter(user=user).delete()
