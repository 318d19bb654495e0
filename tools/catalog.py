"""Maintain the gettext catalogs (needs the test extra: Babel).

    python tools/catalog.py update    extract _()/N_()/ngettext() strings from kiosk/ into the zh_CN .po
                                      (keeps existing translations, drops obsolete ones)
    python tools/catalog.py compile   write the .mo that the package ships
    python tools/catalog.py check     exit 1 if a string lacks a translation or the .mo is stale
    python tools/catalog.py fill F.json   set translations from {"msgid": "msgstr", ...}, then compile
    python tools/catalog.py merge OTHER.po   take translations from another copy of the catalog (after a
                                      merge of branches) for strings that have none here, then update
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "kiosk"
PO = PACKAGE / "locale" / "zh_CN" / "LC_MESSAGES" / "kiosk.po"
MO = PO.with_suffix(".mo")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
# argparse's own words, shown by `kiosk --help` and its errors.
ARGPARSE = {
    "usage: ": "用法：",
    "options": "选项",
    "positional arguments": "位置参数",
    "show this help message and exit": "显示帮助并退出",
    "show program's version number and exit": "显示版本号并退出",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选项：%(value)r（可选：%(choices)s）",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "expected one argument": "需要一个值",
    "invalid %(type)s value: %(value)r": "%(value)r 不是%(type)s",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
}


def extract() -> Catalog:
    cat = Catalog(locale="zh_CN", project="estate-kiosk", charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
        str(PACKAGE), method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        cat.add(message, locations=[(f"kiosk/{filename}", lineno)])
    for msgid in ARGPARSE:
        cat.add(msgid, locations=[("argparse", 0)])
    return cat


def load() -> Catalog:
    if not PO.exists():
        return Catalog(locale="zh_CN")
    with open(PO, "rb") as fh:
        return read_po(fh, locale="zh_CN")


def update() -> None:
    old = load()
    new = extract()
    for msg in new:
        if not msg.id:
            continue
        prev = old.get(msg.id)
        if prev is not None and prev.string:
            msg.string = prev.string
        elif isinstance(msg.id, str) and msg.id in ARGPARSE:
            msg.string = ARGPARSE[msg.id]
    PO.parent.mkdir(parents=True, exist_ok=True)
    with open(PO, "wb") as fh:
        write_po(fh, new, width=100, sort_output=True, omit_header=False, include_lineno=False)
    missing = [m.id for m in new if m.id and not m.string]
    print(f"{len(new)} messages, {len(missing)} untranslated")


def compiled() -> bytes:
    buf = io.BytesIO()
    write_mo(buf, load(), use_fuzzy=False)
    return buf.getvalue()


def compile_mo() -> None:
    MO.write_bytes(compiled())
    print(f"wrote {MO.relative_to(ROOT)}")


def problems() -> list[str]:
    out = []
    cat = load()
    for msg in extract():
        if not msg.id:
            continue
        have = cat.get(msg.id)
        if have is None or not have.string or (isinstance(have.string, tuple) and not all(have.string)):
            out.append(f"untranslated: {msg.id!r} ({', '.join(f'{f}:{n}' for f, n in msg.locations)})")
        elif have.fuzzy:
            out.append(f"fuzzy: {msg.id!r}")
    if not MO.exists() or shipped_messages() != catalog_messages(cat):
        out.append("kiosk.mo is stale: run python tools/catalog.py compile")
    return out


def catalog_messages(cat: Catalog) -> dict:
    """What a compiled catalog must hold: msgid -> msgstr, translated and not fuzzy (as write_mo
    keeps them). Compared as messages, not bytes: Babel releases write different headers."""
    out = {}
    for msg in cat:
        if not msg.id or not msg.string or msg.fuzzy:
            continue
        if isinstance(msg.id, (list, tuple)):
            for i, form in enumerate(msg.string):
                out[(msg.id[0], i)] = form
        else:
            out[msg.id] = msg.string
    return out


def shipped_messages() -> dict:
    """The .mo the package ships, read back by the standard library's gettext."""
    import gettext

    with open(MO, "rb") as fh:
        mo = gettext.GNUTranslations(fh)
    out = {}
    for key, value in mo._catalog.items():  # the parsed table; gettext has no public iterator
        if key == "":
            continue
        out[key] = value
    return out


def fill(path: str) -> None:
    import json

    with open(path, encoding="utf-8") as fh:
        pairs = json.load(fh)
    cat = load()
    for msgid, msgstr in pairs.items():
        msg = cat.get(msgid)
        if msg is None:
            print(f"not in the catalog (run update first?): {msgid!r}")
            continue
        msg.string = msgstr
        msg.flags.discard("fuzzy")
    with open(PO, "wb") as fh:
        write_po(fh, cat, width=100, sort_output=True, include_lineno=False)
    compile_mo()


def merge(path: str) -> None:
    with open(path, "rb") as fh:
        other = read_po(fh, locale="zh_CN")
    cat = load()
    taken = 0
    for msg in other:
        if not msg.id or not msg.string:
            continue
        have = cat.get(msg.id)
        if have is None:
            cat.add(msg.id, msg.string)
            taken += 1
        elif not have.string:
            have.string = msg.string
            taken += 1
    with open(PO, "wb") as fh:
        write_po(fh, cat, width=100, sort_output=True, include_lineno=False)
    print(f"took {taken} translations from {path}")
    update()
    compile_mo()


def main() -> int:
    cmd = sys.argv[1] if len(sys.argv) > 1 else "check"
    if cmd == "update":
        update()
    elif cmd == "compile":
        compile_mo()
    elif cmd == "merge" and len(sys.argv) > 2:
        merge(sys.argv[2])
    elif cmd == "fill" and len(sys.argv) > 2:
        fill(sys.argv[2])
    elif cmd == "check":
        found = problems()
        for p in found:
            print(p)
        return 1 if found else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
