"""Neutral summary: the LLM drafts, code keeps only what the source supports, then rewords and attributes.

- Each model sentence is checked against the article body (``grounding``); unsupported or repeated sentences
  are removed and reported in ``rejected``.
- Kept sentences get their loaded terms replaced by neutral wording, and an attribution when their support is
  a party's statement the sentence does not name ("According to AMN News, ...").
- When fewer than ``MIN_SENTENCES`` model sentences survive, the summary is completed extractively from the
  article's most check-worthy sentences, each attributed (to the party it quotes, else "The author says").
"""

from __future__ import annotations

import asyncio
import re
from typing import Literal

from pydantic import BaseModel, Field

from service.analysis.context import ArticleJob
from service.analysis.rejections import collapse
from service.llm.prompts import Prompt
from service.schemas import Method, RejectedItem, Summary, SummarySentence
from service.text import lexical, nlp
from service.text.candidates import Candidate, clean_sentence, select_candidates
from service.text.framing import AUTHOR
from service.text.grounding import SourceIndex
from service.text.ingest import Document

MIN_SENTENCES = 2
_SAYS = ("the author", "the article", "according to", "the writer")


class _ModelSummary(BaseModel):
    sentences: list[str] = Field(min_length=1, max_length=8)


def _truncate(body: str, limit: int) -> str:
    """Cut the body at a paragraph or sentence end before ``limit`` characters."""
    if len(body) <= limit:
        return body
    cut = body[:limit]
    for mark in ("\n\n", ". ", "\n"):
        pos = cut.rfind(mark)
        if pos > limit // 2:
            return cut[: pos + 1].strip()
    return cut


def _similar(a: str, b: str) -> bool:
    sa, sb = set(lexical.content_stems(a)), set(lexical.content_stems(b))
    return bool(sa and sb) and len(sa & sb) / len(sa | sb) >= 0.6


def _party_of(doc: Document, parties: list[str], support: list[tuple[int, int]]) -> str:
    for start, end in support:
        for i, s in enumerate(doc.sentences):
            if s.start < end and start < s.end and parties[i] != AUTHOR:
                return parties[i]
    return AUTHOR


# A sentence that already says who asserts it: "..., the county highways office said." / "X told reporters ...".
_SPEECH = re.compile(r"(?i)\b(?:said|told|announced|stated|insisted|added|confirmed|denied|according to)\b")


def _attribute(sentence: str, party: str, always: bool) -> tuple[str, list[str]]:
    """Prefix an attribution unless the sentence already carries one, in natural order: what follows "that" or
    the comma starts lower-case unless the parse reads its first word as a name."""
    low = sentence.lower()
    if any(low.startswith(p) or f" {p} " in low for p in _SAYS) or _SPEECH.search(sentence):
        return sentence, []
    if party != AUTHOR and lexical.name_keys(party) & lexical.name_keys(sentence) - {"the"}:
        return sentence, []
    if party == AUTHOR and not always:
        return sentence, []
    body = _lower_first(sentence)
    if party == AUTHOR:
        return f"The author says that {body}", ["attributed to the author"]
    return f"According to {party}, {body}", [f"attributed to {party}"]


def _lower_first(sentence: str) -> str:
    """The sentence with its first word lower-cased, unless it is a name or an acronym (by the parse)."""
    first = nlp.parse([sentence])[0][0] if sentence else None
    if first is None or first.pos_ == "PROPN" or first.text.isupper() or first.text == "I":
        return sentence
    return sentence[:1].lower() + sentence[1:]


def _finish(job: ArticleJob, index: SourceIndex, text: str, support: list[tuple[int, int]],
            method: Method) -> SummarySentence:
    lexicon = job.lexicon
    party = _party_of(job.doc, job.parties, support)
    # Loaded terms in the sentence, or a support sentence in the author's voice, make it the author's view.
    contested = bool(lexicon.find(text)) or method == "extractive"
    worded, edits = lexicon.neutralize(text)
    worded, more = _attribute(worded, party, always=contested)
    if not worded.endswith((".", "!", "?", '"', "”")):
        worded += "."
    return SummarySentence(text=worded, supported=True, support=[index.span(a, b) for a, b in support],
                           method=method, edits=edits + more)


async def summarize(job: ArticleJob, prompt: Prompt) -> Summary:
    """A neutral summary whose every sentence is supported by the article body."""
    doc, settings, notes = job.doc, job.settings, job.notes
    body = _truncate(doc.body_text, settings.summary_input_chars)
    result = await job.llm.complete_json(
        prompt, {"title": doc.meta.title or "(none)", "body": body,
                 "max_sentences": settings.summary_max_sentences}, _ModelSummary, job.budget, job.usage)
    kept: list[SummarySentence] = []
    rejected: list[RejectedItem] = []
    if result.value is None:
        notes.append(f"summary: model output unusable ({result.error}); extractive")
    else:
        assert isinstance(result.value, _ModelSummary)
        drafted: list[str] = []
        for raw in result.value.sentences:
            sentence = " ".join(raw.split())
            if not sentence:
                continue
            if any(_similar(sentence, k) for k in drafted) or any(_similar(sentence, r.text) for r in rejected):
                rejected.append(RejectedItem(text=sentence, reason="repeats an earlier sentence"))
                continue
            drafted.append(sentence)
        # The judge parses and checks them (CPU-bound): in a worker thread, so the event loop keeps serving.
        index = await job.index()
        checks = await asyncio.to_thread(index.check_many, drafted)
        for sentence, check in zip(drafted, checks, strict=True):
            if len(kept) >= settings.summary_max_sentences:
                break
            if not check.supported:
                rejected.append(RejectedItem(text=sentence, reason="; ".join(check.reasons)
                                             or "the source does not support it"))
                continue
            kept.append(_finish(job, index, sentence, check.support, "llm"))
    if len(kept) < MIN_SENTENCES:
        if result.value is not None:
            notes.append(f"summary: {len(kept)} model sentence(s) supported; completed extractively")
        for cand in _lead_candidates(doc, job.parties, settings.summary_max_sentences):
            if len(kept) >= max(MIN_SENTENCES, min(4, settings.summary_max_sentences)):
                break
            text = clean_sentence(cand.text)
            if any(_similar(text, k.text) for k in kept):
                continue
            kept.append(_finish(job, await job.index(), text, [(cand.start, cand.end)], "extractive"))
    # Model sentences first, in the model's order; extractive ones after them, in the article's order.
    kept = [k for k in kept if k.method == "llm"] + sorted(
        (k for k in kept if k.method == "extractive"), key=lambda k: k.support[0].start)
    methods = {s.method for s in kept}
    method: Literal["llm", "extractive", "mixed"] = (
        "mixed" if len(methods) > 1 else "llm" if methods == {"llm"} else "extractive")
    return Summary(text=" ".join(s.text for s in kept), method=method, sentences=kept, rejected=collapse(rejected))


def _lead_candidates(doc: Document, parties: list[str], n: int) -> list[Candidate]:
    """The most check-worthy sentences, favouring the article's opening (where news puts its point)."""
    cands = select_candidates(doc, parties, limit=max(3 * n, 10))
    total = max(len(doc.sentences), 1)
    return sorted(cands, key=lambda c: -(c.score + 0.3 * (1 - c.index / total)))

