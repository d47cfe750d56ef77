"""Offline, fast tests: the LLM is a fake OpenAI-compatible server on loopback; nothing leaves the machine."""

from __future__ import annotations

import os
import time

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
# Tests that want the result cache opt in with a temporary directory; none writes the user's cache.
os.environ["CROSSCHECK_CACHE"] = "off"

from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402

from service.api.app import create_app  # noqa: E402
from service.config import Settings  # noqa: E402
from tests.fake_llm import FakeLLM  # noqa: E402

SEEDS = sorted((Path(__file__).parent.parent / "evals" / "data" / "articles").glob("0*.txt"))
FAKE_KEY = "sk-test-secret-0123456789"


def read(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()


@pytest.fixture(scope="session")
def fake_server() -> Iterator[FakeLLM]:
    server = FakeLLM()
    yield server
    server.close()


@pytest.fixture
def fake_llm(fake_server: FakeLLM) -> Iterator[FakeLLM]:
    fake_server.reset()
    yield fake_server
    fake_server.reset()


def make_settings(fake: FakeLLM, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "llm_model": "openai/fake-model", "llm_api_base": fake.url, "llm_api_key": FAKE_KEY,
        "llm_timeout_s": 3.0, "llm_budget_s": 20.0, "llm_max_retries": 2, "llm_retry_wait_s": 0.0,
        "claims_batch_size": 50,
        # The fake model is no capable model: the rules make the claims unless a test asks for the model strategy.
        "claims_strategy": "rules", "summary_strategy": "rules",
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


def wait_ready(client: TestClient, seconds: float = 60.0) -> None:
    """Wait until /readyz says ready (the NLP pipeline loads in the background at start-up), so that a timing
    test does not measure the first parse's load."""
    deadline = time.monotonic() + seconds
    while client.get("/readyz").status_code != 200:
        assert time.monotonic() < deadline, client.get("/readyz").json()
        time.sleep(0.05)


@pytest.fixture
def settings(fake_llm: FakeLLM) -> Settings:
    return make_settings(fake_llm)


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture
def seed_text() -> str:
    return read(SEEDS[0])


def metric(client: TestClient, name: str, **labels: str) -> float:
    """A sample's value as /metrics shows it (0 when absent), e.g. ``metric(c, "crosscheck_requests_total")``."""
    from prometheus_client.parser import text_string_to_metric_families

    total = 0.0
    for family in text_string_to_metric_families(client.get("/metrics").text):
        for sample in family.samples:
            if sample.name == name and all(sample.labels.get(k) == v for k, v in labels.items()):
                total += sample.value
    return total
