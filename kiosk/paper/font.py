"""The Chinese font a printed document embeds: the `paper_font` setting, else fontconfig's choice
for Chinese, else Debian's known paths. A PDF that names a font it does not carry prints boxes
on a printer without it, so there is no fallback to an unembedded font: no CJK font, one line
saying which package to install."""

from __future__ import annotations

import dataclasses
import functools
import os
import shutil
import subprocess

from kiosk.domain.errors import DomainError
from kiosk.i18n import _

PACKAGE = "fonts-noto-cjk"
# Debian's own places, regular and bold, with the Simplified Chinese face of a collection.
KNOWN = (
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 2),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", "", 0),
)
PROBE = "公示户"  # characters every printed document needs


class FontMissing(DomainError):
    """No font that draws Chinese: the sentence names the package to install."""


@dataclasses.dataclass(frozen=True)
class Face:
    path: str
    index: int = 0


@dataclasses.dataclass(frozen=True)
class Fonts:
    regular: Face
    bold: Face  # the regular face again when the font has no bold


def _parse(setting: str) -> Face:
    path, _sep, index = setting.rpartition(":") if setting.rpartition(":")[2].isdigit() else (setting, "", "0")
    return Face(path, int(index or 0))


def _draws_chinese(face: Face) -> bool:
    from fontTools.ttLib import TTFont

    try:
        font = TTFont(face.path, fontNumber=face.index, lazy=True)
        cmap = font.getBestCmap() or {}
    except Exception:  # not a font file, or a face the collection does not have
        return False
    return all(ord(c) in cmap for c in PROBE)


def _fc_match(pattern: str) -> Face | None:
    if not shutil.which("fc-match"):
        return None
    try:
        out = subprocess.run(["fc-match", "-f", "%{file}\t%{index}", pattern], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    path, _tab, index = out.partition("\t")
    return Face(path, int(index or 0)) if path and os.path.isfile(path) else None


@functools.lru_cache(maxsize=4)
def find(setting: str = "") -> Fonts:
    """The faces to embed; FontMissing when none draws Chinese."""
    if setting:
        face = _parse(setting)
        if not os.path.isfile(face.path) or not _draws_chinese(face):
            raise FontMissing(_("The font {file} in the paper_font setting cannot draw Chinese; install {package} or name another font.").format(file=face.path, package=PACKAGE))
        return Fonts(face, face)
    regular = _fc_match("sans-serif:lang=zh-cn")
    if regular is not None and _draws_chinese(regular):
        bold = _fc_match("sans-serif:lang=zh-cn:weight=bold")
        return Fonts(regular, bold if bold is not None and _draws_chinese(bold) else regular)
    for path, bold_path, index in KNOWN:
        face = Face(path, index)
        if os.path.isfile(path) and _draws_chinese(face):
            bold = Face(bold_path, index) if bold_path and os.path.isfile(bold_path) else face
            return Fonts(face, bold)
    raise FontMissing(_("No Chinese font to print with: install the Debian package {package} (or set paper_font in the settings).").format(package=PACKAGE))
