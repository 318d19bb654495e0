"""Reading the pages back: the figures they carry (data-fen), the form's hidden fields."""

from __future__ import annotations

import re
from html.parser import HTMLParser


class Figures(HTMLParser):
    """Every element's data-* attributes, in order, with the text inside it."""

    def __init__(self) -> None:
        super().__init__()
        self.items: list[dict] = []
        self.inputs: dict[str, str] = {}
        self._open: list[dict] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input" and a.get("name"):
            self.inputs[a["name"]] = a.get("value") or ""
        if any(k.startswith("data-") for k in a):
            item = {**a, "tag": tag, "text": ""}
            self.items.append(item)
            self._open.append(item)

    def handle_endtag(self, tag):
        if self._open and self._open[-1]["tag"] == tag:
            self._open.pop()

    def handle_data(self, data):
        for item in self._open:
            item["text"] += data


def parse(html: str) -> Figures:
    f = Figures()
    f.feed(html)
    return f


def project_figures(html: str) -> dict[int, dict]:
    """{project id: {"received": fen, "target": fen, "pledged": fen, "paid": fen, "balance": fen,
    "sources": {key: [planned, received, pledged, paid, balance]}}}"""
    out: dict[int, dict] = {}
    current = None
    f = parse(html)
    for i, item in enumerate(f.items):
        if "data-project" in item:
            current = out.setdefault(int(item["data-project"]), {"sources": {}})
        elif current is not None and "data-figure" in item:
            current[item["data-figure"]] = int(item["data-fen"]) if "data-fen" in item else item["text"].rstrip("%")
        elif current is not None and "data-source" in item:  # money in: planned, received, pledged
            current["sources"][item["data-source"]] = [int(x["data-fen"]) for x in f.items[i + 1:i + 4]]
        elif current is not None and "data-source-out" in item:  # money out: received, paid, balance
            received, paid, balance = (int(x["data-fen"]) for x in f.items[i + 1:i + 4])
            cells = current["sources"][item["data-source-out"]]
            assert cells[1] == received, "the two tables disagree on what was received"
            cells += [paid, balance]
    return out


def text_of(html: str) -> str:
    """The page as a reader sees it: tags out, entities decoded."""
    import html as h

    return h.unescape(re.sub(r"<[^>]+>", " ", html))
