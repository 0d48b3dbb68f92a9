from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    name = "peercircle.programs"
    label = "programs"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from peercircle.accounts.personal_data import Share, register
        from peercircle.groups.pages import add_dashboard_part
        from peercircle.mail.kinds import Kind, register_kind
        from peercircle.programs import personal_data
        from peercircle.programs.queries import coordinator_context, open_surveys, research_asks

        # Confirming a public sign-up's address: needed to be placed, so never turned off.
        register_kind(
            Kind(
                "signup_confirmation",
                _("Confirming the address of a sign-up to a program"),
                transactional=True,
            )
        )
        # The dashboard's programs section, for the coordinators among its visitors.
        add_dashboard_part(lambda user, memberships: coordinator_context(user))
        # A link to each open end-of-term survey the member has not answered yet.
        add_dashboard_part(open_surveys)
        # A link to the consent page of each program asking for research consent.
        add_dashboard_part(research_asks)
        _track_versions()
        register(
            Share(
                label="programs",
                export=personal_data.export_user_data,
                erase=personal_data.erase_user_data,
                covers=personal_data.COVERS,
            )
        )


def _track_versions() -> None:
    """What cached page parts each of this app's rows is shown under (lib/versions.py)."""
    from peercircle.lib.versions import ScopesOf, scope_at, track
    from peercircle.programs import models as m

    def in_program(path: str, *people: str) -> ScopesOf:
        return lambda row: [
            scope_at("program", row, path),
            *(scope_at("user", row, person) for person in people),
        ]

    track(m.Program, lambda row: [("program", row.pk)])
    track(m.SignUp, in_program("program_id"))
    track(m.FormationRun, in_program("program_id"))
    track(
        m.PublishedPlacement,
        lambda row: [scope_at("group", row, "group_id"), scope_at("user", row, "user_id")],
    )
    track(m.Term, in_program("program_id"))
    track(m.Survey, in_program("term.program_id"))
    track(m.SurveyAnswer, in_program("survey.term.program_id"))
    track(m.SurveyResponded, in_program("survey.term.program_id", "user_id"))
    track(m.ResearchConsent, in_program("program_id", "user_id"))
