"""Adding an institution: one allauth SocialApp that the login page and the IdP both use."""

import re
from dataclasses import dataclass

from allauth.socialaccount.models import SocialApp
from django.db import transaction

# Attributes most university IdPs release (eduPerson / InCommon / eduGAIN names).
DEFAULT_SAML_ATTRIBUTES = {
    "uid": [
        "urn:oasis:names:tc:SAML:attribute:subject-id",
        "urn:oid:1.3.6.1.4.1.5923.1.1.1.6",  # eduPersonPrincipalName
    ],
    "email": ["urn:oid:0.9.2342.19200300.100.1.3", "mail"],
    "first_name": ["urn:oid:2.5.4.42", "givenName"],
    "last_name": ["urn:oid:2.5.4.4", "sn"],
}
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
_DOMAIN = re.compile(r"^(?=.{1,253}$)([a-z0-9-]{1,63}\.)+[a-z]{2,63}$")


@dataclass(frozen=True)
class SamlIdp:
    """What the service provider needs from an IdP's metadata."""

    entity_id: str
    sso_url: str
    x509cert: str
    slo_url: str | None = None


class InstitutionError(ValueError):
    """Input that cannot make a working institution; the message says what to fix."""


def _check(*, slug: str, domains: list[str]) -> list[str]:
    if not _SLUG.match(slug):
        raise InstitutionError(f"Slug {slug!r}: use lowercase letters, digits and dashes.")
    cleaned = [d.strip().lower() for d in domains if d.strip()]
    if not cleaned:
        raise InstitutionError("Give at least one email domain the institution covers.")
    for domain in cleaned:
        if not _DOMAIN.match(domain):
            raise InstitutionError(f"{domain!r} is not an email domain (example.edu).")
    if SocialApp.objects.filter(client_id=slug, provider="saml").exists() or (
        SocialApp.objects.filter(provider_id=slug).exists()
    ):
        raise InstitutionError(f"An institution with the slug {slug!r} exists already.")
    return cleaned


@transaction.atomic
def institution_add_saml(
    *,
    name: str,
    slug: str,
    domains: list[str],
    idp: SamlIdp,
    attribute_mapping: dict[str, list[str]] | None = None,
) -> SocialApp:
    cleaned = _check(slug=slug, domains=domains)
    if not (idp.entity_id and idp.sso_url and idp.x509cert):
        raise InstitutionError("The IdP metadata lacks an entity id, an SSO URL or a certificate.")
    settings_idp = {"entity_id": idp.entity_id, "sso_url": idp.sso_url, "x509cert": idp.x509cert}
    if idp.slo_url:
        settings_idp["slo_url"] = idp.slo_url
    return SocialApp.objects.create(
        provider="saml",
        provider_id=f"saml-{slug}",
        name=name,
        client_id=slug,
        settings={
            "idp": settings_idp,
            "attribute_mapping": attribute_mapping or DEFAULT_SAML_ATTRIBUTES,
            # allauth trusts addresses in these domains as verified (is_email_verified).
            "verified_email": cleaned,
            "advanced": {"strict": True, "want_assertion_signed": True},
        },
    )


@transaction.atomic
def institution_add_oidc(
    *, name: str, slug: str, domains: list[str], issuer: str, client_id: str, secret: str
) -> SocialApp:
    cleaned = _check(slug=slug, domains=domains)
    if not issuer.startswith("https://"):
        raise InstitutionError("The issuer must be an https:// URL.")
    if not client_id or not secret:
        raise InstitutionError("Give the client id and secret the IdP registered for us.")
    return SocialApp.objects.create(
        provider="openid_connect",
        provider_id=slug,
        name=name,
        client_id=client_id,
        secret=secret,
        settings={"server_url": issuer, "verified_email": cleaned},
    )
