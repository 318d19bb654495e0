"""kiosk.textual_hooks leans on Textual's private API: these fail first when an upgrade moves it."""

from __future__ import annotations

import inspect
import re

from textual.app import App
from textual.message_pump import MessagePump
from textual.screen import Screen
from textual.widgets import Button, Static

from kiosk.textual_hooks import ErrorHooks, LeanShow, RecoverInPlace, app_context
from kiosk_process import ROOT

PRIVATE = re.compile(r"\b(_dispatch_message|_handle_exception|_fatal_error|_close_messages_no_wait|_return_code"
                     r"|_exit_renderables|_context)\b|\._bindings\b")
# The driver keeps its own private uses, with its own check (tests of kiosk/apps/driver.py).
HOOKS = {"kiosk/textual_hooks.py", "kiosk/apps/driver.py"}


def params(fn) -> list[str]:
    return list(inspect.signature(fn).parameters)


def test_the_private_names_are_still_there():
    assert inspect.iscoroutinefunction(MessagePump._dispatch_message)
    assert params(MessagePump._dispatch_message) == ["self", "message"]
    assert params(App._handle_exception) == ["self", "error"]
    assert params(App._fatal_error) == ["self"]
    assert params(MessagePump._close_messages_no_wait) == ["self"]
    app = App()
    assert app._return_code is None and app.return_code is None
    assert app._exit_renderables == []
    # Textual's message loop hands a handler's exception to the app here.
    assert "self.app._handle_exception(error)" in inspect.getsource(MessagePump._process_messages_loop)
    # unpin_styles_caches wraps this lru_cache'd method (Textualize/textual#6665).
    from textual._styles_cache import StylesCache

    assert params(StylesCache.get_inner_outer.__wrapped__) == ["cls", "base_background", "background"]


def test_no_other_module_uses_them():
    found = [f"{p.relative_to(ROOT)}:{n}: {line.strip()}" for p in sorted((ROOT / "kiosk").rglob("*.py"))
             if p.relative_to(ROOT).as_posix() not in HOOKS
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if PRIVATE.search(line)]
    assert not found, "use kiosk.textual_hooks:\n" + "\n".join(found)


class Boom(Exception):
    pass


class FailingScreen(RecoverInPlace, Screen):
    def compose(self):
        yield Button("fail", id="fail")
        yield Static("", id="after")

    def on_button_pressed(self) -> None:
        raise Boom("in a screen's handler")

    def key_x(self) -> None:
        self.query_one("#after", Static).update("still running")


class RecoveringApp(RecoverInPlace, ErrorHooks, App):
    def __init__(self) -> None:
        super().__init__()
        self.recovered: list[BaseException] = []

    def recover(self, error: BaseException) -> None:
        self.recovered.append(error)

    def on_mount(self) -> None:
        self.push_screen(FailingScreen())

    def key_y(self) -> None:
        raise Boom("in the app's handler")


async def test_a_screen_handler_error_reaches_the_app_and_the_screen_goes_on():
    app = RecoveringApp()

    async with app.run_test() as pilot:
        await pilot.click("#fail")
        await pilot.pause()
        assert [str(e) for e in app.recovered] == ["in a screen's handler"]
        await pilot.press("x")  # the screen's message loop still runs
        await pilot.pause()
        assert str(app.screen.query_one("#after", Static).render()) == "still running"
        await pilot.press("y")
        await pilot.pause()
        assert [str(e) for e in app.recovered][-1] == "in the app's handler"
        assert app.is_running


class StartFails(ErrorHooks, App):
    seen: list[BaseException] = []

    def unhandled_error(self, error: Exception) -> bool:
        self.seen.append(error)
        self.stop_now(3, "one line, no traceback")
        return True

    def compose(self):
        raise Boom("while composing")


async def test_an_error_textual_catches_reaches_unhandled_error_and_stop_now_ends_the_app(capsys):
    app = StartFails()
    await app.run_async(headless=True)
    assert [str(e) for e in StartFails.seen] == ["while composing"]
    assert app.return_code == 3
    assert "one line, no traceback" in capsys.readouterr().err


class Fatal(ErrorHooks, App):
    def fatal_message(self) -> str:
        return "stopped: see the log"

    def compose(self):
        raise Boom("no hook for this one")


async def test_the_fatal_message_replaces_the_traceback(capsys):
    app = Fatal()
    await app.run_async(headless=True)
    assert app.return_code == 1
    err = capsys.readouterr().err
    assert "stopped: see the log" in err and "Traceback" not in err and "Boom" not in err


def test_the_escape_delay_set_here_is_the_parsers_wait_for_a_lone_escape():
    """The lobby's lone Escape must not wait Textual's 100 ms (kiosk.apps.driver sets it shorter)."""
    import time

    from textual._xterm_parser import XTermParser

    from kiosk.textual_hooks import escape_delay, set_escape_delay

    before = escape_delay()
    try:
        set_escape_delay(0.01)
        parser = XTermParser()
        assert list(parser.feed("\x1b")) == []  # it waits: more of a sequence may follow
        time.sleep(0.03)
        assert [e.key for e in parser.tick()] == ["escape"]
        assert [e.key for e in parser.feed("\x1b[A")] == ["up"]  # a whole sequence is still one key
        set_escape_delay(0.5)
        parser = XTermParser()
        list(parser.feed("\x1b"))
        time.sleep(0.03)
        assert list(parser.tick()) == []  # still waiting: the wait is the one set
    finally:
        set_escape_delay(before)


def test_app_context_names_the_app_in_another_thread():
    import threading

    from textual._context import active_app

    app, seen = App(), []

    def work() -> None:
        with app_context(app):
            seen.append(active_app.get())
        seen.append(active_app.get(None))

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert seen == [app, None]


def test_the_private_names_lean_show_relies_on_are_still_there():
    from textual import events

    assert "self._refresh_layout(size)" in inspect.getsource(Screen._screen_resized)
    assert "event.refresh_styles" in inspect.getsource(Screen._on_screen_resume)
    assert events.ScreenResume().refresh_styles is True
    assert "_on_resize" in Screen.__dict__ and "_on_screen_resume" in Screen.__dict__
    assert "self.size = size" in inspect.getsource(type(Screen()._compositor).reflow)


class Plain(Screen):
    def compose(self):
        yield Static("top", id="top")
        yield Button("press", id="button")


class Lean(LeanShow, Plain):
    pass


class TwoScreens(App):
    CSS = "App.-big #top { height: 3; } #top { height: 1; }"


async def test_a_lean_screen_is_laid_out_and_styled_once_when_shown_and_still_follows_resizes(monkeypatch):
    layouts: list[str] = []
    real = Screen._refresh_layout

    def counted(self, *args, **kwargs):
        layouts.append(type(self).__name__)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Screen, "_refresh_layout", counted)
    app = TwoScreens()
    async with app.run_test(size=(40, 12)) as pilot:
        for screen in (Plain(), Lean()):
            layouts.clear()
            await app.push_screen(screen)
            await pilot.pause()
            await pilot.pause()
            shown = layouts.count(type(screen).__name__)
            if isinstance(screen, Lean):
                assert shown < plain_shown, (shown, plain_shown)  # the Resize echo is gone
            else:
                plain_shown = shown
            assert screen.query_one("#top").region.height == 1
            assert screen.query_one("#button").region.width > 0
        lean = app.screen
        await pilot.resize_terminal(60, 20)  # a real resize still lays it out
        await pilot.pause()
        assert lean.query_one("#button").region.right <= 60 and lean.size == (60, 20)
        app.add_class("-big")  # styles still follow the app's classes
        await pilot.pause()
        assert lean.query_one("#top").region.height == 3


async def test_widgets_that_are_gone_leave_no_rendered_lines_behind():
    """Textual's StylesCache.get_inner_outer cache held up to 1,024 removed widgets' styles caches,
    each with every line it drew (Textualize/textual#6665); unpin_styles_caches keys it by colour."""
    import gc
    import weakref

    from textual.containers import Vertical

    from kiosk.textual_hooks import unpin_styles_caches

    unpin_styles_caches()
    unpin_styles_caches()  # once is enough; again changes nothing

    class Cards(App):
        CSS = "Static { background: $panel; }"

        def compose(self):
            yield Vertical(id="cards")

    app = Cards()
    gone = []  # the styles caches of cards that were drawn, then removed
    async with app.run_test() as pilot:
        cards = app.query_one("#cards")
        for _ in range(4):
            gone += [weakref.ref(card._styles_cache) for card in cards.children]
            await cards.remove_children()
            await cards.mount(*(Static(f"card {i}") for i in range(40)))
            await pilot.pause()
        gc.collect()
        alive = sum(ref() is not None for ref in gone)
    assert len(gone) == 120 and alive == 0
