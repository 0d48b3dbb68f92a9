"""form_groups and check_move on small cases solved by hand."""

import pytest

from benchmarks.formation import replicated
from peercircle.formation import (
    Group,
    InfeasibleSettings,
    Settings,
    check_move,
    explain,
    form_groups,
    violations,
)
from tests.formation.helpers import by_id, person

FIVE_TO_EIGHT = Settings(min_size=5, max_size=8, target_size=6)


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        (Settings(min_size=1, max_size=4, target_size=2), "at least 2"),
        (Settings(min_size=6, max_size=5, target_size=5), "exceeds the maximum"),
        (Settings(min_size=5, max_size=8, target_size=9), "target size 9"),
        (Settings(min_size=5, max_size=8, target_size=6, stage="mixed"), "stage mode"),  # type: ignore[arg-type]
    ],
)
def test_impossible_settings_raise_a_named_error(settings, message):
    with pytest.raises(InfeasibleSettings, match=message):
        form_groups([person("a")], settings)


def test_nobody_with_a_slot_is_impossible():
    with pytest.raises(InfeasibleSettings, match="meeting slot"):
        form_groups([person("a", slots=""), person("b", slots="")], FIVE_TO_EIGHT)


def test_duplicate_ids_are_refused():
    with pytest.raises(ValueError, match="share the id"):
        form_groups([person("a"), person("a")], FIVE_TO_EIGHT)


def test_no_people_gives_no_groups():
    result = form_groups([], FIVE_TO_EIGHT)
    assert result.groups == () and result.unplaced == () and result.complete


def test_too_few_people_returns_everyone_unplaced_with_the_reason():
    people = [person(x, "mon tue") for x in "abc"]
    result = form_groups(people, FIVE_TO_EIGHT)
    assert result.groups == ()
    assert [u.person for u in result.unplaced] == ["a", "b", "c"]
    assert all("shared by 4 people they could sit with" in u.reason for u in result.unplaced)
    assert result.bounds.placed == 0 and result.bounds.placed_proved


def test_nine_at_one_slot_fill_one_group_of_eight_and_the_ninth_learns_why():
    people = [person(str(i)) for i in range(9)]
    result = form_groups(people, FIVE_TO_EIGHT)
    assert [len(g.members) for g in result.groups] == [8]
    [left] = result.unplaced
    assert "every group meeting at a slot they can make is full" in left.reason
    assert left.fix == "would fit group 1 if groups could have 9 members"
    assert result.bounds.placed == 8 and result.bounds.placed_proved


def test_nearest_fix_names_the_slot_that_would_let_them_in():
    people = [person(str(i), "mon") for i in range(5)] + [person("x", "tue")]
    result = form_groups(people, FIVE_TO_EIGHT)
    [left] = result.unplaced
    assert left.person == "x"
    assert "the most is 0, at tue" in left.reason
    assert left.fix == "would fit group 1 if they could make mon"


def test_lab_mates_are_spread_over_groups_or_left_out():
    # Six lab-mates and four others at one slot, groups of 2-3: at most one lab-mate per
    # group, so the best is four groups (4 lab-mates + 4 others... plus room) -> 4 groups.
    people = [person(f"l{i}", lab="L") for i in range(6)] + [person(f"o{i}") for i in range(4)]
    settings = Settings(min_size=2, max_size=3, target_size=2)
    result = form_groups(people, settings)
    assert violations(result.groups, by_id(people), settings) == []
    assert result.score.placed == 8  # 4 groups of 2, each one lab-mate and one other
    assert all("from their lab L" in u.reason for u in result.unplaced)


def test_an_avoid_pair_never_shares_the_only_group():
    people = [person(str(i)) for i in range(4)] + [person("a", avoid="b"), person("b")]
    settings = Settings(min_size=5, max_size=6, target_size=5)
    result = form_groups(people, settings)
    assert result.score.placed == 5
    [left] = result.unplaced
    assert left.person in {"a", "b"}
    assert "in an avoid pair with them" in left.reason


def test_same_stage_keeps_stages_apart_and_any_lets_them_mix():
    people = [person(f"p{i}", stage="phd") for i in range(3)]
    people += [person(f"f{i}", stage="faculty") for i in range(2)]
    apart = form_groups(people, FIVE_TO_EIGHT)
    mixed = form_groups(people, Settings(5, 8, 6, stage="any"))
    assert apart.score.placed == 0
    assert mixed.score.placed == 5


def test_departments_are_spread_over_groups():
    people = [person(f"b{i}", department="bio") for i in range(2)]
    people += [person(f"c{i}", department="chem") for i in range(2)]
    result = form_groups(people, Settings(min_size=2, max_size=2, target_size=2))
    assert result.score.key() == (-4, 0, 0)  # one biologist and one chemist per group


def test_department_term_meets_its_bound_when_a_department_outnumbers_the_groups():
    people = [person(f"b{i}", department="bio") for i in range(4)]
    people += [person(f"c{i}", department="chem") for i in range(4)]
    result = form_groups(people, Settings(min_size=4, max_size=4, target_size=4))
    # Two groups: each has two of each department, 1 + 1 repeats per group.
    assert result.score.key() == (-8, 4, 0)
    assert result.bounds.department == 4


def test_size_term_prefers_the_target_when_departments_allow():
    people = [person(str(i)) for i in range(12)]  # every department distinct
    result = form_groups(people, Settings(min_size=3, max_size=8, target_size=6))
    assert sorted(len(g.members) for g in result.groups) == [6, 6]


def test_group_slot_is_one_every_member_can_make():
    people = [person(str(i), "mon tue") for i in range(3)] + [person("x", "tue wed")]
    people += [person("y", "tue")]
    result = form_groups(people, FIVE_TO_EIGHT)
    assert [(g.slot, len(g.members)) for g in result.groups] == [("tue", 5)]


def test_same_seed_same_groups_whatever_the_input_order():
    people = [person(str(i), "mon tue", department=f"d{i % 3}") for i in range(30)]
    first = form_groups(people, FIVE_TO_EIGHT, seed=7)
    again = form_groups(list(reversed(people)), FIVE_TO_EIGHT, seed=7)
    assert first == again


def test_time_limit_returns_valid_groups_found_so_far():
    # Four can make only mon, four only tue, one either: one group of five is the best,
    # but the flow bound says eight, so the search must run. With no time it stops with
    # what it has found by then (here nothing), still valid, and says it was cut short.
    people = [person(f"m{i}", "mon") for i in range(4)] + [person("e", "mon tue")]
    people += [person(f"t{i}", "tue") for i in range(4)]
    result = form_groups(people, FIVE_TO_EIGHT, time_limit=1e-9)
    assert violations(result.groups, by_id(people), FIVE_TO_EIGHT) == []
    assert not result.complete and not result.bounds.placed_proved
    assert result.status == "cut_short"
    assert result.score.placed <= 5 and result.bounds.placed >= 5
    assert len(result.unplaced) == 9 - result.score.placed
    full = form_groups(people, FIVE_TO_EIGHT)
    assert full.complete and full.bounds.placed == 5 and full.status == "proved"


def test_progress_is_reported_up_to_done() -> None:
    seen: list[float] = []
    people = [person(str(i), stage=s) for i, s in enumerate(["phd", "faculty"] * 5)]
    form_groups(people, FIVE_TO_EIGHT, progress=lambda fraction, _: seen.append(fraction))
    assert seen == sorted(seen) and seen[-1] == 1.0 and len(seen) >= 3


def test_check_move_reports_broken_constraints_and_the_score_after():
    people = [person(str(i), "mon") for i in range(10)] + [person("x", "tue", lab="L")]
    people[0] = person("0", "mon", lab="L")
    settings = Settings(min_size=5, max_size=6, target_size=5)
    result = form_groups(people, settings)
    home = next(g for g in result.groups if "0" in g.members)
    other = next(g for g in result.groups if g is not home)
    mover = next(m for m in other.members)
    check = check_move(result.groups, by_id(people), settings, mover, home.number)
    assert f"group {other.number} has 4 members, outside 5-6" in check.broken
    assert check.after.placed == check.before.placed == 10
    assert not check.allowed
    outsider = check_move(result.groups, by_id(people), settings, "x", home.number)
    assert "x cannot make group" in " ".join(outsider.broken)
    assert "0 and x in group" in " ".join(outsider.broken)
    assert outsider.after.placed == 11


def test_check_move_out_of_every_group_lowers_the_placed_count():
    people = [person(str(i)) for i in range(6)]
    result = form_groups(people, FIVE_TO_EIGHT)
    check = check_move(result.groups, by_id(people), FIVE_TO_EIGHT, "0", None)
    assert check.allowed
    assert check.after.placed == 5


def test_check_move_rejects_unknown_people_and_groups():
    people = [person(str(i)) for i in range(5)]
    result = form_groups(people, FIVE_TO_EIGHT)
    with pytest.raises(KeyError):
        check_move(result.groups, by_id(people), FIVE_TO_EIGHT, "nobody", 1)
    with pytest.raises(KeyError):
        check_move(result.groups, by_id(people), FIVE_TO_EIGHT, "0", 99)


def test_reason_says_when_no_group_meets_at_their_slots():
    # Five lab-mates who can all make tue: no two may share a group, so tue has no group.
    people = [person(str(i), "mon") for i in range(5)]
    people += [person(f"l{i}", "tue", lab="L") for i in range(5)]
    result = form_groups(people, FIVE_TO_EIGHT)
    reasons = {u.person: u.reason for u in result.unplaced}
    assert "shared by 4 people they could sit with" in reasons["l0"]
    assert {u.fix for u in result.unplaced} == {"would fit group 1 if they could make mon"}


def test_fix_suggests_mixing_stages_when_only_that_would_help():
    people = [person(str(i), stage="phd") for i in range(5)] + [person("f", stage="faculty")]
    result = form_groups(people, FIVE_TO_EIGHT)
    [left] = result.unplaced
    assert left.fix == "would fit group 1 if career stages could mix"


def test_reason_says_when_those_left_out_are_too_tied_to_start_a_group():
    # Five can make tue, but two share a lab, so no group of five can meet there.
    people = [person("p", "tue"), person("a", "tue", lab="X"), person("b", "tue", lab="X")]
    people += [person("c", "tue"), person("d", "tue")]
    result = form_groups(people, FIVE_TO_EIGHT)
    reasons = {u.person: u.reason for u in result.unplaced}
    assert reasons["p"] == (
        "no phd group meets at a slot they can make (tue), and those left out cannot start "
        "one: no 5 of them, them included, can make one slot with no two from one lab and no "
        "avoid pair"
    )


def test_reason_names_the_stage_when_only_another_stages_group_meets_at_their_slot():
    people = [person(str(i), "tue", stage="phd") for i in range(5)]
    people += [person(f"q{i}", "tue", stage="postdoc") for i in range(4)]
    result = form_groups(people, FIVE_TO_EIGHT)
    reasons = {u.person: u.reason for u in result.unplaced}
    assert set(reasons) == {"q0", "q1", "q2", "q3"}
    assert "shared by 4 people they could sit with" in reasons["q0"]
    people.append(person("q4", "tue", stage="postdoc", lab="X"))
    people.append(person("q5", "tue", stage="postdoc", lab="X"))
    people.append(person("q6", "tue", stage="postdoc", lab="X"))
    people = [p for p in people if p.id not in {"q2", "q3"}]
    result = form_groups(people, FIVE_TO_EIGHT)
    reasons = {u.person: u.reason for u in result.unplaced}
    assert reasons["q0"].startswith("no postdoc group meets at a slot they can make (tue), and")


def test_explain_says_when_those_left_out_could_start_a_group_after_a_change_by_hand():
    people = [person(str(i), "tue") for i in range(5)]
    [left, *_] = explain([], by_id(people), FIVE_TO_EIGHT)
    assert left.reason == (
        "no phd group meets at a slot they can make (tue); they could start one at tue with "
        "1, 2, 3, 4, also left out"
    )
    assert left.fix == "start a group at tue with 1, 2, 3, 4"


def test_explain_gives_reasons_for_a_grouping_changed_by_hand():
    people = [person(str(i)) for i in range(6)]
    result = form_groups(people, FIVE_TO_EIGHT)
    [group] = result.groups
    shrunk = [Group(group.number, group.slot, tuple(m for m in group.members if m != "0"))]
    [left] = explain(shrunk, by_id(people), FIVE_TO_EIGHT)
    assert left.person == "0"
    assert left.reason == "not in a group, though group 1 meets at mon with room"
    assert left.fix == "add them to group 1"


def test_someone_without_any_slot_is_explained_not_a_crash():
    people = [person(str(i)) for i in range(5)] + [person("x", slots="")]
    result = form_groups(people, FIVE_TO_EIGHT)
    [left] = result.unplaced
    assert left.reason == "they gave no meeting slot"
    assert left.fix == "would fit group 1 if they could make mon"


@pytest.mark.slow  # about 12 s of CPU in the group-count search
def test_a_program_copied_ten_times_places_at_least_ten_times_its_own_best():
    # One 40-person program copied many times (labs grow tenfold) used to stop the
    # search early, placing fewer than repeating the 40-person solution would (257 < 260).
    config = Settings(5, 8, 6, "same")
    once = form_groups(replicated(1), config, seed=1)
    copied = replicated(10)
    result = form_groups(copied, config, seed=1)
    assert violations(result.groups, by_id(copied), config) == []
    assert result.score.placed >= 10 * once.score.placed
