from xml.etree import ElementTree

from peercircle.goals.charts import Bar, progress_bar, rate_bars

SVG = "{http://www.w3.org/2000/svg}"


def test_rate_bars_are_valid_labelled_svg_with_escaped_text() -> None:
    svg = rate_bars(
        [Bar("<Jan & co>", 0.5, "50% of 2"), Bar("Feb", None, "none"), Bar("Mar", 7.0, "x")],
        chart_id='a"b',
        title="Title <b>",
        description="Desc & more",
    )
    root = ElementTree.fromstring(svg)  # noqa: S314 - our own output
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "Title <b>"  # type: ignore[union-attr]
    assert root.find(f"{SVG}desc").text == "Desc & more"  # type: ignore[union-attr]
    labels = [t.text for t in root.iter(f"{SVG}text")]
    assert "<Jan & co>" in labels and "50%" in labels and "100%" in labels  # clamped
    assert len(list(root.iter(f"{SVG}rect"))) == 2  # no bar where there is no data
    assert "<b>" not in svg and "style=" not in svg


def test_progress_bar_says_reached_n_of_m() -> None:
    svg = progress_bar(reached=4, total=8, chart_id="lt", title="Long-term")
    root = ElementTree.fromstring(svg)  # noqa: S314 - our own output
    assert root.find(f"{SVG}desc").text == "Reached 4 of 8."  # type: ignore[union-attr]
    assert 'width="320.0"' in svg
    assert progress_bar(reached=0, total=0, chart_id="e", title="t")  # no division by zero
