from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "peercircle.accounts"
    label = "accounts"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_out
        from django.db.models.signals import post_delete, post_save

        from peercircle.accounts import personal_data
        from peercircle.accounts.models import User

        # Every way out (allauth's logout, the admin's, account deletion) ends in Django's
        # logout, which sends this signal: the receiver is that entry point's thin caller.
        user_logged_out.connect(_end_every_session, dispatch_uid="accounts_end_sessions")
        # The cached user (backends.py) must never outlive a change to the row.
        post_save.connect(_forget_cached_user, sender=User, dispatch_uid="accounts_user_saved")
        post_delete.connect(_forget_cached_user, sender=User, dispatch_uid="accounts_user_gone")

        _keep_sso_responses_on_the_server()
        _track_versions()
        personal_data.register(
            personal_data.Share(
                label="accounts",
                export=personal_data.export_user_data,
                covers=personal_data.COVERS,
            )
        )


def _keep_sso_responses_on_the_server() -> None:
    """allauth keeps an IdP's POSTed SAML response for its finish page in a session of its
    own, found again by a cookie. Our sessions are signed cookies, which would put the whole
    response (several KB, signed XML) in that cookie, and browsers drop cookies over 4 KB:
    the sign-in then fails with "SAML ACS session missing". That one store lives in the
    database (expired rows go with `clearsessions`)."""
    from allauth.socialaccount import sessions
    from django.contrib.sessions.backends.db import SessionStore

    sessions.SessionStore = SessionStore


def _end_every_session(sender: object, request: object, user: object, **kwargs: object) -> None:
    from peercircle.accounts.actions import user_sessions_end

    if user is not None and getattr(user, "pk", None) is not None:
        user_sessions_end(user_id=user.pk)  # type: ignore[attr-defined]


def _forget_cached_user(sender: object, instance: object, **kwargs: object) -> None:
    from django.db import transaction

    from peercircle.accounts.backends import forget_cached_user

    user_id = instance.pk  # type: ignore[attr-defined]
    forget_cached_user(user_id)
    transaction.on_commit(lambda: forget_cached_user(user_id))  # after a read in between


def _track_versions() -> None:
    """What cached page parts a person's row is shown under (lib/versions.py): their own
    pages, and the pages of every group they belong to (names, pronouns, departments)."""
    from peercircle.accounts.models import User
    from peercircle.lib.versions import track

    def scopes(row: User) -> list[tuple[str, int]]:
        from django.apps import apps

        # Membership lives above accounts: read through the registry, not an import.
        membership = apps.get_model("groups", "Membership")
        groups = membership.objects.filter(user_id=row.pk).values_list("group_id", flat=True)
        return [("user", row.pk), *(("group", group) for group in groups)]

    track(User, scopes, quiet_fields={"last_login", "session_generation", "password"})
