"""FastAPI dependencies, as ``Annotated`` aliases the routes use."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Request

from service.analysis.pipeline import Pipeline
from service.api.problems import parse_body, read_body
from service.config import Settings, get_settings
from service.schemas import ArticleIn, CrossCheckIn, Problem, VerificationIn
from service.telemetry import request_id_var

SettingsDep = Annotated[Settings, Depends(get_settings)]

_SEED_EXAMPLE = (
    "On Monday, five Turkish soldiers were reported killed, others wounded by Syrian strikes on jihadists' "
    "positions.\n\nAccording to AMN News on Tuesday, government troops \"surround(ed) a strategic Turkish..."
    "observation\" post in Saraqib, Idlib — a former major jihadist stronghold in the country liberated last week."
)


def get_pipeline(request: Request) -> Pipeline:
    pipeline: Pipeline = request.app.state.pipeline
    return pipeline


PipelineDep = Annotated[Pipeline, Depends(get_pipeline)]


def request_id() -> str:
    return request_id_var.get()


RequestIdDep = Annotated[str, Depends(request_id)]


def use_cache(request: Request) -> bool:
    """False when the client sends ``Cache-Control: no-cache``: recompute (and store) instead of a cached answer."""
    directives = {d.strip().lower() for d in request.headers.get("cache-control", "").split(",")}
    return "no-cache" not in directives


UseCacheDep = Annotated[bool, Depends(use_cache)]


async def article_body(request: Request, settings: SettingsDep) -> ArticleIn:
    raw = await read_body(request, settings.max_body_bytes)
    return parse_body(raw, request.headers.get("content-type", ""), ArticleIn, text_field="text")


async def verification_body(request: Request, settings: SettingsDep) -> VerificationIn:
    raw = await read_body(request, settings.max_body_bytes)
    return parse_body(raw, request.headers.get("content-type", ""), VerificationIn, text_field=None)


async def crosscheck_body(request: Request, settings: SettingsDep) -> CrossCheckIn:
    raw = await read_body(request, settings.max_body_bytes)
    return parse_body(raw, request.headers.get("content-type", ""), CrossCheckIn, text_field=None)


ArticleBody = Annotated[ArticleIn, Depends(article_body)]
CrossCheckBody = Annotated[CrossCheckIn, Depends(crosscheck_body)]
VerificationBody = Annotated[VerificationIn, Depends(verification_body)]


def inline_refs(schema: dict[str, Any]) -> dict[str, Any]:
    """A pydantic JSON schema with its ``$defs`` substituted in place: a ``#/$defs/...`` pointer would not
    resolve once the schema sits inside the OpenAPI document (our models are not recursive)."""
    defs = schema.get("$defs", {})

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/"):
                return walk(defs[ref.removeprefix("#/$defs/")])
            return {k: walk(v) for k, v in node.items() if k != "$defs"}
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node

    result: dict[str, Any] = walk(schema)
    return result


def body_doc(model: type[ArticleIn] | type[VerificationIn] | type[CrossCheckIn], example: dict[str, Any],
             plain_text: bool) -> dict[str, Any]:
    """OpenAPI for a body read by hand (so that size limits apply while reading): schema plus a real example."""
    content: dict[str, Any] = {"application/json": {"schema": inline_refs(model.model_json_schema()),
                                                    "example": example}}
    if plain_text:
        content["text/plain"] = {"schema": {"type": "string"}, "example": example["text"]}
    return {"requestBody": {"required": True, "content": content}}


ARTICLE_DOC = body_doc(ArticleIn, {"text": _SEED_EXAMPLE, "outlet": "Global Research",
                                   "published": "2020-02-12"}, plain_text=True)
VERIFICATION_DOC = body_doc(VerificationIn, {
    "source": _SEED_EXAMPLE,
    "summary": "Five Turkish soldiers were reported killed on Monday. Seven Syrian soldiers died.",
}, plain_text=False)
CROSSCHECK_DOC = body_doc(CrossCheckIn, {"articles": [
    {"id": "gr", "text": _SEED_EXAMPLE, "outlet": "Global Research", "published": "2020-02-12"},
    {"id": "sf", "text": "On February 10, militants launched a powerful attack on positions of pro-government forces "
     "near Saraqib. At least 5 Turkish personnel were reportedly killed in the retaliatory strikes by the Syrian "
     "Army.", "outlet": "South Front", "published": "2020-02-11"},
]}, plain_text=False)


def _problem(description: str) -> dict[str, Any]:
    return {"description": description,
            "content": {"application/problem+json": {"schema": inline_refs(Problem.model_json_schema())}}}


# The error answers of every /v1 route, documented (all are RFC 9457 problem+json).
PROBLEM_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: _problem("Malformed JSON"),
    401: _problem("CROSSCHECK_API_KEYS is set and the request has no valid key"),
    413: _problem("Body, article or number of articles over the limit"),
    415: _problem("Body not UTF-8, or an unsupported content type"),
    422: _problem("Invalid request (the list of errors is in `errors`)"),
    502: _problem("The model refused the call, or its output stayed unusable"),
    503: _problem("Model unreachable or rate-limited, or the service busy (with Retry-After)"),
    504: _problem("No answer from the model within the timeout"),
}
