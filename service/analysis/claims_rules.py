"""Claims by rules, for a small model: rules select, decompose and decontextualise; the model only rewrites what
rules leave ambiguous.

1. Selection: every body sentence is scored by the claim selector (``service.text.selection``); the selected
   ones, most check-worthy first, up to ``claims_max_candidates``.
2. Decomposition and decontextualisation on the parse (``service.text.atomic``): one claim per independent
   clause, pronoun subjects and relative dates resolved, conditions and quotations kept whole.
3. Where the rules leave a reference unresolved ("This", "the following", a pronoun they could not place), the
   model is asked to rewrite the statement with the sentence before it as context (``prompts/claims.toml``). A
   rewrite replaces the rules' wording only when the judge supports it at the same span, it keeps every number,
   quotation and condition, and it is not much longer; else it is rejected, with its reason, and the rules'
   claim stays.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass

from pydantic import BaseModel, Field

from service.analysis import claim_building as building
from service.analysis.context import ArticleJob
from service.llm.limits import gather_or_cancel
from service.llm.prompts import Prompt
from service.schemas import Claim, RejectedItem
from service.text import lexical
from service.text.atomic import Atom, atoms, clean
from service.text.framing import AUTHOR
from service.text.grounding import SourceIndex, ground_unit
from service.text.selection import Scored, score_sentences

# Predictions, wishes and questions are not claims (conditional and hedged ones are, marked not checkable).
NOT_CLAIMS = frozenset({"predicted", "normative", "question"})
# What rules could not resolve: a demonstrative or a pronoun opening the claim, "the following", "such".
_AMBIGUOUS = re.compile(r"^(?:This|These|That|Those|Such|It|They|He|She|Its|Their|His|Her)\b|\bthe following\b|"
                        r"^The (?:first|second|latter|former|same|move|attack|operation|incident|decision)\b")


class _Rewrite(BaseModel):
    n: int = Field(ge=1, le=50)
    claim: str = Field(min_length=3, max_length=600)


class _Rewrites(BaseModel):
    claims: list[_Rewrite] = Field(max_length=50)


@dataclass
class _Draft:
    atom: Atom
    scored: Scored
    party: str
    chain: list[str]
    claim: Claim | None = None


def selected(job: ArticleJob, index: SourceIndex) -> list[Scored]:
    """The selected sentences, the most check-worthy ``claims_max_candidates``, in text order."""
    scored = score_sentences(index.units, [s.start for s in job.doc.sentences], job.parties, job.lexicon,
                             job.selector)
    best = sorted((s for s in scored if s.selected), key=lambda s: -s.probability)
    return sorted(best[: job.settings.claims_max_candidates], key=lambda s: s.unit)


def drafts_for(job: ArticleJob, index: SourceIndex, chosen: list[Scored]) -> list[_Draft]:
    """Each selected sentence's atoms, grounded (CPU-bound: run in a worker thread)."""
    drafts = []
    for s in chosen:
        for atom in atoms(index.analysed, s.unit, job.parties[s.sentence] != AUTHOR):
            if atom.certainty in NOT_CLAIMS:
                continue
            party, chain = building.party_of(atom, job.parties[s.sentence])
            drafts.append(_Draft(atom, s, party, chain))
    units = index.statements([d.atom.text for d in drafts])
    for d, unit in zip(drafts, units, strict=True):
        d.claim = _grounded(job, index, d, d.atom.text, unit, "extractive")
        if d.claim.grounding.status != "supported" and d.atom.resolved:
            # What the rules wrote in (a subject, a date) did not hold: the span's own words instead.
            plain = clean(index.text[d.atom.start : d.atom.end])
            again = _grounded(job, index, d, plain, index.statements([plain])[0], "extractive")
            if again.grounding.status == "supported":
                d.claim = again
    return drafts


def _grounded(job: ArticleJob, index: SourceIndex, d: _Draft, text: str, unit: object, method: str) -> Claim:
    quote = index.text[d.atom.start : d.atom.end]
    grounding = ground_unit(index, unit, d.atom.start, d.atom.end, quote, d.party)  # type: ignore[arg-type]
    return building.build(index, d.atom, text, d.party, d.chain, method, job.lexicon,  # type: ignore[arg-type]
                          grounding, d.scored.probability)


def needs_help(d: _Draft) -> bool:
    return d.claim is not None and bool(_AMBIGUOUS.search(d.claim.text))


def _numbered(index: SourceIndex, drafts: list[_Draft]) -> str:
    lines = []
    for n, d in enumerate(drafts, 1):
        before = index.units[d.atom.sentence - 1].text if d.atom.sentence > 0 else ""
        assert d.claim is not None
        lines.append(f"{n}. Statement: {d.claim.text}\n   Context before it: {clean(before) if before else '(none)'}")
    return "\n".join(lines)


def _check_rewrite(job: ArticleJob, index: SourceIndex, d: _Draft, text: str) -> tuple[Claim | None, str]:
    """The model's rewrite as a claim, or why not."""
    assert d.claim is not None
    unit = index.statements([text])[0]
    if why := building.not_a_statement(text, unit):
        return None, why
    if edited := building.edited_quotations(text, index.text):
        return None, f"edits a quotation: \u201c{edited[0][:80]}\u201d is not the article's wording"
    if building.drops_condition(text, d.atom):
        return None, "drops the condition its sentence states"
    missing = [n for n in d.claim.numbers if n not in lexical.numbers(text)]
    if missing:
        return None, f"drops the number(s) {', '.join(missing)}"
    if len(text) > 2 * len(d.claim.text) + 80:
        return None, "much longer than the statement it rewrites"
    claim = _grounded(job, index, d, text, unit, "llm")
    if claim.grounding.status != "supported":
        return None, "; ".join(claim.grounding.reasons) or "its sentence does not support it"
    return claim, ""


async def _rewrite(job: ArticleJob, index: SourceIndex, batch: list[_Draft], prompt: Prompt
                   ) -> list[RejectedItem]:
    result = await job.llm.complete_json(prompt, {"title": job.doc.meta.title or "(none)",
                                                  "statements": _numbered(index, batch)},
                                         _Rewrites, job.budget, job.usage)
    if result.value is None:
        job.notes.append(f"claims: model output unusable ({result.error}); rules' wording kept")
        return []
    assert isinstance(result.value, _Rewrites)
    rejected = []

    def check() -> None:
        for item in result.value.claims:  # type: ignore[union-attr]
            text = " ".join(item.claim.split())
            if not 1 <= item.n <= len(batch):
                rejected.append(RejectedItem(text=text, reason=f"refers to statement {item.n}, which was not "
                                             "offered"))
                continue
            d = batch[item.n - 1]
            assert d.claim is not None
            if d.claim.method == "llm" or " ".join(lexical.words(text)) == " ".join(lexical.words(d.claim.text)):
                continue  # a second rewrite of the same statement, or none at all
            claim, reason = _check_rewrite(job, index, d, text)
            if claim is None:
                rejected.append(RejectedItem(text=text, reason=reason))
            else:
                d.claim = claim

    await asyncio.to_thread(check)
    return rejected


async def rules_claims(job: ArticleJob, prompt: Prompt) -> tuple[list[Claim], list[RejectedItem]]:
    """The article's claims by the rules strategy, and the model's rejected rewrites."""
    index = await job.index()
    chosen = selected(job, index)
    drafts = await asyncio.to_thread(drafts_for, job, index, chosen)
    ambiguous = [d for d in drafts if needs_help(d)]
    size = job.settings.claims_batch_size
    batches = [ambiguous[i : i + size] for i in range(0, len(ambiguous), size)]
    results = await gather_or_cancel(_rewrite(job, index, b, prompt) for b in batches)
    rejected = [r for batch in results for r in batch]
    return [d.claim for d in drafts if d.claim is not None], rejected
