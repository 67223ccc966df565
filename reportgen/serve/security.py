"""The intake's guards: CSRF tokens, a rate limit per link, a cap on request size, safe headers.

Access is by the secret in the link's path, which no other site knows; on top of that
every form carries a token signed with the server's key (`csrf_token`) and a request from
a page of another origin is refused. No cookie is set at all.
"""

from __future__ import annotations

import hashlib
import hmac
import threading
import time
from collections import defaultdict, deque

from starlette.types import ASGIApp, Message, Receive, Scope, Send

SECURITY_HEADERS = [
    (b"content-security-policy", b"default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
                                 b"frame-ancestors 'none'; base-uri 'none'"),
    (b"referrer-policy", b"same-origin"),   # no-referrer would make browsers send `Origin: null`
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"cache-control", b"no-store"),
]


def csrf_token(secret: str, token_hash: str) -> str:
    """The form token of one link: an HMAC of the link's stored hash under the server's key."""
    return hmac.new(secret.encode(), f"csrf:{token_hash}".encode(), hashlib.sha256).hexdigest()


def csrf_ok(secret: str, token_hash: str, given: str | None) -> bool:
    return bool(given) and hmac.compare_digest(csrf_token(secret, token_hash), str(given))


def same_origin(headers, host: str | None) -> bool:
    """False when the browser says the request came from a page on another host."""
    origin = headers.get("origin")
    if not origin or origin == "null":
        return origin != "null"
    return bool(host) and origin.split("://", 1)[-1].rstrip("/") == host


class RateLimiter:
    """At most `limit` events per key in any `window` seconds (in memory, per process)."""

    def __init__(self, limit: int, window: float):
        self.limit, self.window = limit, window
        self._events: dict[object, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def allow(self, key: object) -> bool:
        now = time.monotonic()
        with self._lock:
            events = self._events[key]
            while events and now - events[0] >= self.window:
                events.popleft()
            if len(events) >= self.limit:
                return False
            events.append(now)
            return True


class TooLarge(Exception):
    pass


class GuardMiddleware:
    """Adds the security headers to every response and refuses bodies over `max_body` bytes with 413."""

    def __init__(self, app: ASGIApp, max_body: int, too_large: ASGIApp):
        self.app, self.max_body, self.too_large = app, max_body, too_large

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    h for h in SECURITY_HEADERS if h[0] not in names]
            await send(message)

        length = dict(scope.get("headers", [])).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            await self.too_large(scope, receive, send_with_headers)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise TooLarge
            return message

        try:
            await self.app(scope, counted, send_with_headers)
        except TooLarge:
            if not started:
                await self.too_large(scope, receive, send_with_headers)
