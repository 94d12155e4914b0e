"""Printed reports: a program's fact sheet, a member's profile, a year's events and publications.

A report is HTML in the subset QTextDocument reads, built from the catalogue's DTOs (every
label translated, every record text escaped). Pages are drawn here rather than by
``QTextDocument.print_``, which numbers pages only with a plain number and only when the
document has no page size: the document is laid out at 96 dots per inch in pages as tall as
the page's body, and each page is painted between a header (the secretariat and the report's
title, from page 2 on, since page 1 opens with the title block) and a footer (the date printed
and "Page 2 of 5"). Table header rows (``<thead>``) are repeated on each page by Qt's layout.
No font family is named: Qt falls back to a font that has the glyphs (Noto CJK and others),
and the PDF engine embeds it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QBuffer,
    QCoreApplication,
    QDate,
    QIODevice,
    QLocale,
    QMarginsF,
    QPointF,
    QRectF,
    QSizeF,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextDocument,
    QTextTable,
)
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from ..core.dto import (
    EventRow,
    Figure,
    LocalGovernmentDetail,
    ProgramDetail,
    PublicationRow,
    Ref,
    SeatRow,
)
from ..core.services.listing import Query
from .labels import label

if TYPE_CHECKING:
    from ..core.api import Catalogue

CONTEXT = "Reports"
SPLIT_MARK = "<!--split-->"  # where a ruled table may be split onto a new page
LAYOUT_DPI = 96  # the document's own unit: a CSS pixel, whatever the printer's resolution
MARGINS_MM = QMarginsF(18, 15, 18, 15)
BODY_POINTS = 9.5
SMALL_POINTS = 7.5
RULE = "#9aa5b1"
MUTED = "#5b6770"

STYLE = f"""
body {{ color: #1d2329; }}
h1 {{ font-size: 19pt; font-weight: 600; margin-top: 2px; margin-bottom: 2px; }}
h2 {{ font-size: 12pt; font-weight: 600; color: #0b5a7a; margin-top: 16px; margin-bottom: 5px; }}
p {{ margin-top: 0px; margin-bottom: 6px; }}
p.org {{ font-size: 9pt; font-weight: 600; color: #0b5a7a; margin-bottom: 0px; }}
p.kind {{ font-size: 8.5pt; color: {MUTED}; margin-top: 10px; margin-bottom: 0px; }}
p.printed {{ font-size: 8pt; color: {MUTED}; margin-bottom: 0px; }}
p.count {{ color: {MUTED}; margin-bottom: 4px; }}
table.grid {{ border-collapse: collapse; margin-bottom: 2px; }}
table.grid th {{ background-color: #e6edf2; font-weight: 600; text-align: left;
    border-bottom: 1px solid {RULE}; }}
table.grid td {{ border-bottom: 1px solid #d9dee3; }}
table.fields td.name {{ color: {MUTED}; font-weight: 600; }}
span.note {{ color: {MUTED}; }}
"""


def tr(text: str) -> str:
    """Translate a report string."""
    return QCoreApplication.translate(CONTEXT, text)


@dataclass(frozen=True)
class Report:
    """A report ready to paint: its title, what kind of report it is, and its HTML body."""

    title: str
    kind: str
    body: str
    file_name: str

    def html(self, printed_on: str) -> str:
        """The whole document: the title block, then the body."""
        return (
            f"<html><body>"
            f"<p class='org'>{escape(secretariat())}</p>"
            f"<p class='kind'>{escape(self.kind.upper())}</p>"
            f"<h1>{escape(self.title)}</h1>"
            f"<p class='printed'>{escape(tr('Printed %1').replace('%1', printed_on))}</p>"
            f"<hr/>{self.body}</body></html>"
        )


def secretariat() -> str:
    """The name every report is printed under."""
    return tr("ICLEI East Asia Secretariat")


def today_text() -> str:
    """Today's date as the user's locale writes it in full."""
    return QLocale().toString(QDate.currentDate(), QLocale.FormatType.LongFormat)


# --- the three reports ------------------------------------------------------------------------


def program_fact_sheet(catalogue: Catalogue, program_id: int) -> Report:
    """A program's fact sheet. Raises RecordNotFound (a UserError) when it is gone."""
    d = catalogue.detail("program", program_id)
    assert isinstance(d, ProgramDetail)
    title = f"{d.name} ({d.acronym})" if d.acronym else d.name
    fields = _fields(
        [
            (tr("Kind"), label(d.kind)),
            (tr("Status"), label(d.status)),
            (tr("Period"), d.period),
            (tr("Pathways"), ", ".join(d.pathways)),
            (tr("Part of"), d.parent.label if d.parent else ""),
        ]
    )
    organizations = _table(
        [tr("Organization"), tr("Role")],
        [[escape(r.label), escape(label(r.note))] for r in _funders_first(d.organizations)],
        [70, 30],
    )
    cities = _table(
        [tr("Local government"), tr("Role")],
        [[escape(r.label), escape(label(r.note))] for r in d.local_governments],
        [70, 30],
    )
    body = "".join(
        [
            fields,
            _section(tr("Summary"), f"<p>{escape(d.summary)}</p>" if d.summary else ""),
            _section(tr("Funders and partners"), organizations),
            _section(tr("Cities involved"), cities),
            _section(tr("Key figures"), _figures(d.figures)),
            _section(tr("Projects within it"), _names(d.children)),
            _section(tr("Events"), _events(catalogue, d.events)),
            _section(tr("Publications"), _publications(catalogue, d.publications)),
        ]
    )
    return Report(title, tr("Program fact sheet"), body, _file_name("fact-sheet", d.name))


def member_profile(catalogue: Catalogue, local_government_id: int) -> Report:
    """A local government's profile. Raises RecordNotFound (a UserError) when it is gone."""
    d = catalogue.detail("local_government", local_government_id)
    assert isinstance(d, LocalGovernmentDetail)
    title = f"{d.name} {d.native_name}" if d.native_name else d.name
    if d.is_member:
        membership = tr("ICLEI member")
    elif d.is_member is False:
        membership = tr("Not a member")
    else:
        membership = tr("Not stated in the report")
    fields = _fields(
        [
            (tr("Name"), d.name),
            (tr("Native name"), d.native_name or ""),
            (tr("Kind"), label(d.kind)),
            (tr("Country"), d.country),
            (tr("ICLEI membership"), membership),
            (tr("Member since"), str(d.member_since) if d.member_since else ""),
            (tr("About the membership"), d.membership_note or ""),
            (tr("Part of"), d.parent.label if d.parent else ""),
        ]
    )
    representatives = _table(
        [tr("Name"), tr("Title")],
        [[escape(r.label), escape(r.note)] for r in d.representatives],
        [40, 60],
    )
    body = "".join(
        [
            fields,
            _section(tr("Representatives"), representatives),
            _section(tr("Governance seats"), _seats(d.seats)),
            _section(tr("Districts and cities within it"), _names(d.children)),
            _section(
                tr("Programs"),
                _table(
                    [tr("Program"), tr("Role")],
                    [[escape(r.label), escape(label(r.note))] for r in d.programs],
                    [75, 25],
                ),
            ),
            _section(tr("Events"), _events(catalogue, d.events)),
        ]
    )
    return Report(title, tr("Member profile"), body, _file_name("profile", d.name))


def year_report(catalogue: Catalogue, year: int) -> Report | None:
    """The events and publications of ``year``, or None when there are none."""
    query = Query(filters=(("year", year),))
    event_ids = catalogue.ids("event", query)
    publication_ids = catalogue.ids("publication", query)
    if not event_ids and not publication_ids:
        return None
    events = _in_order(catalogue.rows("event", event_ids), event_ids)
    publications = sorted(
        _in_order(catalogue.rows("publication", publication_ids), publication_ids),
        key=lambda r: (r.published_on or date(year, 12, 31), r.title.casefold()),
    )
    count = (
        tr("%1 and %2")
        .replace("%1", _count(len(events), tr("1 event"), tr("%1 events")))
        .replace("%2", _count(len(publications), tr("1 publication"), tr("%1 publications")))
    )
    body = "".join(
        [
            f"<p class='count'>{escape(count)}</p>",
            _section(tr("Events"), _event_table(events)),
            _section(tr("Publications"), _publication_table(publications)),
        ]
    )
    title = tr("Events and publications %1").replace("%1", str(year))
    return Report(title, tr("Year report"), body, f"iclei-east-asia-{year}.pdf")


def _count(count: int, one: str, many: str) -> str:
    """ "1 event", never "1 events"; every other count with the plural."""
    return one if count == 1 else many.replace("%1", str(count))


def report_years(catalogue: Catalogue) -> list[int]:
    """The years that have events or publications, earliest first."""
    return sorted(
        set(catalogue.options("event", "year")) | set(catalogue.options("publication", "year"))
    )


# --- paper and painting -----------------------------------------------------------------------


def default_page_layout() -> QPageLayout:
    """The user's paper: the default printer's, else the locale's (Letter in the US, else A4)."""
    size = QPageSize()
    printer = QPrinterInfo.defaultPrinter()
    if not printer.isNull():
        size = printer.defaultPageSize()
    if not size.isValid():
        imperial = QLocale().measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem
        size = QPageSize(QPageSize.PageSizeId.Letter if imperial else QPageSize.PageSizeId.A4)
    return QPageLayout(
        size, QPageLayout.Orientation.Portrait, MARGINS_MM, QPageLayout.Unit.Millimeter
    )


def prepare_printer(printer: QPrinter) -> None:
    """Give a printer the report margins (its paper stays the one the system chose)."""
    printer.setPageMargins(MARGINS_MM, QPageLayout.Unit.Millimeter)


def pdf_bytes(report: Report, layout: QPageLayout | None = None) -> bytes:
    """The report as a PDF file's bytes, on ``layout`` (the user's paper by default)."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageLayout(layout or default_page_layout())
    writer.setTitle(report.title)
    writer.setCreator(secretariat())
    paint_report(report, writer)
    del writer  # the PDF's last objects are written when the writer goes
    buffer.close()
    return bytes(buffer.data().data())


def paint_report(report: Report, device: QPagedPaintDevice) -> int:
    """Paint the report's pages on a printer or PDF writer; return how many were painted.

    A printer's page range (from the print dialog) is honoured. Returns 0 when the device
    cannot be painted on (a printer that cannot start).
    """
    painter = QPainter()
    if not painter.begin(device):
        return 0
    try:
        return _paint_pages(report, device, painter)
    finally:
        painter.end()


def layout_document(report: Report, body: QSizeF) -> QTextDocument:
    """The report laid out in pages of ``body`` (in CSS pixels, 96 per inch)."""
    document = QTextDocument()
    document.documentLayout().setPaintDevice(_layout_device())
    font = QFont()
    font.setPointSizeF(BODY_POINTS)
    document.setDefaultFont(font)
    document.setDocumentMargin(0)
    document.setDefaultStyleSheet(STYLE)
    html = report.html(today_text())
    document.setHtml(html)
    document.setPageSize(body)
    # A row that a page would cut goes to the next page whole: its table is split there,
    # the second part opening a new page with the header row again.
    while (row := _cut_row(document)) is not None:
        html = _split_at(html, row)
        document.setHtml(html)
    return document


def page_numbers(page: int, pages: int) -> str:
    """The footer's page number: "Page 2 of 5"."""
    return tr("Page %1 of %2").replace("%1", str(page)).replace("%2", str(pages))


# --- the HTML ---------------------------------------------------------------------------------

GRID = "<table class='grid' width='100%' cellspacing='0' cellpadding='4'{}>"


def _section(title: str, body: str) -> str:
    return f"<h2>{escape(title)}</h2>{body}" if body else ""


def _fields(rows: Iterable[tuple[str, str]]) -> str:
    """A table of field names and plain-text values; fields with no value are left out."""
    cells = [
        f"<tr><td class='name' width='24%'>{escape(name)}</td><td>{escape(value)}</td></tr>"
        for name, value in rows
        if value
    ]
    if not cells:
        return ""
    return (
        "<table class='fields' width='100%' cellspacing='0' cellpadding='2'>"
        f"{''.join(cells)}</table>"
    )


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[int]) -> str:
    """A ruled table whose header row repeats on each page; cells are already HTML.

    Before each row after the first is a mark where the table may be split (see
    ``layout_document``).
    """
    if not rows:
        return ""
    head = "".join(
        f"<th width='{width}%'>{escape(text)}</th>"
        for text, width in zip(headers, widths, strict=True)
    )
    parts = [f"{GRID.format('')}<thead><tr>{head}</tr></thead><tbody>"]
    for number, row in enumerate(rows):
        if number:
            parts.append(SPLIT_MARK)
        parts.append("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>")
    parts.append("</tbody></table>")
    return "".join(parts)


def _split_at(html: str, row: int) -> str:
    """``html`` with the table split before the ``row``-th mark, the rest on a new page."""
    at = -1
    for _ in range(row + 1):
        at = html.index(SPLIT_MARK, at + 1)
    head_start = html.rindex("<thead>", 0, at)
    head = html[head_start : html.index("</thead>", head_start) + len("</thead>")]
    opening = GRID.format(" style='page-break-before: always'")
    split = f"</tbody></table>{opening}{head}<tbody>"
    return html[:at] + split + html[at + len(SPLIT_MARK) :]


def _names(refs: Sequence[Ref]) -> str:
    return _table([tr("Name")], [[escape(r.label)] for r in refs], [100])


def _funders_first(refs: Sequence[Ref]) -> list[Ref]:
    return sorted(refs, key=lambda r: r.note != "funder")


def _figures(figures: Sequence[Figure]) -> str:
    return _table(
        [tr("Figure"), tr("Value"), tr("Note")],
        [[escape(f.label), f"<b>{escape(f.value)}</b>", escape(f.note or "")] for f in figures],
        [50, 20, 30],
    )


def _seats(seats: Sequence[SeatRow]) -> str:
    bodies = {"gexcom": tr("GexCom"), "rexcom_east_asia": tr("East Asia RexCom")}
    return _table(
        [tr("Person"), tr("Body"), tr("Position"), tr("Portfolio"), tr("Term")],
        [
            [
                escape(s.person.label),
                escape(bodies.get(s.body, label(s.body))),
                escape(s.position),
                escape(s.portfolio or ""),
                escape(s.term),
            ]
            for s in seats
        ],
        [20, 16, 14, 34, 16],
    )


def _in_order(found: dict[int, object], ids: Sequence[int]) -> list:  # type: ignore[type-arg]
    return [found[i] for i in ids if i in found]


def _events(catalogue: Catalogue, refs: Sequence[Ref]) -> str:
    ids = [r.id for r in refs]
    return _event_table(_in_order(catalogue.rows("event", ids), ids))


def _publications(catalogue: Catalogue, refs: Sequence[Ref]) -> str:
    ids = [r.id for r in refs]
    return _publication_table(_in_order(catalogue.rows("publication", ids), ids))


def _event_table(events: Sequence[EventRow]) -> str:
    return _table(
        [tr("Date"), tr("Event"), tr("Location"), tr("Status")],
        [
            [
                _date(e.when),
                f"<b>{escape(e.title)}</b>"
                + (f"<br/><span class='note'>{escape(e.series)}</span>" if e.series else ""),
                escape(e.location or ""),
                escape(label(e.status)),
            ]
            for e in events
        ],
        [17, 49, 22, 12],
    )


def _publication_table(publications: Sequence[PublicationRow]) -> str:
    return _table(
        [tr("Date"), tr("Title"), tr("Kind"), tr("Language"), tr("Publisher")],
        [
            [
                _date(p.when),
                escape(p.title),
                escape(label(p.kind)),
                escape(label(p.language)),
                escape(p.publishers),
            ]
            for p in publications
        ],
        [12, 44, 13, 13, 18],
    )


def _date(when: str) -> str:
    """A date that wraps before its month and year, never inside them ("16–17 / Dec 2020")."""
    head, _, year = escape(when).rpartition(" ")
    return f"{head}&nbsp;{year}" if head else year


def _file_name(prefix: str, name: str) -> str:
    words = "".join(c if c.isalnum() else "-" for c in name.casefold()).split("-")
    return f"{prefix}-{'-'.join(w for w in words if w)[:60]}.pdf"


# --- pages ------------------------------------------------------------------------------------


def _cut_row(document: QTextDocument) -> int | None:
    """Which row that may be split before (see ``_table``) a page break cuts in two, if any.

    Qt's layout breaks a row line by line, so a date could be left on one page and the rest
    of its event on the next. Rows are counted in document order, leaving out each ruled
    table's header and first row (before which a split would do nothing); a row taller than
    a page is left to break.
    """
    layout = document.documentLayout()
    page = document.pageSize().height()
    ordinal = -1
    for frame in document.rootFrame().childFrames():
        if not isinstance(frame, QTextTable) or frame.format().headerRowCount() == 0:
            continue
        for row in range(2, frame.rows()):
            ordinal += 1
            cells = [frame.cellAt(row, column) for column in range(frame.columns())]
            top = min(
                layout.blockBoundingRect(cell.firstCursorPosition().block()).top() for cell in cells
            )
            bottom = max(
                layout.blockBoundingRect(cell.lastCursorPosition().block()).bottom()
                for cell in cells
            )
            if bottom - top < page and int(top // page) != int((bottom - 0.5) // page):
                return ordinal
    return None


_device: list[QImage] = []


def _layout_device() -> QImage:
    """A 96-dpi paint device, so that the layout is the same on every screen and printer."""
    if not _device:
        image = QImage(1, 1, QImage.Format.Format_RGB32)
        dots_per_meter = round(LAYOUT_DPI / 0.0254)
        image.setDotsPerMeterX(dots_per_meter)
        image.setDotsPerMeterY(dots_per_meter)
        _device.append(image)
    return _device[0]


def _paint_pages(report: Report, device: QPagedPaintDevice, painter: QPainter) -> int:
    scale = device.logicalDpiY() / LAYOUT_DPI
    small = QFont()
    small.setPointSizeF(SMALL_POINTS)
    metrics = QFontMetricsF(small, device)
    band = metrics.height() * 2.4  # header and footer: a line of text and the space under it
    width, height = float(device.width()), float(device.height())
    page = QSizeF(width / scale, (height - 2 * band) / scale)
    document = layout_document(report, page)
    pages = document.pageCount()
    first, last = 1, pages
    if isinstance(device, QPrinter) and device.fromPage() > 0:
        first, last = max(1, device.fromPage()), min(pages, device.toPage() or pages)
    for number in range(first, last + 1):
        if number > first:
            device.newPage()
        painter.save()
        painter.translate(0, band)
        painter.scale(scale, scale)
        top = (number - 1) * page.height()
        painter.translate(0, -top)
        document.drawContents(painter, QRectF(QPointF(0, top), page))
        painter.restore()
        _paint_bands(painter, report, number, pages, QRectF(0, 0, width, height), band, small)
    return last - first + 1


def _paint_bands(
    painter: QPainter,
    report: Report,
    number: int,
    pages: int,
    area: QRectF,
    band: float,
    font: QFont,
) -> None:
    painter.save()
    painter.setFont(font)
    muted = QColor(MUTED)
    rule = QPen(QColor(RULE))
    rule.setWidthF(max(1.0, painter.device().logicalDpiY() / 150))
    line = QFontMetricsF(font, painter.device()).height()
    if number > 1:  # page 1 has the title block instead
        header = QRectF(area.left(), area.top(), area.width(), line)
        painter.setPen(muted)
        painter.drawText(header, Qt.AlignmentFlag.AlignLeft, secretariat())
        title = QFontMetricsF(font, painter.device()).elidedText(
            report.title, Qt.TextElideMode.ElideRight, area.width() * 0.6
        )
        painter.drawText(header, Qt.AlignmentFlag.AlignRight, title)
        painter.setPen(rule)
        y = area.top() + line * 1.3
        painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
    footer = QRectF(area.left(), area.bottom() - line, area.width(), line)
    painter.setPen(rule)
    y = footer.top() - line * 0.4
    painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
    painter.setPen(muted)
    painter.drawText(
        footer,
        Qt.AlignmentFlag.AlignLeft,
        f"{report.kind} · {tr('Printed %1').replace('%1', today_text())}",
    )
    painter.drawText(footer, Qt.AlignmentFlag.AlignRight, page_numbers(number, pages))
    painter.restore()
