"""Provider failures as the service's errors: which are transient (retried), how long the provider asks us to
wait, and what the client is told (with any secret the provider echoed removed)."""

from __future__ import annotations

import re

import litellm

from service.errors import InputError, LLMBadResponse, LLMTimeout, LLMUnavailable

TRANSIENT = (litellm.Timeout, litellm.RateLimitError, litellm.APIConnectionError, litellm.InternalServerError,
             litellm.ServiceUnavailableError, litellm.BadGatewayError)
# Key-shaped strings: "sk-…" (OpenAI and many compatibles), "Bearer …", and long hex or base64 runs.
_KEY_SHAPED = re.compile(r"\b(?:sk|pk|rk|key)-[\w-]{8,}|Bearer\s+[\w.~+/=-]{8,}|\b[A-Za-z0-9_-]{40,}\b")


def retry_after(exc: BaseException) -> float | None:
    """The provider's Retry-After, in seconds: litellm keeps response headers in ``litellm_response_headers``."""
    for headers in (getattr(exc, "litellm_response_headers", None),
                    getattr(getattr(exc, "response", None), "headers", None)):
        value = headers.get("retry-after") if headers is not None and hasattr(headers, "get") else None
        if value is None:
            continue
        try:
            return max(0.0, float(value))
        except ValueError:
            continue
    return None


def redact(text: str, secrets: list[str]) -> str:
    """``text`` without any of ``secrets``, nor anything shaped like a key or a bearer token."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "[redacted]")
    return _KEY_SHAPED.sub("[redacted]", text)


def to_service_error(exc: Exception, model: str, secrets: list[str]) -> Exception:
    """The service's error for a provider failure (mapped to 413, 502, 503 or 504 at the HTTP edge)."""
    # The provider's message goes to the client and the log: some providers echo the key they were sent.
    detail = redact(f"{type(exc).__name__}: {str(exc)[:300]}", secrets)
    if isinstance(exc, litellm.ContextWindowExceededError):
        return InputError(413, "Article too long for the model", "the article does not fit the model's "
                          "context window; send a shorter text or configure a larger model")
    if isinstance(exc, litellm.Timeout):
        return LLMTimeout(detail, model=model)
    if isinstance(exc, litellm.RateLimitError):
        return LLMUnavailable(detail, model=model, retry_after=retry_after(exc) or 5.0)
    if isinstance(exc, litellm.APIConnectionError | litellm.ServiceUnavailableError) or _unreachable(exc):
        return LLMUnavailable(detail, model=model, retry_after=5.0)
    return LLMBadResponse(detail, model=model)


def _unreachable(exc: BaseException) -> bool:
    """litellm reports a refused connection as ``InternalServerError: Connection error``: look at the causes."""
    seen: BaseException | None = exc
    for _ in range(8):
        if seen is None:
            break
        if type(seen).__name__ in {"ConnectError", "APIConnectionError", "ConnectionRefusedError"}:
            return True
        seen = seen.__cause__ or seen.__context__
    return "Connection error" in str(exc)
