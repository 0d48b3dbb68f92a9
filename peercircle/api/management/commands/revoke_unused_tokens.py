"""Revoke API tokens unused for 180 days (run daily, like materialize_meetings)."""

from typing import Any

from django.core.management.base import BaseCommand

from peercircle.api.actions.tokens import tokens_revoke_unused


class Command(BaseCommand):
    help = "Revoke personal access tokens unused for 180 days."

    def handle(self, *args: Any, **options: Any) -> None:
        count = tokens_revoke_unused()
        self.stdout.write(f"{count} token(s) revoked.")
