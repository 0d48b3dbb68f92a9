"""Demo: one institution with university sign-in, so the login page shows the button.

Its IdP does not exist: the button leads to the "Continuing to <host>" page and stops there.
Its SP metadata (what a site admin hands the university) is real, at
/accounts/saml/gateway-demo/metadata/. Its domain is not the demo logins' (example.org),
so their password logins are untouched.
"""

from allauth.socialaccount.models import SocialApp

from peercircle.accounts.sso.actions import SamlIdp, institution_add_saml
from peercircle.accounts.sso.certificates import self_signed

SLUG = "gateway-demo"
HOST = "idp.gateway-university.example"


def _certificate() -> str:
    """A self-signed certificate standing in for the IdP's (its key is thrown away)."""
    return self_signed(HOST)[1]


def fill() -> None:
    if SocialApp.objects.filter(provider="saml", client_id=SLUG).exists():
        return
    institution_add_saml(
        name="Gateway University (demo)",
        slug=SLUG,
        domains=["gateway-university.example"],
        idp=SamlIdp(
            entity_id=f"https://{HOST}/idp/shibboleth",
            sso_url=f"https://{HOST}/idp/profile/SAML2/Redirect/SSO",
            slo_url=f"https://{HOST}/idp/profile/SAML2/Redirect/SLO",
            x509cert=_certificate(),
        ),
    )
