"""Chinese first, English complete: a user-facing string without a translation fails here."""

import subprocess
import sys

from kiosk import i18n
from kiosk.domain import sources

from kiosk_process import ROOT


def test_every_string_has_a_chinese_translation_and_the_mo_is_current():
    out = subprocess.run([sys.executable, str(ROOT / "tools" / "catalog.py"), "check"], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_language_switch_changes_the_words():
    i18n.set_language("zh")
    assert sources.label("owners") == "业主出一点"
    i18n.set_language("en")
    assert sources.label("owners") == "Owners' contribution"
    i18n.set_language("zh_CN.UTF-8")
    assert i18n.language() == "zh"
