"""Every QAction of the main window: text, shortcut and status tip in one place."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QStyle, QWidget


@dataclass(frozen=True)
class Actions:
    """The main window's actions; menus and toolbars only place them."""

    quit: QAction
    about: QAction
    back: QAction
    forward: QAction
    search: QAction
    reload: QAction
    tabs: tuple[QAction, ...]
    new_event: QAction
    edit_event: QAction
    duplicate_event: QAction
    delete_event: QAction
    export_calendar: QAction
    export_selected: QAction
    import_calendar: QAction
    restore: QAction
    # File › New ▸ for the other record types, and Edit and Delete for the current tab's record.
    new_program: QAction
    new_member: QAction
    new_person: QAction
    new_partner: QAction
    new_publication: QAction
    edit_record: QAction
    delete_record: QAction


def _keys(standard: QKeySequence.StandardKey, *fallback: str) -> list[QKeySequence]:
    # Some platforms define no binding for a standard key; give the one people expect.
    return QKeySequence.keyBindings(standard) or [QKeySequence(k) for k in fallback]


def build_actions(parent: QWidget, tab_titles: list[str]) -> Actions:
    """Create the actions, owned by ``parent``."""
    style = parent.style()

    def action(text: str, tip: str, keys: list[QKeySequence], icon: QIcon | None = None) -> QAction:
        created = QAction(text, parent)
        created.setStatusTip(tip)
        created.setToolTip(tip)
        created.setShortcuts(keys)
        if icon is not None:
            created.setIcon(icon)
        return created

    quit_action = action(
        parent.tr("&Quit"),
        parent.tr("Close ICLEI Desktop"),
        _keys(QKeySequence.StandardKey.Quit, "Ctrl+Q"),
    )
    quit_action.setMenuRole(QAction.MenuRole.QuitRole)
    about = action(
        parent.tr("&About ICLEI Desktop"),
        parent.tr("Show the version and where the catalogue is kept"),
        [],
    )
    about.setMenuRole(QAction.MenuRole.AboutRole)
    back = action(
        parent.tr("&Back"),
        parent.tr("Go back to the record shown before (Alt+Left)"),
        _keys(QKeySequence.StandardKey.Back, "Alt+Left"),
        style.standardIcon(QStyle.StandardPixmap.SP_ArrowBack),
    )
    forward = action(
        parent.tr("&Forward"),
        parent.tr("Go forward again (Alt+Right)"),
        _keys(QKeySequence.StandardKey.Forward, "Alt+Right"),
        style.standardIcon(QStyle.StandardPixmap.SP_ArrowForward),
    )
    search = action(
        parent.tr("&Search Everything…"),
        parent.tr("Search programs, events, members, people, partners and publications"),
        [QKeySequence("Ctrl+K"), *_keys(QKeySequence.StandardKey.Find, "Ctrl+F")],
    )
    reload = action(
        parent.tr("&Reload"),
        parent.tr("Read the catalogue again from its file"),
        _keys(QKeySequence.StandardKey.Refresh, "F5"),
    )
    tabs = tuple(
        action(
            title,
            parent.tr("Show the %1 tab").replace("%1", title.replace("&", "")),
            [QKeySequence(f"Ctrl+{number}")],
        )
        for number, title in enumerate(tab_titles, start=1)
    )
    new_event = action(
        parent.tr("&Event…"),
        parent.tr("Add an event to the calendar"),
        _keys(QKeySequence.StandardKey.New, "Ctrl+N"),
        style.standardIcon(QStyle.StandardPixmap.SP_FileDialogNewFolder),
    )
    new_event.setIconText(parent.tr("New Event"))  # the toolbar's words; the menu says New ▸
    edit_event = action(
        parent.tr("&Edit Event…"),
        parent.tr("Change the selected event (Enter or double-click)"),
        [QKeySequence("Return"), QKeySequence("Enter")],
    )
    duplicate_event = action(
        parent.tr("D&uplicate Event"),
        parent.tr("Add a copy of the selected event"),
        [QKeySequence("Ctrl+D")],
    )
    delete_event = action(
        parent.tr("&Delete Event…"),
        parent.tr("Delete the selected event (after asking)"),
        _keys(QKeySequence.StandardKey.Delete, "Del"),
    )
    export_calendar = action(
        parent.tr("&Export Calendar…"),
        parent.tr("Write events to an .ics file for Outlook, Google, Apple or Thunderbird"),
        [],
    )
    export_selected = action(
        parent.tr("E&xport This Event…"),
        parent.tr("Write the selected event to an .ics file"),
        [],
    )
    import_calendar = action(
        parent.tr("&Import Calendar…"),
        parent.tr("Read events from an .ics file, with a preview first"),
        [],
    )
    restore = action(
        parent.tr("Restore from &Backup…"),
        parent.tr("Put an earlier copy of the catalogue back"),
        [],
    )
    new_program = action(parent.tr("&Program…"), parent.tr("Add a program"), [])
    new_member = action(
        parent.tr("&Member…"), parent.tr("Add a local government (a member or any city)"), []
    )
    new_person = action(
        parent.tr("Pe&rson…"), parent.tr("Add a person, with their governance seats"), []
    )
    new_partner = action(
        parent.tr("P&artner…"), parent.tr("Add an organization: a partner, funder, …"), []
    )
    new_publication = action(parent.tr("P&ublication…"), parent.tr("Add a publication"), [])
    # Their text names the kind of the current tab's record ("Edit Program…").
    edit_record = action(
        parent.tr("&Edit…"),
        parent.tr("Change the selected record (Enter or double-click)"),
        [QKeySequence("Return"), QKeySequence("Enter")],
    )
    delete_record = action(
        parent.tr("&Delete…"),
        parent.tr("Delete the selected record (after asking)"),
        _keys(QKeySequence.StandardKey.Delete, "Del"),
    )
    return Actions(
        quit_action,
        about,
        back,
        forward,
        search,
        reload,
        tabs,
        new_event,
        edit_event,
        duplicate_event,
        delete_event,
        export_calendar,
        export_selected,
        import_calendar,
        restore,
        new_program,
        new_member,
        new_person,
        new_partner,
        new_publication,
        edit_record,
        delete_record,
    )
