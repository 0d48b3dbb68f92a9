"""The "Continuing to <host>" page stands in only for a redirect to another site."""

from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse, HttpResponseRedirect
from django.test import RequestFactory

from peercircle.accounts.sso.handoff import elsewhere, hand_off


def request():
    made = RequestFactory().post("/accounts/oidc/x/login/", HTTP_HOST="localhost")
    made.user = AnonymousUser()
    return made


def test_a_redirect_to_another_site_is_handed_off():
    assert elsewhere(request(), HttpResponseRedirect("https://idp.example.edu/sso?x=1")) == (
        "idp.example.edu"
    )


def test_our_own_redirects_and_pages_pass_through():
    assert elsewhere(request(), HttpResponseRedirect("/accounts/login/")) is None
    assert elsewhere(request(), HttpResponseRedirect("http://localhost/a/")) is None
    assert elsewhere(request(), HttpResponse("page")) is None


def test_the_page_links_on_and_is_never_cached(db):
    view = hand_off(lambda r: HttpResponseRedirect("https://idp.example.edu/sso?a=1&b=2"))
    page = view(request())
    assert page.status_code == 200
    assert b'href="https://idp.example.edu/sso?a=1&amp;b=2" data-hand-off' in page.content
    assert b"Continuing to idp.example.edu" in page.content
    assert page["Cache-Control"] == "no-store"
