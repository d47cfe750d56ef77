"""Checkable claims: rules pick the candidate sentences, the LLM rewrites them, code grounds every claim.

1. Candidates (deterministic): sentences with numbers, dates, named parties, attribution or event verbs,
   minus opinion, predictions and rhetoric. Their score becomes the claim's check-worthiness.
2. The LLM turns each batch of candidates into atomic, self-contained claims (``prompts/claims.toml``).
3. Each model claim is grounded in its sentence (with one sentence of context); ungrounded ones are rejected
   and reported. A candidate left without a grounded model claim gets the extractive claim: the sentence
   itself, neutrally worded. ``method`` says which produced each claim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pydantic import BaseModel, Field

from service import lexical
from service.config import Settings
from service.framing import AUTHOR, Lexicon, attribution
from service.grounding import SourceIndex, ground_claim
from service.ingest import Document
from service.limits import gather_or_cancel
from service.llm import Budget, LLMClient
from service.prompts import Prompt
from service.schemas import Claim, Method, RejectedItem, Usage

_DATE = re.compile(
    r"\b(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"(?:\s+\d{1,2})?(?:,?\s+\d{4})?|\d{1,2}\s+(?:January|February|March|April|May|June|July|August|"
    r"September|October|November|December)(?:\s+\d{4})?|(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday)|(?:last|this|next)\s+(?:week|month|year)|(?:mid-|early\s+|late\s+)?(?:19|20)\d{2})\b")
_PLACE = re.compile(r"\b(?:in|near|at|from|into|across|around|outside)\s+((?:the\s+)?(?:[A-Z][\w’'-]+\s?){1,4})")
_EVENT = re.compile(
    r"(?i)\b(?:killed|wounded|injured|died|dead|captured|retook|retaken|recaptured|seized|took control|"
    r"attack(?:ed|s)?|launched|deployed|sent|shot down|surrounded|encircled|withdr[ae]w|fled|bombed|"
    r"struck|strikes|airstrikes|agreed|signed|met|hosted|held|announced|arrested|fired|advanced|"
    r"established|set up|blocked|destroyed|increased|doubled|rejected|promised|breached?)\b")
_OPINION = re.compile(
    r"(?i)\b(?:i|we|our|us|you|your)\b|\b(?:dubious|stupid|evil|brave|horrible|luckless|imaginary|"
    r"shameful|disgraceful|ridiculous|absurd|apparently|obviously|clearly|surely|of course|devil|"
    r"never be trusted|it seems|seems like|worth noting|interesting thing|most likely|should|must|"
    r"will|would|may|might|could|perhaps|probably)\b|[?!]\s*$")


class _ModelClaim(BaseModel):
    sentence: int = Field(ge=1, le=50)
    claim: str = Field(min_length=3, max_length=400)
    said_by: str = Field(default="", max_length=120)


class _ModelClaims(BaseModel):
    claims: list[_ModelClaim] = Field(max_length=16)


@dataclass(frozen=True)
class Candidate:
    index: int  # position in doc.sentences
    start: int
    end: int
    text: str
    score: float
    party: str  # who asserts it: AUTHOR or a named party


def clean_sentence(sentence: str) -> str:
    """The sentence as a reader sees it: markdown marks and stray leading symbols removed."""
    text = re.sub(r"\*\*|__|(?<!\w)\*|\*(?!\w)", "", sentence)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    return " ".join(text.split()).strip()


def attributions(doc: Document) -> list[str]:
    """Who asserts each sentence: its own attribution, else that of the quote it continues, else the author."""
    parties: list[str] = []
    for i, s in enumerate(doc.sentences):
        text = doc.sentence_text(s)
        party = attribution(text)
        if party is None and i > 0 and parties[i - 1] != AUTHOR and text.lstrip("*")[:1] in "\"“‘'":
            party = parties[i - 1]
        parties.append(party or AUTHOR)
    return parties


def select_candidates(doc: Document, parties: list[str], limit: int) -> list[Candidate]:
    """Sentences worth checking, best first by score, at most ``limit``; returned in text order."""
    # Scored once per document: the summary and the claims both ask (with different limits).
    key = ("candidates", tuple(parties))
    if key not in doc.memo:
        doc.memo[key] = _score_sentences(doc, parties)
    scored: list[Candidate] = doc.memo[key]  # type: ignore[assignment]
    best = sorted(scored, key=lambda c: -c.score)[:limit]
    return sorted(best, key=lambda c: c.index)


def _score_sentences(doc: Document, parties: list[str]) -> list[Candidate]:
    scored: list[Candidate] = []
    for i, s in enumerate(doc.sentences):
        text = doc.sentence_text(s)
        n_words = len(lexical.words(text))
        if n_words < 5 or n_words > 90:
            continue
        opinion = len(_OPINION.findall(_strip_quotes(text)))
        has_number = bool(lexical.numbers(text))
        has_date = bool(_DATE.search(text))
        n_names = len(set(lexical.names(text)))
        attributed = parties[i] != AUTHOR
        event = bool(_EVENT.search(text))
        score = (0.3 * has_number + 0.2 * has_date + 0.15 * min(n_names, 3) / 3 + 0.15 * attributed
                 + 0.2 * event - 0.25 * opinion)
        if score >= 0.35 and (has_number or has_date or event or attributed):
            scored.append(Candidate(i, s.start, s.end, text, round(min(score, 1.0), 3), parties[i]))
    return scored


def _strip_quotes(text: str) -> str:
    """Quoted speech is the speaker's, not the author's: opinion cues inside it don't disqualify a sentence."""
    return re.sub(r"[\"“][^\"”]*[\"”]", " ", text)


def _claim(doc: Document, index: SourceIndex, cand: Candidate, text: str, party: str, method: Method,
           lexicon: Lexicon) -> Claim:
    quote = doc.text[cand.start : cand.end]
    # Ground the words as written, then reword: neutralising swaps judgement words and adds no fact.
    grounding = ground_claim(index, text, cand.start, cand.end, quote)
    text, _ = lexicon.neutralize(text)
    nums = lexical.numbers(text)
    dates = [m.group().strip() for m in _DATE.finditer(quote)]
    place = _PLACE.search(quote)
    if party != AUTHOR:
        kind = "statement"
    elif [n for n in nums if not (len(n) == 4 and n.startswith(("19", "20")))]:
        kind = "quantity"
    elif _EVENT.search(quote):
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


async def _batch(cands: list[Candidate], doc: Document, index: SourceIndex, llm: LLMClient, prompt: Prompt,
                 lexicon: Lexicon, budget: Budget, usage: Usage) -> tuple[list[Claim], list[RejectedItem], str]:
    result = await llm.complete_json(prompt, {"title": doc.meta.title or "(none)", "sentences": _numbered(cands)},
                                     _ModelClaims, budget, usage)
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


async def extract_claims(doc: Document, index: SourceIndex, parties: list[str], llm: LLMClient, prompt: Prompt,
                         settings: Settings, lexicon: Lexicon, budget: Budget, usage: Usage,
                         notes: list[str]) -> tuple[list[Claim], list[RejectedItem]]:
    """The article's checkable claims, each grounded; the model's rejected claims are returned apart."""
    cands = select_candidates(doc, parties, settings.claims_max_candidates)
    size = settings.claims_batch_size
    batches = [cands[i : i + size] for i in range(0, len(cands), size)]
    results = await gather_or_cancel(_batch(b, doc, index, llm, prompt, lexicon, budget, usage) for b in batches)
    claims: list[Claim] = []
    rejected: list[RejectedItem] = []
    seen: set[str] = set()
    for batch_claims, batch_rejected, note in results:
        rejected.extend(batch_rejected)
        if note:
            notes.append(note)
        for c in batch_claims:
            key = " ".join(lexical.words(c.text))
            if key not in seen and c.grounding.status == "supported":
                seen.add(key)
                claims.append(c)
            elif key not in seen:
                rejected.append(RejectedItem(text=c.text, reason="not supported by its own sentence"))
    claims.sort(key=lambda c: (c.start, c.method != "llm"))
    return [c.model_copy(update={"id": f"c{n}"}) for n, c in enumerate(claims, 1)], rejected
