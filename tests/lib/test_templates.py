"""No template may carry inline script, inline style or on*= handlers: the CSP forbids them."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = sorted((ROOT / "templates").rglob("*.html")) + sorted(
    (ROOT / "peercircle").rglob("templates/**/*.html")
)
INLINE = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>|\sstyle=|<style[\s>]|\son[a-z]+=",
    re.IGNORECASE,
)


# Mail bodies are read in mail clients, not served under our CSP, and mail clients only
# honour styles written inline; pages never include them.
MAIL = ROOT / "templates" / "mail"


def is_mail_body(path: Path) -> bool:
    if path.parent != MAIL:
        return False
    return path.name in {"base.html", "allauth.html"} or (
        path.with_name(f"{path.stem}_subject.txt").exists()
    )


PAGES = [path for path in TEMPLATES if not is_mail_body(path)]


@pytest.mark.parametrize("path", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_template_has_no_inline_script_or_style(path: Path) -> None:
    assert not INLINE.search(path.read_text()), f"inline script/style in {path}"


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_template_comments_fit_on_one_line(path: Path) -> None:
    # Django's {# #} comments end at the line; a longer one is printed on the page.
    assert not re.search(r"\{#(?:(?!#\}).)*\n", path.read_text()), f"multi-line {{# in {path}"


def test_no_page_template_includes_a_mail_template() -> None:
    bodies = {f"mail/{path.name}" for path in TEMPLATES if is_mail_body(path)}
    offenders = [
        str(p.relative_to(ROOT))
        for p in PAGES
        if any(f'"{body}"' in p.read_text() for body in bodies)
    ]
    assert not offenders, f"pages that include a mail body: {offenders}"
