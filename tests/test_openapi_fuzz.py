"""schemathesis against the service's own OpenAPI schema, in-process (ASGI), with the LLM faked.

Every operation gets bounded, deterministic cases (``derandomize``) of valid and invalid input. Checks: no 5xx,
and every documented response conforms to its schema. Errors are not in the schema, so the README's promise
is checked by hand: every non-2xx answer is problem+json with the response's request id.

The article routes read their bodies by hand (``service.deps.body_doc`` puts ``requestBody`` into the schema
through ``openapi_extra``); the test counts the cases per operation and media type to prove that bodies were
generated, sent and, for valid ones, answered with 200.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from service.api.app import create_app
from service.schemas import Problem
from tests.conftest import make_settings
from tests.fake_llm import FakeLLM

MAX_EXAMPLES = 25
PROBLEM = "application/problem+json"


@pytest.fixture
def schema(fake_llm: FakeLLM) -> Iterator[schemathesis.BaseSchema]:
    app = create_app(make_settings(fake_llm))
    with TestClient(app):  # runs the lifespan, as a server would
        yield schemathesis.openapi.from_asgi("/openapi.json", app)


def _fuzz(operation: schemathesis.APIOperation, mode: GenerationMode, seen: Counter[tuple[str, int]]) -> None:
    @settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case: schemathesis.Case) -> None:
        response = case.call()
        seen[(str(case.media_type), response.status_code)] += 1
        case.validate_response(response, checks=[not_a_server_error, response_schema_conformance])
        if response.status_code >= 400:
            assert response.headers["content-type"][0].startswith(PROBLEM), response.text
            problem = Problem.model_validate(response.json())
            assert problem.status == response.status_code
            assert problem.request_id == response.headers["x-request-id"][0]

    run()


def _operations() -> list[str]:
    """The operations of the schema as the app describes it (collected with a placeholder model URL)."""
    app = create_app(make_settings(SimpleNamespace(url="http://127.0.0.1:9/v1")))  # never called
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    return [result.ok().label for result in schema.get_all_operations()]


OPERATIONS = _operations()
# Operations the service gets wrong today (strict xfail: fixing the service turns them into failures to un-mark).
KNOWN_BUGS: dict[str, str] = {}


def test_the_schema_lists_the_service_operations() -> None:
    assert set(OPERATIONS) >= {"POST /v1/analyses", "POST /v1/summaries", "POST /v1/claims",
                               "POST /v1/verifications", "GET /healthz", "GET /readyz"}


@pytest.mark.parametrize("label", [
    pytest.param(label, marks=[pytest.mark.xfail(strict=True, reason=KNOWN_BUGS[label])] if label in KNOWN_BUGS
                 else []) for label in OPERATIONS])
def test_operation_survives_fuzzing(schema: schemathesis.BaseSchema, label: str) -> None:
    [op] = [r.ok() for r in schema.get_all_operations() if r.ok().label == label]
    seen: Counter[tuple[str, int]] = Counter()
    _fuzz(op, GenerationMode.POSITIVE, seen)
    if op.method.upper() == "POST":
        _fuzz(op, GenerationMode.NEGATIVE, seen)
    assert sum(seen.values()) > 0, f"{label}: no case was run"
    if op.method.upper() == "POST":
        # Bodies of every documented media type were generated, and some valid ones were answered with 200.
        assert op.body and {m for m, _ in seen} >= {b.media_type for b in op.body}, (label, seen)
        assert sum(n for (_, status), n in seen.items() if status == 200) >= 3, (label, seen)
        assert sum(n for (_, status), n in seen.items() if status in (400, 415, 422)) >= 3, (label, seen)


def _pointers(node: object) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield value
            else:
                yield from _pointers(value)
    elif isinstance(node, list):
        for value in node:
            yield from _pointers(value)


def _resolves(spec: dict[str, Any], ref: str) -> bool:
    node: Any = spec
    for part in ref.removeprefix("#/").split("/"):
        part = part.replace("~1", "/").replace("~0", "~")
        if not isinstance(node, dict) or part not in node:
            return False
        node = node[part]
    return True


def test_every_ref_in_the_schema_resolves(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    dangling = sorted({ref for ref in _pointers(spec) if not _resolves(spec, ref)})
    assert not dangling, dangling


def test_error_answers_are_documented(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path in ("/v1/analyses", "/v1/summaries", "/v1/claims", "/v1/verifications"):
        responses = spec["paths"][path]["post"]["responses"]
        for status in ("413", "422"):
            assert PROBLEM in responses.get(status, {}).get("content", {}), (path, status, sorted(responses))


def test_with_api_keys_every_v1_operation_refuses_a_request_without_one(fake_llm: FakeLLM) -> None:
    """With CROSSCHECK_API_KEYS set, any generated request (valid or not) to /v1/* without a key is a 401 problem,
    refused before its body is even parsed; the probes stay open."""
    app = create_app(make_settings(fake_llm, api_keys=["cc-fuzz-key-0123456789abcdef"]))
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    for op in (result.ok() for result in schema.get_all_operations()):
        seen: Counter[tuple[str, int]] = Counter()
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE) if op.body else (GenerationMode.POSITIVE,):
            _fuzz(op, mode, seen)
        statuses = {status for _, status in seen}
        assert statuses == ({401} if op.path.startswith("/v1/") else {200}), (op.label, seen)
    assert not fake_llm.requests, "an unauthenticated request reached the model"
