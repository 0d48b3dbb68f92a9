"""Demo: one institution with university sign-in, so the login page shows the button.

Its IdP does not exist: the button leads to the "Continuing to <host>" page and stops there.
Its SP metadata (what a site admin hands the university) is real, at
/accounts/saml/gateway-demo/metadata/. Its domain is not the demo logins' (example.org),
so their password logins are untouched.
"""

from datetime import UTC, datetime, timedelta

from allauth.socialaccount.models import SocialApp
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

from peercircle.accounts.sso.actions import SamlIdp, institution_add_saml

SLUG = "gateway-demo"
HOST = "idp.gateway-university.example"


def _certificate() -> str:
    """A self-signed certificate standing in for the IdP's (its key is thrown away)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, HOST)])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + timedelta(days=365))
        .sign(key, hashes.SHA256())
    )
    return cert.public_bytes(serialization.Encoding.PEM).decode()


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
