"""Printable A4 documents: pure functions from the domain's answers to vector PDF bytes, with the
Chinese font embedded (the paper counterpart of kiosk/render for screens). One module per
document, each with `build(...) -> bytes`; `sheet.Sheet` is the page they all draw on."""
