from peercircle.lib.natural import natural_key


def test_numbers_sort_by_value_not_letter_by_letter() -> None:
    names = ["Person10", "Person2", "Person1"]
    assert sorted(names, key=natural_key) == ["Person1", "Person2", "Person10"]


def test_case_is_ignored_and_words_still_sort_alphabetically() -> None:
    names = ["bob 2", "Alice", "Bob 1", "alice 3"]
    assert sorted(names, key=natural_key) == ["Alice", "alice 3", "Bob 1", "bob 2"]


def test_a_name_starting_with_a_number_never_compares_a_number_with_a_word() -> None:
    assert sorted(["Zoe", "2nd cohort", "Anna"], key=natural_key) == ["2nd cohort", "Anna", "Zoe"]
