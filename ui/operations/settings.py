"""The profile's own settings (kept in its database, so commands read the same
choices): the calendar's visits a day and the reminders."""
from __future__ import annotations

from typing import TYPE_CHECKING

from models import planning, reminders
from models.store import Store
from ui.operations import OnDone, run

if TYPE_CHECKING:
    from ui.app_context import AppContext


def save_calendar_choices(ctx: AppContext, per_day: int, prefs: reminders.ReminderPrefs,
                          on_done: OnDone = None) -> None:
    """The visits a day "suggest a week" plans up to, and which reminders to show
    (with a snooze), in one transaction."""
    def write(store: Store) -> None:
        with store.transaction():
            store.set_setting(planning.VISITS_PER_DAY_KEY, str(per_day))
            reminders.save_prefs(store, prefs)

    run(ctx, write, on_done)
