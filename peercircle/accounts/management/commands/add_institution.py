"""`manage.py add_institution`: a university's sign-in, from its IdP metadata or issuer."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from onelogin.saml2.idp_metadata_parser import OneLogin_Saml2_IdPMetadataParser

from peercircle.accounts.sso.actions import (
    InstitutionError,
    SamlIdp,
    institution_add_oidc,
    institution_add_saml,
)


class Command(BaseCommand):
    help = "Add a university's SAML or OpenID Connect sign-in (docs/deploy.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--name", required=True, help="shown on the button: Example University")
        parser.add_argument("--slug", required=True, help="in URLs: example-u")
        parser.add_argument("--domain", action="append", required=True, dest="domains")
        parser.add_argument("--saml-metadata", help="the IdP's metadata: a file path or https URL")
        parser.add_argument(
            "--entity-id", help="the IdP's entity id, when the metadata has several"
        )
        parser.add_argument("--oidc-issuer", help="the OpenID Connect issuer URL")
        parser.add_argument("--client-id", default="")
        parser.add_argument("--secret", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["saml_metadata"]:
                app = institution_add_saml(
                    name=options["name"],
                    slug=options["slug"],
                    domains=options["domains"],
                    idp=_saml_idp(options["saml_metadata"], options["entity_id"]),
                )
            elif options["oidc_issuer"]:
                app = institution_add_oidc(
                    name=options["name"],
                    slug=options["slug"],
                    domains=options["domains"],
                    issuer=options["oidc_issuer"],
                    client_id=options["client_id"],
                    secret=options["secret"],
                )
            else:
                raise CommandError("Give --saml-metadata or --oidc-issuer.")
        except InstitutionError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Added {app.name} ({app.provider}).")


def _saml_idp(source: str, entity_id: str | None) -> SamlIdp:
    try:
        if source.startswith("https://"):
            parsed = OneLogin_Saml2_IdPMetadataParser.parse_remote(
                source, entity_id=entity_id, timeout=10
            )
        else:
            parsed = OneLogin_Saml2_IdPMetadataParser.parse(
                Path(source).read_text(encoding="utf-8"), entity_id=entity_id
            )
    except OSError as error:
        raise CommandError(f"Cannot read the metadata: {error}") from error
    except Exception as error:  # the parser raises bare Exceptions on bad XML
        raise CommandError(f"Not usable IdP metadata: {error}") from error
    idp = parsed.get("idp", {})
    return SamlIdp(
        entity_id=idp.get("entityId", ""),
        sso_url=idp.get("singleSignOnService", {}).get("url", ""),
        slo_url=idp.get("singleLogoutService", {}).get("url"),
        x509cert=idp.get("x509cert", ""),
    )
