"""The LLM time one request may spend, and what its calls had to fall back on."""

from __future__ import annotations

import time
from dataclasses import dataclass, field


@dataclass
class Budget:
    """The LLM time one analysis may spend, across all its calls and retries; and what those calls had to
    fall back on (fallback models, unusable output), which the meta reports and the cache refuses to keep."""

    seconds: float
    started: float = field(default_factory=time.monotonic)
    fallbacks_used: list[str] = field(default_factory=list)
    unusable_outputs: int = 0

    def left(self) -> float:
        return self.seconds - (time.monotonic() - self.started)
