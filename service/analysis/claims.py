"""Checkable claims: rules pick the candidate sentences, the LLM rewrites them, code grounds every claim.

1. Candidates (deterministic): sentences with numbers, dates, named parties, attribution or event verbs,
   minus opinion, predictions and rhetoric. Their score becomes the claim's check-worthiness.
2. The LLM turns each batch of candidates into atomic, self-contained claims (``prompts/claims.toml``).
3. Each model claim is grounded by the judge in its sentence (with the sentences around for who, when and
   where; ``service.text.judge``); ungrounded ones are rejected and reported with the judge's reasons. A
   candidate left without a grounded model claim gets the extractive claim: the sentence itself, neutrally
   worded. ``method`` says which produced each claim.
"""

from __future__ import annotations

import asyncio

from pydantic import BaseModel, Field

from service.analysis.context import ArticleJob
from service.llm.limits import gather_or_cancel
from service.llm.prompts import Prompt
from service.schemas import Claim, Grounding, Method, RejectedItem
from service.text import lexical
from service.text.candidates import DATE, EVENT, PLACE, Candidate, clean_sentence, select_candidates
from service.text.framing import AUTHOR, Lexicon
from service.text.grounding import SourceIndex, ground_unit
from service.text.ingest import Document


class _ModelClaim(BaseModel):
    sentence: int = Field(ge=1, le=50)
    claim: str = Field(min_length=3, max_length=400)
    said_by: str = Field(default="", max_length=120)


class _ModelClaims(BaseModel):
    claims: list[_ModelClaim] = Field(max_length=16)


def _claim(doc: Document, cand: Candidate, text: str, party: str, method: Method, lexicon: Lexicon,
           grounding: Grounding) -> Claim:
    quote = doc.text[cand.start : cand.end]
    # Grounded on the words as written (by the caller), then reworded: neutralising swaps judgement words and
    # adds no fact.
    text, _ = lexicon.neutralize(text)
    nums = lexical.numbers(text)
    dates = [m.group().strip() for m in DATE.finditer(quote)]
    place = PLACE.search(quote)
    if party != AUTHOR:
        kind = "statement"
    elif [n for n in nums if not (len(n) == 4 and n.startswith(("19", "20")))]:
        kind = "quantity"
    elif EVENT.search(quote):
        kind = "event"
    else:
        kind = "relation"
    return Claim(
        id="", text=text, quote=quote, start=cand.start, end=cand.end, attributed_to=party,
        kind=kind, entities=list(dict.fromkeys(lexical.names(clean_sentence(quote))))[:12],
        when=", ".join(dict.fromkeys(dates)) or None, where=place.group(1).strip() if place else None,
        numbers=nums, checkworthiness=cand.score, method=method,
        grounding=grounding,
    )


def _numbered(cands: list[Candidate]) -> str:
    return "\n".join(f"{n}. {clean_sentence(c.text)}" for n, c in enumerate(cands, 1))


def _ground(job: ArticleJob, index: SourceIndex, cands: list[Candidate], items: list[_ModelClaim]
            ) -> tuple[list[Claim], list[RejectedItem]]:
    """The model's claims of one batch, grounded (CPU-bound: the caller runs it in a worker thread), and the
    extractive claim of every candidate no model claim covers."""
    doc, lexicon = job.doc, job.lexicon
    claims: list[Claim] = []
    rejected: list[RejectedItem] = []
    covered: set[int] = set()
    offered = [item for item in items if 1 <= item.sentence <= len(cands)]
    for item in items:
        if not 1 <= item.sentence <= len(cands):
            rejected.append(RejectedItem(text=item.claim, reason=f"refers to sentence {item.sentence}, "
                                         "which was not offered"))
    units = index.statements([item.claim.strip() for item in offered])
    for item, unit in zip(offered, units, strict=True):
        cand = cands[item.sentence - 1]
        grounding = ground_unit(index, unit, cand.start, cand.end, doc.text[cand.start : cand.end], cand.party)
        if grounding.status != "supported":
            # Small models misnumber sentences: a claim its stated sentence does not support is anchored to the
            # first other offered sentence that does (still grounded in, and quoting, that sentence).
            for other in (c for c in cands if c is not cand):
                moved = ground_unit(index, unit, other.start, other.end, doc.text[other.start : other.end],
                                    other.party)
                if moved.status == "supported":
                    cand, grounding = other, moved
                    break
        if grounding.status != "supported":
            rejected.append(RejectedItem(text=item.claim, reason="; ".join(grounding.reasons)
                                         or "its sentence does not support it"))
            continue
        covered.add(cand.index)
        claims.append(_claim(doc, cand, item.claim.strip(), cand.party, "llm", lexicon, grounding))
    for cand in cands:
        if cand.index in covered:
            continue
        # The extractive claim is its sentence: the judge reads the sentence as already parsed (no second parse).
        own = index.units_near(cand.start, cand.end, context=0)
        unit = index.units[own[0]] if len(own) == 1 else index.statements([clean_sentence(cand.text)])[0]
        grounding = ground_unit(index, unit, cand.start, cand.end, doc.text[cand.start : cand.end], cand.party)
        claims.append(_claim(doc, cand, clean_sentence(cand.text), cand.party, "extractive", lexicon, grounding))
    return claims, rejected


async def _batch(job: ArticleJob, cands: list[Candidate], prompt: Prompt
                 ) -> tuple[list[Claim], list[RejectedItem], str]:
    result = await job.llm.complete_json(prompt, {"title": job.doc.meta.title or "(none)",
                                                  "sentences": _numbered(cands)}, _ModelClaims, job.budget, job.usage)
    items = result.value.claims if isinstance(result.value, _ModelClaims) else []
    claims, rejected = await asyncio.to_thread(_ground, job, await job.index(), cands, items)
    note = "" if result.value is not None else f"claims: model output unusable ({result.error}); extractive"
    return claims, rejected, note


async def extract_claims(job: ArticleJob, prompt: Prompt) -> tuple[list[Claim], list[RejectedItem]]:
    """The article's checkable claims, each grounded; the model's rejected claims are returned apart."""
    cands = select_candidates(job.doc, job.parties, job.settings.claims_max_candidates)
    size = job.settings.claims_batch_size
    batches = [cands[i : i + size] for i in range(0, len(cands), size)]
    results = await gather_or_cancel(_batch(job, b, prompt) for b in batches)
    claims: list[Claim] = []
    rejected: list[RejectedItem] = []
    seen: set[str] = set()
    for batch_claims, batch_rejected, note in results:
        rejected.extend(batch_rejected)
        if note:
            job.notes.append(note)
        for c in batch_claims:
            key = " ".join(lexical.words(c.text))
            if key not in seen and c.grounding.status == "supported":
                seen.add(key)
                claims.append(c)
            elif key not in seen:
                rejected.append(RejectedItem(text=c.text, reason="not supported by its own sentence"))
    claims.sort(key=lambda c: (c.start, c.method != "llm"))
    return [c.model_copy(update={"id": f"c{n}"}) for n, c in enumerate(claims, 1)], rejected
