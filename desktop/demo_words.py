"""The words for a profile holding demo data that is asked to sync with a real server,
and for removing the demo: the same sentences for ``main.py login``/``sync``/
``demo-data --remove`` and the app's dialogs (Qt's translation when Qt is loaded)."""
from __future__ import annotations

from desktop.commands.common import translate
from models.demo_marks import DemoContents


def summary(counts: dict[str, int]) -> str:
    """e.g. "61 partners, 601 meetings, 600 action items" (kinds with none left out)."""
    words = {
        "partner": translate("DemoWords", "{n} partners"),
        "contact": translate("DemoWords", "{n} contacts"),
        "meeting": translate("DemoWords", "{n} meetings"),
        "action_item": translate("DemoWords", "{n} action items"),
        "checklist_run": translate("DemoWords", "{n} reviews"),
        "kpi_snapshot": translate("DemoWords", "{n} KPI records"),
        "joint_goal": translate("DemoWords", "{n} joint goals"),
        "stage_change": translate("DemoWords", "{n} stage changes"),
        "touchpoint": translate("DemoWords", "{n} touchpoints"),
    }
    parts = [words[k].format(n=n) for k, n in counts.items() if n and k in words]
    return translate("DemoWords", ", ").join(parts) or translate("DemoWords", "no records")


def own_summary(c: DemoContents) -> str:
    """How many records the user typed or changed, e.g. "3 of them typed or edited by you"."""
    if not c.own_total:
        return translate("DemoWords", "none of them typed or edited by you")
    return translate("DemoWords", "{n} of them typed or edited by you ({what})").format(
        n=c.own_total, what=summary({k: c.own_created.get(k, 0) + c.own_edited.get(k, 0)
                                     for k in c.demo}))


def refusal(c: DemoContents, server: str | None) -> str:
    """Why a demo profile may not sign in to (or sync with) a real server, and the two
    ways on."""
    return translate(
        "DemoWords",
        "This profile holds demo data: {demo}; {own}. Demo data can only be synced with "
        "the demo server, so it was not sent to {server}.\n"
        "Choose one:\n"
        "  • start a new empty profile for {server} (a new folder: --profile NEW_FOLDER, "
        "or “New empty profile” in the app), or\n"
        "  • remove the demo data from this profile first (main.py demo-data --remove, or "
        "“Remove demo data” in the app); your own records are kept or exported first.",
    ).format(demo=summary(c.demo), own=own_summary(c), server=server or "-")


def removal_question(c: DemoContents) -> str:
    """What removing the demo takes, and what of the user's own goes with it."""
    text = translate("DemoWords", "Removing the demo data takes out {demo}.").format(
        demo=summary(c.demo))
    kept = {k: c.own_created.get(k, 0) - _lost_created(c, k) for k in c.demo}
    if sum(kept.values()) > 0:
        text += " " + translate("DemoWords", "Kept as your own, to be sent to the next server: "
                                "{what}.").format(what=summary(kept))
    if c.lost_total:
        text += " " + translate(
            "DemoWords", "{n} of your own records go with it (notes on demo partners, edits "
            "of demo records: {what}); export them first to keep a copy.").format(
            n=c.lost_total, what=summary(c.own_lost))
    return text


def _lost_created(c: DemoContents, kind: str) -> int:
    # own_lost counts created-on-a-demo-partner and edited demo records together;
    # the edited ones were never "created" here
    return max(0, c.own_lost.get(kind, 0) - c.own_edited.get(kind, 0))
