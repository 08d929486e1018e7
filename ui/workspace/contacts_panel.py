"""The partner's contacts (人情: roles, reachability, birthdays, anniversaries, festivals)."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelectionModel, QSortFilterProxyModel, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.errors import ValidationError
from models.store import Store
from ui import theme
from ui.app_context import AppContext
from ui.empty_state import EmptyOr, EmptyState
from ui.operations.meetings import save_contact
from ui.operations.records import delete_record
from ui.validation_text import error_text
from ui.workspace.db_jobs import PartnerTab
from ui.workspace.record_form import lay_out_record_dialog
from ui.workspace.row_table_model import IdRole, RowTableModel, SortRole

_FIELDS = ("name", "role", "phone", "email", "wechat", "birthday", "company_anniversary",
           "festivals", "notes")


class ContactTableModel(RowTableModel):
    def headers(self) -> list[str]:
        return [self.tr("Name"), self.tr("Role"), self.tr("Phone"), self.tr("WeChat"),
                self.tr("Birthday"), self.tr("Anniversary")]

    def display(self, row: dict[str, Any], column: int) -> str:
        key = ("name", "role", "phone", "wechat", "birthday", "company_anniversary")[column]
        return row.get(key) or ""


class ContactDialog(QDialog):
    """Add or edit a contact; a refused value keeps the dialog open with the reason."""

    def __init__(self, ctx: AppContext, partner_id: str, row: dict[str, Any] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._partner_id = partner_id
        self._row = row
        self.saved_id: str | None = None
        self.setWindowTitle(self.tr("Edit contact") if row else self.tr("New contact"))
        self.edits: dict[str, QLineEdit] = {}
        labels_ = {
            "name": self.tr("&Name"), "role": self.tr("&Role"), "phone": self.tr("&Phone"),
            "email": self.tr("&Email"), "wechat": self.tr("&WeChat"),
            "birthday": self.tr("&Birthday"), "company_anniversary": self.tr("Company &anniversary"),
            "festivals": self.tr("&Festivals"), "notes": self.tr("N&otes"),
        }
        form = QFormLayout()
        for name in _FIELDS:
            edit = QLineEdit((row or {}).get(name) or "", self)
            self.edits[name] = edit
            form.addRow(labels_[name], edit)
        for name in ("birthday", "company_anniversary"):
            self.edits[name].setPlaceholderText(self.tr("YYYY-MM-DD"))
        self.edits["festivals"].setPlaceholderText(self.tr("e.g. 春节, 中秋节"))
        self.error_label = QLabel(self)
        theme.set_tone(self.error_label, "error")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        lay_out_record_dialog(self, form, self.error_label)

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()

    @Slot()
    def save(self) -> None:
        values = {name: edit.text() for name, edit in self.edits.items()}
        if not values["name"].strip():
            self.show_error(self.tr("The name must not be empty."))
            self.edits["name"].setFocus()
            return
        partner_id, row = self._partner_id, self._row

        def done(saved: dict[str, Any]) -> None:
            self.saved_id = saved["id"]
            self.accept()

        def failed(exc: BaseException) -> None:
            if isinstance(exc, ValidationError) and exc.field in ("birthday", "company_anniversary"):
                self.show_error(self.tr("Dates are written like 1985-03-08."))
                self.edits[exc.field].setFocus()
            else:
                self.show_error(error_text(exc))

        save_contact(self._ctx, partner_id, None if row is None else row["id"], values,
                     on_done=done, on_error=failed)


class ContactsPanel(PartnerTab):
    """Contacts table with add/edit/delete; a delete is offered back by ``ctx.undo``."""


    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.dialog: ContactDialog | None = None
        self.model = ContactTableModel(self)
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(self.model)
        proxy.setSortRole(SortRole)
        self.proxy = proxy
        self.view = QTableView(self)
        self.view.setAccessibleName(self.tr("Contacts"))
        self.view.setModel(proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.doubleClicked.connect(self.edit_selected)
        add = QPushButton(self.tr("Add contact"), self)
        add.clicked.connect(self.add_contact)
        edit = QPushButton(self.tr("Edit"), self)
        edit.clicked.connect(self.edit_selected)
        delete = QPushButton(self.tr("Delete"), self)
        delete.setToolTip(self.tr("Delete the selected contact (Del); you can undo it"))
        delete.clicked.connect(self.delete_selected)
        for text, key, slot in ((self.tr("Edit contact"), "Return", self.edit_selected),
                                (self.tr("Delete contact"), "Delete", self.delete_selected)):
            act = QAction(text, self)
            act.setShortcut(QKeySequence(key))
            act.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            act.triggered.connect(slot)
            self.view.addAction(act)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(edit)
        buttons.addWidget(delete)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        state = EmptyState("contacts_empty")
        state.add_step("contacts_empty_new", self.add_contact)
        state.set_texts(
            self.tr("No contacts yet"),
            self.tr("The people you deal with at this partner: their role, how to reach "
                    "them and the dates to remember (birthdays, the company's "
                    "anniversary)."),
            {"contacts_empty_new": self.tr("Add a contact…")})
        self.list_or_empty = EmptyOr(self.view, state).watch(proxy)
        #: Tab's way through the panel (the overview puts it after its own controls)
        self.tab_chain = (add, edit, delete, self.view, state.steps["contacts_empty_new"])
        layout.addWidget(self.list_or_empty, 1)

    def _clear_partner(self) -> None:
        self.model.set_rows([])

    def _fetch(self, store: Store, partner_id: str) -> list[dict[str, Any]]:
        return store.for_partner("contact", partner_id, order=["name"])

    def _loaded(self, rows: list[dict[str, Any]]) -> None:
        current = self.current_row()
        self.model.set_rows(rows)
        wanted = self.take_select_request()
        target = wanted or (current or {}).get("id")
        if target:
            self.select(target)

    def current_row(self) -> dict[str, Any] | None:
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        return self.model.row_at(self.model.row_of(index.data(IdRole)))

    def select(self, contact_id: str) -> None:
        """Select a contact (now, or once the next reload brings it)."""
        row = self.model.row_of(contact_id)
        if row < 0:
            self.select_later(contact_id)
        else:
            self.view.selectionModel().setCurrentIndex(
                self.proxy.mapFromSource(self.model.index(row, 0)),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)

    @Slot()
    def add_contact(self) -> None:
        if self._partner_id is not None:
            self._open(ContactDialog(self._ctx, self._partner_id, None, self))

    @Slot()
    def edit_selected(self) -> None:
        row = self.current_row()
        if row is not None and self._partner_id is not None:
            self._open(ContactDialog(self._ctx, self._partner_id, row, self))

    def _open(self, dialog: ContactDialog) -> None:
        self.dialog = dialog

        def finished(_result: int) -> None:
            if dialog.saved_id:
                self.select(dialog.saved_id)
            self.dialog = None
            dialog.deleteLater()

        dialog.finished.connect(finished)
        dialog.open()

    @Slot()
    def delete_selected(self) -> None:
        row = self.current_row()
        if row is None:
            return
        contact_id = row["id"]
        message = self.tr("Contact %1 deleted.").replace("%1", row.get("name") or "")
        delete_record(self._ctx, "contact", contact_id, message)
