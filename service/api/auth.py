"""Optional API keys (CROSSCHECK_API_KEYS): when set, every /v1/* route needs one; health, readiness, metrics
and the docs stay open, so that probes and scrapers need no secret."""

from __future__ import annotations

import hmac

from fastapi import Request
from starlette.exceptions import HTTPException

from service.api.deps import SettingsDep
from service.config import Settings

PROTECTED_PREFIX = "/v1/"
_CHALLENGE = {"WWW-Authenticate": 'Bearer realm="crosscheck"'}


def presented_key(request: Request) -> str | None:
    """The key from ``Authorization: Bearer <key>`` or ``X-API-Key: <key>``."""
    scheme, _, credentials = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and credentials.strip():
        return credentials.strip()
    return request.headers.get("x-api-key", "").strip() or None


async def require_api_key(request: Request, settings: SettingsDep) -> None:
    """App-wide dependency: refuses a /v1/* request without a configured key (401, problem+json)."""
    route = getattr(request.scope.get("route"), "path", request.url.path)
    if not settings.api_keys or not route.startswith(PROTECTED_PREFIX):
        return
    key = presented_key(request)
    if key is None:
        raise HTTPException(401, "send Authorization: Bearer <key> or X-API-Key: <key>", headers=_CHALLENGE)
    if not key_is_valid(key, settings):
        raise HTTPException(401, "the API key is not valid", headers=_CHALLENGE)


def key_is_valid(key: str, settings: Settings) -> bool:
    """Whether ``key`` is one of CROSSCHECK_API_KEYS (the API's header, the web page's form field)."""
    # Every configured key is compared, in constant time each, so timing tells nothing about which is close.
    matched = False
    for allowed in settings.api_keys:
        matched |= hmac.compare_digest(key.encode(), allowed.get_secret_value().encode())
    return matched
