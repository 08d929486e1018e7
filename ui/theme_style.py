"""The Qt palette generated from a theme's colours (ui/theme.py), and the one focus
ring that follows keyboard focus.

No application style sheet: it would double what every widget costs to build and
paint (docs/benchmarks.md, "Theme"). The Fusion style draws every control from the
palette; the focus ring is a single ``QFocusFrame`` that moves to whichever control
has focus and paints a 2 px ring in the focus colour around it.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen, QRegion
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QFocusFrame,
    QGroupBox,
    QLineEdit,
    QStyle,
    QTabBar,
    QWidget,
)
from shiboken6 import Shiboken

from ui.theme import Colors, color

Role = QPalette.ColorRole
Group = QPalette.ColorGroup


def palette(c: Colors) -> QPalette:
    p = QPalette()
    roles = {
        Role.Window: c.window, Role.WindowText: c.text, Role.Base: c.base,
        Role.AlternateBase: c.alt_base, Role.ToolTipBase: c.raised, Role.ToolTipText: c.text,
        Role.PlaceholderText: c.muted, Role.Text: c.text, Role.Button: c.raised,
        Role.ButtonText: c.text, Role.BrightText: c.overdue, Role.Highlight: c.accent,
        Role.HighlightedText: c.on_accent, Role.Link: c.accent, Role.LinkVisited: c.accent,
        Role.Light: c.raised, Role.Midlight: c.alt_base, Role.Mid: c.border,
        Role.Dark: c.border, Role.Shadow: "#000000",
    }
    for role, value in roles.items():
        p.setColor(role, QColor(value))
    for role in (Role.WindowText, Role.Text, Role.ButtonText):
        p.setColor(Group.Disabled, role, QColor(c.muted))
    if hasattr(Role, "Accent"):  # Qt 6.6
        p.setColor(Role.Accent, QColor(c.accent))
    return p


class FocusRing(QFocusFrame):
    """A 2 px ring in the focus colour around the control that has keyboard focus."""

    WIDTH = 2

    def _margins(self) -> tuple[int, int]:
        style = self.style()
        return (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self),
                style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameVMargin, None, self))

    def raise_above(self) -> None:
        """Fusion stacks a focus frame under its control and masks it away; this
        ring is drawn on the control's edge, above it, masked to the ring itself
        (it lets the mouse through)."""
        if self.widget() is None:
            return
        h, v = self._margins()
        inner = self.rect().adjusted(h + self.WIDTH, v + self.WIDTH,
                                     -h - self.WIDTH, -v - self.WIDTH)
        self.setMask(QRegion(self.rect()).subtracted(QRegion(inner)))
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        handled = super().eventFilter(watched, event)
        if event.type() in (QEvent.Type.ZOrderChange, QEvent.Type.Show, QEvent.Type.Move,
                            QEvent.Type.Resize, QEvent.Type.ParentChange):
            self.raise_above()
        return handled

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(color("focus"), self.WIDTH))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        # on the control's own edge: a parent that clips its children (a button box
        # with no margin) still shows all of it
        h, v = self._margins()
        half = self.WIDTH / 2
        edge = QRectF(self.rect()).adjusted(h + half, v + half, -h - half, -v - half)
        painter.drawRoundedRect(edge, 3, 3)


#: what takes the ring: controls, a scroll area that Tab reaches (its keys scroll it:
#: Today's details pane), and any other widget that takes focus itself rather than
#: holding controls that do (a page, a workspace, get none)
_CONTROLS = (QAbstractButton, QLineEdit, QAbstractSpinBox, QComboBox, QAbstractScrollArea,
             QTabBar, QAbstractSlider, QGroupBox)


def _is_control(widget: QWidget) -> bool:
    if isinstance(widget, _CONTROLS):
        return True
    return not any(child.focusPolicy() != Qt.FocusPolicy.NoFocus and child.isVisible()
                   for child in widget.findChildren(QWidget))


class _FocusFollower(QObject):
    """Moves the ring to each newly focused control (a combo box's or a spin box's
    own editor counts as the box)."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.ring: FocusRing | None = None
        app.focusChanged.connect(self._focus_changed)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        target = new
        while target is not None and isinstance(target.parentWidget(),
                                                (QComboBox, QAbstractSpinBox)):
            target = target.parentWidget()
        if self.ring is None or not Shiboken.isValid(self.ring):
            # the ring lives beside the control; it goes when that parent goes
            self.ring = None
            if target is None or target.parentWidget() is None:
                return
            self.ring = FocusRing(target.parentWidget())
            self.ring.setObjectName("focus_ring")
        if (target is None or target.parentWidget() is None or target.isWindow()
                or not _is_control(target)):
            self.ring.setWidget(None)
            self.ring.hide()
            return
        self.ring.setWidget(target)
        self.ring.show()
        self.ring.raise_above()
        self.ring.update()


def install_focus_ring(app: QApplication) -> None:
    """Once per application: the ring follows keyboard focus from now on."""
    if app.findChild(_FocusFollower) is None:
        _FocusFollower(app)
