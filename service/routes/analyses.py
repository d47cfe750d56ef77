"""POST /v1/analyses, /v1/summaries, /v1/claims: one article in, summary and/or claims out."""

from __future__ import annotations

from fastapi import APIRouter

from service.deps import ARTICLE_DOC, ArticleBody, PipelineDep, RequestIdDep
from service.schemas import AnalysisOut, ClaimsOut, SummaryOut

router = APIRouter(prefix="/v1", tags=["articles"])


@router.post("/analyses", response_model=AnalysisOut, openapi_extra=ARTICLE_DOC,
             summary="Neutral summary and grounded claims of one article")
async def create_analysis(article: ArticleBody, pipeline: PipelineDep, rid: RequestIdDep) -> AnalysisOut:
    return pipeline.to_response(await pipeline.analyze(article, rid))


@router.post("/summaries", response_model=SummaryOut, openapi_extra=ARTICLE_DOC,
             summary="Neutral summary of one article")
async def create_summary(article: ArticleBody, pipeline: PipelineDep, rid: RequestIdDep) -> SummaryOut:
    a = await pipeline.analyze(article, rid, claims=False)
    assert a.summary is not None
    return SummaryOut(article=a.doc.meta, summary=a.summary, loaded_terms=a.loaded_terms, meta=a.meta)


@router.post("/claims", response_model=ClaimsOut, openapi_extra=ARTICLE_DOC,
             summary="Grounded checkable claims of one article")
async def create_claims(article: ArticleBody, pipeline: PipelineDep, rid: RequestIdDep) -> ClaimsOut:
    a = await pipeline.analyze(article, rid, summary=False)
    assert a.claims is not None
    return ClaimsOut(article=a.doc.meta, claims=a.claims, rejected_claims=a.rejected_claims,
                     loaded_terms=a.loaded_terms, meta=a.meta)
