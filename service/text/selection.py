"""Which sentences of an article state something a fact-checker would check, and how check-worthy each is.

Each body sentence is described by what its parse shows (numbers, dates, named parties, a finite clause with a
subject, reported speech, opinion and rhetoric cues, modality, questions, quotation) and scored by a small
logistic model (``data/claim_selector.json``), fitted by ``python -m evals.fit_selector`` on the hand-labelled
articles (a sentence is positive when it holds a labelled claim) with cross-validated figures. The score is the
candidate's check-worthiness.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from service.text import lexical
from service.text.analysed import Unit
from service.text.atomic import relative_date
from service.text.candidates import EVENT_WORDS
from service.text.framing import AUTHOR, Lexicon
from service.text.logistic import Logistic, load

MODEL = Path(__file__).parent / "data" / "claim_selector.json"

_EVENT = re.compile(rf"(?i)\b(?:{EVENT_WORDS}|charged|found|confirmed|approved|published|released|reported|won|"
                    r"lost|elected|appointed|opened|closed)\b")
_OPINION = re.compile(
    r"(?i)\b(?:dubious|stupid|evil|brave|horrible|luckless|imaginary|shameful|disgraceful|ridiculous|absurd|"
    r"apparently|obviously|clearly|surely|of course|devil|never be trusted|it seems|seems like|worth noting|"
    r"interesting thing|most likely|perhaps|probably|unfortunately|fortunately|sadly|indeed|hypocrisy|"
    r"propaganda|so-called|naturally)\b")
_FIRST = re.compile(r"(?i)\b(?:i|we|our|us|my|me)\b")
_SECOND = re.compile(r"(?i)\b(?:you|your)\b")
_CONJUNCTION_START = re.compile(rf"(?i)^[\W]*(?:{'|'.join(lexical.CONNECTIVES)})\b")
_SPOKEN_WORDS = 4  # words in single quotation marks that make a quotation, not scare quotes


def _quotations(text: str) -> list[tuple[int, int]]:
    """Where a sentence quotes someone: in double quotation marks, or in single ones as British papers quote ("A
    spokesman said: 'This is most likely ...'": the judgement is the speaker's). A term or two in single marks is
    the author's scare quotes, the author's words still (seed 001's "agents of the 'Assad regime'")."""
    return [m.span() for m in lexical.QUOTATION.finditer(text)
            if m.group()[0] in "\"“" or len(m.group().split()) >= _SPOKEN_WORDS]


def _outside_quotations(text: str, spans: list[tuple[int, int]] | None = None) -> str:
    for a, b in reversed(_quotations(text) if spans is None else spans):
        text = f"{text[:a]} {text[b:]}"
    return text


FEATURES = ("log_words", "numbers", "dates", "names", "finite", "event", "speech", "attributed", "opinion",
            "first_person", "second_person", "question", "exclamation", "modal_root", "condition", "hedged",
            "quoted_share", "loaded", "position", "conjunction_start", "no_verb")


def features(unit: Unit, party: str, position: float, lexicon: Lexicon) -> dict[str, float]:
    """What the parse and the rules see in one sentence."""
    text = unit.text
    spans = _quotations(text)
    outside = _outside_quotations(text, spans)
    words = lexical.words(text)
    root = next((c for c in unit.clauses if c.root), None)
    quoted = sum(b - a for a, b in spans)
    return {
        "log_words": math.log1p(len(words)),
        "numbers": float(min(len(unit.quantities) + len(unit.years), 3)),
        "dates": float(min(len(unit.dates), 2)),
        "names": float(min(len(unit.mentions), 4)),
        "finite": 1.0 if any(c.agent is not None or c.patient is not None for c in unit.clauses) else 0.0,
        "event": 1.0 if _EVENT.search(text) else 0.0,
        "speech": 1.0 if any(c.speech for c in unit.clauses) else 0.0,
        "attributed": 1.0 if party != AUTHOR else 0.0,
        "opinion": float(min(len(_OPINION.findall(outside)), 3)),
        "first_person": 1.0 if _FIRST.search(outside) else 0.0,
        "second_person": 1.0 if _SECOND.search(outside) else 0.0,
        "question": 1.0 if lexical.is_question(text) else 0.0,
        "exclamation": 1.0 if text.rstrip(" \"'”’*").endswith("!") else 0.0,
        "modal_root": 1.0 if root is not None and root.modal else 0.0,
        # (a question asked, "whether to sue", leaves its content unasserted as a condition does)
        "condition": 1.0 if any(c.condition or c.asked for c in unit.clauses) else 0.0,
        "hedged": 1.0 if any(c.hedged for c in unit.clauses) else 0.0,
        "quoted_share": quoted / len(text) if text else 0.0,
        "loaded": float(min(len(lexicon.find(outside)), 3)),
        "position": position,
        "conjunction_start": 1.0 if _CONJUNCTION_START.search(text) else 0.0,
        "no_verb": 0.0 if unit.clauses else 1.0,
    }


def dated_event(unit: Unit) -> bool:
    """A sentence that says something happened (or happens) on a day named relative to the article's own date ("Last
    week their fighters shelled ...", "a worker was pulled out alive Sunday"). It is selected whatever its score:
    the rules can give such a claim its calendar date (``when``), which is what makes it checkable, and on the
    labelled articles seven of the nine such sentences the selector left out hold a labelled claim."""
    if not any(relative_date(d.text) for d in unit.dates) or lexical.is_question(unit.text):
        return False
    dates = [(d.start, d.end) for d in unit.dates]
    for c in unit.clauses:
        if "be" in c.pred or c.quoted:
            continue  # "This week was no exception": a copula (its lemma is among the stems) says nothing happened
        roles = [r for r in (c.agent, c.patient) if r is not None]
        if roles and not any(r.start <= s and e <= r.end for r in roles for s, e in dates):
            return True
    return False


# The share of an article's body sentences whose author's own words (outside quotation marks) carry a judgement
# word or a loaded term, from which the article is read as argued rather than reported. On the labelled articles
# the partisan seeds and the two opinionated tabloid pieces (all with labelled one-sided assertions) have 0.19-0.55,
# straight news 0.00-0.10; the threshold lies in the gap.
OPINIONATED_SHARE = 0.15


def opinion(text: str, lexicon: Lexicon) -> bool:
    """Whether the author's own words in a sentence judge (a judgement word, a loaded term)."""
    outside = _outside_quotations(text)
    return bool(_OPINION.search(outside) or lexicon.find(outside))


def opinionated(units: list[Unit], lexicon: Lexicon) -> bool:
    """Whether an article argues rather than reports (``OPINIONATED_SHARE``): its author's unattributed statements
    are then the author's case, to be attributed in a neutral summary, not stated as fact."""
    body = [u for u in units if not u.caption]
    return bool(body) and sum(opinion(u.text, lexicon) for u in body) / len(body) >= OPINIONATED_SHARE


Selector = Logistic  # fields and probability(): see logistic.py


@lru_cache(maxsize=4)
def load_selector(path: Path = MODEL) -> Selector:
    return load(path)


@dataclass(frozen=True)
class Scored:
    unit: int  # index in the analysed article's units
    sentence: int  # index in the document's sentences
    probability: float  # that the sentence holds a claim a fact-checker would list: its check-worthiness
    selected: bool


def score_sentences(units: list[Unit], starts: list[int], parties: list[str], lexicon: Lexicon,
                    selector: Selector | None = None) -> list[Scored]:
    """Every body sentence scored; ``starts`` are the document's sentence offsets (``parties`` aligned with them)."""
    selector = selector or load_selector()
    by_start = {u.start: n for n, u in enumerate(units)}
    n = max(len(starts), 1)
    out = []
    for i, start in enumerate(starts):
        u = by_start.get(start)
        if u is None or units[u].caption:
            continue
        p = selector.probability(features(units[u], parties[i], i / n, lexicon))
        out.append(Scored(u, i, round(p, 4), p >= selector.threshold or dated_event(units[u])))
    return out
