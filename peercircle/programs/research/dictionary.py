"""The research export's data dictionary: every column, what it holds, how it is computed.

Pure Python: the export's header and the dictionary page (and its CSV) read this one list.
The meanings are marked for translation (`gettext_noop`): the page shows them in the
reader's language, the CSV files for researchers stay in English.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_noop


@dataclass(frozen=True)
class Column:
    name: str
    kind: str
    meaning: str


COLUMNS = (
    Column(
        "study_id",
        gettext_noop("text"),
        gettext_noop(
            "A random id for this member in this program, made when they consented; a new one "
            "if they revoke and consent again. It is not derived from anything about the person."
        ),
    ),
    Column(
        "career_stage",
        gettext_noop("category"),
        gettext_noop("Career stage from the member's profile."),
    ),
    Column(
        "department_group",
        gettext_noop("category"),
        gettext_noop(
            "Department from the member's profile; departments with fewer consenting members "
            "than the report floor, and blanks, read “other”."
        ),
    ),
    Column(
        "joined_month",
        gettext_noop("YYYY-MM"),
        gettext_noop("Month the member joined their first group of the program."),
    ),
    Column(
        "meetings_held",
        gettext_noop("count"),
        gettext_noop(
            "Meetings of the member's groups in this program that were held and had attendance "
            "taken."
        ),
    ),
    Column(
        "meetings_attended",
        gettext_noop("count"),
        gettext_noop("Of those, meetings the member was ticked present at."),
    ),
    Column(
        "attendance_rate",
        "0-1",
        gettext_noop("meetings_attended ÷ meetings_held; blank when none were held."),
    ),
    Column(
        "goals_set",
        gettext_noop("count"),
        gettext_noop("Goals the member set in the program's groups."),
    ),
    Column(
        "goals_reached",
        gettext_noop("count"),
        gettext_noop("Of those, marked done at their last review."),
    ),
    Column(
        "goals_carried_over", "count", gettext_noop("Of those, carried over to a later meeting.")
    ),
    Column("goals_dropped", gettext_noop("count"), gettext_noop("Of those, dropped.")),
)
HEADER = [column.name for column in COLUMNS]

# Why the end-of-term survey is not in the export.
NO_SURVEY = gettext_noop(
    "Survey answers are not included: they are stored without any link to the member (so that "
    "nobody, the coordinator included, can tell who answered what), and so cannot be joined "
    "to a study id without breaking that promise. The outcome report gives their aggregates."
)
NOT_INCLUDED = gettext_noop(
    "Never included: names, email addresses, labs, any text a member wrote (goals, notes, "
    "check-ins), exact dates (months only), and members who have not consented or revoked."
)


def dictionary_rows() -> list[list[str]]:
    rows = [[c.name, c.kind, c.meaning] for c in COLUMNS]
    rows.append(["(survey answers)", "not included", NO_SURVEY])
    rows.append(["(everything else)", "not included", NOT_INCLUDED])
    return rows
