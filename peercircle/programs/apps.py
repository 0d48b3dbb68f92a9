from typing import Any

from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    name = "peercircle.programs"
    label = "programs"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from peercircle.accounts.personal_data import Share, register
        from peercircle.groups.pages import add_dashboard_part, add_dashboard_scopes
        from peercircle.mail.kinds import Kind, register_kind
        from peercircle.programs import personal_data
        from peercircle.programs.queries import (
            coordinated_scopes,
            coordinator_context,
            open_surveys,
            research_asks,
        )

        # Confirming a public sign-up's address: needed to be placed, so never turned off.
        register_kind(
            Kind(
                "signup_confirmation",
                _("Confirming the address of a sign-up to a program"),
                transactional=True,
            )
        )
        # The dashboard's programs section, for the coordinators among its visitors.
        add_dashboard_part(coordinator_context)
        add_dashboard_scopes(coordinated_scopes)
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
    _track_rights()


def _track_rights() -> None:
    """Who coordinates a program, and who may start one, is on each person's dashboard:
    many-to-many changes (actions and the admin alike) send no save, so they are followed
    here and replace the people's own scopes."""
    from django.contrib.auth.models import Group as AuthGroup
    from django.db.models.signals import m2m_changed

    from peercircle.accounts.models import User
    from peercircle.lib.versions import changed
    from peercircle.programs.models import Program

    def people(sender: object, instance: Any, action: str, pk_set: set[int] | None) -> list[int]:
        if sender is AuthGroup.permissions.through:
            # A permission given to or taken from auth groups: every person in them.
            if isinstance(instance, AuthGroup):
                groups = [instance.pk]
            else:
                groups = list(pk_set or instance.group_set.values_list("pk", flat=True))
            return list(User.objects.filter(groups__in=groups).values_list("pk", flat=True))
        if isinstance(instance, User):
            return [instance.pk]
        if action == "pre_clear":  # no pk_set: the people still related are the ones leaving
            related = instance.coordinators if isinstance(instance, Program) else instance.user_set
            return list(related.values_list("pk", flat=True))
        return list(pk_set or ())

    def moved(sender: object, instance: Any, action: str, **kwargs: Any) -> None:
        if action not in ("post_add", "post_remove", "pre_clear"):
            return
        ids = people(sender, instance, action, kwargs.get("pk_set"))
        program = [("program", instance.pk)] if isinstance(instance, Program) else []
        changed(*program, *(("user", pk) for pk in ids))

    for through in (
        Program.coordinators.through,
        User.user_permissions.through,
        User.groups.through,
        AuthGroup.permissions.through,
    ):
        m2m_changed.connect(moved, sender=through, dispatch_uid=f"versions:{through}", weak=False)
