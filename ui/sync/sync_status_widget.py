"""The sync status area in the main window's status bar.

Shows, at a glance: online or offline, when the last sync finished, how many changes
wait to be sent, progress while a sync runs (a long first sync reports pages and
records), and buttons for conflicts and refused changes when there are any.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDateTime, QEvent, QLocale, QSize, Qt, QTimeZone, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QToolButton, QWidget

from ui import theme
from ui.services import SyncSnapshot

#: each state's icon and tone (ui/theme.py): the icon and the words say it, the colour
#: only helps
STATE_ICONS = {"signed_out": ("cloud", "muted"), "expired": ("lock", "due"),
               "syncing": ("refresh", "info"), "offline": ("cloud-off", "error"),
               "error": ("alert-triangle", "due"), "online": ("cloud-check", "done")}


def format_sync_time(stamp: str | None, locale: QLocale | None = None) -> str:
    """A stored UTC stamp ("2026-11-27 09:12:00") as local time: the time alone for
    today, date and time otherwise; "" for none."""
    if not stamp:
        return ""
    when = QDateTime.fromString(stamp[:19], "yyyy-MM-dd HH:mm:ss")
    if not when.isValid():
        return stamp
    when.setTimeZone(QTimeZone.utc())
    local = when.toLocalTime()
    locale = locale or QLocale()
    if local.date() == QDateTime.currentDateTime().date():
        return locale.toString(local.time(), QLocale.FormatType.ShortFormat)
    return locale.toString(local, QLocale.FormatType.ShortFormat)


def count_text(n: int, one: str, many: str) -> str:
    """English needs "1 change" / "3 changes"; the app ships no English plural forms,
    so both are translated strings (Chinese words them alike)."""
    return one if n == 1 else many.replace("%1", QLocale().toString(n))


class SyncStatusWidget(QWidget):
    """Reflects a ui.services.SyncSnapshot; its buttons only ask (signals)."""

    sync_requested = Signal()
    cancel_requested = Signal()
    sign_in_requested = Signal()
    conflicts_requested = Signal()
    rejected_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sync_status")
        self.snapshot: SyncSnapshot | None = None
        self._progress_text = ""
        self._pages = 0
        self.dot = QLabel()  # the state's icon
        self.dot.setObjectName("sync_dot")
        self.state_label = QLabel()
        self.state_label.setObjectName("sync_state")
        self.progress_bar = QProgressBar()
        self.progress_bar.setObjectName("sync_progress")
        self.progress_bar.setMaximumWidth(110)
        self.progress_bar.setMaximumHeight(14)
        self.progress_bar.setTextVisible(False)
        self.progress_bar.hide()
        self.sign_in_button = self._button("sync_sign_in", self.sign_in_requested)
        self.conflicts_button = self._button("sync_conflicts", self.conflicts_requested)
        self.rejected_button = self._button("sync_rejected", self.rejected_requested)
        self.sync_button = self._button("sync_now", self.sync_requested)
        self.sync_button.setAutoRaise(False)
        # while a sync runs, the same place stops it
        self.stop_button = self._button("sync_stop", self.cancel_requested)
        self.stop_button.setAutoRaise(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(theme.space("s"), 0, theme.space("s"), 0)
        layout.setSpacing(theme.space("s"))
        for w in (self.dot, self.state_label, self.progress_bar, self.conflicts_button,
                  self.rejected_button, self.sign_in_button, self.sync_button,
                  self.stop_button):
            layout.addWidget(w)
        self.conflicts_button.setIcon(theme.status_icon("warning"))
        self.rejected_button.setIcon(theme.status_icon("error"))
        for button in (self.conflicts_button, self.rejected_button):
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        theme.set_tone(self.conflicts_button, "due")
        theme.set_tone(self.rejected_button, "error")
        theme.changes().changed.connect(self.retranslate)  # the state icon's colour
        self.retranslate()

    def _button(self, name: str, signal: Any) -> QToolButton:
        button = QToolButton()
        button.setObjectName(name)
        button.setAutoRaise(True)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.clicked.connect(signal.emit)
        return button

    # --- updates -------------------------------------------------------------------------

    @Slot(object)
    def set_snapshot(self, snapshot: SyncSnapshot) -> None:
        self.snapshot = snapshot
        if not snapshot.syncing:
            self._progress_text = ""
            self._pages = 0
            indexing = getattr(snapshot, "indexing", None)
            if indexing:  # a first sync's records being indexed for search
                done, total = indexing
                self.progress_bar.setRange(0, max(total, 1))
                self.progress_bar.setValue(min(done, total))
                self.progress_bar.show()
            else:
                self.progress_bar.hide()
        self.retranslate()

    @Slot(str, int, int)
    def set_progress(self, phase: str, done: int, total: int) -> None:
        """Progress of the running sync: a bar for sending (total known), a count of
        records for receiving (a busy bar: the total is not known in advance)."""
        if phase == "push" and total > 0:
            self.progress_bar.setRange(0, total)
            self.progress_bar.setValue(min(done, total))
            self._progress_text = self.tr("Sending changes: %1 of %2").replace(
                "%1", str(done)).replace("%2", str(total))
        elif phase == "pull":  # one report per page applied
            self._pages += 1
            self.progress_bar.setRange(0, 0)
            self._progress_text = self.tr("Receiving: page %1, %2 records").replace(
                "%1", str(self._pages)).replace("%2", QLocale().toString(done))
        elif phase in ("verify", "repair"):
            self.progress_bar.setRange(0, 0)
            self._progress_text = self.tr("Checking…")
        self.progress_bar.show()
        self.retranslate()

    def state(self) -> str:
        """offline | syncing | signed_out | expired | error | online (tests, colour)."""
        s = self.snapshot
        if s is None or (not s.signed_in and s.error_kind != "auth"):
            return "signed_out"
        if s.syncing:
            return "syncing"
        if not s.signed_in:
            return "expired"
        if s.online is False:
            return "offline"
        if s.error_kind:
            return "error"
        return "online"

    def retranslate(self) -> None:
        s = self.snapshot
        state = self.state()
        text, tip = self._describe(state)
        self.state_label.setText(text)
        self.state_label.setToolTip(tip)
        self.dot.setToolTip(tip)
        icon, tone = STATE_ICONS[state]
        size = self.state_label.fontMetrics().height()
        self.dot.setPixmap(theme.icon(icon, tone).pixmap(QSize(size, size)))
        self.sync_button.setText(self.tr("Sync now"))
        self.sync_button.setToolTip(self.tr("Send your changes and receive the server's (F9)"))
        self.sync_button.setVisible(state not in ("signed_out", "expired", "syncing"))
        self.stop_button.setText(self.tr("Stop"))
        self.stop_button.setToolTip(self.tr(
            "Stop this sync (Shift+F9). What has arrived so far is kept; the next sync "
            "goes on from there."))
        self.stop_button.setVisible(state == "syncing")
        self.sign_in_button.setText(self.tr("Sign in again…") if state == "expired"
                                    else self.tr("Sign in…"))
        self.sign_in_button.setVisible(state in ("signed_out", "expired"))
        conflicts = s.conflicts if s else 0
        rejected = s.rejected if s else 0
        self.conflicts_button.setText(count_text(
            conflicts, self.tr("1 conflict to review"), self.tr("%1 conflicts to review")))
        self.conflicts_button.setVisible(conflicts > 0)
        self.rejected_button.setText(count_text(
            rejected, self.tr("1 refused change"), self.tr("%1 refused changes")))
        self.rejected_button.setVisible(rejected > 0)

    def _describe(self, state: str) -> tuple[str, str]:
        """(label text, tooltip) for a state."""
        s = self.snapshot
        pending = s.pending if s else 0
        waiting = count_text(pending, self.tr("1 change waiting"),
                             self.tr("%1 changes waiting")) if pending \
            else self.tr("all changes sent")
        last = format_sync_time(s.last_sync_at if s else None)
        last_text = self.tr("last sync %1").replace("%1", last) if last \
            else self.tr("never synced")
        server = (s.server_url or "") if s else ""
        if state == "signed_out":
            text = self.tr("Not signed in") + (f" · {waiting}" if pending else "")
            return text, self.tr("Sign in to a sync server to share your work.")
        if state == "expired":
            return (self.tr("Sign-in expired · %1").replace("%1", waiting),
                    self.tr("The server asks you to sign in again. Your changes are kept."))
        if state == "syncing":
            return (self._progress_text or self.tr("Syncing…"),
                    self.tr("Syncing with %1").replace("%1", server))
        if state == "offline":
            return (self.tr("Offline · %1").replace("%1", waiting),
                    self.tr("%1 cannot be reached. Your changes are kept and will be sent "
                            "when the server answers again (checked every 30 seconds).")
                    .replace("%1", server))
        if state == "error":
            text = self.tr("Sync failed · %1").replace("%1", waiting)
            if s and s.error_kind == "update":
                text = self.tr("Update required · %1").replace("%1", waiting)
            return text, (s.last_error or "") if s else ""
        label = self.tr("Online · %1 · %2").replace("%1", last_text).replace("%2", waiting)
        if s and s.demo:
            label = self.tr("Demo server · %1 · %2").replace("%1", last_text).replace("%2", waiting)
        tip = self.tr("Signed in to %1 as %2").replace("%1", server).replace(
            "%2", (s.user or "") if s else "")
        indexing = getattr(s, "indexing", None)
        if indexing:
            done, total = indexing
            label += " · " + self.tr("preparing search %1%").replace(
                "%1", str(100 * done // total if total else 0))
            tip += "\n" + self.tr(
                "Records received in the first sync are being indexed for search "
                "(%1 of %2). Everything is already on this laptop; search finds more as "
                "this goes on.").replace("%1", QLocale().toString(done)).replace(
                    "%2", QLocale().toString(total))
        return label, tip

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
