"""Backpressure, in two layers.

1. Admission (``RequestGate``): at most N requests that may call the LLM are in the service at once; one more is
   refused at once with 503 and Retry-After. The unit is the request, so a burst is served as far as capacity
   goes and the rest is refused whole: an admitted request is never refused halfway (which would waste the
   calls it already made and serve nobody).
2. LLM slots (``CallLimiter``): at most M calls in flight; the calls of admitted requests wait for a slot, first
   come first served, within their request's time budget.

Memory is bounded by admission (N requests, each with a body of at most MAX_BODY_BYTES), not by a queue that
grows with the load.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from contextlib import asynccontextmanager
from typing import Any

from service import telemetry
from service.errors import LLMOverloaded


async def gather_or_cancel(coros: Iterable[Awaitable[Any]]) -> list[Any]:
    """Like ``asyncio.gather``, but when one part fails the others are cancelled: they would otherwise go on
    holding LLM slots and spending tokens for a request that has already failed."""
    tasks = [asyncio.ensure_future(c) for c in coros]
    try:
        return list(await asyncio.gather(*tasks))
    except BaseException as exc:
        for task in tasks:
            task.cancel()
        if isinstance(exc, Exception):  # let them unwind (and free their slots) before the error is answered
            await asyncio.gather(*tasks, return_exceptions=True)
        raise


class RequestGate:
    """At most ``capacity`` requests admitted at once; the next is refused (503 Service busy, Retry-After)."""

    def __init__(self, capacity: int, retry_after: Callable[[], float]) -> None:
        self.capacity, self.admitted, self._retry_after = capacity, 0, retry_after

    @asynccontextmanager
    async def admit(self, model: str) -> AsyncIterator[None]:
        if self.admitted >= self.capacity:
            telemetry.REJECTIONS.inc()
            raise LLMOverloaded(f"{self.admitted} requests are already being served (CROSSCHECK_MAX_PENDING_REQUESTS"
                                f"={self.capacity}); retry later", model=model, retry_after=self._retry_after())
        self.admitted += 1
        telemetry.PENDING.set(self.admitted)
        try:
            yield
        finally:
            self.admitted -= 1
            telemetry.PENDING.set(self.admitted)


class CallLimiter:
    """``concurrency`` slots; calls wait for one, first come first served (how many can wait is bounded by the
    admission of requests, not here).

    Futures are made on the running loop only when a call has to wait, so one limiter is not tied to the
    loop it was built in.
    """

    def __init__(self, concurrency: int, model: str) -> None:
        self.concurrency, self.model = concurrency, model
        self.active = 0
        self._waiters: deque[asyncio.Future[None]] = deque()
        self._typical_s = 1.0  # moving average of how long a slot is held: the Retry-After estimate

    @property
    def waiting(self) -> int:
        return len(self._waiters)

    def retry_after(self) -> float:
        """Seconds until capacity is likely free: the typical call time, at least 1 s, at most a minute."""
        return float(min(60, max(1, math.ceil(self._typical_s))))

    @asynccontextmanager
    async def slot(self, max_wait: float) -> AsyncIterator[None]:
        """Hold a slot for one call; wait at most ``max_wait`` seconds (the request's budget) for it.

        Raises:
            LLMOverloaded: no slot freed within ``max_wait``.
        """
        await self._acquire(max_wait)
        started = time.monotonic()
        try:
            yield
        finally:
            self._typical_s = 0.8 * self._typical_s + 0.2 * (time.monotonic() - started)
            self._release()

    async def _acquire(self, max_wait: float) -> None:
        if self.active < self.concurrency and not self._waiters:
            self.active += 1
            self._gauges()
            return
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiters.append(waiter)
        self._gauges()
        try:
            await asyncio.wait_for(waiter, max(max_wait, 0.0))
        except BaseException as exc:
            if waiter in self._waiters:
                self._waiters.remove(waiter)
            elif waiter.done() and not waiter.cancelled():
                self._release()  # the slot was handed over as we gave up: pass it on
            self._gauges()
            if isinstance(exc, TimeoutError):
                telemetry.REJECTIONS.inc()
                raise LLMOverloaded(f"no LLM slot freed within the request's time budget ({max_wait:.0f}s)",
                                    model=self.model, retry_after=self.retry_after()) from None
            raise
        self._gauges()

    def _release(self) -> None:
        # Hand the slot straight to the first live waiter (``active`` unchanged), or free it.
        while self._waiters:
            waiter = self._waiters.popleft()
            if not waiter.done():
                waiter.set_result(None)
                self._gauges()
                return
        self.active -= 1
        self._gauges()

    def _gauges(self) -> None:
        telemetry.IN_FLIGHT.set(self.active)
        telemetry.QUEUED.set(len(self._waiters))
