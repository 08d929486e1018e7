"""Settings: language, appearance and text size, your name and the company logo for review packs, visit cadence per tier.

A new language applies at once: the dialog stores it and emits
``ctx.language_changed``; the app reinstalls its translator, and every widget
retranslates itself on Qt's LanguageChange event. A new appearance or text size
applies at once too (ui/theme.py restyles the running app).
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Slot
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from models.domain import DEFAULT_CADENCE_DAYS, Tier
from models.pack_data import SETTING_MANAGER_NAME
from ui import labels, theme
from ui.app_context import AppContext
from ui.calendar_settings import CalendarSettingsBox
from ui.operations.partners import set_manager_name

LOGO_SUFFIXES = {".png", ".jpg", ".jpeg", ".svg", ".bmp", ".gif"}


class SettingsDialog(QDialog):
    """Edits ``ctx.settings``; nothing is stored until OK."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.cadence_changed = False
        settings = ctx.settings

        self.language = QComboBox()
        self.language.setObjectName("language")
        # language names are written in their own language, as every app does
        self.language.addItem("", "")
        self.language.addItem("English", "en")
        self.language.addItem("简体中文", "zh_CN")
        self.language.setCurrentIndex(max(self.language.findData(settings.language), 0))

        self.appearance = QComboBox()
        self.appearance.setObjectName("appearance")
        for value in theme.MODES:
            self.appearance.addItem(theme.icon({"system": "settings", "light": "sun",
                                                "dark": "moon"}[value]), "", value)
        self.appearance.setCurrentIndex(max(self.appearance.findData(settings.appearance), 0))
        self.font_size = QSpinBox()
        self.font_size.setObjectName("font_size")
        # 0 is "follow the system" (its special-value text); else 8-24 points
        self.font_size.setRange(theme.MIN_FONT_PT - 1, theme.MAX_FONT_PT)
        self.font_size.setValue(settings.font_size or theme.MIN_FONT_PT - 1)

        self.cadence: dict[str, QSpinBox] = {}
        self.cadence_box = QGroupBox()
        cadence_form = QFormLayout(self.cadence_box)
        self._cadence_labels: dict[str, QLabel] = {}
        current = settings.cadence()
        for tier in Tier:
            spin = QSpinBox()
            spin.setObjectName(f"cadence_{tier.value}")
            spin.setRange(1, 365)
            spin.setValue(current[tier.value])
            self.cadence[tier.value] = spin
            label = QLabel()
            label.setBuddy(spin)
            self._cadence_labels[tier.value] = label
            cadence_form.addRow(label, spin)
        self.reset_cadence = QPushButton()
        self.reset_cadence.clicked.connect(self._reset_cadence)
        cadence_form.addRow(self.reset_cadence)

        self.logo_box = QGroupBox()
        self.logo_path = QLineEdit(settings.logo_path)
        self.logo_path.setObjectName("logo_path")
        self.logo_path.textChanged.connect(self._check_logo)
        self.browse = QPushButton()
        self.browse.clicked.connect(self._browse_logo)
        self.logo_preview = QLabel()
        self.logo_preview.setFixedHeight(48)
        self.logo_error = QLabel()
        theme.set_tone(self.logo_error, "error")
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_path, 1)
        logo_row.addWidget(self.browse)
        logo_layout = QVBoxLayout(self.logo_box)
        logo_layout.addLayout(logo_row)
        logo_layout.addWidget(self.logo_preview)
        logo_layout.addWidget(self.logo_error)

        # the manager's name printed on review packs lives in the profile's database
        self.manager_name = QLineEdit()
        self.manager_name.setObjectName("manager_name")
        self._manager_name_loaded = ""
        ctx.run_db(lambda store: store.get_setting(SETTING_MANAGER_NAME) or "",
                   on_done=self._manager_name_arrived)

        self.language_label = QLabel()
        self.language_label.setBuddy(self.language)
        self.manager_label = QLabel()
        self.manager_label.setBuddy(self.manager_name)
        self.appearance_label = QLabel()
        self.appearance_label.setBuddy(self.appearance)
        self.font_size_label = QLabel()
        self.font_size_label.setBuddy(self.font_size)
        top = QFormLayout()
        top.addRow(self.language_label, self.language)
        top.addRow(self.appearance_label, self.appearance)
        top.addRow(self.font_size_label, self.font_size)
        top.addRow(self.manager_label, self.manager_name)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.cadence_box)
        layout.addWidget(self.logo_box)
        self.calendar_box = CalendarSettingsBox(ctx)
        layout.addWidget(self.calendar_box)
        layout.addWidget(self.buttons)
        self.retranslate()
        self._check_logo()

    def retranslate(self) -> None:
        self.calendar_box.retranslate()
        self.setWindowTitle(self.tr("Settings"))
        self.language_label.setText(self.tr("&Language"))
        self.language.setItemText(0, self.tr("Follow the system"))
        self.appearance_label.setText(self.tr("A&ppearance"))
        for index, text in enumerate((self.tr("Follow the system"), self.tr("Light"),
                                      self.tr("Dark"))):
            self.appearance.setItemText(index, text)
        self.font_size_label.setText(self.tr("&Text size"))
        self.font_size.setSpecialValueText(self.tr("Follow the system (%1 pt)").replace(
            "%1", f"{theme.system_font_pt():g}"))
        self.font_size.setSuffix(self.tr(" pt"))
        self.manager_label.setText(self.tr("Your &name"))
        self.manager_name.setPlaceholderText(self.tr("Printed on review packs"))
        self.cadence_box.setTitle(self.tr("Visit cadence (days between visits)"))
        for tier, label in self._cadence_labels.items():
            label.setText(labels.tier_label(tier))
        for spin in self.cadence.values():
            spin.setSuffix(self.tr(" days"))
        self.reset_cadence.setText(self.tr("Reset to the recommended cadence"))
        self.logo_box.setTitle(self.tr("Company logo on review packs"))
        self.logo_path.setPlaceholderText(self.tr("No logo"))
        self.browse.setText(self.tr("Choose…"))
        self._check_logo()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _manager_name_arrived(self, name: str) -> None:
        self._manager_name_loaded = name
        if not self.manager_name.isModified():  # never overwrite what the user typed
            self.manager_name.setText(name)

    @Slot()
    def _reset_cadence(self) -> None:
        for tier, spin in self.cadence.items():
            spin.setValue(DEFAULT_CADENCE_DAYS[tier])

    @Slot()
    def _browse_logo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Company logo"), str(Path(self.logo_path.text()).parent),
            self.tr("Images (*.png *.jpg *.jpeg *.svg *.bmp *.gif)"))
        if path:
            self.logo_path.setText(path)

    def logo_problem(self) -> str:
        """Why the chosen logo cannot be used ("" when it can, or none is chosen)."""
        text = self.logo_path.text().strip()
        if not text:
            return ""
        path = Path(text)
        if not path.is_file():
            return self.tr("This file does not exist.")
        if path.suffix.lower() not in LOGO_SUFFIXES:
            return self.tr("Choose a PNG, JPEG, SVG, BMP or GIF image.")
        return ""

    @Slot()
    def _check_logo(self) -> None:
        problem = self.logo_problem()
        self.logo_error.setText(problem)
        self.logo_error.setVisible(bool(problem))
        text = self.logo_path.text().strip()
        pixmap = QPixmap(text) if text and not problem else QPixmap()
        if pixmap.isNull():
            self.logo_preview.clear()
        else:
            self.logo_preview.setPixmap(pixmap.scaledToHeight(48))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)

    def accept(self) -> None:
        if self.logo_problem():
            return
        settings = self.ctx.settings
        cadence = {tier: spin.value() for tier, spin in self.cadence.items()}
        cadence_changed = cadence != settings.cadence()
        settings.set_cadence(cadence)
        settings.logo_path = self.logo_path.text().strip()
        language = self.language.currentData() or ""
        language_changed = language != settings.language
        settings.language = language
        appearance = self.appearance.currentData() or "system"
        font_size = self.font_size.value() if self.font_size.value() >= theme.MIN_FONT_PT else 0
        appearance_changed = (appearance, font_size) != (settings.appearance, settings.font_size)
        settings.appearance = appearance
        settings.font_size = font_size
        self.calendar_box.save()
        name = self.manager_name.text().strip()
        if name != self._manager_name_loaded:
            set_manager_name(self.ctx, name)
        self.cadence_changed = cadence_changed  # read by whoever handles accepted()
        super().accept()
        if language_changed:
            self.ctx.language_changed.emit(language)
        if appearance_changed:
            theme.apply(appearance, font_size)
        if cadence_changed:
            self.ctx.status_message.emit(self.tr("Visit cadence updated."))
