"""Settings ▸ Calendar and reminders: the visits a day "suggest a week" plans up to,
which kinds of reminder to show, and a snooze. Kept with the profile (its database),
so main.py reminders reads the same choices."""
from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QGroupBox, QLabel, QSpinBox

from models import planning, reminders
from ui.app_context import AppContext
from ui.operations import run
from ui.operations.settings import save_calendar_choices

#: snooze choices, in days (0: not snoozed)
SNOOZE_DAYS = (0, 1, 3, 7)


class CalendarSettingsBox(QGroupBox):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.setObjectName("calendar_settings")
        self.ctx = ctx
        self.per_day = QSpinBox()
        self.per_day.setObjectName("visits_per_day")
        self.per_day.setRange(1, 20)
        self.per_day.setValue(planning.DEFAULT_VISITS_PER_DAY)
        self.kinds = {k: QCheckBox() for k in reminders.KINDS}
        for kind, box in self.kinds.items():
            box.setObjectName(f"remind_{kind}")
            box.setChecked(True)
        self.snooze = QComboBox()
        self.snooze.setObjectName("snooze")
        for days in SNOOZE_DAYS:
            self.snooze.addItem("", days)
        self.snoozed_note = QLabel()
        self.per_day_label = QLabel()
        self.per_day_label.setBuddy(self.per_day)
        self.kinds_label = QLabel()
        self.snooze_label = QLabel()
        self.snooze_label.setBuddy(self.snooze)
        form = QFormLayout(self)
        form.addRow(self.per_day_label, self.per_day)
        form.addRow(self.kinds_label)
        for box in self.kinds.values():
            form.addRow(box)
        form.addRow(self.snooze_label, self.snooze)
        form.addRow(self.snoozed_note)
        self._loaded: tuple[int, reminders.ReminderPrefs] | None = None
        self.retranslate()
        run(ctx, lambda store: (planning.visits_per_day(store), reminders.load_prefs(store)),
            self._arrived)

    def _arrived(self, result: tuple[int, reminders.ReminderPrefs]) -> None:
        self._loaded = result
        per_day, prefs = result
        self.per_day.setValue(per_day)
        for kind, box in self.kinds.items():
            box.setChecked(kind in prefs.enabled)
        if prefs.snoozed(self.ctx.today()):
            self.snoozed_note.setText(self.tr("Snoozed until %1.").replace(
                "%1", prefs.snoozed_until.isoformat()))  # type: ignore[union-attr]

    def save(self) -> None:
        """Store the choices, in the database lane, when they changed."""
        if self._loaded is None:
            return  # never loaded: nothing the user could have changed
        per_day = self.per_day.value()
        days = self.snooze.currentData() or 0
        old = self._loaded[1]
        until = (self.ctx.today() + dt.timedelta(days=days - 1) if days
                 else old.snoozed_until if old.snoozed(self.ctx.today()) else None)
        prefs = reminders.ReminderPrefs(
            frozenset(k for k, box in self.kinds.items() if box.isChecked()), until)
        if (per_day, prefs) == self._loaded:
            return

        save_calendar_choices(self.ctx, per_day, prefs)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Calendar and reminders"))
        self.per_day_label.setText(self.tr("&Visits a day when suggesting a week"))
        self.kinds_label.setText(self.tr("Remind me of:"))
        texts = {
            "response": self.tr("&Response deadlines reached"),
            "chase": self.tr("Partner-owned items to c&hase"),
            "visit": self.tr("Visits &due"),
            "renewal": self.tr("Agreements up for rene&wal"),
            "birthday": self.tr("Contacts' &birthdays"),
            "anniversary": self.tr("Work anni&versaries"),
            "festival": self.tr("&Festivals stored on contacts (春节, 中秋…)"),
        }
        for kind, box in self.kinds.items():
            box.setText(texts[kind])
        self.snooze_label.setText(self.tr("S&nooze notifications"))
        names = {0: self.tr("Not snoozed"), 1: self.tr("For today"),
                 3: self.tr("For 3 days"), 7: self.tr("For a week")}
        for i, days in enumerate(SNOOZE_DAYS):
            self.snooze.setItemText(i, names[days])
