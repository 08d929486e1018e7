"""Reminders while the app runs: a summary when the window is ready (a tray
notification, and a standing count in the status bar whose tooltip is the summary
and which lists them), then a tray notification whenever something new falls due
(checked every half hour). Where the desktop has no system tray (some Linux
sessions, a server under xvfb) the status bar's count is all, and nothing fails.

What is reminded of is models/reminders.py; which kinds, and the snooze, are the
profile's settings (Settings ▸ Calendar and reminders)."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QStringListModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListView,
    QPushButton,
    QSystemTrayIcon,
    QVBoxLayout,
    QWidget,
)

from models import festivals, reminders
from models.reminders import ReminderScan
from models.store import Store
from ui import theme
from ui.app_context import AppContext
from ui.workspace.ui_language import ui_language

CHECK_EVERY_MS = 30 * 60 * 1000


def kind_title(kind: str, n: int) -> str:
    """"3 response deadlines" and the like, in the user's language."""
    text = {
        "response": QCoreApplication.translate("Reminders", "%1 response deadline(s) reached or near"),
        "chase": QCoreApplication.translate("Reminders", "%1 partner-owned item(s) to chase"),
        "visit": QCoreApplication.translate("Reminders", "%1 visit(s) due"),
        "renewal": QCoreApplication.translate("Reminders", "%1 agreement(s) up for renewal"),
        "birthday": QCoreApplication.translate("Reminders", "%1 birthday(s)"),
        "anniversary": QCoreApplication.translate("Reminders", "%1 work anniversary(-ies)"),
        "festival": QCoreApplication.translate("Reminders", "%1 festival(s) to greet for"),
    }[kind]
    return text.replace("%1", str(n))


def summary_text(found: ReminderScan, chinese: bool) -> str:
    """One line: what there is to remind of, kind by kind, with the nearest festival."""
    parts = [kind_title(k, found.counts[k]) for k in reminders.KINDS if found.counts.get(k)]
    for r in found.of("festival")[:1]:
        f = festivals.BY_KEY[r.subject]
        parts.append(QCoreApplication.translate("Reminders", "%1 on %2").replace(
            "%1", f.zh if chinese else f.en).replace("%2", r.day.isoformat()))
    return " · ".join(parts)


class ReminderNotifier(QObject):
    """``scanned(ReminderScan)`` after each check (the latest is ``last``)."""

    scanned = Signal(object)
    #: a reminder's partner, asked to be opened from the list
    open_partner = Signal(str)

    def __init__(self, ctx: AppContext, overviews: Callable[[], list[Any] | None],
                 parent: QObject | None = None,
                 key_dates: Callable[[], list[dict] | None] = lambda: None) -> None:
        """``overviews``: the partners' overviews already loaded for today;
        ``key_dates``: every key date of the coming weeks, when Today has them all
        (None: the scan reads them)."""
        super().__init__(parent)
        self.ctx = ctx
        self._overviews = overviews
        self._key_dates = key_dates
        self.last: ReminderScan | None = None
        self.snoozed = False
        self._told: set[tuple[str, str, str]] = set()
        self.tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(theme.icon("calendar"), self)
            self.tray.setToolTip("ChannelKeeper")
            self.tray.show()
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_EVERY_MS)
        self._timer.timeout.connect(self.check)

    def start(self) -> None:
        """The first check (its summary), then one every half hour."""
        self.check(summary=True)
        self._timer.start()

    def check(self, summary: bool = False) -> None:
        today = self.ctx.today()
        overviews = self._overviews()
        key_dates = self._key_dates()
        cadence = self.ctx.settings.cadence()

        def scan(store: Store) -> tuple[reminders.ReminderPrefs, ReminderScan]:
            prefs = reminders.load_prefs(store)
            return prefs, reminders.scan(store, today, reminders.DEFAULT_DAYS, prefs.enabled,
                                         overviews, cadence, key_dates)

        self.ctx.run_db(scan, lambda result: self._scanned(*result, summary=summary),
                        lambda exc: None)  # a reminder that fails to load is not worth a word

    def _scanned(self, prefs: reminders.ReminderPrefs, found: ReminderScan,
                 summary: bool) -> None:
        self.last = found
        self.snoozed = prefs.snoozed(found.today)
        keys = {(r.kind, r.record_id or r.subject, r.day.isoformat()) for r in found.items}
        new = keys - self._told
        self._told |= keys
        self.scanned.emit(found)
        if self.snoozed or not found.total or not (summary or new):
            return

        text = summary_text(found, ui_language(self.ctx).startswith("zh"))
        title = QCoreApplication.translate("Reminders", "ChannelKeeper reminders")
        if self.tray is not None:
            self.tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, 15000)


class ReminderButton(QPushButton):
    """The status bar's standing summary: how many reminders there are, the summary
    as its tooltip; clicking (or Ctrl+Shift+R) lists them."""

    def __init__(self, notifier: ReminderNotifier, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reminders_button")
        self.setFlat(True)
        self.setIcon(theme.icon("calendar"))
        self.notifier = notifier
        notifier.scanned.connect(lambda _found: self.refresh())
        self.clicked.connect(self.show_list)
        self.hide()

    def refresh(self) -> None:
        found = self.notifier.last
        if found is None or not found.total:
            self.hide()
            return

        text = self.tr("Reminders: %1").replace("%1", str(found.total))
        if self.notifier.snoozed:
            text += " " + self.tr("(snoozed)")
        self.setText(text)
        self.setToolTip(summary_text(found, ui_language(self.notifier.ctx).startswith("zh")))
        self.show()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self.isVisible():
            self.refresh()  # its words, in the new language
        super().changeEvent(event)

    def show_list(self) -> ReminderListDialog | None:
        if self.notifier.last is None:
            return None
        dialog = ReminderListDialog(self.notifier.last, self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open_partner.connect(self.notifier.open_partner)
        dialog.open()
        self.dialog = dialog  # tests read it
        return dialog


def reminder_line(r: reminders.Reminder, chinese: bool) -> str:
    """One reminder as a line of the list."""
    if r.kind == "festival":
        f = festivals.BY_KEY[r.subject]
        what = QCoreApplication.translate("Reminders", "%1: %2 contact(s) observe it").replace(
            "%1", f.zh if chinese else f.en).replace("%2", str(r.count))
    elif r.kind in ("visit", "renewal"):
        what = r.partner_name
    else:
        what = f"{r.subject} · {r.partner_name}"
    return f"{r.day.isoformat()}  {kind_label(r.kind)} — {what}"


def kind_label(kind: str) -> str:
    """A kind's name, for one reminder of it."""
    return {
        "response": QCoreApplication.translate("Reminders", "Response deadline"),
        "chase": QCoreApplication.translate("Reminders", "To chase"),
        "visit": QCoreApplication.translate("Reminders", "Visit due"),
        "renewal": QCoreApplication.translate("Reminders", "Agreement ends"),
        "birthday": QCoreApplication.translate("Reminders", "Birthday"),
        "anniversary": QCoreApplication.translate("Reminders", "Work anniversary"),
        "festival": QCoreApplication.translate("Reminders", "Festival"),
    }[kind]


class ReminderListDialog(QDialog):
    """What there is to remind of, kind by kind; Enter opens the partner."""

    open_partner = Signal(str)

    def __init__(self, found: ReminderScan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reminders_dialog")
        self.setWindowTitle(QCoreApplication.translate("Reminders", "Reminders"))

        chinese = False
        ctx = getattr(parent, "ctx", None)
        if ctx is not None:
            chinese = ui_language(ctx).startswith("zh")
        self._items = [r for k in reminders.KINDS for r in found.of(k)]
        self.model = QStringListModel([reminder_line(r, chinese) for r in self._items], self)
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.view.activated.connect(self._activated)
        note = QLabel(QCoreApplication.translate(
            "Reminders", "Turn kinds off or snooze them in Settings (Ctrl+,)."))
        theme.set_tone(note, "muted")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(640, 420)

    def _activated(self, index: QModelIndex) -> None:
        r = self._items[index.row()]
        if r.partner_id:
            self.open_partner.emit(r.partner_id)
            self.accept()
