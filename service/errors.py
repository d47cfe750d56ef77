"""The service's exceptions. They become HTTP problems only at the edge (``service.problems``).

    CrosscheckError
    ├── ConfigError            a setting or prompt file is wrong: fails at start-up
    ├── InputError             the client's mistake                         400 / 413 / 415 / 422
    └── LLMError               the model's failure (carries model and detail)
        ├── LLMUnavailable     unreachable, or rate-limited past the budget  503 (+ Retry-After)
        │   └── LLMOverloaded  busy: requests admitted, or no slot in time   503 (+ Retry-After)
        ├── LLMTimeout         no answer in time                             504
        └── LLMBadResponse     unusable answer after repairs, provider 4xx   502
"""

from __future__ import annotations


class CrosscheckError(Exception):
    """Base of every error this service raises on purpose."""


class ConfigError(CrosscheckError):
    """Configuration or prompt files are invalid."""


class InputError(CrosscheckError):
    """The request cannot be processed as sent."""

    def __init__(self, status: int, title: str, detail: str) -> None:
        super().__init__(detail)
        self.status, self.title, self.detail = status, title, detail


class LLMError(CrosscheckError):
    """The LLM could not give a usable answer."""

    status = 502
    title = "LLM failure"

    def __init__(self, detail: str, *, model: str, retry_after: float | None = None) -> None:
        super().__init__(detail)
        self.detail, self.model, self.retry_after = detail, model, retry_after


class LLMUnavailable(LLMError):
    status = 503
    title = "LLM unavailable"


class LLMOverloaded(LLMUnavailable):
    """Refused by this service's own backpressure (``service.limits``), before the model was called."""

    title = "Service busy"


class LLMTimeout(LLMError):
    status = 504
    title = "LLM timed out"


class LLMBadResponse(LLMError):
    status = 502
    title = "LLM gave no usable answer"
