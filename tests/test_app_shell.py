"""The app shell end to end: a real profile on disk, the real main window offscreen."""
from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path

import pytest
import sqlite_utils
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QMessageBox

from desktop import app as desktop_app
from desktop.paths import Profile
from desktop.profile_lock import ProfileLock
from models.store import Store
from tests.keys import open_test_database
from ui.main_window import PAGE_PARTNERS, PAGE_TODAY, PAGE_WORKSPACE

TODAY = dt.date(2026, 11, 27)


def seed(profile: Profile) -> dict[str, dict]:
    """Four partners of different tiers, stages, regions and visit states, on the books
    since January (the cadence of a partner never met counts from its creation)."""
    store = Store(open_test_database(profile.database), clock=lambda: "2026-01-05 09:00:00")
    try:
        east = store.create_partner(name_zh="华东渠道分销商", name_en="East China Distribution",
                                    tier="core", stage="mature", region="华东")
        tech = store.create_partner(name_zh="深圳新兴科技", name_en="Shenzhen Emerging Tech",
                                    tier="emerging", stage="intro", region="华南")
        north = store.create_partner(name_en="Northern Strategic Partners", tier="strategic",
                                     stage="advanced", region="华北")
        chengdu = store.create_partner(name_zh="成都普通分销", tier="ordinary",
                                       stage="running_in", region="西南")
        for p, day in ((east, "2026-11-20"), (tech, "2026-11-01"), (north, "2026-11-25")):
            store.create("meeting", {"partner_id": p["id"], "type": "visit", "status": "held",
                                     "starts_at": f"{day} 10:00", "notes": "讨论返点政策"})
        store.create_action_item(partner_id=tech["id"], title="提交联合活动方案",
                                 opened_on="2026-11-01")
    finally:
        store.db.conn.close()
    return {"east": east, "tech": tech, "north": north, "chengdu": chengdu}


@pytest.fixture
def errors(monkeypatch) -> list[tuple[str, str]]:
    """QMessageBox.critical calls of the app (a blocking box has no place in tests)."""
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "critical",
                        staticmethod(lambda parent, title, text, *a: shown.append((title, text))))
    return shown


def open_window(qtbot, profile: Profile):
    desktop_app.create_app([])
    window = desktop_app.open_main_window(profile, offer_demo=False, today=lambda: TODAY)
    assert window is not None
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.is_ready, timeout=10000)
    return window


@contextlib.contextmanager
def shown_window(qtbot, profile: Profile, size: tuple[int, int] = (1366, 768)):
    """The seeded profile's window shown at a laptop's size (``window.seeded``: the
    partners by key); on the way out, dialogs left open are rejected and it closes."""
    partners = seed(profile)
    w = open_window(qtbot, profile)
    w.seeded = partners
    w.resize(*size)
    w.show()
    qtbot.waitExposed(w)
    yield w
    for top in QApplication.topLevelWidgets():
        if isinstance(top, QDialog) and top.isVisible():
            top.reject()
    w.close()


@pytest.fixture
def window(qtbot, profile):
    partners = seed(profile)
    w = open_window(qtbot, profile)
    w.seeded = partners
    yield w
    w.close()


def db_rows(window, sql: str, params=()) -> list[dict]:
    return window.ctx.call_db(lambda s: s.query(sql, params))


def type_text(widget, text: str) -> None:
    """Chinese arrives from the input method as committed text (QTest.keyClicks only
    knows ASCII keys), so type it the way an IME delivers it."""
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def press(qtbot, window, key, modifiers=Qt.KeyboardModifier.ControlModifier) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    QTest.keyClick(window, key, modifiers)


# --- opening and closing ---------------------------------------------------------------------


def test_window_opens_loads_and_closes_releasing_the_profile(qtbot, profile):
    seed(profile)
    desktop_app.create_app([])
    session = desktop_app.open_session(profile, offer_demo=False, today=lambda: TODAY)
    window = session.window
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.is_ready, timeout=10000)
    assert window.partners.model.rowCount() == 4
    assert window.current_page() == PAGE_TODAY
    assert [window.nav.item(i).text() for i in range(3)] == [
        "Today", "Partners", "Partner workspace"]
    window.close()
    assert session.closed
    # the lock is released and the geometry remembered
    ProfileLock(profile.lock_file).acquire().release()
    from desktop.settings import Settings

    assert Settings(profile.settings_file).window_geometry is not None


def test_old_start_up_snapshots_beside_the_database_are_removed(qtbot, profile):
    """Earlier versions kept the partner list in cache/ to start faster: the next start
    removes it, and opens the profile as usual."""
    seed(profile)
    profile.cache_dir.mkdir(parents=True, exist_ok=True)
    old = [profile.cache_dir / "start-snapshot-2026-11-27.bin",
           profile.cache_dir / "start-snapshot-2026-11-28.bin.4242.tmp"]
    for path in old:
        path.write_bytes(b"marshalled partner names")
    other = profile.cache_dir / "keep-me.txt"
    other.write_text("not ours to remove", encoding="utf-8")
    window = open_window(qtbot, profile)
    assert window.partners.model.rowCount() == 4
    assert not any(path.exists() for path in old)
    assert other.exists()
    window.close()


def test_corrupt_database_gives_a_clear_message_and_stays_untouched(qtbot, profile, errors):
    seed(profile)  # a profile with its key, whose file then became something else
    junk = b"this is not a database, but someone's notes\n" * 100
    profile.database.write_bytes(junk)
    for log in profile.root.glob("channelkeeper.db-*"):
        log.unlink()
    desktop_app.create_app([])
    assert desktop_app.open_main_window(profile, offer_demo=False) is None
    assert len(errors) == 1
    title, text = errors[0]
    assert title == "Database cannot be opened"
    assert "damaged or is not a ChannelKeeper database" in text
    assert str(profile.database) in text
    assert profile.database.read_bytes() == junk
    assert list(profile.root.glob("backups/*")) == []
    ProfileLock(profile.lock_file).acquire().release()  # the lock was given back


def test_profile_open_elsewhere_gives_a_clear_message(qtbot, profile, errors):
    seed(profile)
    before = profile.database.read_bytes()
    other = ProfileLock(profile.lock_file).acquire()  # "another ChannelKeeper"
    try:
        desktop_app.create_app([])
        assert desktop_app.open_main_window(profile, offer_demo=False) is None
    finally:
        other.release()
    assert errors[0][0] == "ChannelKeeper is already open"
    assert "already open in another ChannelKeeper window" in errors[0][1]
    assert profile.database.read_bytes() == before


def test_database_from_a_newer_version_is_refused(qtbot, profile, errors):
    seed(profile)
    store = Store(open_test_database(profile.database))
    db = sqlite_utils.Database(store.db.conn)  # its table helpers, over the same connection
    table = next(t for t in db.table_names() if "migration" in t)
    row = store.query(f"SELECT * FROM [{table}] LIMIT 1")[0]
    row.pop("id", None)
    db[table].insert({**row, "name": "9999_from_the_future"})
    store.db.conn.close()
    before = profile.database.read_bytes()
    desktop_app.create_app([])
    assert desktop_app.open_main_window(profile, offer_demo=False) is None
    assert errors[0][0] == "Newer database"
    assert profile.database.read_bytes() == before


# --- partners: create, edit, delete ------------------------------------------------------------


def test_create_partner_through_the_dialog(qtbot, window):
    press(qtbot, window, Qt.Key.Key_N,
          Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = window.partner_dialog
    assert dialog.isVisible()
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    # empty names: an inline message, nothing saved
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert dialog.errors["name_zh"].isVisible()
    assert "Chinese or an English name" in dialog.errors["name_zh"].text()
    assert dialog.isVisible()
    # a bad number: the store's ValidationError lands under its field
    type_text(dialog.inputs["name_zh"], "西安新丝路商贸")
    QTest.keyClicks(dialog.inputs["revenue_share"], "twelve")
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.errors["revenue_share"].isVisible(), timeout=5000)
    assert not dialog.errors["name_zh"].isVisible()
    assert db_rows(window, "SELECT * FROM partners WHERE name_zh = '西安新丝路商贸'") == []
    dialog.inputs["revenue_share"].setText("12.5")
    dialog.inputs["tier"].setCurrentIndex(dialog.inputs["tier"].findData("strategic"))
    dialog.inputs["region"].setText("西北")
    assert dialog.inputs["language"].currentData() == ""  # not set: the app's language
    dialog.inputs["language"].setCurrentIndex(dialog.inputs["language"].findData("en"))
    with qtbot.waitSignal(dialog.saved, timeout=5000) as saved:
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    row = saved.args[0]
    stored = db_rows(window, "SELECT * FROM partners WHERE id = ?", [row["id"]])[0]
    assert (stored["name_zh"], stored["tier"], stored["region"], stored["revenue_share"]) == (
        "西安新丝路商贸", "strategic", "西北", 12.5)
    assert stored["language"] == "en"
    assert window.current_page() == PAGE_WORKSPACE
    assert window.workspace.current_partner_id() == row["id"]
    qtbot.waitUntil(lambda: window.partners.model.row_of(row["id"]) >= 0, timeout=5000)


def test_cancelling_an_edit_keeps_the_saved_partner(qtbot, window, monkeypatch):
    east = window.seeded["east"]
    dialog = window.edit_partner(east["id"])
    qtbot.waitUntil(dialog.isEnabled, timeout=5000)
    assert dialog.inputs["name_zh"].text() == "华东渠道分销商"
    dialog.inputs["name_zh"].setText("改了一半的名字")
    asked = []
    monkeypatch.setattr("ui.partner_dialog.QMessageBox.question",
                        lambda *a, **k: asked.append(a) or QMessageBox.StandardButton.Discard)
    dialog.reject()
    assert asked  # unsaved edits are not thrown away without asking
    assert not dialog.isVisible()
    window.ctx.wait_idle()
    assert db_rows(window, "SELECT name_zh FROM partners WHERE id = ?", [east["id"]]) == [
        {"name_zh": "华东渠道分销商"}]


def test_delete_partner_asks_then_offers_undo(qtbot, window, monkeypatch):
    chengdu = window.seeded["chengdu"]
    window.show_page(PAGE_PARTNERS)
    assert window.partners.select_partner(chengdu["id"])
    monkeypatch.setattr("ui.partner_dialog.QMessageBox.question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.menus.act_delete_partner.trigger()
    qtbot.waitUntil(lambda: window.undo_button.isVisible(), timeout=5000)
    assert "成都普通分销" in window.undo_button.text()
    qtbot.waitUntil(lambda: window.partners.model.row_of(chengdu["id"]) < 0, timeout=5000)
    qtbot.mouseClick(window.undo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.partners.model.row_of(chengdu["id"]) >= 0, timeout=5000)
    assert not window.undo_button.isVisible()
    assert db_rows(window, "SELECT deleted FROM partners WHERE id = ?", [chengdu["id"]]) == [
        {"deleted": 0}]


# --- filtering -----------------------------------------------------------------------------------


def test_filter_partners_by_combos_and_text(qtbot, window):
    view = window.partners
    ids = {k: v["id"] for k, v in window.seeded.items()}

    def visible() -> set[str]:
        return set(view.visible_partner_ids())

    view.set_combo_filter("tier", "emerging")
    assert visible() == {ids["tech"]}
    view.set_combo_filter("tier", "")
    view.set_combo_filter("stage", "advanced")
    assert visible() == {ids["north"]}
    view.set_combo_filter("stage", "")
    view.set_combo_filter("region", "西南")
    assert visible() == {ids["chengdu"]}
    view.set_combo_filter("region", "")
    view.set_combo_filter("visit_status", "overdue")  # never met, and met 26 days ago (21)
    assert visible() == {ids["chengdu"], ids["tech"]}
    view.set_combo_filter("visit_status", "")
    view.set_filter_text("分销")
    assert visible() == {ids["east"], ids["chengdu"]}
    assert view.count_label.text() == "Partners shown: 2 of 4"
    view.set_filter_text("northern STRAT")
    assert visible() == {ids["north"]}
    view.set_filter_text("")
    assert len(visible()) == 4
    assert view.count_label.text() == "Partners: 4"


def test_typing_in_the_filter_box_filters(qtbot, window):
    window.show_page(PAGE_PARTNERS)
    QTest.keyClicks(window.partners.search, "shenzhen")
    assert window.partners.visible_partner_ids() == [window.seeded["tech"]["id"]]


# --- search and navigation -----------------------------------------------------------------------


def test_ctrl_k_finds_a_two_character_chinese_word_and_opens_the_partner(qtbot, window):
    press(qtbot, window, Qt.Key.Key_K)
    dialog = window.search_dialog
    assert dialog.isVisible()
    type_text(dialog.input, "分销")
    qtbot.waitUntil(lambda: dialog.is_settled() and dialog.model.rowCount() > 0, timeout=5000)
    found = {dialog.model.result(r).entity_id for r in range(dialog.model.rowCount())}
    assert found == {window.seeded["east"]["id"], window.seeded["chengdu"]["id"]}
    first = dialog.model.result(0)
    QTest.keyClick(dialog.input, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert window.current_page() == PAGE_WORKSPACE
    assert window.workspace.current_partner_id() == first.partner_id


def test_search_hit_on_a_meeting_points_the_workspace_at_it(qtbot, window, monkeypatch):
    shown = []
    monkeypatch.setattr(window.workspace, "show_record", lambda e, i: shown.append((e, i)))
    dialog = window.show_search()
    type_text(dialog.input, "返点")  # in the meeting notes
    qtbot.waitUntil(lambda: dialog.is_settled() and dialog.model.rowCount() == 3, timeout=5000)
    hit = dialog.model.result(0)
    assert hit.entity == "meeting"
    dialog.view.setCurrentIndex(dialog.model.index(0, 0))
    QTest.keyClick(dialog.input, Qt.Key.Key_Return)
    assert window.workspace.current_partner_id() == hit.partner_id
    assert shown == [("meeting", hit.entity_id)]


def test_search_says_when_records_still_wait_for_the_index(qtbot, window):
    east = window.seeded["east"]
    # a first sync's record, applied without indexing (the search backlog)
    window.ctx.call_db(lambda s: s.apply_remote_many("meeting", [(
        {"id": "c0ffee00-0000-4000-8000-000000000001", "partner_id": east["id"],
         "type": "visit", "starts_at": "2026-11-02 10:00", "notes": "联合促销方案"}, 7)],
        index=False))
    dialog = window.show_search()
    type_text(dialog.input, "促销")
    qtbot.waitUntil(dialog.is_settled, timeout=5000)
    assert dialog.model.rowCount() == 0
    assert "still being prepared" in dialog.status.text()
    window.ctx.call_db(lambda s: s.index_backlog())
    dialog.input.setText("促销方案")
    qtbot.waitUntil(lambda: dialog.is_settled() and dialog.model.rowCount() == 1, timeout=5000)
    assert "still being prepared" not in dialog.status.text()


def test_stale_search_answers_are_dropped(qtbot, window):
    dialog = window.show_search()
    dialog.input.setText("华东")
    dialog._run()  # answer for 华东 is on its way…
    dialog.input.setText("深圳")  # …but the user typed on
    qtbot.waitUntil(lambda: dialog.is_settled() and dialog.model.rowCount() == 1, timeout=5000)
    assert dialog.model.result(0).entity_id == window.seeded["tech"]["id"]


def test_navigation_shortcuts(qtbot, window):
    press(qtbot, window, Qt.Key.Key_2)
    assert window.current_page() == PAGE_PARTNERS
    press(qtbot, window, Qt.Key.Key_3)  # no partner open yet: stays, says why
    assert window.current_page() == PAGE_PARTNERS
    assert "No partner is open" in window.statusBar().currentMessage()
    window.open_partner(window.seeded["east"]["id"])
    press(qtbot, window, Qt.Key.Key_1)
    assert window.current_page() == PAGE_TODAY
    press(qtbot, window, Qt.Key.Key_3)
    assert window.current_page() == PAGE_WORKSPACE


def test_new_meeting_without_an_open_partner_asks_which(qtbot, window, monkeypatch):
    calls = []
    monkeypatch.setattr(window.workspace, "new_meeting", lambda: calls.append("meeting"))
    window.menus.act_new_meeting.trigger()  # the QAction is bound at trigger time, not at set-up
    dialog = window.search_dialog
    assert dialog.purpose_label.isVisible()
    assert "meeting" in dialog.purpose_label.text()
    type_text(dialog.input, "华东")
    qtbot.waitUntil(lambda: dialog.is_settled() and dialog.model.rowCount() > 0, timeout=5000)
    QTest.keyClick(dialog.input, Qt.Key.Key_Return)
    assert window.workspace.current_partner_id() == window.seeded["east"]["id"]
    assert calls == ["meeting"]
    window.menus.act_new_meeting.trigger()  # now a partner is open: straight to the workspace
    assert calls == ["meeting", "meeting"]


def test_shortcuts_help_is_built_from_the_actions(qtbot, window):
    dialog = window.show_shortcuts()
    rows = {dialog.model.index(r, 0).data(): dialog.model.index(r, 1).data()
            for r in range(dialog.model.rowCount())}
    assert rows["Search"] == "Ctrl+K"
    assert rows["New partner"] == "Ctrl+Shift+N"
    assert rows["New meeting"] == "Ctrl+N"
    assert rows["New action item"] == "Ctrl+J"
    assert rows["Settings"] == "Ctrl+,"
    assert rows["Keyboard shortcuts"] == "F1"
    assert rows["Edit partner"] == "Ctrl+E, F2"  # the menu's and the Partners page's
    assert rows["Delete partner"] == "Del"
    assert rows["Filter partners"] == "Ctrl+F"
    assert rows["Quit"] == "Ctrl+Q"
    for action in window.all_actions():  # nothing with a shortcut is left out
        for key in action.shortcuts():
            assert key.toString() in ", ".join(rows.values()), action.text()
    # change a shortcut and the help follows
    window.menus.act_search.setShortcut("Ctrl+P")
    again = window.show_shortcuts()
    texts = [again.model.index(r, 1).data() for r in range(again.model.rowCount())]
    assert "Ctrl+P" in texts and "Ctrl+K" not in texts


# --- demo offer --------------------------------------------------------------------------------


def test_demo_loader_fills_an_empty_profile(qtbot, profile):
    window = open_window(qtbot, profile)
    assert window.partners.model.rowCount() == 0
    from ui.demo_offer import DemoLoader

    loader = DemoLoader(window.ctx, window)
    steps = []
    loader._relay.progress.connect(lambda done, total: steps.append((done, total)))
    with qtbot.waitSignal(loader.finished, timeout=20000) as finished:
        loader.start(partners=4, meetings=20, actions=10)
    assert finished.args == [True]
    assert steps and steps[-1][0] == steps[-1][1]
    qtbot.waitUntil(lambda: window.partners.model.rowCount() == 4, timeout=5000)
    window.close()


def test_demo_offer_dialog_choices(qtbot):
    from ui.demo_offer import DemoOfferDialog

    dialog = DemoOfferDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.demo_button, Qt.MouseButton.LeftButton)
    assert dialog.choice == "demo" and dialog.result() == 1
    dialog = DemoOfferDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.empty_button, Qt.MouseButton.LeftButton)
    assert dialog.choice == "empty" and dialog.result() == 0


def test_settings_cadence_reloads_views(qtbot, window):
    view = window.partners
    tech = window.seeded["tech"]["id"]
    row = view.model.row_of(tech)
    assert view.model.row_at(row).visit_status == "overdue"  # emerging: 21 days
    dialog = window.show_settings()
    dialog.cadence["emerging"].setValue(60)
    with qtbot.waitSignal(view.loaded, timeout=5000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert view.model.row_at(view.model.row_of(tech)).visit_status == "ok"
    assert window.ctx.settings.cadence()["emerging"] == 60


def test_settings_refuses_a_missing_logo(qtbot, window, tmp_path):
    dialog = window.show_settings()
    dialog.logo_path.setText(str(tmp_path / "missing.png"))
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    assert dialog.logo_error.text() == "This file does not exist."
    logo = Path(tmp_path / "logo.png")
    window.grab().scaledToHeight(40).save(str(logo))
    dialog.logo_path.setText(str(logo))
    assert ok.isEnabled()
    ok.click()
    assert window.ctx.settings.logo_path == str(logo)


# --- language ----------------------------------------------------------------------------------


def test_switching_to_chinese_relabels_the_window_live(qtbot, window):
    dialog = window.show_settings()
    dialog.language.setCurrentIndex(dialog.language.findData("zh_CN"))
    try:
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        assert window.ctx.settings.language == "zh_CN"
        # Qt posts LanguageChange to every widget; it arrives on the next event loop turn
        qtbot.waitUntil(lambda: window.nav.item(0).text() == "今日", timeout=3000)
        assert [window.nav.item(i).text() for i in range(3)] == ["今日", "渠道商", "渠道商工作台"]
        assert window.menus.menu_file.title() == "文件(&F)"
        assert window.windowTitle() == "渠道管家"
        model = window.partners.model
        assert model.headerData(2, Qt.Orientation.Horizontal) == "渠道分层"
        tiers = {model.index(r, 2).data() for r in range(model.rowCount())}
        assert tiers == {"金牌核心渠道", "新兴试点渠道", "战略合作渠道", "普通分销渠道"}
        assert window.today.visits.title.text().startswith("待拜访")
        assert window.partners.tier_combo.itemText(0) == "全部分层"
        window.partners.set_filter_text("分销")
        assert window.partners.count_label.text() == "显示 2 个渠道商，共 4 个"
    finally:
        back = window.show_settings()
        back.language.setCurrentIndex(back.language.findData("en"))
        back.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: window.nav.item(0).text() == "Today", timeout=3000)
    assert window.partners.model.headerData(2, Qt.Orientation.Horizontal) == "Tier"


def test_first_start_on_an_empty_profile_offers_demo_data(qtbot, profile, monkeypatch):
    from ui import demo_offer

    monkeypatch.setattr(demo_offer, "DEMO_PARTNERS", 3)
    monkeypatch.setattr(demo_offer, "DEMO_MEETINGS", 12)
    monkeypatch.setattr(demo_offer, "DEMO_ACTIONS", 6)
    offered = []

    def choose_demo(dialog):  # the user clicks "Load demo data"
        offered.append(dialog.text.text())
        dialog.choice = "demo"
        return 1

    monkeypatch.setattr(demo_offer.DemoOfferDialog, "exec", choose_demo)
    desktop_app.create_app([])
    window = desktop_app.open_main_window(profile, today=lambda: TODAY)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.partners.model.rowCount() == 3, timeout=20000)
    assert offered and "no partners yet" in offered[0]
    assert window.ctx.settings.demo_offered
    window.close()
    # asked once per profile: the next start does not ask again
    window = desktop_app.open_main_window(profile, today=lambda: TODAY)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.is_ready, timeout=10000)
    QCoreApplication.processEvents()  # the offer would come from a 0 ms timer after ready
    assert len(offered) == 1
    window.close()


def test_enter_on_a_partner_row_opens_its_workspace(qtbot, window):
    window.show_page(PAGE_PARTNERS)
    north = window.seeded["north"]["id"]
    assert window.partners.select_partner(north)
    window.partners.table.setFocus()
    QTest.keyClick(window.partners.table, Qt.Key.Key_Return)
    assert window.current_page() == PAGE_WORKSPACE
    assert window.workspace.current_partner_id() == north


def test_from_the_filter_box_enter_opens_the_first_match(qtbot, window):
    window.show_page(PAGE_PARTNERS)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    box = window.partners.search
    box.setFocus()
    QTest.keyClicks(box, "northern")
    QTest.keyClick(box, Qt.Key.Key_Return)
    assert window.workspace.current_partner_id() == window.seeded["north"]["id"]
    window.show_page(PAGE_PARTNERS)
    box.clear()
    box.setFocus()
    assert box.hasFocus()
    QTest.keyClick(box, Qt.Key.Key_Down)  # Down moves on to the rows
    assert window.partners.table.hasFocus()
    assert window.partners.table.currentIndex().isValid()


def test_an_app_left_open_overnight_moves_on_to_the_new_day(qtbot, profile):
    seed(profile)
    days = [TODAY]
    desktop_app.create_app([])
    window = desktop_app.open_main_window(profile, offer_demo=False, today=lambda: days[0])
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.is_ready, timeout=10000)
    before = {window.today.visits.proxy.index(r, 0).data()
              for r in range(window.today.visits.proxy.rowCount())}
    assert before == {"深圳新兴科技", "成都普通分销"}
    days[0] = TODAY + dt.timedelta(days=40)  # everyone is overdue by then
    with qtbot.waitSignal(window.today.loaded, timeout=5000):
        window.loading.check_day()  # what the minute timer does
    assert window.today.visits.proxy.rowCount() == 4
    assert "2027" in window.today.heading.text()
    window.close()


def test_a_failing_first_load_still_makes_the_window_ready(qtbot, profile, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("models.insights.partner_overviews", broken)
    desktop_app.create_app([])
    window = desktop_app.open_main_window(profile, offer_demo=False)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.is_ready, timeout=5000)
    assert "Could not load data: disk on fire" in window.statusBar().currentMessage()
    window.close()


def test_language_follows_the_system_unless_settings_say_otherwise(qapp, monkeypatch):
    from PySide6.QtCore import QLocale

    monkeypatch.setattr(desktop_app.QLocale, "system", staticmethod(lambda: QLocale("zh_CN")))
    assert desktop_app.resolve_language("") == "zh_CN"
    assert desktop_app.resolve_language("en") == "en"
    monkeypatch.setattr(desktop_app.QLocale, "system", staticmethod(lambda: QLocale("de_DE")))
    assert desktop_app.resolve_language("") == "en"  # no German: English
    assert desktop_app.resolve_language("zh_CN") == "zh_CN"


def test_app_font_renders_chinese(qapp):
    from PySide6.QtGui import QFontInfo

    app = desktop_app.create_app([])
    family = desktop_app.cjk_font_family()
    assert family is not None, "no CJK font installed: Chinese would show as boxes"
    assert QFontInfo(app.font()).family() == family


def test_search_waits_for_a_pause_in_typing(qtbot, window, monkeypatch):
    from ui import search_dialog

    queries = []
    real = search_dialog.run_search
    monkeypatch.setattr(search_dialog, "run_search",
                        lambda store, text, *a: queries.append(text) or real(store, text, *a))
    dialog = window.show_search()
    QTest.keyClicks(dialog.input, "shenzhen")  # eight keystrokes in a burst
    qtbot.waitUntil(lambda: dialog.is_settled() and dialog.model.rowCount() == 1, timeout=5000)
    assert queries == ["shenzhen"]


def test_file_export_writes_the_partners_the_page_shows(qtbot, window, tmp_path):
    import openpyxl

    window.show_page(PAGE_PARTNERS)
    window.partners.set_filter_text("分销")
    shown = window.partners.visible_partner_ids()
    assert 0 < len(shown) < window.partners.model.rowCount()
    window.menus.act_export.trigger()
    dialog = window.menus.export_dialog
    assert dialog.isVisible() and f"the {len(shown)} the Partners page shows" in dialog.partners.text()
    dialog.actions.setChecked(False)
    dialog.export_to(tmp_path / "partners.xlsx")
    qtbot.waitUntil(lambda: dialog.written is not None, timeout=10000)
    sheet = openpyxl.load_workbook(tmp_path / "partners.xlsx").worksheets[0]
    assert sheet.max_row == len(shown) + 1
    assert "Exported" in window.statusBar().currentMessage()
