"""Candidate sentences: which sentences of an article state something checkable, and how check-worthy each is.

Rules, not a model: numbers, dates, named parties, attribution and event verbs count for a sentence; opinion,
predictions and rhetoric count against it. The claims take their candidates from here, and the summary its
extractive sentences; a candidate's score is its check-worthiness.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from service.text import lexical
from service.text.framing import AUTHOR
from service.text.ingest import Document
from service.text.sentences import is_caption

DATE = re.compile(
    r"\b(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"(?:\s+\d{1,2})?(?:,?\s+\d{4})?|\d{1,2}\s+(?:January|February|March|April|May|June|July|August|"
    r"September|October|November|December)(?:\s+\d{4})?|(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday)|(?:last|this|next)\s+(?:week|month|year)|(?:mid-|early\s+|late\s+)?(?:19|20)\d{2})\b")
PLACE = re.compile(r"\b(?:in|near|at|from|into|across|around|outside)\s+((?:the\s+)?(?:[A-Z][\w’'-]+\s?){1,4})")
# Event verbs as written (the claim selector extends the list with its own).
EVENT_WORDS = (r"killed|wounded|injured|died|dead|captured|retook|retaken|recaptured|seized|took control|"
               r"attack(?:ed|s)?|launched|deployed|sent|shot down|surrounded|encircled|withdr[ae]w|fled|bombed|"
               r"struck|strikes|airstrikes|agreed|signed|met|hosted|held|announced|arrested|fired|advanced|"
               r"established|set up|blocked|destroyed|increased|doubled|rejected|promised|breached?")
EVENT = re.compile(rf"(?i)\b(?:{EVENT_WORDS})\b")
_OPINION = re.compile(
    r"(?i)\b(?:i|we|our|us|you|your)\b|\b(?:dubious|stupid|evil|brave|horrible|luckless|imaginary|"
    r"shameful|disgraceful|ridiculous|absurd|apparently|obviously|clearly|surely|of course|devil|"
    r"never be trusted|it seems|seems like|worth noting|interesting thing|most likely|should|must|"
    r"will|would|may|might|could|perhaps|probably)\b|[?!]\s*$")



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
        if is_caption(doc.text, s):
            continue  # a caption run into the next sentence states nothing of the article's own
        text = doc.sentence_text(s)
        n_words = len(lexical.words(text))
        if n_words < 5 or n_words > 90:
            continue
        opinion = len(_OPINION.findall(_strip_quotes(text)))
        has_number = bool(lexical.numbers(text))
        has_date = bool(DATE.search(text))
        n_names = len(set(lexical.names(text)))
        attributed = parties[i] != AUTHOR
        event = bool(EVENT.search(text))
        score = (0.3 * has_number + 0.2 * has_date + 0.15 * min(n_names, 3) / 3 + 0.15 * attributed
                 + 0.2 * event - 0.25 * opinion)
        if score >= 0.35 and (has_number or has_date or event or attributed):
            scored.append(Candidate(i, s.start, s.end, text, round(min(score, 1.0), 3), parties[i]))
    return scored


def _strip_quotes(text: str) -> str:
    """Quoted speech is the speaker's, not the author's: opinion cues inside it don't disqualify a sentence."""
    return re.sub(r"[\"“][^\"”]*[\"”]", " ", text)
