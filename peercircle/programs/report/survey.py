"""The end-of-term survey's results for the outcome report: counts and means per item.

Shown only once the survey has closed. An item's count of answers is shown from
`REPORT_FLOOR` answers, its mean from `SURVEY_MEAN_FLOOR`; the number who answered at all
from `REPORT_FLOOR`. Counts per item are not parts of any shown total (a member may skip any
item), so hiding one cannot be undone by subtraction.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.utils.translation import gettext

from peercircle.programs.models import Survey, Term
from peercircle.programs.report.disclosure import floored
from peercircle.programs.survey.items import chosen


@dataclass(frozen=True)
class ItemResult:
    construct: str
    key: str
    text: str
    answers: int | None  # None: fewer than the floor
    mean: float | None  # None: fewer than the mean floor


@dataclass(frozen=True)
class SurveyResults:
    closes_at: datetime
    is_closed: bool
    respondents: int | None
    items: list[ItemResult]
    floor: int
    mean_floor: int


def survey_results(term: Term, now: datetime) -> SurveyResults | None:
    """None when the term has no survey; no figures at all while it is open."""
    survey = Survey.objects.filter(term=term).first()
    if survey is None:
        return None
    floor: int = settings.REPORT_FLOOR
    mean_floor: int = max(settings.SURVEY_MEAN_FLOOR, floor)
    if now < survey.closes_at:
        return SurveyResults(survey.closes_at, False, None, [], floor, mean_floor)
    values: dict[str, list[int]] = defaultdict(list)
    for key, value in survey.answers.values_list("item", "value"):
        values[key].append(value)
    items = []
    for construct in chosen(survey.constructs):
        for item in construct.items:
            given = values.get(item.key, [])
            enough_for_mean = floored(len(given), mean_floor) is not None
            items.append(
                ItemResult(
                    construct=gettext(construct.label),
                    key=item.key,
                    text=gettext(item.text),
                    answers=floored(len(given), floor),
                    mean=sum(given) / len(given) if enough_for_mean else None,
                )
            )
    respondents = floored(survey.responded.count(), floor)
    return SurveyResults(survey.closes_at, True, respondents, items, floor, mean_floor)


def _shown(value: int | None, floor: int) -> str:
    return f"fewer than {floor}" if value is None else str(value)


def survey_csv_rows(results: SurveyResults | None) -> list[list[str]]:
    """(section, figure, column, value) rows for the report's CSV; none while it is open."""
    if results is None or not results.is_closed:
        return []
    out = [["survey", "members who answered", "", _shown(results.respondents, results.floor)]]
    for item in results.items:
        label = f"{item.construct}: {item.text}"
        out.append(["survey", label, "answers", _shown(item.answers, results.floor)])
        mean = (
            f"not shown (fewer than {results.mean_floor} answers)"
            if item.mean is None
            else f"{item.mean:.2f}"
        )
        out.append(["survey", label, "mean (1-5)", mean])
    return out
