"""Every form of every app, filled with hostile input: no answer is a 500, no markup comes
back unescaped.

The forms are found, not listed: every page the matrix's people can open is fetched, and
each `<form method="post">` on it is kept with the values it shows (its hidden version,
its checked boxes). Hypothesis then replaces some of those fields with long strings, NUL
and other control characters, invalid UTF-8, markup, right-to-left text, huge and negative
numbers, dates at the year limits and zone names that do not exist, and posts the form as
the first person who saw it (a member, the host, the organizer or the coordinator). Every
request is rolled back, so each example meets the same world.

Examples per form come from the hypothesis profile (tests/conftest.py): the `ci` profile
keeps this to a few seconds a form.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from tests import test_authorization_matrix as matrix
from tests.test_authorization_matrix import MATRIX, Rollback, World, url_of

world = matrix.world  # the matrix's people and objects, as a fixture here too

FUZZED_AS = ["member", "host", "organizer", "coordinator"]
SCRIPT = "<script>fz()</script>"
# Counted over the whole run, for the closing note.
TRIED = {"cases": 0, "5xx": 0}


@dataclass
class Form:
    action: str
    who: str
    fields: dict[str, list[str]] = field(default_factory=dict)
    files: set[str] = field(default_factory=set)
    kinds: dict[str, str] = field(default_factory=dict)


PLAUSIBLE = {
    "date": "2026-06-17",
    "time": "18:00",
    "datetime-local": "2026-06-17T18:00",
    "number": "30",
    "email": "fz@example.org",
    "url": "https://example.org/room",
}


class FormFinder(HTMLParser):
    """Post forms on a page, with the values a browser would send unchanged."""

    def __init__(self, page: str, who: str) -> None:
        super().__init__()
        self.page, self.who = page, who
        self.forms: list[Form] = []
        self.current: Form | None = None
        self.select: str | None = None
        self.textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("method", "").lower() == "post":
            action = a.get("action") or self.page
            self.current = Form(urlsplit(action).path or self.page, self.who)
            self.forms.append(self.current)
        if self.current is None or not a.get("name"):
            return
        name, values = a["name"], self.current.fields.setdefault(a["name"], [])
        if tag == "input":
            kind = a.get("type", "text")
            if kind == "file":
                self.current.files.add(name)
            elif kind in ("checkbox", "radio"):
                if "checked" in a:
                    values.append(a.get("value", "on"))
            elif kind not in ("submit", "button"):
                # An empty box gets what a person would type, so the rest of the form is
                # valid and one hostile field reaches the action behind it.
                values.append(a.get("value") or PLAUSIBLE.get(kind, ""))
                self.current.kinds[name] = kind
        elif tag == "select":
            self.select = name
        elif tag == "textarea":
            self.textarea = name
            values.append("")
        elif tag == "button" and a.get("value"):
            values[:] = [a["value"]]

    def handle_data(self, data: str) -> None:
        if self.current is not None and self.textarea:
            self.current.fields[self.textarea][-1] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.current = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None


class OptionFinder(HTMLParser):
    """The selected option of each <select> (the first when none is marked)."""

    def __init__(self) -> None:
        super().__init__()
        self.select: str | None = None
        self.chosen: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "select":
            self.select = a.get("name")
        elif (
            tag == "option" and self.select and ("selected" in a or self.select not in self.chosen)
        ):
            self.chosen[self.select] = a.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self.select = None


def find_forms(world: World) -> list[Form]:
    """Every post form the fuzzed people see, once per action (as the first who saw it)."""
    forms: dict[str, Form] = {}
    gets = [name for name, method in MATRIX if method == "GET"]
    for who in FUZZED_AS:
        client = Client()
        client.force_login(world.users[who])  # type: ignore[arg-type]
        for name in gets:
            url = url_of(world, name)
            response = client.get(url)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            page = response.content.decode()
            finder = FormFinder(url, who)
            finder.feed(page)
            options = OptionFinder()
            options.feed(page)
            for form in finder.forms:
                if form.action == reverse("account_logout"):
                    continue  # signing out is no form to fuzz, and would end the session
                for select, value in options.chosen.items():
                    if select in form.fields and not form.fields[select]:
                        form.fields[select] = [value]
                # A form that reads the same for everyone (the profile) is fuzzed once.
                forms.setdefault(form.action, form)
    return list(forms.values())


# --- the hostile values ---

_text = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=8).map(lambda t: t * 500),
    st.sampled_from(
        [
            "",
            "\x00",
            "a\x00b",
            "line\nbreak",
            "line\r\nbreak",
            "\t",
            "\x1b[31m",
            "\x85\u2028\u2029",
            "\ufeff",
            SCRIPT,
            '"><img src=x onerror=fz()>',
            "\u202eevil\u202c",
            "שלום עולם",
            "مرحبا",
            '=HYPERLINK("http://x")',
            "+cmd|' /C calc'!A0",
            "@SUM(1+1)",
            "x" * 100_000,
        ]
    ),
)
_numbers = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["-1", "0", "2147483648", "9" * 400, "1e309", "NaN", "-0", "0x10", "١٢"]),
)
_dates = st.sampled_from(
    [
        "0001-01-01",
        "9999-12-31",
        "10000-01-01",
        "2026-02-30",
        "1970-01-01",
        "2038-01-19",
        "9999-12-31T23:59",
        "0001-01-01T00:00",
        "24:00",
        "23:59",
        "99:99",
    ]
)
_zones = st.sampled_from(["Mars/Olympus", "UTC", "../../etc/passwd", "Europe/Berlin\x00", "+25:00"])
VALUES = st.one_of(_text, _numbers, _dates, _zones)
BY_KIND = {
    "date": _dates,
    "time": _dates,
    "datetime-local": _dates,
    "number": _numbers,
    "hidden": _numbers,
}
# Invalid UTF-8 goes in as raw bytes of a multipart body.
RAW = st.sampled_from([b"\xff\xfe", b"\xc3\x28", b"\xed\xa0\x80", b"\xf8\x88\x80\x80\x80"])


def post(client: Client, form: Form, data: dict[str, object]) -> tuple[int, str, str, str]:
    try:
        with transaction.atomic():
            response = client.post(form.action, data)
            status = response.status_code
            kind = response.get("Content-Type", "")
            location = response.get("Location", "")
            body = b"" if response.streaming else response.content
            raise Rollback
    except Rollback:
        pass
    return status, kind, body.decode(errors="replace"), location


def fuzz(client: Client, form: Form) -> Iterator[str]:
    """Run hypothesis on one form; yield what went wrong."""
    problems: list[str] = []
    names = sorted(form.fields)

    @hypothesis_settings(
        max_examples=min(hypothesis_settings().max_examples, 50),
        suppress_health_check=list(HealthCheck),
        deadline=None,
    )
    @given(
        chosen=st.lists(st.sampled_from(names), unique=True, min_size=1, max_size=3)
        if names
        else st.just([]),
        data=st.data(),
        raw=st.integers(0, 9),
        raw_value=RAW,
    )
    def one(chosen: list[str], data: st.DataObject, raw: int, raw_value: bytes) -> None:
        post_data: dict[str, object] = {name: list(form.fields[name]) for name in names}
        for name in chosen:
            # Mostly a value of the field's own kind (a date for a date), else anything.
            aimed = BY_KIND.get(form.kinds.get(name, ""), _text)
            value = data.draw(st.one_of(aimed, aimed, VALUES), label=name)
            post_data[name] = raw_value.decode("latin-1") if raw == 0 else value
        TRIED["cases"] += 1
        status, kind, body, location = post(client, form, post_data)
        if status == 302 and "/accounts/login/" in location:
            problems.append(f"signed out while fuzzing {form.action} as {form.who}")
        if status >= 500:
            TRIED["5xx"] += 1
            problems.append(f"{status} from {form.action} as {form.who}: {post_data!r:.300}")
        if "html" in kind and SCRIPT in body:
            problems.append(f"unescaped markup from {form.action} as {form.who}")

    one()
    yield from problems


def test_no_form_answers_500_or_shows_markup_whatever_is_typed(world: World) -> None:
    forms = find_forms(world)
    actions = {re.sub(r"/\d+/", "/N/", f.action) for f in forms}
    assert len(actions) >= 30, sorted(actions)  # the crawl found the site's forms
    problems: list[str] = []
    for form in forms:
        # A fresh session per form: one form's answer (a logout) must not sign out the next.
        client = Client(raise_request_exception=False)  # an exception answers 500
        client.force_login(world.users[form.who])  # type: ignore[arg-type]
        problems += fuzz(client, form)
    print(f"fuzz: {len(forms)} forms, {TRIED['cases']} cases, {TRIED['5xx']} answers >= 500")
    assert not problems, "\n".join(problems[:20])
