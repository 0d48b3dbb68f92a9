"""The xmlsec/lxml pair shares one libxml2 and signs: CI fails here if the pins drift."""

import lxml.etree
import xmlsec
from onelogin.saml2.utils import OneLogin_Saml2_Utils

from tests.accounts.sso.idp import key_and_cert

DOC = (
    '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_1">'
    '<saml:Issuer xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">idp</saml:Issuer>'
    "<a>b</a></samlp:Response>"
)


def _verifies(signed: bytes, cert: str) -> bool:
    root = lxml.etree.fromstring(signed)
    xmlsec.tree.add_ids(root, ["ID"])
    node = xmlsec.tree.find_node(root, xmlsec.constants.NodeSignature)
    context = xmlsec.SignatureContext()
    context.key = xmlsec.Key.from_memory(cert, xmlsec.constants.KeyDataFormatCertPem)
    try:
        context.verify(node)
    except xmlsec.Error:
        return False
    return True


def test_xmlsec_and_lxml_share_libxml2():
    assert xmlsec.get_libxml_version() == lxml.etree.LIBXML_VERSION


def test_xmlsec_signs_and_verifies_a_document():
    key, cert = key_and_cert()
    signed = OneLogin_Saml2_Utils.add_sign(DOC, key, cert)
    assert _verifies(signed, cert)
    assert not _verifies(signed.replace(b"<a>b</a>", b"<a>c</a>"), cert)
    assert not _verifies(signed, key_and_cert()[1])
