"""Translation layer. Message ids are English; zh_CN (the default) comes from a gettext catalog.

Call `_()` when text is shown, never at import time: the language is chosen after modules load.
Tables of constant strings mark them with `N_()` and translate where they are rendered.
"""

from __future__ import annotations

import errno
import gettext
import os
from pathlib import Path

DOMAIN = "kiosk"
LOCALE_DIR = Path(__file__).with_name("locale")
LANGUAGES = {"zh": "zh_CN", "en": "en"}
DEFAULT = "zh"

_current = DEFAULT
_translation: gettext.NullTranslations = gettext.NullTranslations()


def normalise(lang: str | None) -> str:
    """Accept zh, zh_CN, zh-CN.UTF-8, en, en_US … ; anything unknown falls back to Chinese."""
    if not lang:
        return DEFAULT
    head = lang.replace("-", "_").split(".")[0].split("_")[0].lower()
    return head if head in LANGUAGES else DEFAULT


def set_language(lang: str | None) -> str:
    global _current, _translation
    _current = normalise(lang)
    if _current == "en":
        _translation = gettext.NullTranslations()
    else:
        _translation = gettext.translation(
            DOMAIN, localedir=LOCALE_DIR, languages=[LANGUAGES[_current]], fallback=True
        )
    # argparse's own words ("usage:", "options") come from gettext's global domain.
    gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
    gettext.textdomain(DOMAIN)
    os.environ["LANGUAGE"] = LANGUAGES[_current]
    return _current


def language() -> str:
    return _current


def _(message: str) -> str:
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Marks a string for extraction without translating it yet."""
    return message


# The system's reasons are the C library's English ("No such file or directory"): the common ones
# in the user's language, the rest as the system says them.
_OS_REASONS = {
    errno.ENOENT: N_("no such file or folder"),
    errno.EACCES: N_("permission denied"),
    errno.EPERM: N_("not permitted"),
    errno.EISDIR: N_("it is a folder"),
    errno.ENOTDIR: N_("a part of the path is not a folder"),
    errno.ENOSPC: N_("the disk is full"),
    errno.EROFS: N_("the disk is read-only"),
    errno.EEXIST: N_("it exists already"),
    errno.EIO: N_("the device could not be read or written"),
    errno.ENAMETOOLONG: N_("the name is too long"),
    errno.ECONNREFUSED: N_("the connection was refused"),
    errno.ETIMEDOUT: N_("no answer in time"),
}


def os_reason(exc: BaseException) -> str:
    """Why a file or system call failed, in the user's language."""
    code = getattr(exc, "errno", None)
    if code in _OS_REASONS:
        return _(_OS_REASONS[code])
    return getattr(exc, "strerror", None) or str(exc)


set_language(os.environ.get("KIOSK_LANG", DEFAULT))
