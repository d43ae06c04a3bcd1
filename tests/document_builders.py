"""Build small test documents at test time: PDF (raw PDF syntax, no library), DOCX
(python-docx), HTML and Markdown, with known text on known pages.

Every text is invented, about invented initiatives. ``PAGES`` are written so that the
bundled model reads one clear goal from each (checked in tests/test_documents.py).
"""

from __future__ import annotations

import textwrap
import zlib
from dataclasses import dataclass, field
from pathlib import Path

# (goal, language, heading, paragraphs): one page each.
PAGES = [
    (7, "en", "Brightfield solar cooperative", [
        "The Brightfield solar cooperative installs photovoltaic panels on public roofs and sells renewable "
        "electricity to its members.",
        "Citizens invest together in clean energy and the cooperative helps households cut their energy bills.",
    ]),
    (2, "fr", "Banque alimentaire des Tilleuls", [
        "La banque alimentaire du quartier des Tilleuls collecte les invendus et distribue des colis alimentaires "
        "et des repas aux familles qui ont faim.",
        "Les bénévoles luttent contre la faim et l'insécurité alimentaire.",
    ]),
    (14, "en", "Gullrock beach clean-up", [
        "Every month the Gullrock volunteers organise a beach clean-up, removing plastic waste from the shore "
        "before it reaches the ocean.",
        "They protect marine life, seabirds and fish from plastic pollution of the sea.",
    ]),
    (4, "fr", "Atelier Plume", [
        "L'atelier Plume offre des cours d'alphabétisation gratuits aux adultes et du soutien scolaire aux "
        "élèves, pour que chacun apprenne à lire et réussisse à l'école.",
    ]),
    (6, "en", "Clearbrook water committee", [
        "The Clearbrook water committee repairs village wells and builds toilets so that every household has "
        "safe drinking water and sanitation.",
    ]),
]


@dataclass
class PdfPage:
    """One page: a heading (bookmarked when ``outline``), paragraphs, or an image and no text."""

    heading: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    image: bool = False


def _pdf_string(text: str) -> bytes:
    data = text.encode("cp1252")
    return b"(" + data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _content(page: PdfPage) -> bytes:
    ops = [b"BT", b"72 770 Td", b"16 TL"]
    if page.heading:
        ops += [b"/F2 14 Tf", _pdf_string(page.heading) + b" Tj", b"T* T*"]
    ops.append(b"/F1 11 Tf")
    for paragraph in page.paragraphs:
        for line in textwrap.wrap(paragraph, 85):
            ops.append(_pdf_string(line) + b" Tj T*")
        ops.append(b"T*")
    ops.append(b"ET")
    if page.image:
        ops.append(b"q 200 0 0 200 72 400 cm /Im1 Do Q")
    return b"\n".join(ops)


def build_pdf(path: Path, pages: list[PdfPage], *, title: str | None = None, outline: bool = True,
              compress: bool = True) -> Path:
    """Write a PDF 1.4 file: Helvetica text (WinAnsi, so French accents), optional bookmarks."""
    objects: dict[int, bytes] = {}
    n = len(pages)
    font, bold, image, info = 3, 4, 5, 6
    first_page = 7  # page k: object 7 + 2k, its content 8 + 2k
    objects[1] = b"<< /Type /Catalog /Pages 2 0 R" + (b" /Outlines %d 0 R" % (first_page + 2 * n) if outline else b"") + b" >>"
    kids = b" ".join(b"%d 0 R" % (first_page + 2 * k) for k in range(n))
    objects[2] = b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % n
    objects[font] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    objects[bold] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>"
    pixels = b"\x80" * 16
    objects[image] = (b"<< /Type /XObject /Subtype /Image /Width 4 /Height 4 /ColorSpace /DeviceGray "
                      b"/BitsPerComponent 8 /Length %d >>\nstream\n" % len(pixels) + pixels + b"\nendstream")
    objects[info] = b"<< /Producer (sdgmap tests)" + (b" /Title " + _pdf_string(title) if title else b"") + b" >>"
    for k, page in enumerate(pages):
        content = _content(page)
        body = zlib.compress(content) if compress else content
        filters = b" /Filter /FlateDecode" if compress else b""
        objects[first_page + 2 * k] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
            b"/Resources << /Font << /F1 %d 0 R /F2 %d 0 R >>%s >> >>"
            % (first_page + 2 * k + 1, font, bold, b" /XObject << /Im1 %d 0 R >>" % image if page.image else b"")
        )
        objects[first_page + 2 * k + 1] = b"<< /Length %d%s >>\nstream\n" % (len(body), filters) + body + b"\nendstream"
    if outline:
        root = first_page + 2 * n
        marked = [k for k, page in enumerate(pages) if page.heading]
        items = list(range(root + 1, root + 1 + len(marked)))
        objects[root] = (b"<< /Type /Outlines /Count %d" % len(items)
                         + (b" /First %d 0 R /Last %d 0 R" % (items[0], items[-1]) if items else b"") + b" >>")
        for i, (obj, k) in enumerate(zip(items, marked)):
            links = (b" /Prev %d 0 R" % items[i - 1] if i else b"") + (b" /Next %d 0 R" % items[i + 1] if i + 1 < len(items) else b"")
            objects[obj] = (b"<< /Title " + _pdf_string(pages[k].heading) + b" /Parent %d 0 R" % root + links
                            + b" /Dest [%d 0 R /XYZ 0 842 0] >>" % (first_page + 2 * k))
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    size = max(objects) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        out += b"%010d 00000 n \n" % offsets[number] if number in offsets else b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, info, xref)
    path.write_bytes(bytes(out))
    return path


def build_docx(path: Path, pages=PAGES, *, title: str | None = None) -> Path:
    import docx

    document = docx.Document()
    if title:
        document.core_properties.title = title
    for _, _, heading, paragraphs in pages:
        document.add_heading(heading, level=1)
        for paragraph in paragraphs:
            document.add_paragraph(paragraph)
    document.save(str(path))
    return path


def build_html(path: Path, pages=PAGES, *, title: str = "Initiatives") -> Path:
    from html import escape

    body = []
    for _, _, heading, paragraphs in pages:
        body.append(f"<section><h2>{escape(heading)}</h2>")
        body += [f"  <p>{escape(p)}</p>" for p in paragraphs]
        body.append("</section>")
    path.write_text(
        f"<!DOCTYPE html>\n<html><head><title>{escape(title)}</title><style>p {{ color: #333 }}</style>"
        f"<script>var x = 'not text';</script></head>\n<body>\n" + "\n".join(body) + "\n</body></html>\n",
        encoding="utf-8",
    )
    return path


def build_markdown(path: Path, pages=PAGES) -> Path:
    parts = []
    for _, _, heading, paragraphs in pages:
        parts.append(f"## {heading}\n")
        parts += [f"{p}\n" for p in paragraphs]
    path.write_text("\n".join(parts), encoding="utf-8")
    return path


def pdf_pages(pages=PAGES) -> list[PdfPage]:
    return [PdfPage(heading, list(paragraphs)) for _, _, heading, paragraphs in pages]
