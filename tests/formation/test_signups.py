"""Sign-ups validation: suspicious data gets an error or a warning with its line and column."""

from peercircle.formation import Person, Settings, form_groups, violations
from peercircle.formation.signups import Problem, check_signups, parse_signups

HEADER = "id,name,email,department,lab,stage,availability,avoid\n"


def _check(*rows: str, header: str = HEADER):
    return check_signups((header + "".join(row + "\n" for row in rows)).encode())


def _messages(problems: list[Problem]) -> list[tuple[int, int, str]]:
    return [(p.line, p.column, p.message) for p in problems]


def test_a_clean_file_has_no_errors_and_no_warnings():
    people, errors, warnings = _check(
        "p1,A,a@x,bio,Lab-X,graduate,mon;tue,", "p2,B,b@x,bio,Lab-Y,postdoc,mon,p1"
    )
    assert errors == [] and warnings == []
    assert people[1].avoid == frozenset({"p1"})


def test_lab_names_differing_in_case_or_spacing_are_one_lab_with_a_warning():
    people, errors, warnings = _check(
        "p1,A,a@x,bio,Lab-X,graduate,mon,",
        "p2,B,b@x,bio,lab-x,graduate,mon,",
        "p3,C,c@x,bio,  Lab-X ,graduate,mon,",
        "p4,D,d@x,bio,Lab  Y,graduate,mon,",
        "p5,E,e@x,bio,lab y,graduate,mon,",
    )
    assert errors == []
    assert [p.lab for p in people] == ["Lab-X", "Lab-X", "Lab-X", "Lab Y", "Lab Y"]
    assert _messages(warnings) == [
        (3, 5, "lab 'lab-x' read as 'Lab-X' (line 2): the names differ only in case or spacing"),
        (6, 5, "lab 'lab y' read as 'Lab Y' (line 5): the names differ only in case or spacing"),
    ]
    assert [w.person for w in warnings] == ["p2", "p5"]


def test_slot_stage_and_department_spellings_are_unified_with_a_warning():
    people, errors, warnings = _check(
        "p1,A,a@x,Biology,l1,Postdoc,Mon-Evening,",
        "p2,B,b@x,biology,l2,postdoc,mon-evening;Tue,",
    )
    assert errors == []
    assert people[1].availability == frozenset({"Mon-Evening", "Tue"})
    assert people[1].stage == "Postdoc" and people[1].department == "Biology"
    assert [(w.line, w.column) for w in warnings] == [(3, 4), (3, 6), (3, 7)]
    assert "slot 'mon-evening' read as 'Mon-Evening'" in warnings[2].message


def test_availability_written_with_commas_is_an_error():
    _, errors, _ = _check('p1,A,a@x,bio,l,graduate,"mon, tue",')
    assert _messages(errors) == [
        (2, 7, "availability 'mon, tue' has commas; separate slots with ';'")
    ]


def test_blank_and_unknown_stages_are_warned_about():
    _, errors, warnings = _check("p1,A,a@x,bio,l,,mon,", "p2,B,b@x,bio,m,phd,mon,")
    assert errors == []
    assert _messages(warnings) == [
        (
            2,
            6,
            "blank stage: with stages kept apart, they can only join others whose stage is blank",
        ),
        (
            3,
            6,
            "unknown stage 'phd' (expected one of graduate, postdoc, faculty, staff, "
            "other): with stages kept apart, they can only join others of this stage",
        ),
    ]


def test_known_stages_can_be_given_or_not_checked():
    rows = ("p1,A,a@x,bio,l,phd,mon,",)
    assert _check(*rows).warnings
    data = (HEADER + rows[0] + "\n").encode()
    assert check_signups(data, stages=["phd", "postdoc"]).warnings == []
    assert check_signups(data, stages=None).warnings == []


def test_someone_avoiding_themself_is_warned_and_ignored():
    people, errors, warnings = _check("p1,A,a@x,bio,l,graduate,mon,p1;A@X")
    assert errors == [] and people[0].avoid == frozenset()
    assert _messages(warnings) == [
        (2, 8, "avoid names 'p1', the person themself; ignored"),
        (2, 8, "avoid names 'A@X', the person themself; ignored"),
    ]


def test_a_duplicate_column_is_an_error_on_the_header():
    header = "id,name,email,department,lab,stage,availability,avoid,Lab\n"
    _, errors, _ = _check("p1,A,a@x,bio,l,graduate,mon,,m", header=header)
    assert _messages(errors) == [(1, 9, "column 'lab' appears twice (columns 5 and 9)")]


def test_extra_fields_are_an_error_naming_the_first_extra_field():
    _, errors, _ = _check("p2,B,b@x,bio,m,graduate,mon,", "p1,Doe, Jo,a@x,bio,l,graduate,mon,p2")
    assert _messages(errors) == [
        (3, 9, "9 fields but the header has 8: a value containing a comma must be in quotes")
    ]


def test_trailing_empty_fields_are_not_extra():
    assert _check("p1,A,a@x,bio,l,graduate,mon,,,").errors == []


def test_a_short_row_is_reported_as_short_not_as_empty_availability():
    _, errors, _ = _check("p1,A,a@x,bio,l")
    assert _messages(errors) == [
        (
            2,
            6,
            "only 5 fields but the header has 8: no stage, availability, avoid (is a line "
            "break or a quote out of place?)",
        )
    ]


def test_a_tab_separated_file_gets_one_hint_instead_of_missing_columns():
    content = HEADER.replace(",", "\t") + "p1\tA\ta@x\tbio\tl\tgraduate\tmon\t\n"
    people, errors, _ = check_signups(content.encode())
    assert people == []
    assert _messages(errors) == [
        (1, 1, "columns are separated by tabs; save the file as CSV with commas")
    ]


def test_every_error_is_listed_at_once_and_parse_signups_raises_with_them():
    data = (HEADER + 'p1,A,a@x,b,l,graduate,"mon,tue",\np1,B,b@x,b,l,graduate,mon,x\n').encode()
    errors = check_signups(data).errors
    assert [(e.line, e.column) for e in errors] == [(2, 7), (3, 1), (3, 8)]
    try:
        parse_signups(data)
    except ValueError as error:
        assert getattr(error, "problems", None) == tuple(errors)
    else:
        raise AssertionError("parse_signups accepted a bad file")


def test_the_engine_keeps_lab_spellings_apart_without_the_reader():
    people = [
        Person("a", "d1", "Lab-X", "phd", frozenset({"mon"})),
        Person("b", "d2", "lab-x", "phd", frozenset({"mon"})),
        Person("c", "d3", " LAB-X", "phd", frozenset({"mon"})),
        Person("d", "d4", "", "phd", frozenset({"mon"})),
    ]
    config = Settings(min_size=2, max_size=2, target_size=2)
    result = form_groups(people, config)
    assert violations(result.groups, {p.id: p for p in people}, config) == []
    assert result.score.placed == 2
    bad = [type(result.groups[0])(1, "mon", ("a", "b"))]
    assert violations(bad, {p.id: p for p in people}, config) == [
        "a and b in group 1 share lab Lab-X"
    ]
