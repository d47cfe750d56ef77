"""The LLM layer: the only module that imports litellm.

Every model, the embedded one included, is called through litellm (its Router, then ``acompletion``) with the
same arguments.
This module owns retries (tenacity; litellm's and the OpenAI SDK's own retries are switched off so that they
don't multiply), the per-request time budget, structured-output requests, JSON repair, and the mapping of
provider failures to the service's errors.

Fallback models (CROSSCHECK_LLM_FALLBACKS) are litellm's: every call goes through a ``litellm.Router`` whose
deployments are the primary then each fallback, in order. One tenacity attempt is one walk down that list;
the Router has no retries and no cooldowns of its own, so retries, Retry-After and the budget stay here. When
every model fails, the Router re-raises the primary's error, which is what gets mapped.
"""

from __future__ import annotations

import os

# Before the import: litellm would otherwise fetch its cost map from the internet (and retry from a thread).
os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")

import asyncio  # noqa: E402
import json  # noqa: E402
import logging  # noqa: E402
import re  # noqa: E402
import time  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from typing import Any, TypeVar  # noqa: E402

import json_repair  # noqa: E402
import litellm  # noqa: E402
from pydantic import BaseModel, ValidationError  # noqa: E402
from tenacity import (  # noqa: E402
    AsyncRetrying,
    RetryCallState,
    retry_if_exception,
    stop_after_attempt,
    stop_after_delay,
    wait_random_exponential,
)

from service import embedded, telemetry  # noqa: E402
from service.config import EMBEDDED_PROVIDER, Settings  # noqa: E402
from service.errors import (  # noqa: E402
    InputError,
    LLMBadResponse,
    LLMError,
    LLMTimeout,
    LLMUnavailable,
)
from service.limits import CallLimiter, RequestGate  # noqa: E402
from service.prompts import Prompt  # noqa: E402
from service.schemas import Usage  # noqa: E402

litellm.disable_hf_tokenizer_download = True  # never fetch tokenizers from a hub
litellm.suppress_debug_info = True
litellm.telemetry = False
litellm.drop_params = True  # a provider without JSON mode gets the call without it; output is validated anyway
# One transport for calls and recordings: httpx (vcrpy records it; aiohttp sessions also leak in tests).
litellm.disable_aiohttp_transport = True
# litellm's loggers print text lines to stdout through their own handlers (which would corrupt
# `crosscheck analyze --json` and the JSON log stream): drop those handlers, so that its records go through
# the service's logging like any other, and keep only its warnings (INFO is one line per call).
for _name in ("LiteLLM", "LiteLLM Router", "LiteLLM Proxy"):
    logging.getLogger(_name).handlers.clear()
    logging.getLogger(_name).setLevel(logging.WARNING)
# The Router logs each failed fallback walk as an ERROR; we log and count fallbacks ourselves.
logging.getLogger("LiteLLM Router").setLevel(logging.CRITICAL)

log = logging.getLogger(__name__)
T = TypeVar("T", bound=BaseModel)

_TRANSIENT = (litellm.Timeout, litellm.RateLimitError, litellm.APIConnectionError, litellm.InternalServerError,
              litellm.ServiceUnavailableError, litellm.BadGatewayError)


class _EmbeddedProvider(litellm.CustomLLM):  # type: ignore[misc]
    """litellm provider ``embedded/<anything>``: runs the GGUF from the settings in-process."""

    settings: Settings | None = None

    def completion(self, model: str, messages: list[dict[str, str]], *args: Any, **kwargs: Any) -> Any:
        if self.settings is None:
            raise litellm.APIConnectionError(message="embedded model not configured", llm_provider="embedded",
                                             model=model)
        opts: dict[str, Any] = kwargs.get("optional_params") or {}
        engine = embedded.get_model(self.settings.embedded_model_path, self.settings.embedded_n_ctx,
                                    self.settings.embedded_threads)
        out = engine.chat(messages, response_format=opts.get("response_format"),
                          temperature=float(opts.get("temperature", 0.0)),
                          max_tokens=int(opts.get("max_tokens") or opts.get("max_completion_tokens") or 512))
        choice = out["choices"][0]
        return litellm.ModelResponse(
            id=out.get("id"), model=f"{EMBEDDED_PROVIDER}/{model}", created=out.get("created"),
            choices=[{"index": 0, "finish_reason": choice.get("finish_reason") or "stop",
                      "message": {"role": "assistant", "content": choice["message"].get("content") or ""}}],
            usage=litellm.Usage(**out.get("usage", {})),
        )

    async def acompletion(self, model: str, messages: list[dict[str, str]], *args: Any, **kwargs: Any) -> Any:
        return await asyncio.to_thread(self.completion, model, messages, *args, **kwargs)


_embedded_provider = _EmbeddedProvider()
litellm.custom_provider_map = [{"provider": EMBEDDED_PROVIDER, "custom_handler": _embedded_provider}]
litellm.utils.custom_llm_setup()


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


@dataclass
class CallResult:
    value: BaseModel | None  # None: the output stayed unusable after repairs
    raw: str
    error: str | None = None


def _retry_after(exc: BaseException) -> float | None:
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


class LLMClient:
    """Structured calls to the configured model."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.model = settings.llm_model
        self.models = [settings.llm_model, *settings.llm_fallbacks]
        if any(_provider(m) == EMBEDDED_PROVIDER for m in self.models):
            _EmbeddedProvider.settings = settings
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
        if _provider(model) == _provider(self.model):
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
            if _provider(model) == EMBEDDED_PROVIDER or "api_base" in params or "api_key" in params:
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

    # --- calls -----------------------------------------------------------------------------------
    def _response_format(self, schema: type[BaseModel]) -> dict[str, Any] | None:
        mode = self.settings.llm_json_mode
        if mode == "auto":
            local = self.settings.is_embedded or bool(self.settings.llm_api_base)
            mode = "json_object" if local else (
                "json_schema" if litellm.supports_response_schema(model=self.model) else "json_object")
        if mode == "none":
            return None
        json_schema = schema.model_json_schema()
        if mode == "json_schema":
            return {"type": "json_schema",
                    "json_schema": {"name": schema.__name__, "schema": json_schema, "strict": False}}
        # llama.cpp servers take the schema here and constrain decoding with a grammar; others ignore it.
        return {"type": "json_object", "schema": json_schema}

    async def _call(self, messages: list[dict[str, str]], response_format: dict[str, Any] | None,
                    budget: Budget, usage: Usage) -> str:
        s = self.settings
        kwargs: dict[str, Any] = {
            "model": _group(0), "messages": messages, "temperature": s.llm_temperature,
            "max_tokens": s.llm_max_tokens, "num_retries": 0, "max_retries": 0,
        }
        if response_format is not None:
            kwargs["response_format"] = response_format

        def wait(state: RetryCallState) -> float:
            exc = state.outcome.exception() if state.outcome else None
            hinted = _retry_after(exc) if exc else None
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
            retry=retry_if_exception(lambda e: isinstance(e, _TRANSIENT) and not _is_cassette_miss(e)),
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

    def _redact(self, text: str) -> str:
        """``text`` without any configured secret, nor anything shaped like a key or a bearer token."""
        secrets = [self.settings.llm_api_key.get_secret_value()] if self.settings.llm_api_key else []
        for secret in secrets:
            if secret:
                text = text.replace(secret, "[redacted]")
        return _KEY_SHAPED.sub("[redacted]", text)

    def _answered_by(self, response: Any) -> str:
        """The configured model string whose deployment answered (the Router names the group in a header)."""
        hidden = getattr(response, "_hidden_params", None) or {}
        group = (hidden.get("additional_headers") or {}).get("x-litellm-model-group")
        for i, model in enumerate(self.models):
            if group == _group(i):
                return model
        return self.model

    def _map(self, exc: Exception) -> Exception:
        model = self.model
        # The provider's message goes to the client and the log: some providers echo the key they were sent.
        detail = self._redact(f"{type(exc).__name__}: {str(exc)[:300]}")
        if isinstance(exc, litellm.ContextWindowExceededError):
            return InputError(413, "Article too long for the model", "the article does not fit the model's "
                              "context window; send a shorter text or configure a larger model")
        if isinstance(exc, litellm.Timeout):
            return LLMTimeout(detail, model=model)
        if isinstance(exc, litellm.RateLimitError):
            return LLMUnavailable(detail, model=model, retry_after=_retry_after(exc) or 5.0)
        if isinstance(exc, litellm.APIConnectionError | litellm.ServiceUnavailableError) or _unreachable(exc):
            return LLMUnavailable(detail, model=model, retry_after=5.0)
        return LLMBadResponse(detail, model=model)

    async def complete_json(self, prompt: Prompt, variables: dict[str, object], schema: type[T],
                            budget: Budget, usage: Usage) -> CallResult:
        """Ask for JSON matching ``schema``; re-ask up to ``llm_repair_attempts`` times with the error.

        Returns:
            The validated object, or ``value=None`` with the last error when the output stayed unusable.

        Raises:
            LLMError: the model could not be reached or refused the call (transport and provider errors).
        """
        messages = prompt.render(**variables)
        response_format = self._response_format(schema)
        raw, error = "", None
        for _ in range(self.settings.llm_repair_attempts + 1):
            raw = await self._call(messages, response_format, budget, usage)
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


# Key-shaped strings: "sk-…" (OpenAI and many compatibles), "Bearer …", and long hex or base64 runs.
_KEY_SHAPED = re.compile(r"\b(?:sk|pk|rk|key)-[\w-]{8,}|Bearer\s+[\w.~+/=-]{8,}|\b[A-Za-z0-9_-]{40,}\b")


def _provider(model: str) -> str:
    return model.split("/", 1)[0]


def _group(index: int) -> str:
    """The Router's name for the configured model at ``index`` (0: the primary)."""
    return f"crosscheck-{index}"


def parse_json(raw: str, schema: type[T]) -> tuple[T | None, str | None]:
    """Validate the model's text as ``schema``; truncated or sloppy JSON is repaired first."""
    try:
        return schema.model_validate_json(raw), None
    except ValidationError:
        pass
    try:
        repaired = json_repair.loads(raw)
        if not isinstance(repaired, dict):
            return None, "the answer is not a JSON object"
        return schema.model_validate(repaired), None
    except (ValidationError, ValueError, json.JSONDecodeError) as exc:
        return None, str(exc).splitlines()[0][:300]


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


def _is_cassette_miss(exc: BaseException) -> bool:
    """vcrpy refusing an unrecorded request surfaces as a connection error: retrying it only hides it."""
    return "CannotOverwriteExistingCassetteException" in repr(exc.__cause__) or \
        "Can't overwrite existing cassette" in str(exc)
