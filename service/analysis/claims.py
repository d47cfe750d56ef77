"""Checkable claims: rules pick the candidate sentences, the LLM rewrites them, code grounds every claim.

1. Candidates (deterministic): sentences with numbers, dates, named parties, attribution or event verbs,
   minus opinion, predictions and rhetoric. Their score becomes the claim's check-worthiness.
2. The LLM turns each batch of candidates into atomic, self-contained claims (``prompts/claims.toml``).
3. Each model claim is grounded in its sentence (with one sentence of context); ungrounded ones are rejected
   and reported. A candidate left without a grounded model claim gets the extractive claim: the sentence
   itself, neutrally worded. ``method`` says which produced each claim.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from service.analysis.context import ArticleJob
from service.llm.limits import gather_or_cancel
from service.llm.prompts import Prompt
from service.schemas import Claim, Method, RejectedItem
from service.text import lexical
from service.text.candidates import DATE, EVENT, PLACE, Candidate, clean_sentence, select_candidates
from service.text.framing import AUTHOR, Lexicon
from service.text.grounding import SourceIndex, ground_claim
from service.text.ingest import Document


class _ModelClaim(BaseModel):
    sentence: int = Field(ge=1, le=50)
    claim: str = Field(min_length=3, max_length=400)
    said_by: str = Field(default="", max_length=120)


class _ModelClaims(BaseModel):
    claims: list[_ModelClaim] = Field(max_length=16)


def _claim(doc: Document, index: SourceIndex, cand: Candidate, text: str, party: str, method: Method,
           lexicon: Lexicon) -> Claim:
    quote = doc.text[cand.start : cand.end]
    # Ground the words as written, then reword: neutralising swaps judgement words and adds no fact.
    grounding = ground_claim(index, text, cand.start, cand.end, quote)
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


async def _batch(job: ArticleJob, cands: list[Candidate], prompt: Prompt
                 ) -> tuple[list[Claim], list[RejectedItem], str]:
    doc, index, lexicon = job.doc, job.index, job.lexicon
    result = await job.llm.complete_json(prompt, {"title": doc.meta.title or "(none)", "sentences": _numbered(cands)},
                                         _ModelClaims, job.budget, job.usage)
    claims: list[Claim] = []
    rejected: list[RejectedItem] = []
    covered: set[int] = set()
    if result.value is not None:
        assert isinstance(result.value, _ModelClaims)
        for item in result.value.claims:
            if not 1 <= item.sentence <= len(cands):
                rejected.append(RejectedItem(text=item.claim, reason=f"refers to sentence {item.sentence}, "
                                             f"which was not offered"))
                continue
            cand = cands[item.sentence - 1]
            claim = _claim(doc, index, cand, item.claim.strip(), cand.party, "llm", lexicon)
            if claim.grounding.status != "supported":
                # Small models misnumber sentences: a claim its stated sentence does not support is anchored to
                # the first other offered sentence that does (still grounded in, and quoting, that sentence).
                for other in (c for c in cands if c is not cand):
                    moved = _claim(doc, index, other, item.claim.strip(), other.party, "llm", lexicon)
                    if moved.grounding.status == "supported":
                        cand, claim = other, moved
                        break
            if claim.grounding.status != "supported":
                g = claim.grounding
                why = ", ".join(filter(None, [
                    f"numbers not in its sentence: {g.missing_numbers}" if g.missing_numbers else "",
                    f"names not in its sentence or the next: {g.missing_names}" if g.missing_names else ""]))
                rejected.append(RejectedItem(text=item.claim, reason=why or "its sentence does not support it"))
                continue
            covered.add(cand.index)
            claims.append(claim)
    for cand in cands:
        if cand.index not in covered:
            claims.append(_claim(doc, index, cand, clean_sentence(cand.text), cand.party, "extractive", lexicon))
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
