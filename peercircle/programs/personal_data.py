"""What the programs app holds about a person, for their data export and their account's
deletion (the policy: docs/data-policy.md)."""

from typing import Any

from allauth.account.models import EmailAddress
from django.db.models import Q

from peercircle.accounts.models import User
from peercircle.accounts.personal_data import Covers, Erase
from peercircle.programs.actions.coordinator import coordinator_leave_all
from peercircle.programs.actions.signups import signups_erase_person
from peercircle.programs.actions.survey import survey_records_erase
from peercircle.programs.models import Program, ResearchConsent, SignUp, SurveyResponded

COVERS = (
    Covers(
        "programs.Program",
        "programs.coordinated_programs",
        Erase.NOT_PERSONAL,
        "the program stays; its coordinator links are Program_coordinators",
    ),
    Covers("programs.Program_coordinators", "programs.coordinated_programs", Erase.DELETE),
    Covers(
        "programs.SignUp",
        "programs.signups",
        Erase.REDACT,
        "name, address, lab, hopes and wishes go; stage and availability stay for the formation",
    ),
    Covers(
        "programs.PublishedPlacement",
        "programs.signups",
        Erase.FORMER_MEMBER,
        "a placement not yet used is deleted, so its link answers 404",
    ),
    Covers(
        "programs.FormationRun",
        "not exported: formations a coordinator ran (the programs are listed)",
        Erase.FORMER_MEMBER,
    ),
    Covers("programs.Term", "not exported: a program's term", Erase.NOT_PERSONAL),
    Covers("programs.SurveyResponded", "programs.surveys_answered", Erase.DELETE),
    Covers(
        "programs.SurveyAnswer",
        "not exported: answers are stored without the person, so nobody can find theirs",
        Erase.NOT_PERSONAL,
        "anonymous by design: no link to the person to follow",
    ),
    Covers("programs.ResearchConsent", "programs.research_consents", Erase.DELETE),
)


def export_user_data(user: User) -> dict[str, Any]:
    programs = Program.objects.filter(coordinators=user)
    mine = Q(placement__user=user)
    for address in EmailAddress.objects.filter(user=user).values_list("email", flat=True):
        mine |= Q(email__iexact=address)
    signups = SignUp.objects.filter(mine).distinct().select_related("program").order_by("pk")
    answered = SurveyResponded.objects.filter(user=user).select_related("survey__term__program")
    consents = ResearchConsent.objects.filter(user=user).select_related("program")
    return {
        "surveys_answered": [
            {"program": r.survey.term.program.name, "term": r.survey.term.name} for r in answered
        ],
        "research_consents": [
            {
                "program": c.program.name,
                "study_id": c.study_id,
                "given_at": c.given_at,
                "revoked_at": c.revoked_at,
            }
            for c in consents
        ],
        "coordinated_programs": [{"name": p.name, "institution": p.institution} for p in programs],
        "signups": [
            {
                "program": s.program.name,
                "name": s.name,
                "email": s.email,
                "department": s.department,
                "lab": s.lab,
                "stage": s.stage,
                "availability": s.availability,
                "avoid": s.avoid_text,
                "hopes": s.hopes,
                "status": s.status,
                "created_at": s.created_at,
                "placed_in": s.placement.group.name if hasattr(s, "placement") else None,
            }
            for s in signups
        ],
    }


def erase_user_data(user: User) -> None:
    coordinator_leave_all(user=user)
    emails = [user.email, *EmailAddress.objects.filter(user=user).values_list("email", flat=True)]
    signups_erase_person(user=user, emails=emails)
    survey_records_erase(user=user)
