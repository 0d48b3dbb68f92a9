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
        register(
            Share(
                label="programs",
                export=personal_data.export_user_data,
                erase=personal_data.erase_user_data,
                covers=personal_data.COVERS,
            )
        )
