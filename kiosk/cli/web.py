"""`kiosk web`: the public web pages the QR codes open and the Open311 API, served by uvicorn.

One process on purpose (the rate limits and the CSRF secret live in its memory); nginx with TLS
goes in front (docs/web.md)."""

from __future__ import annotations

from kiosk.cli import common
from kiosk.cli.parser import command
from kiosk.i18n import _


def cmd_web(settings, args) -> int:
    import logging

    import uvicorn

    from kiosk.web import app as web_app

    common.open_db(settings)  # one line and a non-zero exit now, not on the first request
    if settings.public_url_is_example():
        logging.getLogger("kiosk").warning("public_url is still the example address %s: QR codes lead nowhere",
                                           settings.public_url)
        print(_("kiosk: warning: public_url is still the example address; set it in the settings file."))
    app = web_app.build(settings)
    print(_("Serving on http://{host}:{port}/ (Ctrl+C stops)").format(host=args.host, port=args.port), flush=True)
    # Behind nginx: the client's address and scheme come from its X-Forwarded-* headers, trusted
    # from the proxy only. No access log: look-up addresses carry ticket and receipt numbers.
    uvicorn.run(app, host=args.host, port=args.port, proxy_headers=True, forwarded_allow_ips=args.proxy,
                access_log=False, log_level="warning", server_header=False)
    return 0


def register(sub) -> None:
    p = command(sub, "web", cmd_web, _("serve the public pages the QR codes open, and the Open311 API"))
    p.add_argument("--host", default="127.0.0.1", help=_("address to listen on (default: 127.0.0.1, behind nginx)"))
    p.add_argument("--port", type=int, default=8311, help=_("port to listen on (default: 8311)"))
    p.add_argument("--proxy", default="127.0.0.1", metavar=_("ADDRESS"),
                   help=_("the reverse proxy whose X-Forwarded-For is trusted (default: 127.0.0.1)"))
    p.add_argument("--estate", metavar=_("NAME"), help=_("serve only this estate (default: every estate)"))
