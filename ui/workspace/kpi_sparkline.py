"""A small trend chart of sales against target over the last periods (value axis from 0)."""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui import theme

#: how many periods the trend shows
PERIODS = 12


class KpiSparkline(QWidget):
    """Paints sales (solid) and target (dashed) per period, oldest left."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._periods: list[str] = []
        self._sales: list[float | None] = []
        self._targets: list[float | None] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(72)

    def sizeHint(self) -> QSize:
        return QSize(240, 80)

    def set_series(self, snapshots: list[dict]) -> None:
        """KPI snapshot rows (any order); the last ``PERIODS`` periods are drawn."""
        rows = sorted(snapshots, key=lambda r: r["period"])[-PERIODS:]
        self._periods = [r["period"] for r in rows]
        self._sales = [r.get("sales") for r in rows]
        self._targets = [r.get("target") for r in rows]
        tip = "\n".join(
            f"{p}: {s if s is not None else '—'} / {t if t is not None else '—'}"
            for p, s, t in zip(self._periods, self._sales, self._targets, strict=True)
        )
        self.setToolTip(tip)
        self.update()

    def points(self, values: list[float | None], rect: QRectF) -> list[QPointF | None]:
        """Where each value sits in ``rect``: x by period, y from zero to the max."""
        top = max([v for v in (*self._sales, *self._targets) if v is not None] or [0.0])
        n = len(values)
        out: list[QPointF | None] = []
        for i, v in enumerate(values):
            if v is None or top <= 0:
                out.append(None if v is None else QPointF(rect.left(), rect.bottom()))
                continue
            x = rect.left() + (rect.width() * i / (n - 1) if n > 1 else rect.width() / 2)
            y = rect.bottom() - rect.height() * (max(0.0, v) / top)
            out.append(QPointF(x, y))
        return out

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(4, 4, -4, -4)
        painter.setPen(QPen(theme.color("border"), 1))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())  # the zero line
        if not self._periods:
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.tr("No KPI data yet"))
            return
        # the theme's colours, read at paint time: they follow light and dark; the
        # dash tells target from sales without the colour
        for values, color, style in ((self._targets, theme.color("muted"), Qt.PenStyle.DashLine),
                                     (self._sales, theme.color("info"), Qt.PenStyle.SolidLine)):
            pen = QPen(color, 2, style)
            painter.setPen(pen)
            path = QPainterPath()
            started = False
            for p in self.points(values, rect):
                if p is None:
                    started = False
                    continue
                if started:
                    path.lineTo(p)
                else:
                    path.moveTo(p)
                    started = True
            painter.drawPath(path)
            last = next((p for p in reversed(self.points(values, rect)) if p is not None), None)
            if last is not None and style == Qt.PenStyle.SolidLine:
                painter.setBrush(color)
                painter.drawEllipse(last, 3, 3)
