"""QR codes that scan from a terminal and from paper.

On screen each character cell holds two modules (upper and lower half) with explicit black and
white colours, on a light quiet zone: a dark terminal theme must not invert it, and a phone must
find the finder patterns. The `qrcode` library is imported lazily (the first screen does not
need it).
"""

from __future__ import annotations

import functools

from rich.style import Style
from rich.text import Text

from kiosk.render import palette

QUIET = 2  # modules of light border on screen (the spec's 4 is for paper; 2 scans from a screen)
DARK = palette.BLACK
LIGHT = palette.WHITE


def matrix(url: str, border: int = QUIET) -> list[list[bool]]:
    return [list(row) for row in _matrix(url, border)]


# Encoding a code takes milliseconds (the version and mask are searched), and a screen asks for
# it at every layout (its size) and paint: each address is encoded once per process.
@functools.lru_cache(maxsize=64)
def _matrix(url: str, border: int) -> tuple[tuple[bool, ...], ...]:
    import qrcode

    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=border, box_size=1)
    qr.add_data(url)
    qr.make(fit=True)
    return tuple(tuple(row) for row in qr.get_matrix())


def size_cells(url: str, border: int = QUIET) -> tuple[int, int]:
    """(columns, rows) the terminal QR takes."""
    n = len(_matrix(url, border))
    return n, (n + 1) // 2


def terminal_qr(url: str, border: int = QUIET) -> Text:
    """Half-block rendering: ▀ with dark/light foreground and background per cell."""
    text = Text(no_wrap=True, overflow="crop")
    for i, row in enumerate(terminal_rows(url, border)):
        if i:
            text.append("\n")
        for style in row:
            text.append("▀", style)
    return text


@functools.lru_cache(maxsize=64)
def terminal_rows(url: str, border: int = QUIET) -> tuple[tuple[Style, ...], ...]:
    """The same code as lines of cells, each the style of its ▀ (upper module the foreground,
    lower the background): kept per address, so a widget draws its lines without encoding again."""
    m = list(_matrix(url, border))
    n = len(m)
    if n % 2:
        m = m + [(False,) * n]
    styles = {
        (True, True): Style(color=DARK, bgcolor=DARK),
        (True, False): Style(color=DARK, bgcolor=LIGHT),
        (False, True): Style(color=LIGHT, bgcolor=DARK),
        (False, False): Style(color=LIGHT, bgcolor=LIGHT),
    }
    return tuple(tuple(styles[(m[y][x], m[y + 1][x])] for x in range(n)) for y in range(0, len(m), 2))


def save_poster(url: str, path: str) -> None:
    """A printable QR: SVG (vector) or PNG, with the standard 4-module quiet zone."""
    import qrcode

    lower = path.lower()
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4, box_size=20)
    qr.add_data(url)
    qr.make(fit=True)
    if lower.endswith(".svg"):
        from qrcode.image.svg import SvgPathImage

        img = qr.make_image(image_factory=SvgPathImage)
    elif lower.endswith(".png"):
        from qrcode.image.pure import PyPNGImage

        img = qr.make_image(image_factory=PyPNGImage)
    else:
        from kiosk.domain.errors import ValidationError
        from kiosk.i18n import _

        raise ValidationError(_("The output file must end in .pdf, .svg or .png."), "out")
    with open(path, "wb") as fh:
        img.save(fh)
