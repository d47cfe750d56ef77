"""POST /v1/analyses, /v1/summaries, /v1/claims: one article in, summary and/or claims out. Each request is
admitted by the backpressure gate (service/limits.py) or refused at once with 503."""

from __future__ import annotations

from fastapi import APIRouter

from service.api.deps import ARTICLE_DOC, PROBLEM_RESPONSES, ArticleBody, PipelineDep, RequestIdDep, UseCacheDep
from service.schemas import AnalysisOut, ClaimsOut, SummaryOut

router = APIRouter(prefix="/v1", tags=["articles"], responses=PROBLEM_RESPONSES)


@router.post("/analyses", response_model=AnalysisOut, openapi_extra=ARTICLE_DOC,
             summary="Neutral summary and grounded claims of one article")
async def create_analysis(article: ArticleBody, pipeline: PipelineDep, rid: RequestIdDep,
                          use_cache: UseCacheDep) -> AnalysisOut:
    async with pipeline.llm.gate.admit(pipeline.settings.llm_model):
        return pipeline.to_response(await pipeline.analyze(article, rid, use_cache=use_cache))


@router.post("/summaries", response_model=SummaryOut, openapi_extra=ARTICLE_DOC,
             summary="Neutral summary of one article")
async def create_summary(article: ArticleBody, pipeline: PipelineDep, rid: RequestIdDep,
                         use_cache: UseCacheDep) -> SummaryOut:
    async with pipeline.llm.gate.admit(pipeline.settings.llm_model):
        a = await pipeline.analyze(article, rid, claims=False, use_cache=use_cache)
    assert a.summary is not None
    return SummaryOut(article=a.doc.meta, summary=a.summary, loaded_terms=a.loaded_terms, meta=a.meta)


@router.post("/claims", response_model=ClaimsOut, openapi_extra=ARTICLE_DOC,
             summary="Grounded checkable claims of one article")
async def create_claims(article: ArticleBody, pipeline: PipelineDep, rid: RequestIdDep,
                        use_cache: UseCacheDep) -> ClaimsOut:
    async with pipeline.llm.gate.admit(pipeline.settings.llm_model):
        a = await pipeline.analyze(article, rid, summary=False, use_cache=use_cache)
    assert a.claims is not None
    return ClaimsOut(article=a.doc.meta, claims=a.claims, rejected_claims=a.rejected_claims,
                     loaded_terms=a.loaded_terms, meta=a.meta)
