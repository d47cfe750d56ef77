"""Eval fixtures: replayed LLM exchanges (pytest-recording), one cassette folder per model.

Default model: the embedded SmolLM2-135M served by llama-cpp-python's OpenAI-compatible server on loopback,
reached through litellm exactly as in production. Replay needs neither the server nor the network.
"""

from __future__ import annotations

import os

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")

import re  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import pytest  # noqa: E402

from service.config import Settings  # noqa: E402

EVALS = Path(__file__).parent
DEFAULT_MODEL = "openai/smollm2-135m-instruct"
DEFAULT_API_BASE = "http://127.0.0.1:8090/v1"


def eval_settings() -> Settings:
    """The model under evaluation: CROSSCHECK_LLM_MODEL (+ _API_BASE), default the local llama.cpp server."""
    model = os.environ.get("CROSSCHECK_LLM_MODEL", DEFAULT_MODEL)
    api_base = os.environ.get("CROSSCHECK_LLM_API_BASE", DEFAULT_API_BASE if model == DEFAULT_MODEL else None)
    key = os.environ.get("CROSSCHECK_LLM_API_KEY", "sk-no-key-needed" if api_base else None)
    # No retries in evals: a cassette miss must fail at once, and a retried call would not be in the cassette.
    return Settings(llm_model=model, llm_api_base=api_base, llm_api_key=key, llm_max_retries=0,  # type: ignore[arg-type]
                    llm_timeout_s=300, llm_budget_s=1800)


def model_slug(model: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", model)


@pytest.fixture(scope="session")
def vcr_config(request: pytest.FixtureRequest) -> dict[str, Any]:
    return {
        # The body is matched: an edited prompt must not replay a stale answer.
        "match_on": ["method", "scheme", "host", "port", "path", "query", "body"],
        "filter_headers": ["authorization", "x-api-key", "api-key", "cookie", "set-cookie"],
        "filter_query_parameters": ["key", "api_key"],
        "decode_compressed_response": True,
        "allow_playback_repeats": False,
        # Re-recording only what changed (--record-mode=new_episodes) keeps the interactions still replayed and
        # drops the ones no request asks for any more. Only then: vcrpy also drops them on a replay-only run that
        # stopped early (a failed request), and would rewrite the cassette without the exchanges it did not reach.
        "drop_unused_requests": request.config.getoption("--record-mode", default="none") == "new_episodes",
    }


@pytest.fixture(scope="module")
def vcr_cassette_dir() -> str:
    return str(EVALS / "cassettes" / model_slug(eval_settings().llm_model))


def pytest_terminal_summary(terminalreporter: Any) -> None:
    summary = os.environ.get("CROSSCHECK_EVAL_SUMMARY")
    if summary:
        terminalreporter.section("crosscheck eval scores")
        terminalreporter.write_line(summary)
