"""Who may ask, and how often: optional API keys with per-key request limits per minute.

State is per process (a sliding one-minute window per client), as a rate limit without shared
storage is; behind a load balancer each instance allows its share.
"""

from __future__ import annotations

import time
from collections import deque

from termguard.serve.config import ServeConfig
from termguard.serve.params import ApiError

__all__ = ["AccessControl", "RateLimiter"]


class RateLimiter:
    """At most ``limit`` events per ``window`` seconds for each identity.

    >>> limiter = RateLimiter(window=60.0)
    >>> [limiter.allow("k", 2, now=t) for t in (0.0, 1.0, 2.0, 61.0)]
    [True, True, False, True]
    """

    def __init__(self, window: float = 60.0, max_identities: int = 100_000) -> None:
        self.window = window
        self.max_identities = max_identities
        self._events: dict[str, deque[float]] = {}

    def allow(self, identity: str, limit: int, now: float | None = None) -> bool:
        if limit <= 0:
            return True
        now = time.monotonic() if now is None else now
        events = self._events.get(identity)
        if events is None:
            if len(self._events) >= self.max_identities:
                self._prune(now)
            events = self._events[identity] = deque()
        while events and events[0] <= now - self.window:
            events.popleft()
        if len(events) >= limit:
            return False
        events.append(now)
        return True

    def _prune(self, now: float) -> None:
        for identity in [i for i, e in self._events.items() if not e or e[-1] <= now - self.window]:
            del self._events[identity]


class AccessControl:
    """LibreTranslate's access check: an unknown key is 403 ``Invalid API key``; no key where one
    is required is 400; over the limit is 429 ``Slowdown: N per 1 minute``."""

    def __init__(self, config: ServeConfig) -> None:
        self.config = config
        self.keys = {k.key: (k.req_limit or config.key_req_limit) for k in config.api_keys}
        self.limiter = RateLimiter()

    @property
    def enabled(self) -> bool:
        return bool(self.keys)

    def check(self, api_key: str | None, client: str) -> str:
        """The identity the request counts against (a key or an address), or an :class:`ApiError`."""
        if api_key and self.keys:
            if api_key not in self.keys:
                raise ApiError(403, "Invalid API key")
            identity, limit = f"key:{api_key}", self.keys[api_key]
        else:
            if self.config.require_api_key:
                raise ApiError(400, "Please contact the server operator to get an API key")
            identity, limit = f"addr:{client}", self.config.req_limit
        if not self.limiter.allow(identity, limit):
            raise ApiError(429, f"Slowdown: {limit} per 1 minute", {"Retry-After": "60"})
        return identity
