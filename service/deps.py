"""FastAPI dependencies, as ``Annotated`` aliases the routes use."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Request

from service.config import Settings, get_settings
from service.pipeline import Pipeline
from service.problems import parse_body, read_body, request_id_var
from service.schemas import ArticleIn, VerificationIn

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


async def article_body(request: Request, settings: SettingsDep) -> ArticleIn:
    raw = await read_body(request, settings.max_body_bytes)
    return parse_body(raw, request.headers.get("content-type", ""), ArticleIn, text_field="text")


async def verification_body(request: Request, settings: SettingsDep) -> VerificationIn:
    raw = await read_body(request, settings.max_body_bytes)
    return parse_body(raw, request.headers.get("content-type", ""), VerificationIn, text_field=None)


ArticleBody = Annotated[ArticleIn, Depends(article_body)]
VerificationBody = Annotated[VerificationIn, Depends(verification_body)]


def body_doc(model: type[ArticleIn] | type[VerificationIn], example: dict[str, Any],
             plain_text: bool) -> dict[str, Any]:
    """OpenAPI for a body read by hand (so that size limits apply while reading): schema plus a real example."""
    content: dict[str, Any] = {"application/json": {"schema": model.model_json_schema(), "example": example}}
    if plain_text:
        content["text/plain"] = {"schema": {"type": "string"}, "example": example["text"]}
    return {"requestBody": {"required": True, "content": content}}


ARTICLE_DOC = body_doc(ArticleIn, {"text": _SEED_EXAMPLE, "outlet": "Global Research",
                                   "published": "2020-02-12"}, plain_text=True)
VERIFICATION_DOC = body_doc(VerificationIn, {
    "source": _SEED_EXAMPLE,
    "summary": "Five Turkish soldiers were reported killed on Monday. Seven Syrian soldiers died.",
}, plain_text=False)
