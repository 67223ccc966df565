"""The progress chart read back from its matplotlib figure: labels, legend, label placement, fonts.

And the consolidated report's charts as it builds them: the table's row numbers, full names,
unemployment (a lower-is-better target) as a distance to the target.
"""

from __future__ import annotations

import pytest
from matplotlib import font_manager
from matplotlib.text import Text
from render_helpers import built_project

from reportgen.charts import ProgressBar, progress_figure
from reportgen.charts.progress import LABEL_WIDTH
from reportgen.charts.style import chart_style, serif_font

A06 = "Tỷ lệ lực lượng lao động trong độ tuổi lao động tham gia bảo hiểm xã hội (BHXH)"
A07 = "Tỷ lệ lực lượng lao động trong độ tuổi lao động tham gia bảo hiểm thất nghiệp (BHTN)"
BARS = [ProgressBar(f"6. {A06}", 97.8, False), ProgressBar(f"7. {A07}", 98.7, False),
        ProgressBar("8. Số căn nhà ở xã hội hoàn thành", 250.0, False),
        ProgressBar("2. Tỷ lệ thất nghiệp chung", None, False, distance=6.7, note="3,2%; mục tiêu dưới 3%")]


@pytest.fixture(scope="module")
def figure():
    with chart_style():
        fig = progress_figure(BARS, target_year=2030)
        fig.canvas.draw()
        yield fig


def _texts(fig) -> list[Text]:
    return [t for t in fig.findobj(Text) if t.get_text().strip() and t.get_visible()]


def test_labels_are_whole_wrapped_and_numbered_like_the_table(figure):
    share, distance = figure.axes
    labels = [t.get_text() for t in share.get_yticklabels()]
    assert [" ".join(label.split()) for label in labels] == [f"6. {A06}", f"7. {A07}",
                                                            "8. Số căn nhà ở xã hội hoàn thành"]
    assert all(len(line) <= LABEL_WIDTH for label in labels for line in label.splitlines())
    assert labels[0] != labels[1] and not any("…" in label for label in labels)
    assert [t.get_text() for t in distance.get_yticklabels()] == ["2. Tỷ lệ thất nghiệp chung"]
    assert not any(t.get_text().startswith(("A0", "B1")) for t in _texts(figure))


def test_legend_only_for_what_is_drawn(figure):
    (legend,) = figure.legends
    assert [t.get_text() for t in legend.get_texts()] == ["Chưa đạt mục tiêu"]


def test_value_labels_clear_the_100_percent_line(figure):
    share = figure.axes[0]
    renderer = figure.canvas.get_renderer()
    line_x = share.transData.transform((100, 0))[0]
    values = [t for t in share.texts if t.get_text().endswith(("%", "%*"))]
    assert len(values) == 3
    for text in values:
        box = text.get_window_extent(renderer)
        assert not box.x0 <= line_x <= box.x1, text.get_text()


def test_lower_is_better_drawn_as_distance_not_share(figure):
    texts = [t.get_text() for t in _texts(figure)]
    assert "3,2%; mục tiêu dưới 3%" in texts
    assert not any(t.startswith("93,") for t in texts)       # target / value would read as 93,8%
    distance = figure.axes[1]
    (bar,) = distance.patches
    assert bar.get_x() == 0 and abs(bar.get_width() - 6.7) < 1e-9
    assert any(abs(line.get_xdata()[0]) < 1e-9 for line in distance.lines)   # the target at 0


def test_text_nine_points_or_more_in_the_documents_serif(figure):
    assert all(t.get_fontsize() >= 9 for t in _texts(figure))
    assert serif_font() in ("Times New Roman", "Liberation Serif")
    for text in _texts(figure):
        path = font_manager.findfont(text.get_fontproperties(), fallback_to_default=False)
        assert "Liberation" in path or "Times" in path, path


def test_only_met_bars_give_only_the_met_legend():
    with chart_style():
        fig = progress_figure([ProgressBar("1. X", 120.0, True)], target_year=2030)
    assert [t.get_text() for t in fig.legends[0].get_texts()] == ["Đã đạt mục tiêu"]
    assert len(fig.axes) == 1


def test_consolidated_report_charts_use_the_tables_numbers(monkeypatch):
    """The bars the 2025 consolidated report draws, caught on their way to the real chart function."""
    from reportgen.documents import consolidated

    drawn: list[list[ProgressBar]] = []
    real = consolidated.progress_chart

    def spy(bars, **kw):
        drawn.append(list(bars))
        return real(bars, **kw)

    monkeypatch.setattr(consolidated, "progress_chart", spy)
    from reportgen.load import load_project

    project = load_project(built_project(2025), year=2025)
    doc = consolidated.consolidated_document(project, 2025)
    rows = {r["tt"]: r for g in doc.context["indicators"]["groups"] for r in g["rows"]}
    bars = [b for chart in drawn for b in chart]
    assert bars
    for bar in bars:
        tt, name = bar.label.split(". ", 1)
        assert rows[tt]["name"] == name
    unemployment = [b for b in bars if b.label.split(". ", 1)[1].startswith("Tỷ lệ thất nghiệp")]
    assert unemployment and all(b.distance is not None and b.share is None for b in unemployment)
