"""Printing a pack through the system print dialog.

Each PDF page is rendered by QtPdf into an image at the printer's resolution (capped
at 300 dpi: sharper than any office printer needs, and an A4 page stays ~35 MB in
memory) and painted onto the printer's full page, keeping the page's proportions.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSize, Qt
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QProgressDialog, QWidget

from models.printing.pack_options import PackOptions

MAX_PRINT_DPI = 300
PAGE_SIZES = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}


def prepare_printer(printer: QPrinter, options: PackOptions, page_count: int) -> None:
    """Paper size, no margins (the pack has its own) and the page range."""
    printer.setPageSize(QPageSize(PAGE_SIZES[options.paper]))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)
    printer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)
    printer.setFromTo(1, page_count)


def print_document(document: QPdfDocument, printer: QPrinter,
                   parent: QWidget | None = None) -> int:
    """Paint the document's pages (the printer's chosen range) onto ``printer``;
    returns the number of pages sent, 0 when cancelled."""
    count = document.pageCount()
    first, last = printer.fromPage(), printer.toPage()
    if first <= 0 or last <= 0:
        first, last = 1, count
    pages = list(range(max(first, 1) - 1, min(last, count)))
    progress = None
    if parent is not None and len(pages) > 2:
        progress = QProgressDialog(
            QCoreApplication.translate("PackPrinting", "Printing the review pack…"),
            QCoreApplication.translate("PackPrinting", "Cancel"), 0, len(pages), parent)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    dpi = min(printer.resolution(), MAX_PRINT_DPI)
    sent = 0
    try:
        for n, index in enumerate(pages):
            if progress is not None:
                progress.setValue(n)
                QCoreApplication.processEvents()
                if progress.wasCanceled():
                    printer.abort()
                    return 0
            if n:
                printer.newPage()
            points = document.pagePointSize(index)
            size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
            image = document.render(index, size)
            target = QRectF(painter.viewport())
            scale = min(target.width() / size.width(), target.height() / size.height())
            w, h = size.width() * scale, size.height() * scale
            painter.drawImage(QRectF(target.x() + (target.width() - w) / 2,
                                     target.y() + (target.height() - h) / 2, w, h), image)
            sent += 1
    finally:
        painter.end()
        if progress is not None:
            progress.setValue(len(pages))
    return sent


def print_pack(document: QPdfDocument, options: PackOptions, parent: QWidget) -> int:
    """Ask the system print dialog where to print, then print; pages sent."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    prepare_printer(printer, options, document.pageCount())
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(QCoreApplication.translate("PackPrinting", "Print review pack"))
    dialog.setMinMax(1, document.pageCount())
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return 0
    return print_document(document, printer, parent)
