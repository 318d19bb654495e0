"""Decode a QR code from the lobby's screen cells with an independent decoder (zxing-cpp).

The cells around and inside the QR widget are read from the compositor: a '▀' cell holds two
modules (foreground colour above, background colour below); any other cell is its background
colour (the dark screen around the code). The pixels are scaled up and zxing reads them with only
the quiet zone the screen itself draws; qrcode (which drew them) plays no part in reading."""

from __future__ import annotations

from PIL import Image

DARK_DEFAULT = True  # a cell without colours shows the terminal's (dark) background


def _dark(color) -> bool:
    if color is None or color.is_default:
        return DARK_DEFAULT
    r, g, b = color.get_truecolor()
    return (r + g + b) < 384


def cells(app) -> list[list[tuple[str, object]]]:
    rows = []
    for strip in app.screen._compositor.render_strips():
        row = []
        for seg in strip._segments:
            for ch in seg.text:
                row.append((ch, seg.style))
        rows.append(row)
    return rows


def qr_image(app, widget, *, surround: int = 3, scale: int = 6) -> Image.Image:
    region = widget.region
    grid = cells(app)
    x0 = max(0, region.x - surround)
    y0 = max(0, region.y - surround)
    x1 = min(len(grid[0]), region.right + surround)
    y1 = min(len(grid), region.bottom + surround)
    img = Image.new("L", (x1 - x0, (y1 - y0) * 2), 0)
    for y in range(y0, y1):
        for x in range(x0, x1):
            ch, style = grid[y][x]
            bg = _dark(style.bgcolor if style else None)
            if ch == "▀":
                top, bottom = _dark(style.color), bg
            else:
                top = bottom = bg
            img.putpixel((x - x0, (y - y0) * 2), 0 if top else 255)
            img.putpixel((x - x0, (y - y0) * 2 + 1), 0 if bottom else 255)
    return img.resize((img.width * scale, img.height * scale), Image.NEAREST)


def decode(app, widget) -> list[str]:
    import zxingcpp

    return [r.text for r in zxingcpp.read_barcodes(qr_image(app, widget))]
