"""The kiosk's only uses of Textual's private API, in one place (tests/test_textual_hooks.py fails
when a Textual upgrade moves them). Textual has no public way to keep a message loop alive after a
handler raises, nor to stop an app at once, without a traceback, while it starts or stops.

It lives below every layer (it imports nothing of the kiosk) because screens need it as much as
the apps do. kiosk/apps/driver.py keeps the driver's own private uses, with its own check.
"""

from __future__ import annotations

import functools
from asyncio import CancelledError

from rich.console import RenderableType
from textual.app import App


class RecoverInPlace:
    """For an App or a Screen: an exception in one of its handlers goes to `app.recover(error)` and
    its message loop goes on. (Textual ends the loop of the node whose handler raised: a screen
    that took no more messages, or an app that printed a traceback and exited.)"""

    async def _dispatch_message(self, message) -> None:
        try:
            await super()._dispatch_message(message)
        except CancelledError:
            raise
        except Exception as error:
            (self if isinstance(self, App) else self.app).recover(error)


class ErrorHooks:
    """For an App (before App in its bases): where Textual's unhandled-error path goes, and how
    to stop at once. The defaults keep Textual's behaviour."""

    def unhandled_error(self, error: Exception) -> bool:
        """An error Textual's own loops caught (e.g. in compose or mount, or while starting or
        stopping). Return True when handled; False lets Textual print it and exit."""
        return False

    def fatal_message(self) -> RenderableType | None:
        """What to print instead of Textual's traceback (with local variables) when the app ends
        on an error; None: Textual's traceback."""
        return None

    def stop_now(self, return_code: int, message: RenderableType | None = None) -> None:
        """End the app without waiting for its message loop (which may not run yet, or any more)."""
        self._return_code = return_code
        if message is not None:
            self._exit_renderables.append(message)
        self._close_messages_no_wait()

    def _handle_exception(self, error: Exception) -> None:
        if not self.unhandled_error(error):
            super()._handle_exception(error)

    def _fatal_error(self) -> None:
        message = self.fatal_message()
        if message is None:
            super()._fatal_error()
            return
        self.bell()
        self._exit_renderables.append(message)
        self._close_messages_no_wait()


class LeanShow:
    """For a Screen: showing a new screen does two things twice in Textual, for the same picture.
    - Its first resume applies the whole stylesheet to every widget again, although each got its
      styles as it mounted, a moment before (later resumes are left to Textual).
    - It lays the screen out, then posts the screen a Resize for the size it was just laid out at
      (the screen is among the widgets that first layout 'showed'), which lays the whole screen,
      and every screen below it, out again. That echo is dropped; a real change of size (or a
      screen with size breakpoints) goes on to Textual as before."""

    _resumed = False

    def _on_screen_resume(self, event) -> None:
        # Textual runs the handler of every class in the MRO: Screen's runs next, with this flag.
        if not self._resumed:
            self._resumed = True
            event.refresh_styles = False

    def _on_resize(self, event) -> None:
        # Textual runs the handler of every class in the MRO; prevent_default skips Screen's.
        if (event.size == self._compositor.size and self.is_current
                and not (self.HORIZONTAL_BREAKPOINTS or self.app.HORIZONTAL_BREAKPOINTS
                         or self.VERTICAL_BREAKPOINTS or self.app.VERTICAL_BREAKPOINTS)):
            event.prevent_default()


def app_context(app: App):
    """A context in which `self.app` (Textual's active-app variable) names `app`: for a thread
    that reads for a screen not yet on the app's stack, which has no parent to find the app by."""
    return app._context()


def escape_delay() -> float:
    """How long Textual's input parser waits after a lone ESC byte for the rest of an escape
    sequence before it reports the Escape key (`ESCDELAY` ms, 100 by default)."""
    import textual.constants

    return textual.constants.ESCAPE_DELAY


def set_escape_delay(seconds: float) -> None:
    """Shorten that wait for this process. Textual reads the setting only from the environment,
    once, at import; its parser looks the constant up at every ESC, so setting it here works.
    A terminal sends an escape sequence in one write (one read here), so a short wait is safe on
    the kiosk's own terminal; only a slow serial or network link can split one."""
    import textual.constants

    textual.constants.ESCAPE_DELAY = seconds


def unpin_styles_caches() -> None:
    """Textual keeps every widget's rendered lines alive after the widget is gone (Textualize/
    textual#6665, open): `StylesCache.get_inner_outer` is an lru_cache on an instance method, so
    its 1,024 entries hold up to 1,024 dead widgets' StylesCache, each with all the lines it drew.
    In the lobby that was 2.5 MB more resident memory every few seconds of screens opened and
    closed, and full garbage collections that grew from 10 ms to 100 ms in a minute. Its answer
    depends on the two colours only: cached by them here, through Textual's own function. Once
    per process; a no-op when Textual's method is not the lru_cache this expects."""
    from textual._styles_cache import StylesCache

    current = StylesCache.__dict__.get("get_inner_outer")
    original = getattr(current, "__wrapped__", None)
    if (getattr(current, "_kiosk_unpinned", False) or not hasattr(current, "cache_clear")
            or getattr(getattr(original, "__code__", None), "co_argcount", None) != 3):
        return  # already done, or Textual changed it (a fixed version keys by colour itself)

    @functools.lru_cache(1024)
    def by_colours(base_background, background):
        return original(None, base_background, background)  # its first parameter is never read

    def get_inner_outer(self, base_background, background):
        return by_colours(base_background, background)

    get_inner_outer._kiosk_unpinned = True
    get_inner_outer.__wrapped__ = original
    StylesCache.get_inner_outer = get_inner_outer
