"""In Chinese, no slide of the notice-board TV shows English: every page of every slide kind, at
the board's sizes, is read for Latin words that are not acronyms."""

from __future__ import annotations

import pytest
from support.words import untranslated
from test_slide_sizes import SIZES, deck, fixed_demo, pages_of  # noqa: F401 (fixtures)

from kiosk.display import kinds


@pytest.mark.parametrize("width,height", SIZES)
def test_no_english_on_any_slide_in_chinese(deck, width, height):  # noqa: F811
    _estate, data, _emergencies = deck
    leaks = {kind: found for kind in kinds.known()
             if (found := untranslated("\n".join(pages_of(kind, data[kind], width, height))))}
    assert leaks == {}
