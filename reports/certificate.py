"""The recognition certificate (Giấy công nhận): A4 landscape, one per page.

Drawn straight on the canvas (no flowing text): the border, the national name and motto, the
issuing authority and the title in the accent colour, the recipient and the achievement, bottom
left the decision, the register number and the signed QR code, bottom right the place and date
and the signature block. Every word that may change comes from :class:`IssuerSettings`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import IO
from xml.sax.saxutils import escape

from reportlab.graphics.barcode.qrencoder import QRCode, QRErrorCorrectLevel
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from reports import fonts, styles
from reports.data import CertificateData
from storage.certificates import IssuerSettings
from storage.text import format_date, place_date_line

WIDTH, HEIGHT = styles.LANDSCAPE
CENTER_X = WIDTH / 2
QR_SIZE = 30 * mm
QR_MASK_PATTERN = 2
SIGNATURE_CENTER_X = WIDTH - 78 * mm
# Left edge of the decision lines and the QR code. The corner ornament reaches 26,2 mm in from
# the paper's edges; from 31 mm the code keeps the blank margin (4 modules) scanners need.
BOTTOM_LEFT_X = 31 * mm


def render_certificates(certificates: Sequence[CertificateData], settings: IssuerSettings,
                        output: str | Path | IO[bytes]) -> int:
    """Write the certificates to one PDF (one landscape page each); returns the page count."""
    canvas = styles.certificate_canvas(output, f"{settings.title} năm "
                                       f"{certificates[0].year if certificates else ''}")
    accent = colors.HexColor(settings.accent_color)
    border = colors.HexColor(settings.border_color)
    for certificate in certificates:
        _draw_border(canvas, border)
        _draw_heading(canvas, settings, accent)
        _draw_body(canvas, certificate, settings)
        _draw_bottom_left(canvas, certificate)
        _draw_signature(canvas, certificate, settings)
        canvas.showPage()
    canvas.save()
    return len(certificates)


def achievement_text(certificate: CertificateData, settings: IssuerSettings) -> str:
    """ "Đạt tiêu chuẩn … năm 2024", plus "(duy trì từ năm 2021)" for a maintained one."""
    text = settings.achievement.format(year=certificate.year)
    if certificate.kind == "maintained" and certificate.maintained_since:
        text += " " + settings.maintained_note.format(first_year=certificate.maintained_since)
    return text


def _achievement_lines(certificate: CertificateData, settings: IssuerSettings) -> list[str]:
    """The achievement, with the "(duy trì …)" note on a line of its own (never split)."""
    lines = [settings.achievement.format(year=certificate.year)]
    if certificate.kind == "maintained" and certificate.maintained_since:
        lines.append(settings.maintained_note.format(first_year=certificate.maintained_since))
    return lines


# -- parts ----------------------------------------------------------------------------------------


def _draw_border(canvas: Canvas, color: colors.Color) -> None:
    """A double frame with an ornament in each corner."""
    outer = 9 * mm
    inner = 13 * mm
    canvas.saveState()
    canvas.setStrokeColor(color)
    canvas.setFillColor(color)
    canvas.setLineWidth(3)
    canvas.rect(outer, outer, WIDTH - 2 * outer, HEIGHT - 2 * outer)
    canvas.setLineWidth(0.8)
    canvas.rect(inner, inner, WIDTH - 2 * inner, HEIGHT - 2 * inner)
    # Corner ornaments: a diamond on the corner of the inner frame, framed by two short
    # brackets, so the four corners read as one decoration.
    for x, y in ((inner, inner), (WIDTH - inner, inner), (inner, HEIGHT - inner),
                 (WIDTH - inner, HEIGHT - inner)):
        dx = 1 if x < CENTER_X else -1
        dy = 1 if y < HEIGHT / 2 else -1
        size = 3.2 * mm
        path = canvas.beginPath()
        path.moveTo(x, y - size)
        path.lineTo(x + size, y)
        path.lineTo(x, y + size)
        path.lineTo(x - size, y)
        path.close()
        canvas.drawPath(path, stroke=1, fill=1)
        canvas.setLineWidth(1.2)
        for step in (6 * mm, 9 * mm):
            canvas.line(x + dx * step, y + dy * 1.5 * mm, x + dx * step, y + dy * step)
            canvas.line(x + dx * 1.5 * mm, y + dy * step, x + dx * step, y + dy * step)
        canvas.circle(x + dx * 12 * mm, y + dy * 12 * mm, 1.2 * mm, stroke=0, fill=1)
    canvas.restoreState()


def _centred(canvas: Canvas, text: str, y: float, font: str, size: float,
             color: colors.Color = colors.black) -> float:
    """Draw one centred line; returns its width (for the rule under it)."""
    canvas.setFillColor(color)
    canvas.setFont(font, size)
    canvas.drawCentredString(CENTER_X, y, text)
    return stringWidth(text, font, size)


def _draw_heading(canvas: Canvas, settings: IssuerSettings, accent: colors.Color) -> None:
    canvas.saveState()
    _centred(canvas, styles.NATIONAL_NAME, HEIGHT - 30 * mm, fonts.BOLD, 14)
    width = _centred(canvas, styles.MOTTO, HEIGHT - 37 * mm, fonts.BOLD, 14)
    canvas.setLineWidth(0.7)
    canvas.line(CENTER_X - width / 2, HEIGHT - 39.5 * mm, CENTER_X + width / 2, HEIGHT - 39.5 * mm)
    _centred(canvas, settings.authority.upper(), HEIGHT - 53 * mm, fonts.BOLD, 16, accent)
    _centred(canvas, settings.title.upper(), HEIGHT - 70 * mm, fonts.BOLD, 36, accent)
    canvas.restoreState()


def _paragraph(canvas: Canvas, text: str, style: ParagraphStyle, top: float,
               width: float = 220 * mm) -> float:
    """Draw a wrapped, centred paragraph whose top is at ``top``; returns its bottom."""
    paragraph = Paragraph(escape(text), style)
    _, height = paragraph.wrapOn(canvas, width, 100 * mm)
    paragraph.drawOn(canvas, CENTER_X - width / 2, top - height)
    return top - height


def _draw_body(canvas: Canvas, certificate: CertificateData, settings: IssuerSettings) -> None:
    bottom = _paragraph(canvas, certificate.recipient, styles.CERT_RECIPIENT, HEIGHT - 86 * mm)
    for line in _achievement_lines(certificate, settings):
        bottom = _paragraph(canvas, line, styles.CERT_ACHIEVEMENT, bottom - 4 * mm, 210 * mm)


def _draw_bottom_left(canvas: Canvas, certificate: CertificateData) -> None:
    x = BOTTOM_LEFT_X
    _draw_qr(canvas, certificate.qr_text, x, 20 * mm)
    lines = []
    if certificate.decision_number:
        decided = (f" ngày {format_date(certificate.decision_date)}"
                   if certificate.decision_date else "")
        lines.append(f"Quyết định số {certificate.decision_number}{decided}")
    lines.append(f"Số vào sổ: {certificate.register_number}")
    if certificate.reprint_number:
        lines.append(f"Bản cấp lại lần {certificate.reprint_number}")
    canvas.saveState()
    canvas.setFont(fonts.REGULAR, 12)
    y = 20 * mm + QR_SIZE + 6 * mm + 6 * (len(lines) - 1) * mm
    for line in lines:
        canvas.drawString(x, y, line)
        y -= 6 * mm
    canvas.restoreState()


def qr_modules(text: str) -> list[list[bool]]:
    """The dark/light modules of ``text`` as a QR code (error correction level M)."""
    code = QRCode(None, QRErrorCorrectLevel.M)
    code.addData(text)
    code.version = code.calculate_version()
    # A fixed mask pattern instead of ReportLab's search for the best of eight: the search
    # costs eight full encodings (~0,1 s per code, minutes for a city's certificates), and any
    # mask gives a valid code that phone scanners read.
    code.makeImpl(False, QR_MASK_PATTERN)
    return code.modules


def _draw_qr(canvas: Canvas, text: str, x: float, y: float) -> None:
    modules = qr_modules(text)
    count = len(modules)
    # One rectangle per horizontal run of dark modules keeps the page's content stream short.
    # The rectangles are written in module units (whole numbers) under a transform: through
    # ReportLab's path API, formatting some 800 coordinates in points cost more than encoding
    # the code (about 13 ms a certificate, 13 s for a thousand).
    runs = []
    for row, line in enumerate(modules):
        col = 0
        while col < count:
            if not line[col]:
                col += 1
                continue
            start = col
            while col < count and line[col]:
                col += 1
            runs.append(f"{start} {row} {col - start} 1 re")
    canvas.saveState()
    canvas.setFillColor(colors.black)
    # Origin at the code's top-left corner, one unit a module, rows counted downwards.
    canvas.translate(x, y + QR_SIZE)
    canvas.scale(QR_SIZE / count, -QR_SIZE / count)
    canvas.addLiteral("\n".join(runs) + "\nf")
    canvas.restoreState()


def _draw_signature(canvas: Canvas, certificate: CertificateData,
                    settings: IssuerSettings) -> None:
    x = SIGNATURE_CENTER_X
    canvas.saveState()
    y = 72 * mm
    if certificate.decision_date and settings.place:
        canvas.setFont(fonts.ITALIC, 13)
        canvas.drawCentredString(x, y, place_date_line(settings.place, certificate.decision_date))
    canvas.setFont(fonts.BOLD, 13)
    for line in (settings.signer_capacity, settings.signer_title):
        if line:
            y -= 6.5 * mm
            canvas.drawCentredString(x, y, line.upper())
    if settings.signer_name:
        canvas.setFont(fonts.BOLD, 14)
        canvas.drawCentredString(x, 22 * mm, settings.signer_name)
    canvas.restoreState()
