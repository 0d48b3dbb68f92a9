"""Every page of the demo, as each role, and every mail the demo sends, rendered in the
pseudo-locale: any plain English word left on them was never marked for translation.

The demo is built with `qps` as the site's language, so every demo person reads `qps` pages
and is sent `qps` mail; the crawl follows every link and htmx GET a person can reach.
"""

import re
import zoneinfo
from collections import Counter
from collections.abc import Iterator
from io import StringIO
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import django
import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import models
from django.test import Client, override_settings

from peercircle.accounts.models import User
from peercircle.mail.models import Outbox
from tests.i18n.pseudo import (
    NOT_PAGES,
    PSEUDO,
    build_catalogue,
    english_sources,
    readable_texts,
    untranslated,
)

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent.parent
LOGIN = re.compile(r"^\s+(\S[\w ]*?)\s{2,}(\S+@\S+)\s", re.MULTILINE)
PAGES_PER_LOGIN = 120
SAME_PATTERN_AT_MOST = 2


@pytest.fixture
def pseudo_site(tmp_path: Path) -> Iterator[None]:
    sources = [
        *sorted((ROOT / "locale" / "es" / "LC_MESSAGES").glob("django*.po")),
        *english_sources([Path(django.__file__).parent, *_package_roots()]),
    ]
    build_catalogue(sources, tmp_path)
    with override_settings(
        LANGUAGES=[*settings.LANGUAGES, (PSEUDO, "Pseudo")],
        LANGUAGE_CODE=PSEUDO,
        LOCALE_PATHS=[tmp_path, *settings.LOCALE_PATHS],
        DEBUG=True,
    ):
        yield


def _package_roots() -> list[Path]:
    import allauth

    return [Path(allauth.__file__).parent]


def _data() -> list[str]:
    """Every free text the database holds (names, goals, places…), longest first."""
    values: set[str] = set()
    for model in apps.get_models():
        fields = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField) and not f.choices
        ]
        if not fields:
            continue
        for row in model._default_manager.values_list(*fields):
            for value in row:
                if isinstance(value, str):
                    values.update(" ".join(line.split()) for line in value.splitlines())
                    values.add(" ".join(value.split()))
    # People are also called by their first names.
    for name in User.objects.values_list("display_name", flat=True):
        values.update(part for part in name.split() if len(part) >= 3)
    # Time zones are named by their IANA names (shown with spaces), languages in their own.
    for zone in zoneinfo.available_timezones():
        values.update({zone, zone.replace("_", " ")})
    values.update(name for _code, name in settings.LANGUAGES)
    return sorted((v for v in values if len(v) >= 3), key=len, reverse=True)


def _links(html: str, base: str) -> list[str]:
    found = re.findall(r'(?:href|hx-get)="([^"#]+)', html)
    out = []
    for link in found:
        url = urljoin(base, link.replace("&amp;", "&"))
        parts = urlsplit(url)
        if parts.scheme in {"http", "https"} and parts.netloc not in {"testserver", ""}:
            continue
        if parts.scheme not in {"", "http", "https"}:
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if not NOT_PAGES.search(path):
            out.append(path)
    return out


def _crawl(client: Client, data: list[str], problems: dict[str, str], who: str) -> int:
    queue = ["/"]
    seen: set[str] = set()
    patterns: Counter[str] = Counter()
    pages = 0
    while queue and pages < PAGES_PER_LOGIN:
        path = queue.pop(0)
        pattern = re.sub(r"\d+", "N", re.sub(r"/[A-Za-z0-9_-]{20,}", "/T", path))
        if path in seen or patterns[pattern] >= SAME_PATTERN_AT_MOST:
            continue
        seen.add(path)
        patterns[pattern] += 1
        response = client.get(path)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        pages += 1
        html = response.content.decode()
        for text in readable_texts(html):
            if untranslated(text, data):
                problems.setdefault(" ".join(text.split())[:120], f"{who} {path}")
        queue.extend(_links(html, path))
    return pages


def test_every_demo_page_and_mail_is_translated(pseudo_site: None) -> None:
    out = StringIO()
    call_command("demo", stdout=out)
    logins = dict.fromkeys(email for _role, email in LOGIN.findall(out.getvalue()))
    data = _data()
    problems: dict[str, str] = {}  # each untranslated text, and where it was first seen
    crawled = _crawl(Client(), data, problems, "anonymous")
    for email in logins:
        client = Client()
        client.force_login(_user(email))
        crawled += _crawl(client, data, problems, email)
    assert crawled > 100, f"only {crawled} pages were reached: the crawl is broken"
    for row in Outbox.objects.all():
        for text in [row.subject, *row.text.splitlines(), *readable_texts(row.html)]:
            if untranslated(text, data):
                problems.setdefault(" ".join(text.split())[:120], f"mail {row.kind}")
    listed = [f"{text!r} ({where})" for text, where in problems.items()]
    assert not listed, f"{len(listed)} untranslated texts:\n" + "\n".join(listed[:400])


def _user(email: str) -> User:
    return User.objects.get(email=email)
