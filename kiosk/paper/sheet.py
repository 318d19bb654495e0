"""The A4 page every printed document draws on: the embedded Chinese font, headings, tables of
figures, a vector QR code, dashed cut lines and cut marks, and the footer that says when the
sheet was printed and which audit entry it stands on."""

from __future__ import annotations

import datetime as dt

from fpdf import FPDF
from fpdf.enums import WrapMode, XPos, YPos

from kiosk.domain.audit import ChainHead
from kiosk.i18n import _, language
from kiosk.paper import font as fonts
from kiosk.render import qr as qr_codes

FAMILY = "cjk"
MARGIN = 15  # mm; every office printer prints this close to the edge
WIDTH = 210
HEIGHT = 297
GREY = (110, 110, 110)
RULE = (150, 150, 150)


def long_day(d: dt.date) -> str:
    """2026年12月6日 / 6 Dec 2026: a notice board keeps a sheet past the year's end."""
    if language() == "zh":
        return f"{d.year}年{d.month}月{d.day}日"
    return d.strftime("%-d %b %Y")


def wrap() -> WrapMode:
    """Chinese breaks between any two characters; English between words."""
    return WrapMode.CHAR if language() == "zh" else WrapMode.WORD


class Sheet(FPDF):
    """A4 portrait in millimetres with the Chinese font as the only font."""

    def __init__(self, title: str, *, font_setting: str = "", printed: dt.datetime | None = None,
                 chain: ChainHead | None = None):
        super().__init__(orientation="P", unit="mm", format="A4")
        found = fonts.find(font_setting)
        self.add_font(FAMILY, "", found.regular.path, collection_font_number=found.regular.index)
        self.add_font(FAMILY, "B", found.bold.path, collection_font_number=found.bold.index)
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, margin=MARGIN + 8)
        self.set_title(title)
        self.set_lang("zh-CN" if language() == "zh" else "en")
        self.set_creator("estate-kiosk")
        self.printed = printed
        self.chain = chain
        if printed is not None:
            self.set_creation_date(printed.astimezone(dt.timezone.utc) if printed.tzinfo else printed.replace(tzinfo=dt.timezone.utc))
        self.set_font(FAMILY, "", 11)

    # -- the footer every page carries --------------------------------------------------------

    def footer(self) -> None:
        parts = []
        if self.printed is not None:
            parts.append(_("Printed {date}").format(date=long_day(self.printed.date())))
        if self.chain is not None:
            parts.append(_("Audit chain: entry #{seq}, hash {hash}").format(seq=self.chain.seq, hash=self.chain.hash[:16]))
        parts.append(_("Page {n} of {total}").format(n=self.page_no(), total="{nb}"))
        self.set_y(-MARGIN - 2)
        self.set_font(FAMILY, "", 8)
        self.set_text_color(*GREY)
        self.cell(0, 5, "   ·   ".join(parts), align="C")
        self.set_text_color(0, 0, 0)

    # -- text --------------------------------------------------------------------------------

    @property
    def inner(self) -> float:
        return self.w - self.l_margin - self.r_margin

    def heading(self, text: str, size: float = 20, *, align: str = "C") -> None:
        self.set_font(FAMILY, "B", size)
        self.multi_cell(0, size * 0.5, text, align=align, wrapmode=wrap(), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font(FAMILY, "", 11)

    def para(self, text: str, size: float = 11, *, bold: bool = False, grey: bool = False, align: str = "L",
             width: float = 0) -> None:
        self.set_font(FAMILY, "B" if bold else "", size)
        if grey:
            self.set_text_color(*GREY)
        self.multi_cell(width, size * 0.5, text, align=align, wrapmode=wrap(), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(0, 0, 0)
        self.set_font(FAMILY, "", 11)

    def gap(self, mm: float = 3) -> None:
        self.ln(mm)

    def table(self, columns: list[tuple[str, float, str]], rows: list[list[str]], *, size: float = 10,
              bold_last: bool = False) -> None:
        """columns: (header, share of the width, align L/R/C); rows of already formatted text.
        A row that does not fit below starts a new page with the header again."""
        widths = [self.inner * share for _h, share, _a in columns]
        height = size * 0.7

        def header() -> None:
            self.set_fill_color(235, 235, 235)
            for (head, _s, align), w in zip(columns, widths):
                self.set_font(FAMILY, "B", size)
                self.cell(w, height, self.shrink(head, w - 2, size), border=1, align=align, fill=True)
            self.ln(height)

        header()
        for i, row in enumerate(rows):
            if self.will_page_break(height):
                self.add_page()
                header()
            style = "B" if bold_last and i == len(rows) - 1 else ""
            for (text, (_h, _s, align)), w in zip(zip(row, columns), widths):
                self.set_font(FAMILY, style, size)
                self.cell(w, height, self.shrink(text, w - 2, size), border=1, align=align)
            self.ln(height)
        self.set_font(FAMILY, "", 11)

    def pairs(self, rows: list[tuple[str, str]], *, size: float = 11, label_share: float = 0.32,
              bold_last: bool = False) -> None:
        """A label and its value per row, ruled below (a statement's lines)."""
        height = size * 0.75
        label_w = self.inner * label_share
        self.set_draw_color(*RULE)
        self.set_line_width(0.2)
        for i, (label, value) in enumerate(rows):
            bold = bold_last and i == len(rows) - 1
            self.set_font(FAMILY, "B" if bold else "", size)
            self.set_text_color(*(GREY if not bold else (0, 0, 0)))
            self.cell(label_w, height, self.fit(label, label_w - 2), border="B")
            self.set_text_color(0, 0, 0)
            self.cell(self.inner - label_w, height, self.fit(value, self.inner - label_w - 2), border="B",
                      new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_draw_color(0, 0, 0)
        self.set_font(FAMILY, "", 11)

    def shrink(self, text: str, width: float, size: float, smallest: float = 7) -> str:
        """Set a smaller type (down to `smallest`) until the text fits the width, then cut it:
        an English header or source name is longer than its Chinese one."""
        wide = self.get_string_width(text)
        if wide > width:
            self.set_font_size(max(smallest, size * width / wide))
        return self.fit(text, width)

    def fit(self, text: str, width: float) -> str:
        """Cut to the cell's width with an ellipsis (a title typed by staff can be long)."""
        if self.get_string_width(text) <= width:
            return text
        while text and self.get_string_width(text + "…") > width:
            text = text[:-1]
        return text + "…"

    # -- drawings ----------------------------------------------------------------------------

    def qr(self, url: str, x: float, y: float, size: float) -> None:
        """The QR code as filled rectangles (vector: sharp at any printer's resolution), with the
        standard four-module quiet zone; one rectangle per run of dark modules in a row."""
        m = qr_codes.matrix(url, border=4)
        cell = size / len(m)
        self.set_fill_color(0, 0, 0)
        for r, row in enumerate(m):
            c = 0
            while c < len(row):
                if row[c]:
                    start = c
                    while c < len(row) and row[c]:
                        c += 1
                    self.rect(x + start * cell, y + r * cell, (c - start) * cell, cell, style="F")
                else:
                    c += 1

    def cut_line(self, y: float, label: str = "") -> None:
        """A dashed line across the page where scissors go, with a word on what to cut."""
        self.set_draw_color(*RULE)
        self.set_line_width(0.3)
        with self.local_context():
            self.set_dash_pattern(dash=2.5, gap=1.5)
            self.line(self.l_margin - 5, y, self.w - self.r_margin + 5, y)
        if label:
            self.set_font(FAMILY, "", 7)
            w = self.get_string_width(label) + 4
            self.set_fill_color(255, 255, 255)
            self.set_xy((self.w - w) / 2, y - 1.8)
            self.set_text_color(*GREY)
            self.cell(w, 3.6, label, align="C", fill=True)
            self.set_text_color(0, 0, 0)
        self.set_draw_color(0, 0, 0)
        self.set_font(FAMILY, "", 11)

    def cut_marks(self, x: float, y: float, w: float, h: float, length: float = 4) -> None:
        """Short marks outside each corner of a box, the guide for a guillotine or scissors."""
        self.set_draw_color(0, 0, 0)
        self.set_line_width(0.2)
        for cx in (x, x + w):
            for cy in (y, y + h):
                sx = -1 if cx == x else 1
                sy = -1 if cy == y else 1
                self.line(cx + sx * 1, cy, cx + sx * (1 + length), cy)
                self.line(cx, cy + sy * 1, cx, cy + sy * (1 + length))

    def box(self, x: float, y: float, size: float = 5) -> None:
        """A tick box."""
        self.set_draw_color(0, 0, 0)
        self.set_line_width(0.35)
        self.rect(x, y, size, size)

    def pdf(self) -> bytes:
        return bytes(self.output())


class Period:
    """A 公示's posting period, first and last day (seven days from the printing unless given)."""

    DAYS = 7

    def __init__(self, start: dt.date, end: dt.date | None = None):
        self.start = start
        self.end = end if end is not None else start + dt.timedelta(days=self.DAYS - 1)

    def text(self) -> str:
        return _("Posted from {start} to {end}").format(start=long_day(self.start), end=long_day(self.end))
