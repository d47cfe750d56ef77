"""The response examples in the OpenAPI schema (service/api/examples/): every /v1 operation has a success example and
its main problem answers; each success example is a valid, complete body of its response model; each problem
example is what the service answers today for the request that causes it."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from service.api import examples
from service.api.app import create_app
from service.config import Settings
from service.schemas import Problem
from tests.conftest import SEEDS, read

PROBLEM = examples.PROBLEM_JSON
# The problems each operation documents with an example: the model-calling ones can also be refused as busy.
EXPECTED_PROBLEMS = {"/v1/analyses": {"413", "422", "503"}, "/v1/summaries": {"413", "422", "503"},
                     "/v1/claims": {"413", "422", "503"}, "/v1/cross-checks": {"413", "422", "503"},
                     "/v1/verifications": {"413", "422"}}


@pytest.fixture(scope="module")
def default_app() -> FastAPI:
    """The app with the default settings, whatever the environment says (the embedded model, never loaded: no
    lifespan, no model call), as the examples were recorded."""
    defaults = {name: field.get_default(call_default_factory=True) for name, field in Settings.model_fields.items()}
    return create_app(Settings(_env_file=None, **{**defaults, "cache": False}))


@pytest.fixture(scope="module")
def spec(default_app: FastAPI) -> dict[str, Any]:
    spec: dict[str, Any] = TestClient(default_app).get("/openapi.json").json()
    return spec


@pytest.mark.parametrize("path", sorted(examples.SUCCESS))
def test_success_example_is_a_complete_body_of_its_model(path: str) -> None:
    success = examples.SUCCESS[path]
    data = examples.load(success.file)
    parsed = success.model.model_validate(data)
    # Round trip: a field the model lost or gained (renamed, new, dropped) shows up as a difference.
    assert parsed.model_dump(mode="json") == data


def test_analysis_example_offsets_index_its_seed_article() -> None:
    """Trimmed, not edited: every span of the example still slices the seed article it was made from."""
    data = examples.load("analysis.json")
    [seed] = [p for p in SEEDS if p.name.startswith("002_")]
    text = read(seed)
    assert data["article"]["chars_total"] == len(text)
    spans = [*data["article"]["boilerplate"], *data["loaded_terms"],
             *(s for sentence in data["summary"]["sentences"] for s in sentence["support"]),
             *(s for claim in data["claims"] for s in claim["grounding"]["evidence"])]
    spans += [{"start": c["start"], "end": c["end"], "text": c["quote"]} for c in data["claims"]]
    assert spans
    for span in spans:
        assert text[span["start"]:span["end"]] == span["text"], span


def test_every_v1_operation_documents_its_examples(spec: dict[str, Any]) -> None:
    operations = {path: item["post"] for path, item in spec["paths"].items() if path.startswith("/v1/")}
    assert set(operations) == set(EXPECTED_PROBLEMS), "a new /v1 operation: add its examples (service/api/examples)"
    for path, op in operations.items():
        ok = op["responses"]["200"]["content"]["application/json"]
        assert ok["schema"] and ok["examples"]["real-run"]["value"] == examples.load(examples.SUCCESS[path].file)
        documented = {status for status, r in op["responses"].items() if PROBLEM in r.get("content", {})
                      and r["content"][PROBLEM].get("examples")}
        assert documented == EXPECTED_PROBLEMS[path], path
        for status in documented:
            media = op["responses"][status]["content"][PROBLEM]
            assert media["schema"], (path, status)  # the example sits beside the schema, not instead of it
            [example] = media["examples"].values()
            problem = Problem.model_validate(example["value"])
            assert str(problem.status) == status and problem.instance == path and example["summary"] == problem.title


def test_examples_do_not_leak_between_operations(spec: dict[str, Any]) -> None:
    """FastAPI shares one response dict between the operations of a router: each keeps its own example."""
    instances = {spec["paths"][p]["post"]["responses"]["422"]["content"][PROBLEM]["examples"].popitem()[1]["value"]
                 ["instance"] for p in EXPECTED_PROBLEMS}
    assert instances == set(EXPECTED_PROBLEMS)


def _article(n: int = 1) -> dict[str, str]:
    return {"text": f"On Monday, five Turkish soldiers were reported killed in Idlib, officials said ({n})."}


_TOO_LONG = "Turkish troops moved north. " * 3572  # 100,016 characters: over CROSSCHECK_MAX_ARTICLE_CHARS
_ARTICLE_ROUTES = ("/v1/analyses", "/v1/summaries", "/v1/claims")
# How to make the service give each documented problem (with the default settings).
CAUSES: dict[tuple[str, str], Callable[[TestClient, str], Any]] = {
    **{(p, "413"): (lambda c, p: c.post(p, content=_TOO_LONG, headers={"content-type": "text/plain"}))
       for p in _ARTICLE_ROUTES},
    **{(p, "422"): (lambda c, p: c.post(p, json={"text": "  \n "})) for p in _ARTICLE_ROUTES},
    ("/v1/verifications", "413"): lambda c, p: c.post(p, json={"source": _TOO_LONG, "summary": "Troops moved."}),
    ("/v1/verifications", "422"): lambda c, p: c.post(p, json={"source": "Troops moved north.", "summary": " "}),
    ("/v1/cross-checks", "413"): lambda c, p: c.post(p, json={"articles": [_article(n) for n in range(21)]}),
    ("/v1/cross-checks", "422"): lambda c, p: c.post(p, json={"articles": [_article()]}),
}


@pytest.mark.parametrize(("path", "status"), sorted((p, s) for p, ss in EXPECTED_PROBLEMS.items() for s in ss))
def test_problem_example_is_what_the_service_answers(default_app: FastAPI, path: str, status: str) -> None:
    example = examples.load(examples.PROBLEMS)[path][status]
    client = TestClient(default_app)
    if status == "503":  # every admission slot taken: the next request is refused before anything else
        gate = default_app.state.pipeline.llm.gate
        gate.admitted = gate.capacity
        try:
            r = client.post(path, json={"articles": [_article(1), _article(2)]} if "cross" in path else _article())
        finally:
            gate.admitted = 0
        assert r.headers["retry-after"]
    else:
        r = CAUSES[(path, status)](client, path)
    assert r.status_code == int(status) and r.headers["content-type"].startswith(PROBLEM)
    answer = r.json()
    assert answer.pop("request_id") and example.get("request_id")
    assert answer == {k: v for k, v in example.items() if k != "request_id"}, json.dumps(answer, indent=1)
