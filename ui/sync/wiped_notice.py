"""What the app says when head office reported this laptop lost (remote wipe): the
changes it could send were sent, then the profile's data and sign-in were erased."""
from __future__ import annotations

from PySide6.QtWidgets import QMessageBox


class WipedNotice(QMessageBox):
    """A window of its own (the main window closes behind it); the app ends with it."""

    def __init__(self, folder: str) -> None:
        super().__init__(QMessageBox.Icon.Warning, self.tr("This computer was reported lost"),
                         self.tr("Head office reported this computer lost. ChannelKeeper sent the "
                                 "changes it still could, then erased this profile's partners, "
                                 "notes and sign-in from this computer (%1).").replace("%1", folder))
        self.setObjectName("wiped_notice")
        self.setStandardButtons(QMessageBox.StandardButton.Ok)
        self.setInformativeText(self.tr("Erasing…"))

    def set_result(self, erased: bool, told: bool) -> None:
        """Whether everything is gone, and whether the server knows."""
        lines = [self.tr("The data is erased.") if erased else self.tr(
            "Some files could not be removed: see the log, and delete the profile folder.")]
        lines.append(self.tr("Head office has been told.") if told else self.tr(
            "Head office could not be told; it still shows the wipe as requested."))
        lines.append(self.tr("Sign in again on a laptop you use to get your partners back."))
        self.setInformativeText("\n".join(lines))
