"""What every page shares: the language of the request, the templates (Jinja2, autoescaped), the
estate a request is about, and `handler`, which runs a page on the event loop's thread with its
connection and turns the domain's refusals into pages in the reader's language.

Language: `?lang=en|zh` first, then Accept-Language, else Chinese. The project's gettext catalog is
one per process (kiosk.i18n), so a handler sets it and renders without yielding to another request:
handlers are `async` and call the domain synchronously, on one thread."""

from __future__ import annotations

import dataclasses
import functools
import logging
from pathlib import Path
from typing import Callable
from urllib.parse import parse_qsl

import jinja2
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from kiosk import i18n
from kiosk.config import Settings
from kiosk.domain import estates
from kiosk.domain.errors import DomainError, NotFound
from kiosk.domain.money import yuan, yuan_short
from kiosk.i18n import _
from kiosk.render.safe import inert, one_line
from kiosk.web.cache import RevisionCache
from kiosk.web.guard import CSRF_COOKIE, Csrf
from kiosk.web.limits import Limiter
from kiosk.web.store import Store

log = logging.getLogger("kiosk")
TEMPLATES = Path(__file__).with_name("templates")
# Longest query value a page looks at: tickets, receipts and ids are short.
MAX_QUERY_VALUE = 64

env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, trim_blocks=True,
                         lstrip_blocks=True, undefined=jinja2.StrictUndefined)
env.globals["_"] = lambda message: _(message)
env.filters["yuan"] = yuan
env.filters["yuan_short"] = yuan_short
env.filters["inert"] = inert  # control characters shown as pictures; markup is escaped by autoescape
env.filters["line"] = one_line


@dataclasses.dataclass
class Site:
    """The running service's shared state (one per app)."""

    settings: Settings
    store: Store
    csrf: Csrf
    pledges_per_ip: Limiter = dataclasses.field(default_factory=lambda: Limiter(10, 60))
    wrong_codes_per_ip: Limiter = dataclasses.field(default_factory=lambda: Limiter(5, 900))
    pledges_per_household: Limiter = dataclasses.field(default_factory=lambda: Limiter(3, 60))
    lookups_per_ip: Limiter = dataclasses.field(default_factory=lambda: Limiter(60, 60))
    reports_per_key: Limiter = dataclasses.field(default_factory=lambda: Limiter(30, 60))
    answers_per_ip: Limiter = dataclasses.field(default_factory=lambda: Limiter(5, 60))  # "修好了吗？"
    pages: RevisionCache = dataclasses.field(default_factory=RevisionCache)
    _estate_id: int | None = None

    def fixed_estate(self) -> int | None:
        """The estate `settings.estate` names (a box in one estate), or None (a sub-district)."""
        if self.settings.estate and self._estate_id is None:
            self._estate_id = estates.resolve_estate(self.settings.estate).id
        return self._estate_id


def site(request: Request) -> Site:
    return request.app.state.site


def language(request: Request) -> str:
    asked = request.query_params.get("lang", "")[:8]
    if asked:
        return i18n.normalise(asked)
    best, best_q = i18n.DEFAULT, -1.0
    for part in request.headers.get("accept-language", "")[:200].split(","):
        tag, _sep, params = part.strip().partition(";")
        head = tag.strip().replace("-", "_").split("_")[0].lower()
        if head not in i18n.LANGUAGES:
            continue
        try:
            q = float(params.strip()[2:]) if params.strip().startswith("q=") else 1.0
        except ValueError:
            q = 0.0
        if q > best_q:
            best, best_q = head, q
    return best


def query(request: Request, name: str) -> str:
    """A query parameter, cut short; NUL dropped (no database text can hold it)."""
    return request.query_params.get(name, "")[:MAX_QUERY_VALUE].replace("\x00", "")


def query_int(request: Request, name: str) -> int | None:
    value = query(request, name).strip()
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 9 else None


def estate_of(request: Request) -> estates.EstateInfo | None:
    """The estate a page is about: the box's own, else ?estate=ID, else the only one (None:
    several, and the reader has to choose)."""
    fixed = site(request).fixed_estate()
    if fixed is not None:
        return estates.get_estate(fixed)
    asked = query_int(request, "estate")
    if asked is not None:
        return estates.get_estate(asked)
    all_estates = estates.list_estates()
    if len(all_estates) == 1:
        return all_estates[0]
    if not all_estates:
        raise NotFound(_("There is no estate yet."))
    return None


def in_scope(request: Request, estate_id: int) -> None:
    """A box that serves one estate shows nothing of another (the same answer as 'no such')."""
    fixed = site(request).fixed_estate()
    if fixed is not None and fixed != estate_id:
        raise NotFound(_("Not found."))


def render(request: Request, name: str, status: int = 200, headers: dict | None = None, **context) -> HTMLResponse:
    response = HTMLResponse(page_html(request, name, **context), status_code=status, headers=headers)
    response.headers["vary"] = "Accept-Language, Cookie"
    response.headers.setdefault("cache-control", "no-cache")
    return response


def form_page(request: Request, name: str, status: int = 200, **context) -> HTMLResponse:
    """A page with a posted form: its CSRF token (`csrf`) for the form, the nonce in the cookie.
    The cookie keeps its nonce while it is sound, so two open tabs both work."""
    guard = site(request).csrf
    cookie = request.cookies.get(CSRF_COOKIE)
    fresh = not guard.usable(cookie)
    cookie = guard.new_nonce() if fresh else cookie
    response = render(request, name, status=status, csrf=guard.token(cookie), **context)
    response.headers["cache-control"] = "no-store"
    if fresh:
        response.set_cookie(CSRF_COOKIE, cookie, httponly=True, samesite="strict", path="/",
                            secure=request.url.scheme == "https")
    return response


def cached_page(request: Request, name: str, compute: Callable[[], dict]) -> HTMLResponse:
    """A page that is the same for every reader: rendered once per change of the data (cache.py)."""
    key = (name, i18n.language(), request.url.path, request.url.query)
    html = site(request).pages.get(key, lambda: page_html(request, name, **compute()))
    response = HTMLResponse(html)
    response.headers["vary"] = "Accept-Language, Cookie"
    response.headers["cache-control"] = "no-cache"
    return response


def page_html(request: Request, name: str, **context) -> str:
    lang = i18n.language()
    other = "en" if lang == "zh" else "zh"
    return env.get_template(name).render(
        lang=lang, html_lang="zh-CN" if lang == "zh" else "en",
        other_lang=other, other_lang_url=str(request.url.include_query_params(lang=other).path) + "?" +
        request.url.include_query_params(lang=other).query,
        lang_param=lang, estate_q=_estate_query(request), **context)


def _estate_query(request: Request) -> str:
    """'&estate=N' for links of a page about estate N in a sub-district's service, else ''."""
    asked = query_int(request, "estate")
    return f"&estate={asked}" if asked is not None else ""


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    return render(request, "error.html", status=status, message=message)


def handler(fn: Callable | None = None, *, form: bool = False) -> Callable:
    """A sync page function -> the async endpoint: language, connection, errors as pages. With
    `form`, the posted form is read first (bounded) and passed as the second argument."""

    def wrap(fn: Callable) -> Callable:
        @functools.wraps(fn)
        async def endpoint(request: Request) -> Response:
            data = None
            if form:
                data = await read_form(request)
            # Set after the last await: from here to the response no other request runs.
            i18n.set_language(language(request))
            if isinstance(data, Response):
                return data
            try:
                with site(request).store.reading():
                    return fn(request, data) if form else fn(request)
            except NotFound as exc:
                return error_page(request, 404, str(exc))
            except DomainError as exc:
                return error_page(request, 400, str(exc))

        return endpoint

    return wrap(fn) if fn is not None else wrap


MAX_FORM_BYTES = 8192
MAX_FORM_FIELDS = 20


def urlencoded(body: bytes) -> dict[str, str]:
    """An application/x-www-form-urlencoded body as {name: value}, the last of a repeated name.
    Text is UTF-8 whether percent-encoded (browsers) or sent raw (some hotline clients). Raises
    ValueError for bytes that are not UTF-8 (percent-encoded GBK included) and for too many fields."""
    return dict(parse_qsl(body.decode("utf-8"), keep_blank_values=True, encoding="utf-8", errors="strict",
                          max_num_fields=MAX_FORM_FIELDS))


class _TooLarge(Exception):
    """A body past MAX_FORM_BYTES, declared or sent."""


async def _fields(request: Request):
    if request.headers.get("content-type", "").split(";")[0].strip().lower() != "application/x-www-form-urlencoded":
        # multipart: Starlette's parser (a part's text is decoded by its charset, UTF-8 by default)
        return await request.form(max_files=0, max_fields=MAX_FORM_FIELDS, max_part_size=MAX_FORM_BYTES)
    body = bytearray()
    async for chunk in request.stream():  # bounded even when the client declared no length
        body += chunk
        if len(body) > MAX_FORM_BYTES:
            raise _TooLarge
    return urlencoded(bytes(body))


async def read_form(request: Request):
    """The posted form as {name: str}, or an error response (too big, not a form, not UTF-8)."""
    try:
        declared = int(request.headers.get("content-length") or 0)
    except ValueError:
        declared = MAX_FORM_BYTES + 1
    try:
        if declared > MAX_FORM_BYTES:
            raise _TooLarge
        got = await _fields(request)
    except _TooLarge:
        i18n.set_language(language(request))
        return error_page(request, 413, _("The form is too large."))
    except Exception:  # malformed bodies of every kind: one plain answer
        i18n.set_language(language(request))
        return error_page(request, 400, _("The form could not be read. Please try again."))
    return {k: v for k, v in got.items() if isinstance(v, str)}


def client_allowed(request: Request) -> bool:
    """Look-ups by number (tickets, receipts) from one client: enough for people, not for guessing."""
    host = request.client.host if request.client else "-"
    return site(request).lookups_per_ip.hit(host)
