"""Reading a built PDF back as a reader would: its text (poppler's pdftotext), its fonts, page
sizes and whether any page holds a picture (pypdf). Neither is the library that wrote it."""

from __future__ import annotations

import io
import shutil
import subprocess

import pypdf
import pytest

A4_POINTS = (595.28, 841.89)
# Reading a document back needs poppler-utils (CI installs it): `pytestmark = pdf.needs_poppler`.
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
                                   reason="needs pdftotext and pdftoppm (poppler-utils)")


def reader(pdf: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(pdf))


def page_texts(pdf: bytes) -> list[str]:
    """Each page's text as poppler's pdftotext reads it (a reader other than the one that wrote
    it), with every space and line break taken out: a table row is matched as one run of
    characters ("政府补一点¥90,000¥90,000¥0")."""
    out = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True).stdout
    return ["".join(page.split()) for page in out.decode("utf-8").split("\f")[: len(reader(pdf).pages)]]


def text(pdf: bytes) -> str:
    return "".join(page_texts(pdf))


def squeeze(s: str) -> str:
    """An expected run of text, spaced the way page_texts reads it."""
    return "".join(s.split())


def fonts(pdf: bytes) -> list[dict]:
    """Every font a page uses: its name, subtype, and the embedded font file's kind (or None)."""
    found = {}
    for page in reader(pdf).pages:
        for _name, ref in (page.get("/Resources", {}).get("/Font", {}) or {}).items():
            font = ref.get_object()
            descendants = [d.get_object() for d in font.get("/DescendantFonts", [])] or [font]
            for d in descendants:
                desc = d.get("/FontDescriptor")
                desc = desc.get_object() if desc is not None else {}
                kind = next((k for k in ("/FontFile", "/FontFile2", "/FontFile3") if k in desc), None)
                found[str(d.get("/BaseFont"))] = {"name": str(d.get("/BaseFont")), "subtype": str(d.get("/Subtype")), "embedded": kind}
    return list(found.values())


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    return [(round(float(p.mediabox.width), 2), round(float(p.mediabox.height), 2)) for p in reader(pdf).pages]


def images(pdf: bytes) -> int:
    """How many raster pictures the pages hold (a vector document has none)."""
    return sum(len(page.images) for page in reader(pdf).pages)


def picture(pdf: bytes, folder, dpi: int = 150):
    """The first page as poppler draws it (a PIL image)."""
    from PIL import Image

    src = folder / "page.pdf"
    src.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-singlefile", str(src), str(folder / "page")], check=True)
    return Image.open(folder / "page.png")


MM = 72 / 25.4  # points per millimetre


def region_text(pdf: bytes, page: int, top_mm: float, bottom_mm: float) -> str:
    """The text of one page (1-based) between two heights from the top, squeezed as page_texts:
    what lies above and below a cut line."""
    y, height = int(top_mm * MM), int((bottom_mm - top_mm) * MM)
    out = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-x", "0", "-y", str(y), "-W", "596",
                          "-H", str(height), "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True).stdout
    return "".join(out.decode("utf-8").split())


def dashed_lines(pdf: bytes, page: int = 0) -> int:
    """How many dash patterns a page's drawing sets (a dashed cut line sets one)."""
    import re

    data = reader(pdf).pages[page].get_contents().get_data()
    return len(re.findall(rb"\[[0-9. ]+\] [0-9.]+ d", data))
