"""The Reviews tab (复盘): start a review from a template, fill it in with a live score
(autosaved as a checklist run), and compare previous runs side by side."""
from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from models import templates
from models.store import Store
from models.workspace import partner_reviews
from ui.app_context import AppContext
from ui.empty_state import EmptyOr, EmptyState
from ui.operations.meetings import create_review
from ui.operations.records import delete_record
from ui.workspace.autosave import Autosaver, SaveIndicator
from ui.workspace.checklist_form import ChecklistForm
from ui.workspace.db_jobs import PartnerTab
from ui.workspace.run_comparison_model import RunComparisonModel, template_name
from ui.workspace.ui_language import ui_language


class ReviewsTab(PartnerTab):

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._templates: dict[str, dict[str, Any]] = {}
        self._runs: list[dict[str, Any]] = []
        self._run: dict[str, Any] | None = None
        self.saver = Autosaver(ctx, "checklist_run", self)

        self.template_combo = QComboBox(self)
        self.template_combo.setToolTip(self.tr("Template for a new review; the one for the "
                                               "partner's tier comes first"))
        self.new_button = QPushButton(self.tr("New review"), self)
        self.new_button.clicked.connect(self.new_review)
        self.run_combo = QComboBox(self)
        self.run_combo.setToolTip(self.tr("Open a previous review"))
        self.run_combo.setAccessibleName(self.tr("Open a previous review"))
        self.template_combo.setAccessibleName(self.tr("Template"))
        self.run_combo.activated.connect(self._run_picked)
        self.delete_button = QPushButton(self.tr("Delete"), self)
        self.delete_button.setToolTip(self.tr("Delete this review; you can undo it"))
        self.delete_button.clicked.connect(self.delete_current)
        self.score_label = QLabel(self)
        self.completion_bar = QProgressBar(self)
        self.completion_bar.setRange(0, 100)
        self.completion_bar.setFormat(self.tr("%p% complete"))
        self.completion_bar.setFixedWidth(180)
        self.indicator = SaveIndicator(self.saver, self)
        self.form = ChecklistForm(self)
        self.form.answers_changed.connect(self._answers_changed)
        self.comparison = RunComparisonModel(self)
        self.compare_view = QTableView(self)
        self.compare_view.setAccessibleName(self.tr("Previous reviews side by side"))
        self.compare_view.setModel(self.comparison)
        self.compare_view.setWordWrap(True)
        self.compare_view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.compare_view.verticalHeader().setMaximumWidth(420)
        self.compare_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Template"), self))
        top.addWidget(self.template_combo, 1)
        top.addWidget(self.new_button)
        top.addSpacing(16)
        top.addWidget(QLabel(self.tr("Review"), self))
        top.addWidget(self.run_combo, 1)
        top.addWidget(self.delete_button)
        status = QHBoxLayout()
        status.addWidget(self.score_label)
        status.addWidget(self.completion_bar)
        status.addStretch(1)
        status.addWidget(self.indicator)
        self.pages = QTabWidget(self)
        self.pages.addTab(self.form, self.tr("Checklist"))
        self.pages.addTab(self.compare_view, self.tr("Compare reviews"))
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(status)
        state = EmptyState("reviews_empty")
        state.add_step("reviews_empty_new", self.new_review)
        state.set_texts(
            self.tr("No reviews of this partner yet"),
            self.tr("A review walks through a checklist with the partner and scores it "
                    "(the template for the partner's tier comes first); past reviews "
                    "then sit side by side. Choose a template above and start the first "
                    "review."),
            {"reviews_empty_new": self.tr("Start a review")})
        self.pages_or_empty = EmptyOr(self.pages, state)
        layout.addWidget(self.pages_or_empty, 1)
        self._show_run(None)

    # --- loading ---------------------------------------------------------------------------

    def _clear_partner(self) -> None:
        self._runs = []
        self._show_run(None)

    def _fetch(self, store: Store, partner_id: str) -> dict[str, Any]:
        return partner_reviews(store, partner_id)

    def _loaded(self, data: dict[str, Any]) -> None:
        lang = ui_language(self._ctx)
        tier = data["tier"]
        self._templates = {t["id"]: t for t in data["templates"]}
        ordered = sorted(data["templates"], key=lambda t: (t.get("tier") != tier, t.get("tier") is not None,
                                                          t.get("name") or ""))
        chosen = self.template_combo.currentData()
        self.template_combo.clear()
        for t in ordered:
            if t.get("tier") in (None, tier):
                self.template_combo.addItem(template_name(t, lang), t["id"])
        if chosen and self.template_combo.findData(chosen) >= 0:
            self.template_combo.setCurrentIndex(self.template_combo.findData(chosen))
        self._runs = data["runs"]
        current = self.take_select_request() or (self._run or {}).get("id")
        self.run_combo.clear()
        for run in self._runs:
            score = "—" if run.get("score") is None else f"{run['score']:g}"
            tpl = self._templates.get(run["template_id"])
            name = template_name(tpl, lang) if tpl else ""
            self.run_combo.addItem(f"{run['performed_on']} · {name} · {score}", run["id"])
        self.comparison.set_runs([dict(r) for r in self._runs], self._templates, lang)
        target = next((r for r in self._runs if r["id"] == current), None)
        if target is None and self._runs and self._run is None:
            target = self._runs[0]
        if target is not None:
            self.run_combo.setCurrentIndex(self.run_combo.findData(target["id"]))
            if (self._run or {}).get("id") != target["id"]:
                self._show_run(target)
        elif self._run is not None:
            self._show_run(None)  # deleted meanwhile
        self.pages_or_empty.set_empty(self._run is None and not self._runs)

    def current_run_id(self) -> str | None:
        return (self._run or {}).get("id")

    @Slot(int)
    def _run_picked(self, index: int) -> None:
        run_id = self.run_combo.itemData(index)
        run = next((r for r in self._runs if r["id"] == run_id), None)
        if run is not None and run_id != self.current_run_id():
            self._show_run(run)

    def _show_run(self, run: dict[str, Any] | None) -> None:
        self.saver.set_record(run["id"] if run else None)
        self._run = dict(run) if run else None
        tpl = self._templates.get(run["template_id"]) if run else None
        self.form.setEnabled(tpl is not None)
        self.delete_button.setEnabled(run is not None)
        self.pages_or_empty.set_empty(run is None and not self._runs)
        if tpl is None:
            self.form.set_template([], "en")
            self.score_label.setText(self.tr("Start a new review or open a previous one."))
            self.completion_bar.setValue(0)
            return
        self.form.set_template(templates.walked_sections(tpl["sections"], run.get("stage")),
                               ui_language(self._ctx))
        self.form.set_answers(run.get("answers"))
        self._show_score(run.get("score"), run.get("completion") or 0.0)
        self.indicator.record_changed()

    def _show_score(self, score: float | None, completion: float) -> None:
        text = "—" if score is None else f"{score:g}"
        self.score_label.setText(self.tr("Score: %1 / 100").replace("%1", text))
        self.completion_bar.setValue(round(100 * completion))

    # --- editing ---------------------------------------------------------------------------

    @Slot(dict)
    def _answers_changed(self, answers: dict[str, Any]) -> None:
        if self._run is None:
            return
        tpl = self._templates[self._run["template_id"]]
        score, completion = templates.score_run(tpl["sections"], answers, self._run.get("stage"))
        self._show_score(score, completion)
        self._run.update(answers=json.dumps(answers, ensure_ascii=False), score=score,
                         completion=completion)
        # the comparison shows the run being filled live, not as of the last save
        self._runs = [dict(self._run) if r["id"] == self._run["id"] else r for r in self._runs]
        self.comparison.set_runs([dict(r) for r in self._runs], self._templates,
                                 ui_language(self._ctx))
        self.saver.edit({"answers": answers, "score": score, "completion": completion})

    @Slot()
    def new_review(self) -> None:
        template_id = self.template_combo.currentData()
        partner_id = self._partner_id
        if partner_id is None or template_id is None:
            return
        today = self._ctx.today()

        def created(row: dict[str, Any]) -> None:
            self.select_later(row["id"])
            self._runs.insert(0, row)
            self._show_run(row)
            self.pages.setCurrentWidget(self.form)
            first = next(iter(self.form.answer_widgets.values()), None)
            if first is not None:
                first.setFocus()

        create_review(self._ctx, partner_id, template_id, today, on_done=created)

    @Slot()
    def delete_current(self) -> None:
        if self._run is None:
            return
        run_id = self._run["id"]
        self.saver.flush_now()
        message = self.tr("Review of %1 deleted.").replace("%1", self._run.get("performed_on") or "")
        self._show_run(None)
        delete_record(self._ctx, "checklist_run", run_id, message)

    def flush(self) -> bool:
        return self.saver.flush_now()
