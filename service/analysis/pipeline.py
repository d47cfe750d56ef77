"""One article through the pipeline: ingest, then summary and claims concurrently, with timings and usage."""

from __future__ import annotations

import asyncio
import hashlib
import time
from collections.abc import Awaitable
from dataclasses import dataclass
from typing import Any

from service import progress, telemetry
from service.analysis import cache as result_cache
from service.analysis.claims import extract_claims
from service.analysis.claims import prompt_name as claims_prompt
from service.analysis.context import ArticleJob
from service.analysis.summary import prompt_name as summary_prompt
from service.analysis.summary import summarize
from service.config import Settings
from service.errors import InputError
from service.llm.client import Budget, LLMClient
from service.llm.limits import gather_or_cancel
from service.llm.prompts import Prompt, load_prompts
from service.schemas import (
    AnalysisOut,
    ArticleIn,
    Claim,
    LoadedTerm,
    Meta,
    RejectedItem,
    Summary,
)
from service.text import nlp
from service.text.framing import Lexicon, attributions, load_lexicon
from service.text.grounding import judge_version, source_index
from service.text.html import extract as extract_html
from service.text.html import looks_like_html
from service.text.ingest import Document, ingest
from service.text.language import not_english
from service.text.selection import Selector


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
                 prompts: dict[str, Prompt] | None = None, lexicon: Lexicon | None = None,
                 cache: result_cache.ResultCache | None = None, selector: Selector | None = None) -> None:
        self.settings = settings
        self.llm = llm or LLMClient(settings)
        self.prompts = prompts or load_prompts(settings.prompts_dir)
        self.lexicon = lexicon or load_lexicon()
        # Only what is handed in: the service passes the configured cache; a bare Pipeline (evals, library
        # use) always calls the model, so that what it measures is the model.
        self.cache = cache
        self.selector = selector  # the claim selector; None: the shipped one (evals pass held-out fits)
        self._prompt_digests = {name: hashlib.sha256(p.model_dump_json().encode()).hexdigest()
                                for name, p in self.prompts.items()}

    def warm_up(self) -> None:
        """Load what the first request would otherwise wait for: the NLP pipeline, and the embedded weights."""
        nlp.pipeline()
        self.llm.warm_up()

    async def ready(self) -> tuple[bool, str]:
        """Whether an analysis could run now: the NLP pipeline loaded and the model callable."""
        if not nlp.loaded():
            return False, "NLP pipeline not loaded yet"
        return await self.llm.ready()

    async def analyze(self, article: ArticleIn, request_id: str, *, summary: bool = True,
                      claims: bool = True, use_cache: bool = True) -> Analysis:
        """One article through the pipeline; ``use_cache=False`` (Cache-Control: no-cache) recomputes and
        stores the fresh result. Each text is parsed once per analysis, whichever stages read it."""
        with nlp.shared_parses():
            return await self._analyze(article, request_id, summary=summary, claims=claims, use_cache=use_cache)

    async def _analyze(self, article: ArticleIn, request_id: str, *, summary: bool, claims: bool,
                       use_cache: bool) -> Analysis:
        t0 = time.perf_counter()
        timings: dict[str, float] = {}
        html_notes: list[str] = []
        if looks_like_html(article.text):  # a page: its markup is bounded by the body limit, its article here
            try:
                article, html_notes = await asyncio.to_thread(extract_html, article)
            except ValueError as e:
                raise InputError(422, "No article in the page", str(e)) from e
        if len(article.text) > self.settings.max_article_chars:
            raise InputError(413, "Article too long",
                             f"{'the article extracted from the page' if html_notes else 'text'} has "
                             f"{len(article.text):,} characters; the limit is "
                             f"{self.settings.max_article_chars:,} (CROSSCHECK_MAX_ARTICLE_CHARS)")
        progress.report("reading", "reading the article")
        # Windows (CRLF) and old Mac (CR) line endings: the paragraph and boilerplate rules read LF. The offsets
        # then index the normalised text, which the response carries (article.text).
        crlf = "\r" in article.text
        if crlf:
            article = article.model_copy(update={"text": article.text.replace("\r\n", "\n").replace("\r", "\n")})
        doc = ingest(article)
        if html_notes:
            doc.meta.source_format, doc.meta.text = "html", doc.text
        elif crlf:
            doc.meta.text = doc.text
        if why := not_english(" ".join(doc.text[p.start : p.end] for p in doc.paragraphs if p.kind is None)):
            raise InputError(422, "Unsupported language", f"the article does not look like English: {why}")
        parties = attributions(doc)
        terms = [t for p in doc.paragraphs if p.kind is None for t in self.lexicon.find(doc.text, p.start, p.end)]
        timings["ingest"] = _ms(t0)
        key, cache_state = None, "off"
        if self.cache is not None:
            parts = {"summary": summary, "claims": claims}
            wanted = {summary_prompt(self.settings.summary_by_model): summary,
                      claims_prompt(self.settings.claims_by_model): claims,
                      "claims_review": claims and self.settings.claims_reviewed}
            digests = {n: d for n, d in self._prompt_digests.items() if wanted.get(n, False)}
            key = result_cache.cache_key(article, self.settings, digests, self.lexicon.version, parts,
                                         judge_version())
            cache_state = "miss" if use_cache else "bypass"
            hit = await result_cache.load(self.cache, key) if use_cache else None
            if hit is not None:
                telemetry.record_cache("hit")
                progress.report("done", "done (from the cache)")
                timings["total"] = _ms(t0)
                meta = Meta(request_id=request_id, model=self.settings.llm_model,
                            prompt_versions=hit.prompt_versions, timings_ms=timings, notes=hit.notes, cache="hit")
                return Analysis(doc, hit.summary, hit.claims, hit.rejected_claims, terms, meta)
        telemetry.record_cache(cache_state)

        async def timed(name: str, coro):  # type: ignore[no-untyped-def]
            start = time.perf_counter()
            if name != "nlp":
                progress.report(name, f"writing the {name}")
            try:
                return await coro
            finally:
                timings[name] = _ms(start)

        # The NLP pass over the body (about 0.2-0.4 s of CPU for a seed) runs in a worker thread, so that the event
        # loop keeps serving other requests, and while the LLM is asked (the prompts need no parse).
        analysing = asyncio.ensure_future(timed("nlp", asyncio.to_thread(
            source_index, doc.text, doc.sentences, doc.meta.published)))
        job = ArticleJob(doc, analysing, parties, self.llm, self.settings, self.lexicon,
                         Budget(self.settings.llm_budget_s), selector=self.selector)
        budget, usage, notes = job.budget, job.usage, job.notes
        notes.extend(html_notes)
        used: dict[str, str] = {}

        tasks: list[Awaitable[Any]] = []
        # The claims run alongside the summary's model call; the summary is then completed from them.
        claims_task = None
        if summary:
            used["summary"] = self.prompts[summary_prompt(self.settings.summary_by_model)].ref
        if claims:
            p = self.prompts[claims_prompt(self.settings.claims_by_model)]
            used["claims"] = p.ref
            claims_task = asyncio.ensure_future(timed("claims", extract_claims(job, p,
                                                                           self.prompts["claims_review"])))
        if summary:
            tasks.append(timed("summary", summarize(job, self.prompts[summary_prompt(self.settings.summary_by_model)],
                                                    claims_task)))
        if claims_task is not None:
            tasks.append(claims_task)
        try:
            results = await gather_or_cancel(tasks)
        finally:
            if not analysing.done():
                analysing.cancel()  # the thread finishes its parse; nobody waits for it
        used.update(job.prompts_used)  # (a second reading of claims, when one was asked for)
        progress.report("done", f"done in {time.perf_counter() - t0:.1f}s")
        out_summary = results[0] if summary else None
        out_claims, rejected = results[-1] if claims else (None, [])
        timings["total"] = _ms(t0)
        if budget.fallbacks_used:
            notes.append(f"llm: the primary model failed; answered by {', '.join(budget.fallbacks_used)}")
        meta = Meta(request_id=request_id, model=self.settings.llm_model, prompt_versions=used, usage=usage,
                    timings_ms=timings, notes=notes, fallbacks_used=budget.fallbacks_used, cache=cache_state)
        # Kept only when every call was answered by the primary with usable output: a transient outage or a
        # fallback model's answer must not be frozen for the cache's lifetime.
        if self.cache is not None and key is not None and not budget.fallbacks_used \
                and not budget.unusable_outputs:
            await result_cache.store(self.cache, key, result_cache.CachedAnalysis(
                summary=out_summary, claims=out_claims, rejected_claims=rejected, prompt_versions=used,
                notes=notes))
        return Analysis(doc, out_summary, out_claims, rejected, terms, meta)

    @staticmethod
    def to_response(a: Analysis) -> AnalysisOut:
        assert a.summary is not None and a.claims is not None
        return AnalysisOut(article=a.doc.meta, summary=a.summary, claims=a.claims,
                           rejected_claims=a.rejected_claims, loaded_terms=a.loaded_terms, meta=a.meta)


def _ms(start: float) -> float:
    return round((time.perf_counter() - start) * 1000, 1)
