"""Grounding is code, not the LLM: does the source support a statement?

The judge (``service.text.judge``) decides, on the source analysed once (``service.text.analysed``). This module
is its face to the rest of the service: a claim checked against the sentence its quote is in
(``ground_claim``), a summary checked sentence by sentence against the best passage of the source
(``verify_summary``, also ``POST /v1/verifications`` and the eval suite's faithfulness scorer), so what users
can check is what we measure.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from service.schemas import ArticleIn, Grounding, SentenceVerdict, Span
from service.text import names, nlp
from service.text.analysed import Analysed, Unit, analyse, analyse_statements
from service.text.atomic import clause_parts_of, relative_parts_of
from service.text.calibration import load_calibration
from service.text.evidence import Finding
from service.text.framing import Lexicon, load_lexicon, speakers
from service.text.ingest import dateline, ingest
from service.text.judge import Judge, Verdict
from service.text.sentences import Sentence, split_sentences

# Bump when a rule of the judge changes what it decides (the cache key carries it, with the model data's).
RULES_VERSION = "115"
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def judge_version() -> str:
    """Everything the judge's decisions depend on besides the code's package version: its rules, the NLP
    model, the calibration, the alias table and the lexicon."""
    return (f"rules-{RULES_VERSION}/{nlp.model_version()}/calibration-{load_calibration().version}/"
            f"aliases-{names.aliases_version()}/lexicon-{load_lexicon().version}")


class SourceIndex:
    """A source analysed once (sentences parsed, names and numbers read), and the judge over it."""

    def __init__(self, text: str, sentences: Sequence[Sentence] | None = None, lexicon: Lexicon | None = None,
                 published: dt.date | None = None) -> None:
        self.text = text
        self.analysed: Analysed = analyse(text, sentences, published or dateline(text), lexicon)
        # (who asserts each sentence, quotations carried over to the sentences they go on into: the search path
        # reads it where a passage's own parse names no speaker)
        self.judge = Judge(self.analysed, speakers=speakers(text, [Sentence(u.start, u.end)
                                                                   for u in self.analysed.units]))
        self._case = _case_map(text)

    @property
    def units(self) -> list[Unit]:
        return self.analysed.units

    def span(self, start: int, end: int) -> Span:
        return Span(start=start, end=end, text=self.text[start:end])

    def units_near(self, start: int, end: int, context: int = 1) -> list[int]:
        return self.analysed.units_near(start, end, context)

    def statements(self, texts: Sequence[str]) -> list[Unit]:
        """Statements parsed in one batch, lower-case ones given the source's capitals first."""
        return analyse_statements([self._truecase(t) for t in texts], self.analysed.published,
                                  self.analysed.one_word_names,
                                  self.analysed.common_words | self.analysed.plain_openings)

    def check(self, statement: str) -> Verdict:
        """The statement against the best passage of the source (the summary path)."""
        return self.check_many([statement])[0]

    def check_many(self, statements: Sequence[str]) -> list[Verdict]:
        """Each statement against the best passage of the source, and, when it joins independent clauses ("X did A,
        and Y did B"), each clause against its own: see ``_by_clause``."""
        units = self.statements(statements)
        whole = [self.judge.check(u) for u in units]
        # (only a supported statement's clauses are checked, on its own parse: they change its evidence, not its
        # verdict)
        docs = [u.doc if v.supported and len(u.text) < _MAX_SPLIT else None for u, v in zip(units, whole, strict=True)]
        parts = [clause_parts_of(d, u.text) if d is not None else [] for u, d in zip(units, docs, strict=True)]
        asides = [relative_parts_of(d, u.text) if d is not None else [] for u, d in zip(units, docs, strict=True)]
        # Every part and aside checked in one batch; each statement takes its own verdicts back in order.
        flat = [t for ps, xs in zip(parts, asides, strict=True) for t in (*ps, *xs)]
        checked = iter([self.judge.check(u) for u in self.statements(flat)] if flat else [])
        out = []
        for v, ps, xs in zip(whole, parts, asides, strict=True):
            by_part = [(p, next(checked)) for p in ps]
            by_aside = [(a, next(checked)) for a in xs]
            out.append(_with_asides(_by_clause(v, by_part) if len(ps) > 1 else v, by_aside))
        return out

    def _truecase(self, statement: str) -> str:
        """A statement written all in lower case ("the fbi has said ...") with the source's capitals put back, so
        that its names are read as names."""
        letters = [c for c in statement[1:] if c.isalpha()]
        if not letters or any(c.isupper() for c in letters):
            return statement
        return _WORD.sub(lambda m: self._case.get(m.group(), m.group()), statement)


# Longer statements are not split (a pasted paragraph is checked as it is).
_MAX_SPLIT = 600


def _by_clause(whole: Verdict, parts: list[tuple[str, Verdict]]) -> Verdict:
    """A supported statement of several independent clauses ("Turkey deployed 1,000 units ..., and Ankara hosted
    a meeting on February 8") shows each clause's own evidence, when each is supported: the passage the whole
    matched may hold one of the facts only. The decision stays the whole's: measured on the labelled sets,
    deciding clause by clause rejected more human-written claims ("... pledged to withdraw US forces but did not
    do so": "did not do so" alone says nothing) than it caught perturbations, and accepting a rejected
    statement whose clauses are each supported let more unsupported model sentences through (README)."""
    if not whole.supported or any(not v.supported for _, v in parts):
        return whole
    return replace(whole, support=sorted({span for _, v in parts for span in v.support}))


def _with_asides(whole: Verdict, asides: list[tuple[str, Verdict]]) -> Verdict:
    """A supported statement whose non-restrictive relative clause, read as a sentence of its own, the source does
    not support is not supported: "the union, which represents 1,200 workers, has demanded ..." borrows the number
    from "1,200 lashers joined the strike" for a relation no sentence states."""
    failed = [(a, v) for a, v in asides if not v.supported]
    if not whole.supported or not failed:
        return whole
    aside, verdict = failed[0]
    why = verdict.reasons[0] if verdict.reasons else "the source does not say it"
    return replace(whole, supported=False, findings=[*whole.findings, Finding(
        "aside", f"what it adds in passing (\u201c{aside}\u201d) is not in the source: {why}")])


@lru_cache(maxsize=32)
def _analysed(text: str, sentences: tuple[Sentence, ...] | None, published: dt.date | None) -> SourceIndex:
    return SourceIndex(text, sentences, None, published)


def source_index(text: str, sentences: Sequence[Sentence] | None = None,
                 published: dt.date | None = None) -> SourceIndex:
    """The analysed source, from a small per-process cache: the same article is often analysed again (a summary
    then its claims, a cross-check retried, a verification of a text just analysed), and its parse is the costly
    part. Indexes are not modified after they are built, so sharing them is safe."""
    return _analysed(text, tuple(sentences) if sentences is not None else None, published or dateline(text))


def _case_map(text: str) -> dict[str, str]:
    """Lower-case word -> its capitalised form, for words the source capitalises inside sentences."""
    seen: Counter[str] = Counter()
    lower: Counter[str] = Counter()
    for m in _WORD.finditer(text):
        w = m.group()
        before = text[max(0, m.start() - 2) : m.start()]
        if w[0].isupper() and not re.search(r"[.!?\"“]\s*$|^\s*$", before) and m.start() > 0:
            seen[w] += 1
        elif w.islower():
            lower[w] += 1
    return {w.lower(): w for w, n in seen.items() if n > lower[w.lower()]}


def grounding_of(index: SourceIndex, exact: bool, v: Verdict | None, start: int, end: int) -> Grounding:
    """A claim's grounding from the judge's verdict at its quote (None: the quote does not slice the source)."""
    evidence = [index.span(s, e) for s, e in (v.support if v else [])]
    if exact and not evidence:
        evidence = [index.span(start, end)]
    reasons = [] if exact else ["its quote does not slice the source at its offsets"]
    if v is not None:
        reasons += v.reasons
    return Grounding(
        status="supported" if exact and v is not None and v.supported else "unsupported",
        quote_exact=exact, score=v.score if v else 0.0,
        missing_numbers=v.missing_numbers if v else [], missing_names=v.missing_names if v else [],
        reasons=reasons, evidence=evidence, warnings=v.warnings if v else [],
    )


def ground_claim(index: SourceIndex, text: str, start: int, end: int, quote: str,
                 attributed_to: str | None = None) -> Grounding:
    """Check a claim: its quote must slice the source exactly, and the quote's own sentence(s) must support it
    (who, when and where may be resolved from two sentences either side). ``attributed_to``: who the claim
    says asserts it; a claim the source attributes to someone is supported only with that attribution."""
    return ground_claims(index, [(text, start, end, quote, attributed_to)])[0]


def ground_claims(index: SourceIndex,
                  claims: Sequence[tuple[str, int, int, str, str | None]]) -> list[Grounding]:
    """``ground_claim`` for several claims, parsed in one batch."""
    units = index.statements([c[0] for c in claims])
    return [ground_unit(index, unit, start, end, quote, party)
            for (_, start, end, quote, party), unit in zip(claims, units, strict=True)]


def ground_unit(index: SourceIndex, unit: Unit, start: int, end: int, quote: str, attributed_to: str | None
                ) -> Grounding:
    """``ground_claim`` for a claim already parsed (``SourceIndex.statements``): anchor it at several sentences
    without parsing it again."""
    exact, verdict = anchored_verdict(index, unit, start, end, quote, attributed_to)
    return grounding_of(index, exact, verdict, start, end)


def anchored_verdict(index: SourceIndex, unit: Unit, start: int, end: int, quote: str, attributed_to: str | None
                     ) -> tuple[bool, Verdict | None]:
    """Whether the quote slices the source at its offsets, and the judge's verdict at the quote's sentence(s)."""
    exact = 0 <= start < end <= len(index.text) and index.text[start:end] == quote
    own = index.units_near(start, end, context=0) if exact else []
    return exact, (index.judge.check_anchored(unit, own, attributed_to, (start, end)) if own else None)


def body_index(source: str) -> SourceIndex:
    """A submitted text's body analysed: its publisher boilerplate and any instruction to a model set aside, as
    for an analysis (what is set aside supports nothing)."""
    doc = ingest(ArticleIn(text=source))
    return source_index(source, doc.sentences, doc.meta.published)


def verify_summary(source: str, summary: str, index: SourceIndex | None = None) -> list[SentenceVerdict]:
    """Check each sentence of ``summary`` against ``source`` (its body): the faithfulness scorer."""
    index = index or body_index(source)
    spans = split_sentences(summary)
    verdicts = index.check_many([summary[s.start : s.end] for s in spans])
    return [SentenceVerdict(
        sentence=summary[s.start : s.end], start=s.start, end=s.end, supported=v.supported, score=v.score,
        support=[index.span(a, b) for a, b in v.support], missing_numbers=v.missing_numbers,
        missing_names=v.missing_names, missing_words=v.missing_words, reasons=v.reasons, warnings=v.warnings,
    ) for s, v in zip(spans, verdicts, strict=True)]


def faithfulness(verdicts: Sequence[SentenceVerdict]) -> float | None:
    """Share of supported sentences; None when there is nothing to score (never a made-up number)."""
    return sum(v.supported for v in verdicts) / len(verdicts) if verdicts else None
