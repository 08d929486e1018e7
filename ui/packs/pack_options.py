"""The pack's choices as a row of combo boxes: audience, template, pack language, paper."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Signal, Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from models.printing.pack_options import AUTO_LANGUAGE, PackOptions


class OptionsBar(QWidget):
    """``changed`` fires when any choice changes; ``options()`` reads them."""

    changed = Signal()

    def __init__(self, options: PackOptions | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        options = options or PackOptions()
        # first: who the pack is for decides what it may show
        self.audience = QComboBox()
        self.audience.setObjectName("pack_audience")
        self.audience.addItem("", "partner")
        self.audience.addItem("", "internal")
        self.template = QComboBox()
        self.template.setObjectName("pack_template")
        self.template.addItem("", "full")
        self.template.addItem("", "summary")
        self.language = QComboBox()
        self.language.setObjectName("pack_language")
        # a language's name is written in that language, whatever the UI's language
        self.language.addItem("", AUTO_LANGUAGE)
        self.language.addItem("简体中文", "zh_CN")
        self.language.addItem("English", "en")
        self.paper = QComboBox()
        self.paper.setObjectName("pack_paper")
        self.paper.addItem("A4", "a4")
        self.paper.addItem("Letter", "letter")
        self.audience_label = QLabel()
        self.audience_label.setBuddy(self.audience)
        self.template_label = QLabel()
        self.template_label.setBuddy(self.template)
        self.language_label = QLabel()
        self.language_label.setBuddy(self.language)
        self.paper_label = QLabel()
        self.paper_label.setBuddy(self.paper)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for label, combo in ((self.audience_label, self.audience),
                             (self.template_label, self.template),
                             (self.language_label, self.language),
                             (self.paper_label, self.paper)):
            layout.addWidget(label)
            layout.addWidget(combo)
        self.set_options(options)
        for combo in (self.audience, self.template, self.language, self.paper):
            combo.currentIndexChanged.connect(self._changed)
        self.retranslate()

    def retranslate(self) -> None:
        self.audience_label.setText(self.tr("&For:"))
        self.audience.setItemText(0, self.tr("The partner (shared facts)"))
        self.audience.setItemText(1, self.tr("Internal (with warning signs and scores)"))
        self.audience.setToolTip(self.tr(
            "A partner copy is left on the partner's table: terms, KPIs, decisions, both "
            "sides' action items and next steps. The internal copy adds warning signs, "
            "cadence, response times, review scores and note lines marked internal."))
        self.template_label.setText(self.tr("&Template:"))
        self.template.setItemText(0, self.tr("Full pack"))
        self.template.setItemText(1, self.tr("One-page summary"))
        self.language_label.setText(self.tr("Pack &language:"))
        self.language.setItemText(0, self.tr("The partner's language"))
        self.language.setToolTip(self.tr(
            "The pack's language, independent of the app's: by default the language the "
            "partner prefers (set in the partner's details), else Chinese"))
        self.paper_label.setText(self.tr("Pape&r:"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def options(self) -> PackOptions:
        return PackOptions(self.template.currentData(), self.language.currentData(),
                           self.paper.currentData(), self.audience.currentData())

    def set_options(self, options: PackOptions) -> None:
        for combo, value in ((self.audience, options.audience),
                             (self.template, options.template), (self.language, options.language),
                             (self.paper, options.paper)):
            combo.setCurrentIndex(max(combo.findData(value), 0))

    @Slot()
    def _changed(self) -> None:
        self.changed.emit()
