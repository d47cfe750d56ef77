"""litellm, configured once for the service, and the embedded model registered with it as a provider.

Every model, the embedded one included, is called through litellm with the same arguments: the embedded
GGUF is the ``embedded/`` provider, registered through litellm's custom-provider hook (the one third-party
providers use), so the core has no provider-specific branch.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import litellm

from service.config import EMBEDDED_PROVIDER, Settings
from service.llm import embedded

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


def use_embedded(settings: Settings) -> None:
    """Point the ``embedded/`` provider at these settings' GGUF file."""
    _EmbeddedProvider.settings = settings


def provider_of(model: str) -> str:
    """The provider prefix of a litellm model string (``openai`` of ``openai/gpt-4o-mini``)."""
    return model.split("/", 1)[0]
