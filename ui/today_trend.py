"""A small bar chart of visits kept to cadence, one bar a week (the last twelve),
painted with QPainter. The figures come from ``models.today_figures.cadence_trend``,
computed in the database lane; the chart only draws them. Its tool tip and
accessible description say the same in words, so the trend never depends on
seeing the bars."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QLocale, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from models.today_figures import TrendWeek
from ui import theme

BAR_GAP = 3
CHART_HEIGHT = 56


class TrendChart(QWidget):
    """``set_weeks(weeks)``: the bars, oldest first (an empty list: not loaded yet)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cadence_trend")
        self.weeks: list[TrendWeek] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a screen reader can reach it
        theme.changes().changed.connect(self.update)  # painted by hand: the new colours
        self.retranslate()

    def set_weeks(self, weeks: list[TrendWeek]) -> None:
        self.weeks = list(weeks)
        self.retranslate()
        self.update()

    def summary(self) -> str:
        """The trend in words: this week's share and where it was twelve weeks ago."""
        if not self.weeks:
            return self.tr("Visits kept to cadence: loading…")
        last, first = self.weeks[-1], self.weeks[0]
        if not last.partners:
            return self.tr("Visits kept to cadence: no partners yet.")
        return (self.tr("Visits kept to cadence: %1% of partners now, %2% %3 weeks ago.")
                .replace("%1", str(round(last.share * 100)))
                .replace("%2", str(round(first.share * 100)))
                .replace("%3", str(len(self.weeks) - 1)))

    def retranslate(self) -> None:
        text = self.summary()
        self.setAccessibleName(self.tr("Visits kept to cadence, last 12 weeks"))
        locale = QLocale()
        lines = [text] + [
            self.tr("Week to %1: %2 of %3").replace(
                "%1", locale.toString(w.ends, QLocale.FormatType.ShortFormat))
            .replace("%2", str(w.kept)).replace("%3", str(w.partners))
            for w in self.weeks]
        self.setAccessibleDescription(text)
        self.setToolTip("\n".join(lines))

    def sizeHint(self) -> QSize:
        return QSize(200, CHART_HEIGHT)

    def minimumSizeHint(self) -> QSize:
        return QSize(120, CHART_HEIGHT)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        area = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        # the 100% line and the base line, faint, so a low week reads as low
        painter.setPen(theme.color("border"))
        painter.drawLine(area.topLeft(), area.topRight())
        painter.drawLine(area.bottomLeft(), area.bottomRight())
        if self.weeks:
            n = len(self.weeks)
            width = (area.width() - BAR_GAP * (n - 1)) / n
            painter.setPen(Qt.PenStyle.NoPen)
            for i, week in enumerate(self.weeks):
                height = max(1.0, area.height() * week.share) if week.partners else 0.0
                # the current week in the accent colour, the ones before it muted
                painter.setBrush(theme.color("accent" if i == n - 1 else "muted"))
                x = area.left() + i * (width + BAR_GAP)
                painter.drawRect(QRectF(x, area.bottom() - height, width, height))
        if self.hasFocus():
            painter.setPen(theme.color("focus"))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5))
        painter.end()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
