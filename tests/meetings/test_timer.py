"""The timer's transitions on absolute times."""

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from peercircle.meetings import timer

T0 = datetime(2030, 1, 1, 18, 0, tzinfo=UTC)


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


def test_a_running_item_counts_down_from_its_end_time() -> None:
    state = timer.start(timer.begin(300), T0)
    assert state.ends_at == at(300)
    assert timer.remaining(state, at(100)) == 200
    assert timer.elapsed(state, at(100), 300) == 100


def test_pause_keeps_what_is_left_and_resume_continues_from_it() -> None:
    state = timer.pause(timer.start(timer.begin(300), T0), at(100))
    assert state.status == "paused" and state.remaining == 200
    assert timer.remaining(state, at(5000)) == 200
    resumed = timer.start(state, at(1000))
    assert resumed.ends_at == at(1200)


def test_overtime_counts_up_and_one_more_minute_is_from_now() -> None:
    state = timer.start(timer.begin(60), T0)
    assert timer.overtime(state, at(90)) == 30
    more = timer.add_minute(state, at(90))
    assert timer.remaining(more, at(90)) == 60
    assert more.added == 90
    assert timer.elapsed(more, at(150), 60) == 150


def test_add_minute_before_the_end_extends_it() -> None:
    state = timer.add_minute(timer.start(timer.begin(60), T0), at(10))
    assert state.ends_at == at(120)
    paused = timer.add_minute(timer.begin(60), T0)
    assert paused.remaining == 120


def test_next_keeps_the_clock_running_and_back_is_a_move_too() -> None:
    state = timer.start(timer.begin(60), T0)
    moved = timer.go_to(state, at(70), position=1, budget=120)
    assert moved.status == "running" and moved.position == 1 and moved.ends_at == at(190)
    back = timer.go_to(moved, at(80), position=0, budget=0)
    assert back.position == 0 and timer.remaining(back, at(80)) == 0
    paused = timer.go_to(timer.pause(state, at(5)), at(6), position=1, budget=30)
    assert paused.status == "paused" and paused.remaining == 30


def test_impossible_transitions_raise() -> None:
    with pytest.raises(timer.TimerError):
        timer.pause(timer.begin(60), T0)
    with pytest.raises(timer.TimerError):
        timer.start(timer.start(timer.begin(60), T0), T0)
    done = timer.finish(timer.begin(60), T0)
    for move in (timer.add_minute, timer.finish):
        with pytest.raises(timer.TimerError):
            move(done, T0)
    with pytest.raises(timer.TimerError):
        timer.go_to(done, T0, position=1, budget=1)
    with pytest.raises(ValueError, match="timezone-aware"):
        timer.start(timer.begin(1), datetime(2030, 1, 1))  # noqa: DTZ001


moves = st.lists(
    st.tuples(st.sampled_from(["start", "pause", "add", "next"]), st.integers(0, 600)),
    max_size=20,
)


@given(moves)
def test_elapsed_time_never_goes_backwards(steps) -> None:
    state, now, budget = timer.begin(300), T0, 300.0
    spent = 0.0
    for move, wait in steps:
        now += timedelta(seconds=wait)
        before = timer.elapsed(state, now, budget)
        assert before >= spent - 1e-6
        try:
            if move == "start":
                state = timer.start(state, now)
            elif move == "pause":
                state = timer.pause(state, now)
            elif move == "add":
                state = timer.add_minute(state, now)
            else:
                state = timer.go_to(state, now, position=state.position + 1, budget=budget)
                spent = 0.0
                continue
        except timer.TimerError:
            continue
        assert timer.elapsed(state, now, budget) == pytest.approx(before)
        spent = before
