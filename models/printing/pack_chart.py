"""The KPI chart: monthly sales against target as grouped bars, value axis from zero."""
from __future__ import annotations

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

from models.pack_data import KpiMonth
from models.printing.fonts import register_fonts
from models.printing.pack_labels import PackText
from models.printing.pack_styles import ACCENT, INK, MUTED, OUT_OF_PERIOD, RULE, TARGET

OUT_OF_PERIOD_TARGET = colors.HexColor("#dde1e6")


def compact_number(value: float, chinese: bool) -> str:
    """Axis labels short enough to fit: 1.2M / 120万."""
    if chinese:
        if abs(value) >= 1e8:
            return f"{value / 1e8:g}亿"
        if abs(value) >= 1e4:
            return f"{value / 1e4:g}万"
        return f"{value:g}"
    for limit, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= limit:
            return f"{value / limit:g}{suffix}"
    return f"{value:g}"


def kpi_chart(kpis: list[KpiMonth], text: PackText, width: float, height: float) -> Drawing:
    """Grouped bars per month; months outside the period are drawn paler."""
    font = register_fonts()
    drawing = Drawing(width, height)
    # the renderer starts every drawing in Helvetica unless told otherwise
    drawing.initialFontName = font
    drawing.hAlign = "LEFT"
    chart = VerticalBarChart()
    chart.x, chart.y = 38, 30
    chart.width, chart.height = width - 48, height - 52
    sales = [k.sales or 0 for k in kpis]
    targets = [k.target or 0 for k in kpis]
    chart.data = [sales, targets]
    chart.categoryAxis.categoryNames = [text.month(k.period) for k in kpis]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.fillColor = INK
    chart.categoryAxis.strokeColor = RULE
    chart.valueAxis.valueMin = 0  # a chart that starts above zero exaggerates changes
    top = max([*sales, *targets, 1])
    chart.valueAxis.valueMax = top * 1.12
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labels.fillColor = MUTED
    chart.valueAxis.labelTextFormat = lambda v: compact_number(v, text.is_chinese)
    chart.valueAxis.strokeColor = RULE
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#eef1f4")
    chart.barSpacing = 1
    chart.groupSpacing = 6 if len(kpis) > 8 else 10
    chart.bars.strokeColor = None
    chart.bars[0].fillColor = ACCENT
    chart.bars[1].fillColor = TARGET
    for i, k in enumerate(kpis):
        if not k.in_period:
            chart.bars[(0, i)].fillColor = OUT_OF_PERIOD
            chart.bars[(1, i)].fillColor = OUT_OF_PERIOD_TARGET
    drawing.add(chart)

    legend = Legend()
    legend.fontName = font
    legend.fontSize = 7.5
    legend.x, legend.y = 40, height - 6
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.deltax = 70
    legend.dx, legend.dy = 8, 8
    legend.colorNamePairs = [(ACCENT, text("sales")), (TARGET, text("target"))]
    drawing.add(legend)
    drawing.add(String(width / 2, 4, text("chart_caption"), fontName=font, fontSize=7,
                       fillColor=MUTED, textAnchor="middle"))
    return drawing
