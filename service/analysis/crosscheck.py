"""Cross-check: claims from several articles grouped into facts, each with a verdict.

1. Claims are extracted per article, concurrently (the single-article pipeline, so every claim is grounded).
2. Articles are partitioned into independent sources (``service.sources``).
3. Every pair of claims gets a text similarity (TF-IDF cosine over content stems and names, scikit-learn, one
   vectorised pass); pairs that pass are checked by rules (``service.facts``): claims of different articles, a
   shared name or several shared content words, compatible dates, and counts of the same thing that agree.
   Counts that disagree make a *conflict* link, unless one is cumulative and the other not (a different
   scope, so a different fact); different dates mean different events.
4. Links are merged into groups by average linkage, so one loose link cannot chain unrelated facts.
5. Verdict: ``conflicting`` when members from different sources conflict; else ``corroborated`` when two or
   more independent sources state it; else ``single_source``. A claim an article attributes to a named party
   counts as that party's, so several articles quoting one ministry are one source (``upstream_party``).

No LLM call is made here: matching is deterministic and costs one extraction per article, never per pair.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

from service import progress
from service.analysis.pipeline import Analysis, Pipeline
from service.errors import InputError
from service.llm.limits import gather_or_cancel
from service.schemas import (
    ArticleIn,
    Claim,
    ClaimGroup,
    CrossCheckArticleOut,
    CrossCheckOut,
    Difference,
    GroupMember,
    Meta,
    SourceOut,
    Usage,
)
from service.text.facts import DateRange, Facts, Quantity, facts, same_count
from service.text.framing import AUTHOR, UNATTRIBUTED
from service.text.html import looks_like_html
from service.text.ingest import Document
from service.text.sources import Source, find_sources, name_key

Verdict = Literal["corroborated", "conflicting", "single_source"]

# Same-fact score (0-1): cosine similarity of the claims' TF-IDF vectors (content stems and names; scikit-learn,
# fitted on the request's claims, so words every article uses, like "Syria", weigh little), plus a bonus when
# both give the same count of the same thing.
LINK_SCORE = 0.2
SAME_COUNT_BONUS = 0.1
# Mean score two groups need to be merged (average linkage over all their cross pairs, missing pairs = 0).
MERGE_SCORE = 0.2
# A claim that gives no date is taken to be about the IMPLICIT_DAYS before its article was published: news
# reports weeks apart are not merged.
IMPLICIT_DAYS = 30
# Score above which two claims of which one denies what the other states are one fact in conflict.
SAME_TEXT = 0.8
_GENERIC_PARTIES = ("local", "pro-", "sources", "media", "reports", "official", "unnamed", "unattributed",
                    "witness", "residents", "activists", "observers")


@dataclass
class Item:
    """One claim with what the cross-check knows about it."""

    article_id: str
    claim: Claim
    facts: Facts
    source_id: str  # the independent source the claim counts for
    party: str | None  # the named upstream party it is attributed to, if any
    window: DateRange | None  # the claim's own dates, else the weeks before publication (see IMPLICIT_DAYS)


@dataclass
class Link:
    score: float
    conflict: Difference | None = None


@dataclass
class _Group:
    members: list[int]
    conflicts: list[Difference] = field(default_factory=list)


def effective_source(claim: Claim, article_source: Source, sources: list[Source],
                     ids: dict[int, str]) -> tuple[str, str | None]:
    """Whose claim it is: a named party's (counted once however many articles quote it), another source's
    of the set (when an article cites it, "Southfront reported"), or else the article's own source."""
    party = claim.attributed_to
    if party in (AUTHOR, UNATTRIBUTED) or party.lower().startswith(_GENERIC_PARTIES):
        return ids[id(article_source)], None
    key = name_key(party)
    for src in sources:
        if key and (key in src.keys or any(len(k) >= 5 and k in key for k in src.keys)):
            return ids[id(src)], None
    return f"party:{key}", party


def similarities(items: list[Item]) -> np.ndarray:
    """Pairwise same-fact scores of all claims, in one vectorised pass."""
    docs = [sorted(i.facts.stems | i.facts.names) for i in items]
    if not any(docs):
        return np.zeros((len(items), len(items)))
    vectors = TfidfVectorizer(analyzer=_tokens, binary=True).fit_transform(docs)
    scores = np.asarray(cosine_similarity(vectors), dtype=float)
    by_value: dict[float, list[tuple[int, Quantity]]] = {}
    for n, item in enumerate(items):
        for q in item.facts.quantities:
            by_value.setdefault(q.value, []).append((n, q))
    pairs = {(x, y) for found in by_value.values() for x, qx in found for y, qy in found
             if x < y and same_count(qx, qy)}
    for x, y in pairs:
        scores[x, y] += SAME_COUNT_BONUS
        scores[y, x] += SAME_COUNT_BONUS
    return scores


def _tokens(doc: list[str]) -> list[str]:
    return doc


def link(a: Item, b: Item, similarity: float) -> Link | None:
    """Whether two claims state the same fact, and whether they conflict; None when they are different facts."""
    fa, fb = a.facts, b.facts
    if a.article_id == b.article_id:
        return None  # an article states a fact once; two of its claims are two facts
    if similarity < LINK_SCORE or (not fa.names & fb.names and len(fa.stems & fb.stems) < 3):
        return None
    if a.window and b.window and not a.window.overlaps(b.window):
        # Different dates are different events, never a conflict: the same wording a month apart ("five
        # soldiers were killed in Saraqib") is far more often a second event than a misdated first one.
        return None
    for qa in fa.quantities:
        for qb in fb.quantities:
            if not qa.counted or qa.counted != qb.counted or qa.compatible(qb):
                continue
            if fa.cumulative != fb.cumulative:
                return None  # a running total and one event's count: different scopes, different facts
            return Link(similarity, Difference(part="numbers", detail=f"{qa.raw} vs {qb.raw} ({qa.counted})",
                                               claims=[_ref(a), _ref(b)]))
    if fa.negated != fb.negated and similarity >= SAME_TEXT:
        return Link(similarity, Difference(part="outcome", detail="one states it, the other denies it",
                                           claims=[_ref(a), _ref(b)]))
    return Link(similarity)


def _ref(item: Item) -> str:
    return f"{item.article_id}#{item.claim.id}"


def group_items(items: list[Item]) -> list[_Group]:
    """Average-linkage grouping over the pairwise links (deterministic: ties break by position)."""
    n = len(items)
    if n == 0:
        return []
    scores = similarities(items)
    links: dict[tuple[int, int], Link] = {}
    for x, y in zip(*np.nonzero(np.triu(scores >= LINK_SCORE, k=1)), strict=True):
        if (found := link(items[x], items[y], float(scores[x, y]))) is not None:
            links[(int(x), int(y))] = found
    groups = {x: _Group([x]) for x in range(n)}
    where = list(range(n))
    for (x, y), lk in sorted(links.items(), key=lambda kv: (-kv[1].score, kv[0])):
        gx, gy = where[x], where[y]
        if gx == gy:
            if lk.conflict:
                groups[gx].conflicts.append(lk.conflict)
            continue
        ga, gb = groups[gx], groups[gy]
        total = sum(links[(min(p, q), max(p, q))].score if (min(p, q), max(p, q)) in links else 0.0
                    for p in ga.members for q in gb.members)
        if total / (len(ga.members) * len(gb.members)) < MERGE_SCORE:
            continue
        ga.members.extend(gb.members)
        ga.conflicts.extend(gb.conflicts)
        if lk.conflict:
            ga.conflicts.append(lk.conflict)
        for m in gb.members:
            where[m] = gx
        del groups[gy]
    return list(groups.values())


def verdict(group: _Group, items: list[Item]) -> ClaimGroup:
    members = [items[m] for m in sorted(group.members, key=lambda m: (items[m].article_id, items[m].claim.start))]
    by_source = {m.source_id for m in members}
    conflicts = [c for c in group.conflicts if _sources_of(c, members) >= 2]
    parties: dict[str, set[str]] = {}
    for m in members:
        if m.party:
            parties.setdefault(m.party, set()).add(m.article_id)
    upstream = next((p for p, arts in parties.items() if len(arts) >= 2), None)
    if conflicts:
        v: Verdict = "conflicting"
    elif len(by_source) >= 2:
        v = "corroborated"
    else:
        v = "single_source"
    best = max(members, key=lambda m: (m.claim.method == "llm", m.claim.checkworthiness, -len(m.claim.text)))
    return ClaimGroup(
        id="", statement=best.claim.text, verdict=v,
        independent_sources=len(by_source), source_ids=sorted(by_source),
        claims=[GroupMember(article_id=m.article_id, claim_id=m.claim.id, text=m.claim.text, quote=m.claim.quote,
                            start=m.claim.start, end=m.claim.end, attributed_to=m.claim.attributed_to,
                            method=m.claim.method, source_id=m.source_id) for m in members],
        differs=conflicts, upstream_party=upstream,
        checkworthiness=max(m.claim.checkworthiness for m in members),
    )


def _sources_of(diff: Difference, members: list[Item]) -> int:
    refs = set(diff.claims)
    return len({m.source_id for m in members if _ref(m) in refs})


_ORDER: dict[Verdict, int] = {"conflicting": 0, "corroborated": 1, "single_source": 2}


def cross_check(analyses: dict[str, Analysis]) -> tuple[list[ClaimGroup], list[SourceOut]]:
    """Group the claims of several analysed articles and judge each group."""
    docs: dict[str, Document] = {k: a.doc for k, a in analyses.items()}
    sources = find_sources(docs)
    ids = {id(s): f"s{n}" for n, s in enumerate(sources, 1)}
    of_article = {a: s for s in sources for a in s.article_ids}
    items: list[Item] = []
    for article_id, a in analyses.items():
        published = a.doc.meta.published
        implicit = DateRange(published - dt.timedelta(days=IMPLICIT_DAYS), published) if published else None
        for c in a.claims or []:
            source_id, party = effective_source(c, of_article[article_id], sources, ids)
            f = facts(c.text, published)
            items.append(Item(article_id, c, f, source_id, party, f.when or implicit))
    groups = [verdict(g, items) for g in group_items(items)]
    groups.sort(key=lambda g: (_ORDER[g.verdict], -len({c.article_id for c in g.claims}),
                               -g.independent_sources, -g.checkworthiness, g.claims[0].article_id,
                               g.claims[0].start))
    out_groups = [g.model_copy(update={"id": f"g{n}"}) for n, g in enumerate(groups, 1)]
    out_sources = [SourceOut(id=ids[id(s)], name=s.name, article_ids=s.article_ids, merged_because=s.reasons)
                   for s in sources]
    return out_groups, out_sources


async def run(pipeline: Pipeline, articles: list[tuple[str, ArticleIn]], request_id: str, *,
              use_cache: bool = True) -> CrossCheckOut:
    """Extract every article's claims concurrently, then cross-check them. One failure cancels the rest."""
    limit = pipeline.settings.max_article_chars
    for article_id, a in articles:
        # Before any LLM call: the whole request is refused, nothing half-done (an HTML page is measured on the
        # article extracted from it, in the pipeline).
        if len(a.text) > limit and not looks_like_html(a.text):
            raise InputError(413, "Article too long", f"article {article_id} has {len(a.text):,} characters; "
                             f"the limit is {limit:,} (CROSSCHECK_MAX_ARTICLE_CHARS)")
    t0 = time.perf_counter()

    # All at once: their LLM calls wait for a slot (CROSSCHECK_LLM_MAX_CONCURRENCY), first come first served; the
    # first failure cancels the others and is the client's answer (problem+json).
    async def one(article_id: str, a: ArticleIn) -> Analysis:
        with progress.article(article_id):
            return await pipeline.analyze(a, request_id, summary=False, use_cache=use_cache)

    results = await gather_or_cancel(one(article_id, a) for article_id, a in articles)
    analyses: dict[str, Analysis] = {article_id: r for (article_id, _), r in zip(articles, results, strict=True)}
    t1 = time.perf_counter()
    progress.report("matching", f"matching the claims of {len(analyses)} articles")
    groups, sources = cross_check(analyses)
    usage = Usage()
    notes: list[str] = []
    for article_id, done in analyses.items():
        for k in ("prompt_tokens", "completion_tokens", "total_tokens", "calls"):
            setattr(usage, k, getattr(usage, k) + getattr(done.meta.usage, k))
        notes.extend(f"{article_id}: {n}" for n in done.meta.notes)
    first = next(iter(analyses.values()))
    states = {a.meta.cache for a in analyses.values()}
    meta = Meta(request_id=request_id, model=pipeline.settings.llm_model, cache=states.pop() if len(states) == 1
                else "miss", prompt_versions=first.meta.prompt_versions, usage=usage, notes=notes,
                timings_ms={"claims": round((t1 - t0) * 1000, 1),
                            "matching": round((time.perf_counter() - t1) * 1000, 1),
                            "total": round((time.perf_counter() - t0) * 1000, 1)})
    of_article = {a: s.id for s in sources for a in s.article_ids}
    out_articles = [CrossCheckArticleOut(id=k, source_id=of_article[k], claims=len(a.claims or []),
                                         rejected_claims=len(a.rejected_claims),
                                         article=a.doc.meta.model_copy(update={"boilerplate": []}))
                    for k, a in analyses.items()]
    return CrossCheckOut(groups=groups, sources=sources, articles=out_articles, meta=meta)
