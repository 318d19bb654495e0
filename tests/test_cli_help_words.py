"""Every `kiosk … --help` in Chinese: no untranslated word, no metavar left in English (argparse
names an argument without a metavar by its English dest: `id amount`, `TITLE`). Built in-process
from the same parser `kiosk` builds, one help page per command and action."""

from __future__ import annotations

import argparse
import re

from support.words import untranslated

from kiosk import i18n
from kiosk.cli import build_parser

# Typed as they are: options (--title), choices ({roof_leak,lift} or owners,property,community),
# a code and its value (owners=60000), addresses, file names, the environment's variables, and
# program names the help refers to.
_AS_TYPED = re.compile(r"--?[A-Za-z][\w-]*|\{[^}]*\}|\b[a-z_]+(?:,[a-z_]+)+\b|\b[a-z_]+=\S*|\S+://\S*"
                       r"|\S*\.(?:md|toml|csv|db|json|pdf|svg|png)\b|\bKIOSK_[A-Z_]+|Open311")
PROGRAMS = {"nginx"}


def _pages(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _pages(sub, (*path, name))


def _typed_words(parser: argparse.ArgumentParser) -> set[str]:
    """Command names and the values of choices anywhere in the tree: what staff type as they are."""
    words = set()
    for path, page in _pages(parser):
        words.update(part for name in path for part in name.split("-"))
        for action in page._actions:
            words.update(str(c) for c in action.choices or () if not isinstance(action, argparse._SubParsersAction))
    return words


def test_every_help_page_in_chinese_has_no_english_left():
    i18n.set_language("zh")
    parser = build_parser()
    typed = _typed_words(parser) | PROGRAMS
    leftovers = {}
    for path, page in _pages(parser):
        words = untranslated(_AS_TYPED.sub(" ", page.format_help()), typed)
        if words:
            leftovers[" ".join(path) or "kiosk"] = sorted(words)
    assert leftovers == {}
    assert len(list(_pages(parser))) > 50  # every command and action was read
