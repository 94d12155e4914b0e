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
    add_file: QAction
    remove_file: QAction
    export_citations: QAction
    copy_citation: QAction
    print_report: QAction
    export_pdf: QAction
    export_table: QAction
    export_catalogue: QAction
    import_bundle: QAction
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
        parent.tr("Du&plicate Event"),
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
    add_file = action(
        parent.tr("Add &File…"),
        parent.tr("Copy files (PDF, DOCX …) into the selected publication, to open offline"),
        [],
    )
    remove_file = action(
        parent.tr("Remo&ve File…"),
        parent.tr("Remove one of the selected publication's files (after asking)"),
        [],
    )
    export_citations = action(
        parent.tr("Export Citation&s…"),
        parent.tr(
            "Write the selected publications, or all those listed, as BibTeX, RIS or CSL-JSON "
            "for Zotero and other reference managers"
        ),
        [],
    )
    copy_citation = action(
        parent.tr("Copy Ci&tation"),
        parent.tr("Copy the selected publications as BibTeX (Ctrl+Shift+C)"),
        [QKeySequence("Ctrl+Shift+C")],
    )
    print_report = action(
        parent.tr("&Print…"),
        parent.tr("Print a program's fact sheet, a member's profile or a year's events"),
        _keys(QKeySequence.StandardKey.Print, "Ctrl+P"),
    )
    export_pdf = action(
        parent.tr("Export P&DF…"),
        parent.tr("Save a program's fact sheet, a member's profile or a year's events as PDF"),
        [],
    )
    export_table = action(
        parent.tr("Export &Table…"),
        parent.tr("Write the list shown, as filtered and sorted, to a CSV or Excel file"),
        [],
    )
    export_catalogue = action(
        parent.tr("Export Catalo&gue…"),
        parent.tr("Write the whole catalogue to a file for another laptop (.zip with files)"),
        [],
    )
    import_bundle = action(
        parent.tr("Import C&atalogue…"),
        parent.tr("Merge a catalogue exported on another laptop, with a preview first"),
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
    # By name, each local variable is its field: adding an action is one field and one line.
    return Actions(
        quit=quit_action,
        about=about,
        back=back,
        forward=forward,
        search=search,
        reload=reload,
        tabs=tabs,
        new_event=new_event,
        edit_event=edit_event,
        duplicate_event=duplicate_event,
        delete_event=delete_event,
        export_calendar=export_calendar,
        export_selected=export_selected,
        import_calendar=import_calendar,
        restore=restore,
        add_file=add_file,
        remove_file=remove_file,
        export_citations=export_citations,
        copy_citation=copy_citation,
        print_report=print_report,
        export_pdf=export_pdf,
        export_table=export_table,
        export_catalogue=export_catalogue,
        import_bundle=import_bundle,
        new_program=new_program,
        new_member=new_member,
        new_person=new_person,
        new_partner=new_partner,
        new_publication=new_publication,
        edit_record=edit_record,
        delete_record=delete_record,
    )
