"""Response examples for the OpenAPI schema, from real runs of the service (README.md here says which).

Every /v1 operation shows its success body and its main problem answers next to the request example that
``service.api.deps`` gives. They are JSON files, not code, so that a new run can replace one whole;
tests/test_openapi_examples.py parses each with its response model and re-asks the service for every problem
answer, so an example cannot drift from the contract unnoticed.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from importlib import resources
from typing import Any, NamedTuple

from fastapi import FastAPI
from pydantic import BaseModel

from service.schemas import AnalysisOut, ClaimsOut, CrossCheckOut, SummaryOut, VerificationOut

PROBLEM_JSON = "application/problem+json"


class Success(NamedTuple):
    """The example of one operation's 200 answer: its file, the model it must parse as, what it shows (the
    example's title) and the request that got it."""

    file: str
    model: type[BaseModel]
    summary: str
    request: str


_SEED = "evals/data/articles/002_79b10892488c4d46.txt"
_SEED_SENT = f"The answer to {_SEED} sent as text/plain, on the embedded model; lists trimmed, every field kept."
SUCCESS: dict[str, Success] = {
    "/v1/analyses": Success("analysis.json", AnalysisOut, "Seed article 002 (trimmed to 3 claims)",
                            f"`crosscheck analyze --json {_SEED}` (the same body as this operation's answer to that "
                            "text) on the embedded model; lists trimmed, every field kept."),
    "/v1/summaries": Success("summary.json", SummaryOut, "Seed article 002 (trimmed)", _SEED_SENT),
    "/v1/claims": Success("claims.json", ClaimsOut, "Seed article 002 (trimmed to 3 claims)", _SEED_SENT),
    "/v1/verifications": Success("verification.json", VerificationOut, "The request example above",
                                 "The answer to the request example, whole."),
    "/v1/cross-checks": Success("crosscheck.json", CrossCheckOut, "The request example above",
                                "The answer to the request example on the embedded model, whole."),
}
# {path: {status: problem body}}: the service's own answers (the request id is the run's).
PROBLEMS = "problems.json"


def load(name: str) -> Any:
    """One example file, parsed."""
    return json.loads(resources.files(__package__).joinpath(name).read_text(encoding="utf-8"))


def install(app: FastAPI) -> None:
    """Add the examples to the app's OpenAPI schema each time FastAPI builds it (once, unless routes change)."""
    build: Callable[[], dict[str, Any]] = app.openapi
    done: list[dict[str, Any]] = []  # the schema last given its examples (FastAPI returns it again, cached)

    def openapi() -> dict[str, Any]:
        schema = build()
        if not done or done[0] is not schema:
            add_examples(schema)
            done[:] = [schema]
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


def add_examples(schema: dict[str, Any]) -> None:
    """Put each example under its operation's documented response (FastAPI shares response dicts between
    operations, so every level on the way is copied, never edited in place)."""
    paths: dict[str, Any] = schema.get("paths", {})
    for path, success in SUCCESS.items():
        if "post" in paths.get(path, {}):
            _add(paths[path]["post"], "200", "application/json",
                 {"real-run": {"summary": success.summary, "description": success.request,
                               "value": load(success.file)}})
    for path, answers in load(PROBLEMS).items():
        if "post" in paths.get(path, {}):
            for status, body in answers.items():
                _add(paths[path]["post"], status, PROBLEM_JSON, {_slug(body["title"]): {
                    "summary": body["title"], "value": body}})


def _add(operation: dict[str, Any], status: str, media: str, examples: dict[str, Any]) -> None:
    responses = dict(operation.get("responses", {}))
    if status not in responses:  # an answer the operation does not document gets no example (the tests say so)
        return
    response = dict(responses[status])
    content = dict(response.get("content", {}))
    content[media] = {**content.get(media, {}), "examples": examples}
    response["content"] = content
    responses[status] = response
    operation["responses"] = responses


def _slug(title: str) -> str:
    return "-".join(title.lower().split())
