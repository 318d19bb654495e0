"""Latin words on a screen that should have been Chinese: what a resident or a staff member
reading Chinese would find untranslated. Key names (as printed on the keys), acronyms and the
few names the product uses as they are (Markdown, Open311) are not words to translate."""

from __future__ import annotations

import dataclasses
import re

from kiosk.config import Settings

KEY_NAMES = {"esc", "enter", "tab", "ctrl", "shift", "alt", "space", "backspace", "del", "delete", "home",
             "end", "pgup", "pgdn", "up", "down", "left", "right", "insert"}
AS_THEY_ARE = {"markdown", "open311", "kiosk", "https", "http", "www", "wifi"}
# A setting is named as it is written in the settings file ("请填写 public_url").
SETTINGS = {f.name for f in dataclasses.fields(Settings)}
_WORD = re.compile(r"[A-Za-z][A-Za-z'_]*")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9]{0,5}$")  # QR, PDF, SSH, CUPS, A4, PIN, ...
_HEX = re.compile(r"\b[0-9a-f]{8,}\b")  # a hash or the audit chain's head, shortened or not
_KEY = re.compile(r"^(?:f\d{1,2}|ctrl\+\w+)$", re.I)


def untranslated(text: str, data: set[str] = frozenset()) -> set[str]:
    """Words of `text` that are neither key names, acronyms, kept names, nor data (`data`:
    words the database holds, such as staff user names, shown as they were typed)."""
    lowered = {d.lower() for d in data}
    words = set()
    for w in _WORD.findall(_HEX.sub(" ", text)):
        if len(w) < 2 or _ACRONYM.match(w) or _KEY.match(w):
            continue
        if w.lower() in KEY_NAMES or w.lower() in AS_THEY_ARE or w.lower() in lowered or w in SETTINGS:
            continue
        words.add(w)
    return words
