import pytest

from peercircle.lib.svg import bars, heatmap


def test_heatmap_prints_every_value_and_escapes_labels() -> None:
    svg = heatmap(["<b>A", "B"], ["<b>A", "B"], [[0, 3], [1, 0]], title="Who & whom")
    assert "<b>" not in svg and "&lt;b&gt;A" in svg
    assert "<title>Who &amp; whom</title>" in svg
    assert ">3</text>" in svg and ">1</text>" in svg and ">—</text>" in svg
    assert "style=" not in svg


def test_bars_have_one_bar_per_label_and_values_as_text() -> None:
    svg = bars(["One", "Two"], [10, 0], unit="min", title="Time", marks=[12, 5])
    assert svg.count("<rect") == 2 and "10 min" in svg and "0 min" in svg
    assert svg.count("<line") == 2


def test_mismatched_shapes_are_refused() -> None:
    with pytest.raises(ValueError):
        heatmap(["A"], ["A", "B"], [[1]], title="x")
    with pytest.raises(ValueError):
        bars(["A"], [1, 2], unit="min", title="x")
