"""One article through the pipeline: ingest, then summary and claims concurrently, with timings and usage."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass

from service.claims import attributions, extract_claims
from service.config import Settings
from service.errors import InputError
from service.framing import Lexicon, load_lexicon
from service.grounding import SourceIndex
from service.ingest import Document, ingest
from service.llm import Budget, LLMClient
from service.prompts import Prompt, load_prompts
from service.schemas import (
    AnalysisOut,
    ArticleIn,
    Claim,
    LoadedTerm,
    Meta,
    RejectedItem,
    Summary,
    Usage,
)
from service.summarize import summarize


@dataclass
class Analysis:
    doc: Document
    summary: Summary | None
    claims: list[Claim] | None
    rejected_claims: list[RejectedItem]
    loaded_terms: list[LoadedTerm]
    meta: Meta


class Pipeline:
    """Everything a request needs, built once per process (prompts and lexicon validated at start-up)."""

    def __init__(self, settings: Settings, llm: LLMClient | None = None,
                 prompts: dict[str, Prompt] | None = None, lexicon: Lexicon | None = None) -> None:
        self.settings = settings
        self.llm = llm or LLMClient(settings)
        self.prompts = prompts or load_prompts(settings.prompts_dir)
        self.lexicon = lexicon or load_lexicon()

    async def analyze(self, article: ArticleIn, request_id: str, *, summary: bool = True,
                      claims: bool = True) -> Analysis:
        if len(article.text) > self.settings.max_article_chars:
            raise InputError(413, "Article too long",
                             f"text has {len(article.text):,} characters; the limit is "
                             f"{self.settings.max_article_chars:,} (CROSSCHECK_MAX_ARTICLE_CHARS)")
        t0 = time.perf_counter()
        timings: dict[str, float] = {}
        doc = ingest(article)
        index = SourceIndex(doc.text, doc.sentences)
        parties = attributions(doc)
        terms = [t for p in doc.paragraphs if p.kind is None for t in self.lexicon.find(doc.text, p.start, p.end)]
        timings["ingest"] = _ms(t0)
        budget, usage, notes = Budget(self.settings.llm_budget_s), Usage(), list[str]()
        used: dict[str, str] = {}

        async def timed(name: str, coro):  # type: ignore[no-untyped-def]
            start = time.perf_counter()
            try:
                return await coro
            finally:
                timings[name] = _ms(start)

        tasks = []
        if summary:
            p = self.prompts["summary"]
            used["summary"] = p.ref
            tasks.append(timed("summary", summarize(doc, index, parties, self.llm, p, self.settings,
                                                    self.lexicon, budget, usage, notes)))
        if claims:
            p = self.prompts["claims"]
            used["claims"] = p.ref
            tasks.append(timed("claims", extract_claims(doc, index, parties, self.llm, p, self.settings,
                                                        self.lexicon, budget, usage, notes)))
        results = await asyncio.gather(*tasks)
        out_summary = results[0] if summary else None
        out_claims, rejected = results[-1] if claims else (None, [])
        timings["total"] = _ms(t0)
        meta = Meta(request_id=request_id, model=self.settings.llm_model, prompt_versions=used, usage=usage,
                    timings_ms=timings, notes=notes)
        return Analysis(doc, out_summary, out_claims, rejected, terms, meta)

    @staticmethod
    def to_response(a: Analysis) -> AnalysisOut:
        assert a.summary is not None and a.claims is not None
        return AnalysisOut(article=a.doc.meta, summary=a.summary, claims=a.claims,
                           rejected_claims=a.rejected_claims, loaded_terms=a.loaded_terms, meta=a.meta)


def _ms(start: float) -> float:
    return round((time.perf_counter() - start) * 1000, 1)
