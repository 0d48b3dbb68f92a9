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


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_template_has_no_inline_script_or_style(path: Path) -> None:
    assert not INLINE.search(path.read_text()), f"inline script/style in {path}"


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_template_comments_fit_on_one_line(path: Path) -> None:
    # Django's {# #} comments end at the line; a longer one is printed on the page.
    assert not re.search(r"\{#(?:(?!#\}).)*\n", path.read_text()), f"multi-line {{# in {path}"
