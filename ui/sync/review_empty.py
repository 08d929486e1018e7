"""The empty state of the sync's review views (conflicts, refused changes): signed
in, the next step is to sync now; not signed in, to sign in."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, SignalInstance

from ui.empty_state import EmptyState
from ui.services import SyncApi


def review_empty_state(name: str, service: SyncApi, sign_in: SignalInstance) -> EmptyState:
    """An empty state with "Sync now" and "Sign in…" (``sign_in`` is emitted)."""
    state = EmptyState(name)
    state.add_step(f"{name}_sync", service.sync_now)
    state.add_step(f"{name}_sign_in", sign_in.emit)
    return state


def set_review_empty_texts(state: EmptyState, service: SyncApi, heading: str,
                           text: str) -> None:
    """Words the state; shows the step that fits whether this laptop is signed in."""
    name = state.objectName()
    signed_in = service.snapshot.signed_in
    state.steps[f"{name}_sync"].setVisible(signed_in)
    state.steps[f"{name}_sign_in"].setVisible(not signed_in)
    state.set_texts(heading, text, {
        f"{name}_sync": QCoreApplication.translate("SyncReview", "Sync now"),
        f"{name}_sign_in": QCoreApplication.translate("SyncReview", "Sign in…")})
