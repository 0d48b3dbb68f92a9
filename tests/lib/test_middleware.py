import pytest
from django.http import HttpRequest, HttpResponse
from django.test import Client, override_settings
from django.urls import reverse

from peercircle.lib.middleware import ClientIPMiddleware, client_ip
from tests.conftest import Cast


@pytest.mark.parametrize(
    ("forwarded_for", "trusted", "expected"),
    [
        ("", 1, "10.0.0.1"),  # nothing forwarded: the socket's peer
        ("203.0.113.7", 0, "10.0.0.1"),  # no proxy trusted: the header is the client's lie
        ("203.0.113.7", 1, "203.0.113.7"),
        ("6.6.6.6, 203.0.113.7", 1, "203.0.113.7"),  # the client's own entry is ignored
        ("6.6.6.6, 203.0.113.7, 10.0.0.9", 2, "203.0.113.7"),
        ("not-an-address", 1, "10.0.0.1"),
        ("2001:db8::1", 1, "2001:db8::1"),
    ],
)
def test_client_address_trusts_exactly_the_configured_proxies(
    forwarded_for: str, trusted: int, expected: str
) -> None:
    assert client_ip("10.0.0.1", forwarded_for, trusted) == expected


def test_every_page_carries_a_strict_content_security_policy(db: None) -> None:
    policy = Client().get(reverse("account_login"))["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy


def test_pages_for_signed_in_people_are_private_to_their_browser(cast: Cast) -> None:
    client = cast.client_for(cast.member)
    for url in ("/", reverse("group_detail", args=[cast.group.pk]), reverse("profile")):
        assert "private" in client.get(url)["Cache-Control"]


def test_public_pages_are_not_marked_private(db: None) -> None:
    response = Client().get("/")
    assert response.status_code == 200
    assert "private" not in response.get("Cache-Control", "")


def test_htmx_is_configured_for_the_policy(cast: Cast) -> None:
    html = cast.client_for(cast.member).get("/").content.decode()
    assert '"allowEval":false' in html and '"includeIndicatorStyles":false' in html
    assert '"allowScriptTags":false' in html


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_remote_addr_comes_from_the_proxy_header_when_one_proxy_is_trusted(db: None) -> None:
    seen: list[str] = []

    def view(request: HttpRequest) -> HttpResponse:
        seen.append(request.META["REMOTE_ADDR"])
        return HttpResponse()

    request = HttpRequest()
    request.META = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "1.2.3.4, 198.51.100.2"}
    ClientIPMiddleware(view)(request)
    assert seen == ["198.51.100.2"]


def test_with_debug_on_a_hidden_group_shows_the_site_not_found_page(cast: Cast, settings) -> None:
    settings.DEBUG = True
    response = cast.client_for(cast.outsider).get(f"/groups/{cast.group.pk}/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "We couldn't find that page" in page and "Content-Security-Policy" in response.headers
    assert "<style" not in page  # not Django's debug page, whose inline styles the CSP blocks
