"""Claims by the model, for a capable one: it reads the whole body and does selection, disambiguation and
decomposition itself (the Claimify way: Metropolitansky & Larson, ACL 2025), code checks every claim.

1. The body's sentences, numbered, go to the model in windows of ``claims_window`` (each with the two sentences
   before it as context), with the title and the publication date (``prompts/claims_document.toml``). It returns
   claims, each with the number of the sentence it comes from, who asserts it and how certain the article is.
2. Each claim is grounded by the judge at that sentence, on the span of the clause it best matches (a misnumbered
   one at the sentences either side); it must keep the sentence's quotations verbatim and its condition.
   Who asserts each claim is read from its sentence by code; the model's ``said_by`` is not trusted.
3. A claim the judge's rules clear but its word-overlap score rejects is read again by the model, when
   ``claims_review`` is on (``prompts/claims_review.toml``, one call per window): the model must account for each
   unmatched word with the sentence's own words, and code keeps the claim only when that account holds word for
   word (``service.text.rewording``); the account is shown as a warning on its grounding.
4. A claim that fails is rejected, with its reason; when the claim selector also picks its sentence, the rules'
   claims of that sentence (``service.analysis.claims_rules``) stand in for it, marked ``extractive``. A window
   whose output stays unusable gets the rules' claims of its sentences.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, Field

from service.analysis import claim_building as building
from service.analysis.claims_rules import drafts_for, selected
from service.analysis.context import ArticleJob
from service.llm.limits import gather_or_cancel
from service.llm.prompts import Prompt
from service.schemas import Claim, Grounding, RejectedItem
from service.text import lexical, rewording
from service.text.atomic import Atom, atoms, clean
from service.text.grounding import SourceIndex
from service.text.selection import Scored

_CONTEXT = 2


class _DocClaim(BaseModel):
    sentence: int = Field(ge=1, le=5000)
    claim: str = Field(min_length=3, max_length=600)
    said_by: str = Field(default="", max_length=200)
    certainty: Literal["asserted", "hedged", "conditional", "predicted", "normative", "question"] = "asserted"


class _DocClaims(BaseModel):
    claims: list[_DocClaim] = Field(max_length=150)


class _Pair(BaseModel):
    claim: str = Field(min_length=1, max_length=300)
    article: str = Field(min_length=1, max_length=400)


class _Reading(BaseModel):
    item: int = Field(ge=1, le=150)
    supported: bool
    wording: list[_Pair] = Field(default_factory=list, max_length=20)


class _Readings(BaseModel):
    readings: list[_Reading] = Field(max_length=150)


@dataclass(frozen=True)
class _Reviewable:
    """A model claim its stated sentence rejects for its wording alone, with what building it needs."""

    text: str
    atom: Atom
    party: str
    chain: list[str]
    grounding: Grounding
    rewording: rewording.Rewording
    score: float
    certainty: str


def _window_text(index: SourceIndex, lo: int, hi: int) -> str:
    lines = []
    for i in range(max(0, lo - _CONTEXT), hi):
        text = clean(index.units[i].text)
        lines.append(f"({i + 1}) [context only] {text}" if i < lo else f"{i + 1}. {text}")
    return "\n".join(lines)


def _best_atom(index: SourceIndex, sentence: int, claim: str) -> list[Atom]:
    """The sentence's atoms, the one sharing most words with the claim first, the whole sentence last."""
    words = set(lexical.words(claim))
    found = atoms(index.analysed, sentence)
    found.sort(key=lambda a: -len(words & set(lexical.words(index.text[a.start : a.end]))))
    unit = index.units[sentence]
    if not any(a.start == unit.start and a.end == unit.end for a in found):
        whole = atoms(index.analysed, sentence)[0]
        found.append(Atom(sentence, unit.start, unit.end, clean(unit.text), whole.when, whole.where, True,
                          whole.certainty, whole.chain, ()))
    return found


def _ground_one(job: ArticleJob, index: SourceIndex, item: _DocClaim, scores: dict[int, float]
                ) -> tuple[Claim | None, str, int, _Reviewable | None]:
    """The model's claim grounded (or why not), the sentence it was anchored at, and, when its stated sentence
    rejects it for its wording alone, what a second reading needs. Who asserts it is read from the sentence by
    code (its attribution, the speakers the parse finds), never taken from the model's ``said_by``: an article
    cannot talk the model into attributing its words to someone else."""
    text = " ".join(item.claim.split())
    stated = item.sentence - 1
    if not 0 <= stated < len(index.units):
        return None, f"refers to sentence {item.sentence}, which the article does not have", stated, None
    if edited := building.edited_quotations(text, index.text):
        return None, f"edits a quotation: \u201c{edited[0][:80]}\u201d is not the article's wording", stated, None
    unit = index.statements([text])[0]
    if why := building.not_a_statement(text, unit):
        return None, why, stated, None
    reasons: list[str] = []
    review: _Reviewable | None = None
    for sentence in (stated, stated - 1, stated + 1):  # small slips of numbering are forgiven, not invented facts
        if not 0 <= sentence < len(index.units):
            continue
        sentence_party = job.parties[_sentence_of(job, index, sentence)]
        for atom in _best_atom(index, sentence, text):
            if building.drops_condition(text, atom):
                if not reasons:
                    reasons.append("drops the condition its sentence states")
                continue
            party, chain = building.party_of(atom, sentence_party)
            grounding, reworded = rewording.ground_for_review(index, unit, atom.start, atom.end,
                                                              index.text[atom.start : atom.end], party)
            # The model chose it; the parse may still see a condition, a hedge or a future it did not mark:
            # the claim is then marked so (not checkable as a fact), never asserted.
            certainty = atom.certainty if atom.certainty != "asserted" else item.certainty
            if grounding.status == "supported":
                return building.build(index, atom, text, party, chain, "llm", job.lexicon, grounding,
                                      scores.get(sentence, 0.0), certainty), "", sentence, None
            if reworded is not None and review is None and sentence == stated:
                review = _Reviewable(text, atom, party, chain, grounding, reworded, scores.get(sentence, 0.0),
                                     certainty)
            if not reasons:  # what the user reads: why its stated sentence, at its best clause, does not hold it
                reasons.extend(grounding.reasons)
    return None, "; ".join(dict.fromkeys(reasons)) or "its sentence does not support it", stated, review


def _sentence_of(job: ArticleJob, index: SourceIndex, unit: int) -> int:
    start = index.units[unit].start
    return next((i for i, s in enumerate(job.doc.sentences) if s.start == start), 0)


async def _window(job: ArticleJob, index: SourceIndex, lo: int, hi: int, prompt: Prompt,
                  scores: dict[int, float], review: Prompt | None = None
                  ) -> tuple[list[Claim], list[RejectedItem], list[int] | None]:
    """One window's claims and rejections, and the sentences whose claims were rejected (None: the whole window
    failed)."""
    published = index.analysed.published
    result = await job.llm.complete_json(prompt, {
        "title": job.doc.meta.title or "(none)", "published": published.isoformat() if published else "unknown",
        "first": lo + 1, "last": hi, "sentences": _window_text(index, lo, hi)}, _DocClaims, job.budget, job.usage)
    if result.value is None:
        job.notes.append(f"claims: model output unusable for sentences {lo + 1}-{hi} ({result.error}); by rules")
        return [], [], None
    assert isinstance(result.value, _DocClaims)
    items = result.value.claims

    def ground() -> tuple[list[Claim], list[tuple[RejectedItem, int, _Reviewable | None]]]:
        claims, lost = [], []
        for item in items:
            claim, reason, sentence, reviewable = _ground_one(job, index, item, scores)
            if claim is None:
                lost.append((RejectedItem(text=item.claim, reason=reason), sentence, reviewable))
            else:
                claims.append(claim)
        return claims, lost

    claims, lost = await asyncio.to_thread(ground)
    pending = [r for _, _, r in lost if r is not None]
    if review is not None and pending:
        kept = await _second_reading(job, index, review, pending)
        claims.extend(kept.values())
        lost = [(rej, sentence, r) for rej, sentence, r in lost if r is None or id(r) not in kept]
    return claims, [rej for rej, _, _ in lost], [sentence for _, sentence, _ in lost]


def _review_items(index: SourceIndex, pending: list[_Reviewable]) -> str:
    blocks = []
    for n, r in enumerate(pending, 1):
        passage = clean(index.text[r.rewording.start : r.rewording.end])
        blocks.append(f"{n}. Claim: {r.text}\n   Words to account for: {', '.join(r.rewording.missing)}\n"
                      f"   Sentences: {passage}")
    return "\n\n".join(blocks)


async def _second_reading(job: ArticleJob, index: SourceIndex, prompt: Prompt, pending: list[_Reviewable]
                          ) -> dict[int, Claim]:
    """The claims among ``pending`` that the model's second reading accounts for, by ``id`` of their entry: its
    account is checked by code (``rewording.accept``), never taken on trust; an unusable answer keeps them all
    rejected."""
    result = await job.llm.complete_json(prompt, {"items": _review_items(index, pending)}, _Readings, job.budget,
                                         job.usage)
    job.prompts_used[prompt.name] = prompt.ref
    if result.value is None:
        job.notes.append(f"claims: second reading unusable ({result.error}); those claims stay rejected")
        return {}
    assert isinstance(result.value, _Readings)
    kept: dict[int, Claim] = {}
    for reading in result.value.readings:
        if not reading.supported or not 1 <= reading.item <= len(pending):
            continue
        r = pending[reading.item - 1]
        grounding = rewording.accept(index, r.text, r.grounding, r.rewording,
                                     [(p.claim, p.article) for p in reading.wording])
        if grounding is not None and id(r) not in kept:
            kept[id(r)] = building.build(index, r.atom, r.text, r.party, r.chain, "llm", job.lexicon, grounding,
                                         r.score, r.certainty)
    return kept


async def model_claims(job: ArticleJob, prompt: Prompt, review: Prompt | None = None
                       ) -> tuple[list[Claim], list[RejectedItem]]:
    """The article's claims by the model strategy, and the model's rejected claims; ``review``: the second
    reading's prompt, when ``claims_review`` is on."""
    index = await job.index()
    chosen = selected(job, index)
    scores = {s.unit: s.probability for s in chosen}
    n, size = len(index.units), job.settings.claims_window
    windows = [(lo, min(lo + size, n)) for lo in range(0, n, size)]
    results = await gather_or_cancel(_window(job, index, lo, hi, prompt, scores, review) for lo, hi in windows)
    claims: list[Claim] = []
    rejected: list[RejectedItem] = []
    stand_in: list[Scored] = []
    by_unit = {s.unit: s for s in chosen}
    for (lo, hi), (got, lost, failed) in zip(windows, results, strict=True):
        claims.extend(got)
        rejected.extend(lost)
        covered = {c.start for c in got}
        units = range(lo, hi) if failed is None else sorted(set(failed))
        stand_in.extend(by_unit[u] for u in units if u in by_unit and
                        not any(index.units[u].start <= s < index.units[u].end for s in covered))
    if stand_in:
        drafts = await asyncio.to_thread(drafts_for, job, index, sorted(set(stand_in), key=lambda s: s.unit))
        claims.extend(d.claim for d in drafts if d.claim is not None)
    return claims, rejected
