"""What a slide kind is: `SlideKind(key, title, load, render)` over a `Context`.

- `load(ctx)` runs in a worker thread inside a database connection and calls the domain only;
  it returns the kind's data, or something empty (None, []) when there is nothing to show;
- `render(data, width, height)` is pure (kiosk/render/slides/) and returns the kind's items
  (each item becomes one slide; a long item is cut into pages).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any, Callable

from rich.console import RenderableType

from kiosk.config import Settings
from kiosk.domain.estates import EstateInfo

Loader = Callable[["Context"], Any]
Renderer = Callable[[Any, int, int], list[RenderableType]]


@dataclasses.dataclass(frozen=True)
class Context:
    estate: EstateInfo
    settings: Settings
    now: dt.datetime


@dataclasses.dataclass(frozen=True)
class SlideKind:
    key: str
    title: str  # marked with N_(): translate when shown
    load: Loader
    render: Renderer
    # When this data goes out of date by the clock alone (a meeting starts): read again then.
    until: Callable[[Any], dt.datetime | None] | None = None
