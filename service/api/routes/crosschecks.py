"""POST /v1/cross-checks: several articles in; facts grouped across them, each with a verdict."""

from __future__ import annotations

from fastapi import APIRouter

from service.analysis import crosscheck
from service.api.deps import (
    CROSSCHECK_DOC,
    PROBLEM_RESPONSES,
    CrossCheckBody,
    PipelineDep,
    RequestIdDep,
    SettingsDep,
    UseCacheDep,
)
from service.errors import InputError
from service.schemas import ArticleIn, CrossCheckOut

router = APIRouter(prefix="/v1", tags=["cross-checks"], responses=PROBLEM_RESPONSES)


@router.post("/cross-checks", response_model=CrossCheckOut, openapi_extra=CROSSCHECK_DOC,
             summary="Which claims independent sources corroborate, which conflict, which rest on one source")
async def create_cross_check(body: CrossCheckBody, pipeline: PipelineDep, settings: SettingsDep,
                             rid: RequestIdDep, use_cache: UseCacheDep) -> CrossCheckOut:
    if len(body.articles) > settings.max_articles:
        raise InputError(413, "Too many articles", f"{len(body.articles)} articles; the limit is "
                         f"{settings.max_articles} (CROSSCHECK_MAX_ARTICLES)")
    # Plain articles: the id is the request's label, not part of the text (nor of the cache key).
    articles = [(a.id or f"a{n}", ArticleIn.model_validate(a.model_dump(exclude={"id"})))
                for n, a in enumerate(body.articles, 1)]
    if len({i for i, _ in articles}) != len(articles):
        raise InputError(422, "Duplicate article ids", "an article without id got a generated id another "
                         "article already uses; give every article an id")
    async with pipeline.llm.gate.admit(pipeline.settings.llm_model):  # one request, however many articles
        return await crosscheck.run(pipeline, articles, rid, use_cache=use_cache)
