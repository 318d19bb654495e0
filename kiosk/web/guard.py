"""What every response carries (security headers) and the pledge form's CSRF token.

CSRF: the cookie holds a random nonce, the form a keyed hash of it (HMAC with a secret of this
process). A cross-site form can neither read the cookie nor compute the hash; SameSite=Strict
keeps the cookie off cross-site posts besides. A restart changes the secret: an old form then asks
to be reloaded."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

CSRF_COOKIE = "kiosk_csrf"
_NONCE = re.compile(r"^[A-Za-z0-9_-]{16,64}$")

HEADERS = [
    (b"content-security-policy",
     b"default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
     b"frame-ancestors 'none'; base-uri 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


class SecurityHeaders:
    """Pure ASGI middleware: the headers above on every HTTP response, errors included."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _v in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [h for h in HEADERS if h[0] not in names]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class Csrf:
    def __init__(self, secret: bytes | None = None) -> None:
        self.secret = secret or secrets.token_bytes(32)

    def token(self, nonce: str) -> str:
        return hmac.new(self.secret, nonce.encode("ascii"), hashlib.sha256).hexdigest()

    @staticmethod
    def new_nonce() -> str:
        return secrets.token_urlsafe(18)

    @staticmethod
    def usable(nonce: str | None) -> bool:
        return bool(nonce) and bool(_NONCE.match(nonce))

    def valid(self, nonce: str | None, token: str | None) -> bool:
        if not self.usable(nonce) or not token or len(token) != 64:
            return False
        return hmac.compare_digest(self.token(nonce), token)
