"""The six co-funding sources (六个点). Keys are fixed everywhere: code, exports, tests."""

from __future__ import annotations

from kiosk.i18n import N_, _

SOURCES: tuple[str, ...] = ("government", "subdistrict", "units", "community", "owners", "property")

_LABELS = {
    "government": N_("Government subsidy"),
    "subdistrict": N_("Sub-district reward"),
    "units": N_("Help from local organisations"),
    "community": N_("Community fundraising"),
    "owners": N_("Owners' contribution"),
    "property": N_("Property company's share"),
}
_SHORT = {
    "government": N_("Gov't"),
    "subdistrict": N_("Sub-district"),
    "units": N_("Organisations"),
    "community": N_("Community"),
    "owners": N_("Owners"),
    "property": N_("Property co."),
}
# Their colours are presentation: kiosk.render.palette.SOURCE_COLOURS.


def label(key: str) -> str:
    """The slogan: 政府补一点 / Government subsidy."""
    return _(_LABELS[key])


def short_label(key: str) -> str:
    """Two characters in Chinese (政府补), a word in English: for legends and narrow columns."""
    return _(_SHORT[key])


def is_source(key: str) -> bool:
    return key in _LABELS
