"""Calls to the configured model: retries, the time budget, fallback models, structured output, repairs.

This client owns retries (tenacity; litellm's and the OpenAI SDK's own retries are switched off so that they
don't multiply) and the per-request time budget. Fallback models (CROSSCHECK_LLM_FALLBACKS) are litellm's:
every call goes through a ``litellm.Router`` whose deployments are the primary then each fallback, in order.
One tenacity attempt is one walk down that list; the Router has no retries and no cooldowns of its own, so
retries, Retry-After and the budget stay here. When every model fails, the Router re-raises the primary's
error, which is what gets mapped (``service.llm.failures``).
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any, TypeVar

import litellm
from litellm.litellm_core_utils.logging_worker import GLOBAL_LOGGING_WORKER
from pydantic import BaseModel
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    retry_if_exception,
    stop_after_attempt,
    stop_after_delay,
    wait_random_exponential,
)

from service import progress, telemetry
from service.config import EMBEDDED_PROVIDER, Settings
from service.errors import LLMBadResponse, LLMError, LLMTimeout, LLMUnavailable
from service.llm import embedded
from service.llm.budget import Budget
from service.llm.failures import TRANSIENT, retry_after, to_service_error
from service.llm.limits import CallLimiter, RequestGate
from service.llm.prompts import Prompt
from service.llm.provider import provider_of, use_embedded
from service.llm.structured import CallResult, parse_json, response_format
from service.schemas import Usage

log = logging.getLogger(__name__)
T = TypeVar("T", bound=BaseModel)
__all__ = ["Budget", "CallResult", "LLMClient", "parse_json"]


class LLMClient:
    """Structured calls to the configured model."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.model = settings.llm_model
        self.models = [settings.llm_model, *settings.llm_fallbacks]
        if any(provider_of(m) == EMBEDDED_PROVIDER for m in self.models):
            use_embedded(settings)
        self.limiter = CallLimiter(settings.llm_max_concurrency, self.model)
        self.gate = RequestGate(settings.max_pending_requests, self.limiter.retry_after)
        self.router = litellm.Router(
            model_list=[{"model_name": _group(i), "litellm_params": self._reach(m)} for i, m in enumerate(self.models)],
            fallbacks=[{_group(0): [_group(i) for i in range(1, len(self.models))]}] if settings.llm_fallbacks else [],
            num_retries=0, retry_after=0, disable_cooldowns=True,  # tenacity owns retries; no hidden state
        )

    def _reach(self, model: str) -> dict[str, Any]:
        """How to reach ``model``: a model of the primary's provider shares CROSSCHECK_LLM_API_BASE and _API_KEY;
        another provider is reached as litellm reaches it by default (its own usual key variable)."""
        params: dict[str, Any] = {"model": model}
        if provider_of(model) == provider_of(self.model):
            if self.settings.llm_api_base:
                params["api_base"] = self.settings.llm_api_base
            if self.settings.llm_api_key is not None:
                params["api_key"] = self.settings.llm_api_key.get_secret_value()
        return params

    # --- readiness / configuration ---------------------------------------------------------------
    def check_config(self) -> None:
        """Fail early, with the fix, when a hosted model's key (the primary's or a fallback's) is missing."""
        for model in self.models:
            params = self._reach(model)
            if provider_of(model) == EMBEDDED_PROVIDER or "api_base" in params or "api_key" in params:
                continue
            env = litellm.validate_environment(model=model)
            if not env.get("keys_in_environment", True):
                from service.errors import ConfigError

                missing = ", ".join(env.get("missing_keys", [])) or "the provider's API key"
                hint = "CROSSCHECK_LLM_API_KEY" if model == self.model else "the provider's usual variable"
                raise ConfigError(f"model {model!r} needs {missing}: set it, or {hint}")

    def warm_up(self) -> None:
        """Load the embedded weights now rather than on the first request."""
        if self.settings.is_embedded:
            embedded.get_model(self.settings.embedded_model_path, self.settings.embedded_n_ctx,
                               self.settings.embedded_threads).load()

    async def ready(self) -> tuple[bool, str]:
        """Whether a call could succeed now, without spending tokens."""
        if self.settings.is_embedded:
            engine = embedded.get_model(self.settings.embedded_model_path, self.settings.embedded_n_ctx,
                                        self.settings.embedded_threads)
            return engine.loaded, "embedded model loaded" if engine.loaded else "embedded model not loaded yet"
        if self.settings.llm_api_base:
            import httpx

            try:
                async with httpx.AsyncClient(timeout=3.0) as client:
                    r = await client.get(self.settings.llm_api_base.rstrip("/") + "/models")
                return r.status_code < 500, f"{self.settings.llm_api_base} answered {r.status_code}"
            except httpx.HTTPError as exc:
                return False, f"{self.settings.llm_api_base} unreachable: {type(exc).__name__}"
        try:
            self.check_config()
        except Exception as exc:  # noqa: BLE001 - reported, not raised
            return False, str(exc)
        return True, "hosted model configured"

    async def aclose(self) -> None:
        """Stop litellm's logging worker if it runs on this event loop; call it when the loop's work ends.

        litellm starts one process-wide worker task on the first successful call and never stops it. When another
        event loop then makes a call, litellm rebinds the worker to that loop and drops the old task still pending
        (BerriAI/litellm#36548); the garbage collector later destroys it ("Task was destroyed but it is pending!").
        One loop per process, as under uvicorn, never rebinds; a test process runs many loops at once.
        """
        # Only the loop the worker runs on may stop it (its tasks belong to that loop). litellm (pinned) has no
        # public way to ask which loop that is.
        if GLOBAL_LOGGING_WORKER._bound_loop is asyncio.get_running_loop():
            await GLOBAL_LOGGING_WORKER.stop()

    # --- calls -----------------------------------------------------------------------------------
    async def _call(self, messages: list[dict[str, str]], json_format: dict[str, Any] | None,
                    budget: Budget, usage: Usage) -> str:
        s = self.settings
        kwargs: dict[str, Any] = {
            "model": _group(0), "messages": messages, "temperature": s.llm_temperature,
            "max_tokens": s.llm_max_tokens, "num_retries": 0, "max_retries": 0,
        }
        if json_format is not None:
            kwargs["response_format"] = json_format

        def wait(state: RetryCallState) -> float:
            exc = state.outcome.exception() if state.outcome else None
            hinted = retry_after(exc) if exc else None
            backoff = wait_random_exponential(multiplier=s.llm_retry_wait_s, max=8)
            delay = hinted if hinted is not None else backoff(state)
            if delay >= budget.left():  # waiting would spend the budget: give up now, with Retry-After
                if isinstance(exc, Exception) and hinted is None and budget.left() <= 0:
                    raise self._map(exc) from exc  # nothing asked us to wait: the failure itself (e.g. 504)
                raise LLMUnavailable(f"the model asked to wait {delay:.0f}s, beyond the request's time budget "
                                     f"({type(exc).__name__})", model=self.model, retry_after=hinted or delay)
            return delay

        def before_sleep(state: RetryCallState) -> None:
            exc = state.outcome.exception() if state.outcome else None
            telemetry.record_retry(type(exc).__name__)

        retrying = AsyncRetrying(
            retry=retry_if_exception(lambda e: isinstance(e, TRANSIENT)),
            stop=stop_after_attempt(s.llm_max_retries + 1) | stop_after_delay(max(budget.left(), 0.0)),
            wait=wait,
            before_sleep=before_sleep,
            reraise=True,
        )
        try:
            async for attempt in retrying:
                with attempt:
                    async with self.limiter.slot(budget.left()):
                        response, answered_by = await self._attempt(kwargs, budget)
                    if answered_by != self.model and answered_by not in budget.fallbacks_used:
                        budget.fallbacks_used.append(answered_by)
                    usage.calls += 1
                    if (u := getattr(response, "usage", None)) is not None:
                        usage.prompt_tokens += int(u.prompt_tokens or 0)
                        usage.completion_tokens += int(u.completion_tokens or 0)
                        usage.total_tokens = usage.prompt_tokens + usage.completion_tokens
                    content = response.choices[0].message.content
                    return str(content or "")
        except LLMError:
            raise
        except Exception as exc:  # noqa: BLE001 - mapped to the service's errors below
            raise self._map(exc) from exc
        raise LLMUnavailable("no attempt was made", model=self.model)  # pragma: no cover

    async def _attempt(self, kwargs: dict[str, Any], budget: Budget) -> tuple[Any, str]:
        """One walk down primary → fallbacks, timed and recorded: the response and the model that gave it.
        Each model gets the full call timeout."""
        timeout = min(self.settings.llm_timeout_s, budget.left())
        if timeout <= 0:
            raise LLMTimeout("the request's LLM time budget is spent", model=self.model)
        started = time.monotonic()
        try:
            response = await asyncio.wait_for(self.router.acompletion(timeout=timeout, **kwargs),
                                              min(timeout * len(self.models), max(budget.left(), 0.0)) + 1.0)
        except TimeoutError as exc:
            telemetry.record_llm_call(self.model, time.monotonic() - started, ok=False)
            raise litellm.Timeout(message=f"no answer in {timeout:.0f}s", model=self.model,
                                  llm_provider="") from exc
        except Exception:
            telemetry.record_llm_call(self.model, time.monotonic() - started, ok=False)
            raise
        answered_by = self._answered_by(response)
        u = getattr(response, "usage", None)
        telemetry.record_llm_call(answered_by, time.monotonic() - started, ok=True,
                                  prompt_tokens=int(getattr(u, "prompt_tokens", 0) or 0),
                                  completion_tokens=int(getattr(u, "completion_tokens", 0) or 0),
                                  fallback=answered_by != self.model)
        if answered_by != self.model:
            log.warning("llm: %s failed; fallback %s answered", self.model, answered_by)
        return response, answered_by

    def _answered_by(self, response: Any) -> str:
        """The configured model string whose deployment answered (the Router names the group in a header)."""
        hidden = getattr(response, "_hidden_params", None) or {}
        group = (hidden.get("additional_headers") or {}).get("x-litellm-model-group")
        for i, model in enumerate(self.models):
            if group == _group(i):
                return model
        return self.model

    def _map(self, exc: Exception) -> Exception:
        secrets = [self.settings.llm_api_key.get_secret_value()] if self.settings.llm_api_key else []
        return to_service_error(exc, self.model, secrets)

    async def complete_json(self, prompt: Prompt, variables: dict[str, object], schema: type[T],
                            budget: Budget, usage: Usage) -> CallResult:
        """Ask for JSON matching ``schema``; re-ask up to ``llm_repair_attempts`` times with the error.

        Returns:
            The validated object, or ``value=None`` with the last error when the output stayed unusable.

        Raises:
            LLMError: the model could not be reached or refused the call (transport and provider errors).
        """
        messages = prompt.render(**variables)
        wanted = response_format(self.settings, schema)
        raw, error = "", None
        for attempt in range(self.settings.llm_repair_attempts + 1):
            progress.report("llm", f"asking the model ({prompt.ref}{', repair' if attempt else ''})")
            started = time.monotonic()
            raw = await self._call(messages, wanted, budget, usage)
            progress.report("llm-done", f"{prompt.ref} answered in {time.monotonic() - started:.1f}s")
            value, error = parse_json(raw, schema)
            if value is not None:
                return CallResult(value, raw)
            log.info("llm output unusable (%s); %s", prompt.ref, error)
            messages = [*messages, {"role": "assistant", "content": raw[:4000]},
                        {"role": "user", "content": f"That answer was not valid: {error}. "
                         "Answer again with JSON only, matching the requested format."}]
        if not self.settings.fallback_on_bad_output:
            raise LLMBadResponse(f"output unusable after {self.settings.llm_repair_attempts} repair attempt(s): "
                                 f"{error}", model=self.model)
        budget.unusable_outputs += 1
        return CallResult(None, raw, error)


def _group(index: int) -> str:
    """The Router's name for the configured model at ``index`` (0: the primary)."""
    return f"crosscheck-{index}"
