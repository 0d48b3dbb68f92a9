from datetime import date
from types import SimpleNamespace

from peercircle.goals import guidance
from peercircle.goals.guidance import guide

TODAY = date(2026, 11, 27)


def test_every_missing_dimension_gets_its_own_hint() -> None:
    result = guide("publish a lot of papers and get famous", today=TODAY, long_term=None)
    missing = {d.key: d.hint for d in result.dimensions if not d.holds}
    assert set(missing) == {"specific", "measurable", "attainable", "time_bound"}
    assert all(missing.values())
    assert "deadline" in missing["time_bound"].lower()


def test_a_smart_goal_has_no_hints_and_a_deadline() -> None:
    result = guide(
        "Write a first draft of a manuscript by the end of the month", today=TODAY, long_term=None
    )
    assert result.all_hold and result.deadline == date(2026, 11, 30)
    assert result.rewrite == "" and not result.empty


def test_the_rewrite_comes_from_a_field_when_the_analyzer_offers_one(monkeypatch) -> None:
    def fake(text: str, today: date) -> SimpleNamespace:
        return SimpleNamespace(
            specific=True, measurable=True, attainable=False, time_bound=True,
            deadline=None, hints=("Not in your power.",), rewrite="submit the paper by Friday",
        )  # fmt: skip

    monkeypatch.setattr(guidance, "analyze", fake)
    assert guide("get my paper accepted", today=TODAY, long_term=None).rewrite == (
        "submit the paper by Friday"
    )


def test_todays_analyzer_rewrite_is_read_from_its_hint() -> None:
    result = guide("get my paper accepted by March", today=TODAY, long_term=None)
    assert result.rewrite and "depends on" not in result.rewrite


def test_overlong_text_is_cut_to_the_form_limit_rather_than_rejected() -> None:
    assert guide("x" * 50_000, today=TODAY, long_term=None).dimensions
