"""In the sign-in dialog, when a profile holding demo data was refused by a real
server: the two ways on, as buttons. "Remove demo data…" says what goes and what of
the user's own goes with it, and offers to export their records first (or cancel);
"New empty profile…" opens ChannelKeeper again on a folder the user picks."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QDir, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QMessageBox, QPushButton, QWidget

from ui.services import SyncApi


class DemoChoiceBar(QWidget):
    """Hidden until ``offer()``; ``removed(n)`` once the demo data is gone."""

    removed = Signal(int)
    # words for the dialog's message line
    message = Signal(str)

    def __init__(self, service: SyncApi, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("demo_choices")
        self.service = service
        self.new_profile_button = QPushButton()
        self.new_profile_button.setObjectName("new_empty_profile")
        self.remove_button = QPushButton()
        self.remove_button.setObjectName("remove_demo_data")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.new_profile_button)
        layout.addWidget(self.remove_button)
        layout.addStretch(1)
        self.new_profile_button.clicked.connect(self.new_profile)
        self.remove_button.clicked.connect(self.ask_removal)
        # the question box while it is open (tests answer it)
        self.question_box: QMessageBox | None = None
        # where "export" writes, when set (tests); else a file dialog asks
        self.export_path: str | None = None
        # where "new profile" opens, when set (tests); else a folder dialog asks
        self.new_profile_folder: str | None = None
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        self.new_profile_button.setText(self.tr("New empty profile…"))
        self.remove_button.setText(self.tr("Remove demo data…"))

    def offer(self) -> None:
        self.show()

    # --- a new empty profile -------------------------------------------------------------

    @Slot()
    def new_profile(self) -> bool:
        folder = self.new_profile_folder or QFileDialog.getExistingDirectory(
            self, self.tr("An empty folder for the new profile"), QDir.homePath())
        if not folder:
            return False
        if Path(folder).exists() and any(Path(folder).iterdir()):
            self.message.emit(self.tr("%1 is not empty: choose an empty folder for the new "
                                      "profile.").replace("%1", folder))
            return False
        if not self.service.demo_choices.open_new_profile(folder):
            self.message.emit(self.tr("ChannelKeeper could not be started on %1.").replace("%1", folder))
            return False
        self.message.emit(self.tr("A new ChannelKeeper opens on the empty profile in %1: sign in "
                                  "there. This profile keeps its demo data.").replace("%1", folder))
        return True

    # --- removing the demo data ----------------------------------------------------------

    @Slot()
    def ask_removal(self) -> None:
        self.remove_button.setEnabled(False)
        self.service.demo_choices.question(self._ask, self._failed)

    def _ask(self, contents: Any, words: str) -> None:
        self.remove_button.setEnabled(True)
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Remove demo data"), words, parent=self)
        box.setObjectName("remove_demo_question")
        export = box.addButton(self.tr("Export my records, then remove…"),
                               QMessageBox.ButtonRole.AcceptRole)
        remove = None
        if not contents.lost_total:
            remove = box.addButton(self.tr("Remove demo data"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        self.question_box = box
        box.buttonClicked.connect(lambda button: self._answered(button, export, remove))
        box.open()

    def _answered(self, button: Any, export: Any, remove: Any) -> None:
        self.question_box = None
        if button is export:
            path = self.export_path or QFileDialog.getSaveFileName(
                self, self.tr("Export my records"),
                str(Path(QDir.homePath()) / "my-channelkeeper-records.json"),
                self.tr("JSON files (*.json)"))[0]
            if not path:
                return
            self._remove(path)
        elif remove is not None and button is remove:
            self._remove(None)

    def _remove(self, path: str | None) -> None:
        self.remove_button.setEnabled(False)
        self.service.demo_choices.remove(path, self._done, self._failed)

    def _done(self, n: int) -> None:
        self.hide()
        self.remove_button.setEnabled(True)
        self.message.emit(self.tr("The demo data is removed (%1 records); your own records are "
                                  "kept. Sign in again.").replace("%1", str(n)))
        self.removed.emit(n)

    def _failed(self, exc: BaseException) -> None:
        self.remove_button.setEnabled(True)
        self.message.emit(self.tr("Nothing was removed: %1").replace("%1", str(exc)))
