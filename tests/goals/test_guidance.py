from datetime import date, datetime

from peercircle.goals.guidance import guide

TODAY = date(2026, 11, 27)


def test_every_missing_dimension_gets_its_own_hint(now: datetime) -> None:
    result = guide("publish a lot of papers and get famous", today=TODAY, long_term=None)
    missing = {d.key: d.hint for d in result.dimensions if not d.holds}
    assert set(missing) == {"specific", "measurable", "attainable", "time_bound"}
    assert all(missing.values())
    assert "deadline" in missing["time_bound"].lower()


def test_a_smart_goal_has_no_hints_and_a_deadline(now: datetime) -> None:
    result = guide(
        "Write a first draft of a manuscript by the end of the month", today=TODAY, long_term=None
    )
    assert result.all_hold and result.deadline == date(2026, 11, 30)
    assert result.rewrite == "" and not result.empty


def test_a_goal_out_of_ones_power_gets_the_analyzers_rewrite(now: datetime) -> None:
    result = guide("get my paper accepted by March", today=TODAY, long_term=None)
    attainable = next(d for d in result.dimensions if d.key == "attainable")
    assert not attainable.holds and attainable.hint
    assert result.rewrite.lower().startswith("submit")
    assert "march" in result.rewrite.lower()


def test_an_attainable_goal_gets_no_rewrite(now: datetime) -> None:
    assert guide("Submit my paper by March 3", today=TODAY, long_term=None).rewrite == ""


def test_overlong_text_is_cut_to_the_form_limit_rather_than_rejected(now: datetime) -> None:
    assert guide("x" * 50_000, today=TODAY, long_term=None).dimensions


def test_a_rewrite_the_analyzer_is_unsure_of_is_never_offered(now: datetime, monkeypatch) -> None:
    from peercircle.smart import hints

    monkeypatch.setattr(hints, "rewrite_sure", lambda goal, deadline: False)
    result = guide("get my paper accepted by March", today=TODAY, long_term=None)
    assert result.rewrite == ""
