"""`manage.py add_institution`: a site admin adds a university without touching code."""

import pytest
from allauth.socialaccount.models import SocialApp
from django.core.management import CommandError, call_command

from tests.accounts.sso import idp

pytestmark = pytest.mark.django_db


def metadata(cert: str) -> str:
    body = "".join(cert.strip().splitlines()[1:-1])
    return (
        '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" '
        f'xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="{idp.IDP_ENTITY_ID}">'
        '<md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">'
        '<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data>'
        f"<ds:X509Certificate>{body}</ds:X509Certificate>"
        "</ds:X509Data></ds:KeyInfo></md:KeyDescriptor>"
        '<md:SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" '
        'Location="https://idp.example.edu/idp/profile/SAML2/Redirect/SLO"/>'
        '<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" '
        f'Location="{idp.IDP_SSO_URL}"/>'
        "</md:IDPSSODescriptor></md:EntityDescriptor>"
    )


def test_saml_institution_from_a_metadata_file(tmp_path):
    _, cert = idp.key_and_cert()
    path = tmp_path / "idp.xml"
    path.write_text(metadata(cert))
    call_command(
        "add_institution",
        "--name=Example University",
        "--slug=example-u",
        "--domain=example.edu",
        "--domain=Med.Example.edu",
        f"--saml-metadata={path}",
    )
    app = SocialApp.objects.get(provider="saml")
    assert (app.name, app.client_id) == ("Example University", "example-u")
    assert app.settings["idp"]["entity_id"] == idp.IDP_ENTITY_ID
    assert app.settings["idp"]["sso_url"] == idp.IDP_SSO_URL
    assert app.settings["idp"]["slo_url"].endswith("/SLO")
    assert "".join(cert.splitlines()[1:-1]) in app.settings["idp"]["x509cert"]
    assert app.settings["verified_email"] == ["example.edu", "med.example.edu"]
    assert "email" in app.settings["attribute_mapping"]


def test_oidc_institution_from_an_issuer():
    call_command(
        "add_institution",
        "--name=Example Tech",
        "--slug=example-tech",
        "--domain=tech.example",
        "--oidc-issuer=https://login.tech.example",
        "--client-id=peercircle",
        "--secret=s3cret",
    )
    app = SocialApp.objects.get(provider="openid_connect")
    assert app.provider_id == "example-tech"
    assert app.settings == {
        "server_url": "https://login.tech.example",
        "verified_email": ["tech.example"],
    }


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--saml-metadata=/nonexistent.xml"], "Cannot read the metadata"),
        (["--oidc-issuer=http://login.tech.example", "--client-id=a", "--secret=b"], "https://"),
        (["--oidc-issuer=https://login.tech.example"], "client id and secret"),
        ([], "Give --saml-metadata or --oidc-issuer"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(arguments, message):
    with pytest.raises(CommandError, match=message):
        call_command("add_institution", "--name=X", "--slug=x", "--domain=x.example", *arguments)
    assert not SocialApp.objects.exists()


def test_a_bad_domain_is_refused(tmp_path):
    with pytest.raises(CommandError, match="not an email domain"):
        call_command(
            "add_institution",
            "--name=X",
            "--slug=x",
            "--domain=@x",
            "--oidc-issuer=https://a.example",
            "--client-id=a",
            "--secret=b",
        )
