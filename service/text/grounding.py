"""Grounding is code, not the LLM: does the source support a statement?

A statement is supported when a few source sentences (its *support*) contain

- its content words, weighted by rarity in the source (coverage >= ``COVERAGE_MIN``),
- every number it states (digits and number words are compared by value),
- every name it uses (capitalised words; 'Turkish' matches 'Turkey'),
- and a negation if it has one, and no negation it drops.

The same check scores the service's own summaries and claims, ``POST /v1/verifications`` and the eval suite's
faithfulness scorer, so what users can check is what we measure.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from service.schemas import Grounding, SentenceVerdict, Span
from service.text import lexical
from service.text.facts import Quantity, quantities
from service.text.framing import Lexicon, load_lexicon
from service.text.sentences import Sentence, split_sentences

COVERAGE_MIN = 0.75
MAX_SUPPORT_UNITS = 3
WINDOW = 2


@dataclass(frozen=True)
class _Query:
    text: str
    stems: list[str]
    nums: set[str]
    name_keys: dict[str, str]
    weight: dict[str, float]
    quantities: tuple[Quantity, ...]  # counts with what they count, for misbound_numbers


@dataclass(frozen=True)
class _Unit:
    start: int
    end: int
    stems: frozenset[str]
    numbers: frozenset[str]
    keys: frozenset[str]  # every word's stem, for matching names
    negated: bool


@dataclass(frozen=True)
class SupportCheck:
    supported: bool
    score: float
    support: list[tuple[int, int]]
    missing_numbers: list[str]
    missing_names: list[str]
    missing_words: list[str]
    negation_ok: bool = True


def _neutral_stems(lexicon: Lexicon, sentence: str) -> frozenset[str]:
    """The neutral wording of the loaded terms a sentence uses counts as that sentence's wording: "armed
    groups" is supported where the source says "terrorists", and only there."""
    return frozenset(st for t in lexicon.find(sentence) for st in lexical.content_stems(t.neutral))


class SourceIndex:
    """A source text cut into sentences, each with what the check compares; build once per source."""

    def __init__(self, text: str, sentences: Sequence[Sentence] | None = None, lexicon: Lexicon | None = None) -> None:
        self.text = text
        sentences = split_sentences(text) if sentences is None else sentences
        lexicon = lexicon or load_lexicon()
        # The neutral wording also counts for names: "Islamist militants" (for "jihadists") is capitalised, so
        # the name check would otherwise miss it in the very sentence it was substituted from.
        self.units = [
            _Unit(s.start, s.end, frozenset(lexical.content_stems(seg)) | (neutral := _neutral_stems(lexicon, seg)),
                  frozenset(lexical.number_values(seg)), frozenset(lexical.name_keys(seg)) | neutral,
                  lexical.has_negation(seg))
            for s in sentences
            if (seg := text[s.start : s.end])
        ]
        df: dict[str, int] = {}
        for u in self.units:
            for st in u.stems:
                df[st] = df.get(st, 0) + 1
        n = len(self.units)
        self._idf = {st: math.log((n + 1) / (c + 1)) + 1.0 for st, c in df.items()}
        self._idf_unseen = math.log(n + 1) + 1.0
        self._quantities: dict[int, tuple[Quantity, ...]] = {}  # per unit, computed when first needed

    def span(self, start: int, end: int) -> Span:
        return Span(start=start, end=end, text=self.text[start:end])

    def units_near(self, start: int, end: int, context: int = 1) -> list[int]:
        """Indices of the units overlapping ``[start, end)`` plus ``context`` units on each side."""
        hits = [i for i, u in enumerate(self.units) if u.start < end and start < u.end]
        if not hits:
            return []
        lo, hi = max(0, hits[0] - context), min(len(self.units), hits[-1] + context + 1)
        return list(range(lo, hi))

    def _unit_quantities(self, i: int) -> tuple[Quantity, ...]:
        if i not in self._quantities:
            self._quantities[i] = quantities(self.text[self.units[i].start : self.units[i].end])
        return self._quantities[i]

    def check(self, statement: str, candidates: Iterable[int] | None = None) -> SupportCheck:
        """Check ``statement`` against the source.

        Support is sought within one window of ``2 * WINDOW + 1`` consecutive sentences (or only among
        ``candidates``): a statement stitched together from distant sentences is a classic unsupported merge
        ("France" from one paragraph, "sent tanks" from another).
        """
        stems = list(dict.fromkeys(lexical.content_stems(statement)))
        nums = set(lexical.numbers(statement))
        names = list(dict.fromkeys(lexical.names(statement)))
        if not stems and not nums:
            return SupportCheck(False, 0.0, [], [], [], [])
        query = _Query(statement, stems, nums, {n: lexical.stem(n.lower().replace("’", "'")) for n in names},
                       {st: self._idf.get(st, self._idf_unseen) for st in stems},
                       quantities(statement) if nums else ())
        if candidates is not None:
            return self._greedy(query, list(candidates))
        best: SupportCheck | None = None
        stem_set = set(stems)
        for anchor, u in enumerate(self.units):
            if not (stem_set & u.stems or nums & u.numbers):
                continue
            pool = list(range(max(0, anchor - WINDOW), min(len(self.units), anchor + WINDOW + 1)))
            result = self._greedy(query, pool)
            if best is None or (result.supported, result.score) > (best.supported, best.score):
                best = result
                if best.supported and best.score >= 1.0:
                    break
        return best or SupportCheck(False, 0.0, [], sorted(nums), names, stems)

    def _greedy(self, q: _Query, pool: list[int]) -> SupportCheck:
        total = sum(q.weight.values()) or 1.0
        chosen: list[int] = []
        covered: set[str] = set()
        nums_left, keys_left = set(q.nums), set(q.name_keys.values())
        for _ in range(MAX_SUPPORT_UNITS):
            best, best_gain = -1, 0.0
            for i in pool:
                if i in chosen:
                    continue
                u = self.units[i]
                gain = sum(q.weight[s] for s in q.stems if s in u.stems and s not in covered)
                gain += 2.0 * len(nums_left & u.numbers) + 1.0 * len(keys_left & u.keys)
                if gain > best_gain + 1e-9:
                    best, best_gain = i, gain
            if best < 0:
                break
            chosen.append(best)
            u = self.units[best]
            covered.update(s for s in q.stems if s in u.stems)
            nums_left -= u.numbers
            keys_left -= u.keys
            if len(covered) == len(q.stems) and not nums_left and not keys_left:
                break
        chosen.sort()
        score = sum(q.weight[s] for s in covered) / total if q.stems else 1.0
        missing_names = [n for n, k in q.name_keys.items() if k in keys_left]
        negation_ok = lexical.has_negation(q.text) == any(self.units[i].negated for i in chosen)
        misbound = misbound_numbers(q.quantities, [f for i in chosen for f in self._unit_quantities(i)]) \
            if q.quantities else []
        supported = (bool(chosen) and score >= COVERAGE_MIN and not nums_left and not missing_names and negation_ok
                     and not misbound)
        return SupportCheck(
            supported=supported,
            score=round(score, 4),
            support=[(self.units[i].start, self.units[i].end) for i in chosen],
            missing_numbers=sorted(nums_left) + misbound,
            missing_names=missing_names,
            missing_words=[s for s in q.stems if s not in covered],
            negation_ok=negation_ok,
        )


def misbound_numbers(stated: Sequence[Quantity], found: Sequence[Quantity]) -> list[str]:
    """Numbers the support has, but attached to something else: "2,500 units" where the source says "1,000
    units" and "2,500 troops". Flagged only on such a swap (the value counts another thing there, and the thing
    has another value), so "5 killed" for "five soldiers were killed" stays supported.

    Returns:
        Each misbound number as "<number> <what it counts>".
    """
    out = []
    for q in stated:
        if not q.counted:
            continue
        same_value = [f for f in found if f.value == q.value]
        same_thing = [f for f in found if f.counted == q.counted]
        if same_value and same_thing and all(f.counted != q.counted for f in same_value) \
                and all(f.value != q.value for f in same_thing):
            out.append(f"{q.raw} {q.counted}")
    return out


def ground_claim(index: SourceIndex, text: str, start: int, end: int, quote: str) -> Grounding:
    """Check a claim: its quote must slice the source exactly, and the quote's own sentence(s) must support the
    claim's content and numbers. Names may also come from one sentence either side, where a rewrite resolves
    a pronoun ("He vowed..." -> "Erdogan vowed...")."""
    exact = 0 <= start < end <= len(index.text) and index.text[start:end] == quote
    own = index.units_near(start, end, context=0) if exact else []
    result = index.check(text, own) if own else None
    missing_names = list(result.missing_names) if result else []
    if result and missing_names:
        context_keys = set().union(*(index.units[i].keys for i in index.units_near(start, end, context=1)))
        missing_names = [n for n in missing_names if lexical.stem(n.lower().replace("’", "'")) not in context_keys]
    supported = bool(exact and result and result.score >= COVERAGE_MIN and not result.missing_numbers
                     and not missing_names and result.negation_ok)
    evidence = [index.span(s, e) for s, e in (result.support if result else [])]
    if exact and not evidence:
        evidence = [index.span(start, end)]
    return Grounding(
        status="supported" if supported else "unsupported",
        quote_exact=exact,
        missing_numbers=result.missing_numbers if result else [],
        missing_names=missing_names,
        evidence=evidence,
    )


def verify_summary(source: str, summary: str, index: SourceIndex | None = None) -> list[SentenceVerdict]:
    """Check each sentence of ``summary`` against ``source``: the faithfulness scorer."""
    index = index or SourceIndex(source)
    verdicts = []
    for s in split_sentences(summary):
        sentence = summary[s.start : s.end]
        r = index.check(sentence)
        verdicts.append(SentenceVerdict(
            sentence=sentence, start=s.start, end=s.end, supported=r.supported, score=r.score,
            support=[index.span(a, b) for a, b in r.support], missing_numbers=r.missing_numbers,
            missing_names=r.missing_names, missing_words=r.missing_words,
        ))
    return verdicts


def faithfulness(verdicts: Sequence[SentenceVerdict]) -> float | None:
    """Share of supported sentences; None when there is nothing to score (never a made-up number)."""
    return sum(v.supported for v in verdicts) / len(verdicts) if verdicts else None
