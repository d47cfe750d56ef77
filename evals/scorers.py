"""Scorers: small pure functions, each named for what it checks. ``None`` means "not measured" (nothing to
score), never a number; aggregates skip it."""

from __future__ import annotations

import re
from collections.abc import Sequence

from evals.labels import ArticleLabels
from service.analysis.claim_building import edited_quotations
from service.schemas import ArticleIn, Claim, Summary
from service.text import lexical, nlp
from service.text.atomic import relative_date
from service.text.grounding import faithfulness, ground_claims, source_index, verify_summary
from service.text.ingest import ingest

# A predicted claim matches a labelled one when its span covers at least this share of the labelled quote.
MATCH_OVERLAP = 0.5
_ATTRIBUTED = re.compile(r"(?i)^(?:the author says|according to|the article (?:says|reports))")


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _matches(pred: Claim, start: int, end: int) -> bool:
    return _overlap((pred.start, pred.end), (start, end)) >= MATCH_OVERLAP * max(1, end - start)


def claim_grounding(text: str, claims: Sequence[Claim]) -> float | None:
    """Share of claims whose quote slices the source at its offsets and whose text the source supports,
    re-checked here (not taken from the response) by the service's judge on the claims path (``ground_claim``:
    the quote's own body sentence(s), with the sentences around for who, when and where, and the claim's
    ``attributed_to``), on the service's sentence units (body sentences after boilerplate is set aside). The
    lexicon's neutral wording ("Islamist militants" for "jihadists") counts as its sentence's wording there."""
    if not claims:
        return None
    doc = ingest(ArticleIn(text=text))
    index = source_index(text, doc.sentences, doc.meta.published)
    grounded = ground_claims(index, [(c.text, c.start, c.end, c.quote, c.attributed_to) for c in claims])
    return sum(g.status == "supported" for g in grounded) / len(claims)


def claim_recall(claims: Sequence[Claim], labels: ArticleLabels) -> float | None:
    """Share of labelled claims that some extracted claim covers (span overlap >= MATCH_OVERLAP)."""
    if not labels.claims:
        return None
    return sum(any(_matches(p, g.start, g.end) for p in claims) for g in labels.claims) / len(labels.claims)


def claim_precision(claims: Sequence[Claim], labels: ArticleLabels) -> float | None:
    """Share of extracted claims that cover some labelled claim."""
    if not claims:
        return None
    return sum(any(_matches(p, g.start, g.end) for g in labels.claims) for p in claims) / len(claims)


def summary_faithfulness(text: str, summary: Summary) -> float | None:
    """Share of the returned summary's sentences that the source supports, by the project's verifier."""
    return faithfulness(verify_summary(text, summary.text)) if summary.text.strip() else None


def model_sentence_acceptance(summary: Summary) -> float | None:
    """Share of the model's own summary sentences that survived grounding (how faithful the model is)."""
    proposed = sum(s.method == "llm" for s in summary.sentences) + len(summary.rejected)
    return sum(s.method == "llm" for s in summary.sentences) / proposed if proposed else None


def key_fact_coverage(summary: Summary, labels: ArticleLabels) -> float | None:
    """Share of labelled key facts whose source span a summary sentence is supported by."""
    if not labels.key_facts:
        return None
    spans = [(sp.start, sp.end) for s in summary.sentences for sp in s.support]
    return sum(any(_overlap(sp, (k.start, k.end)) > 0 for sp in spans) for k in labels.key_facts) / len(
        labels.key_facts)


def neutrality_violations(summary: Summary, loaded_terms: Sequence[str]) -> int:
    """Labelled loaded terms used in summary sentences that do not attribute them (target 0)."""
    count = 0
    for s in summary.sentences:
        if _ATTRIBUTED.match(s.text):
            continue
        unquoted = re.sub(r"[\"“][^\"”]*[\"”]", " ", s.text)
        for term in loaded_terms:
            count += len(re.findall(rf"(?i)(?<![\w-]){re.escape(term)}(?![\w-])", unquoted))
    return count


def balanced_accuracy(gold: Sequence[bool], predicted: Sequence[bool]) -> float | None:
    """Mean of the recall on supported and on unsupported items; None when either class is absent."""
    pos = [p for g, p in zip(gold, predicted, strict=True) if g]
    neg = [not p for g, p in zip(gold, predicted, strict=True) if not g]
    if not pos or not neg:
        return None
    return (sum(pos) / len(pos) + sum(neg) / len(neg)) / 2


def mean(values: Sequence[float | None]) -> float | None:
    measured = [v for v in values if v is not None]
    return sum(measured) / len(measured) if measured else None


# --- claims: atomicity, certainty, quotations, dates, check-worthiness ----------------------------------------

_CONDITION_MARKERS = {
    # Words that keep a labelled condition, hedge or prediction in a claim's text. Wide on purpose: a claim that
    # keeps the article's own qualifier in any of these wordings is not asserted unconditionally.
    "condition": re.compile(r"(?i)\b(?:if|unless|provided|as long as|in case|in the case|in the event|only when|"
                            r"otherwise|were to be|would have been)\b"),
    "hedge": re.compile(r"(?i)\b(?:reported(?:ly)?|alleged(?:ly)?|may|might|could|believed?|believes|said to|"
                        r"appear(?:s|ed|ing)?|apparent(?:ly)?|seem(?:s|ed)?|suspected|likely|possibl[ey]|"
                        r"probabl[ey]|claim(?:s|ed)?|according to|accused|unconfirmed|suggest(?:s|ed|ing|ions?)?|"
                        r"described as|as many as|rumou?red|what looked like|not clear whether|questionable|"
                        r"good chance)\b"),
    "prediction": re.compile(r"(?i)(?:\b(?:will|would|shall|expected|expects?|plan(?:s|ned)?|going to|intends?|"
                             r"could|may|might|set to|due to|aims?|hopes?|vow(?:s|ed)?|promise[sd]?|"
                             r"threaten(?:s|ed)?|not likely|likely)\b|\w'll\b)"),
}


def _content(text: str) -> list[str]:
    return [w for w in re.findall(r"[^\W\d_]+", text.lower()) if len(w) > 2]


def element_recall(claims: Sequence[Claim], labels: ArticleLabels) -> float | None:
    """Share of labelled claims one returned claim states element by element, not merely overlaps: a claim whose
    span overlaps the labelled quote, that carries every number of the labelled claim, most (two thirds) of its
    names and one of its verbs, and that is at most twice as long as the labelled claim plus ten words (a whole
    paragraph returned as one claim does not count)."""
    if not labels.claims:
        return None
    docs = nlp.parse([g.text for g in labels.claims])
    claim_lemmas = {id(c): {t.lemma_.lower() for t in d} for c, d in zip(claims, nlp.parse([c.text for c in claims]),
                                                                       strict=True)}
    hit = 0
    for g, doc in zip(labels.claims, docs, strict=True):
        numbers = set(lexical.numbers(g.quote)) & set(lexical.numbers(g.text)) or set(lexical.numbers(g.quote))
        names = {t.text.lower() for t in doc if t.pos_ == "PROPN" and len(t.text) > 1}
        verbs = {t.lemma_.lower() for t in doc if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() not in _LIGHT}
        limit = 2 * len(_content(g.text)) + 10
        for c in claims:
            if _overlap((c.start, c.end), (g.start, g.end)) <= 0 or len(_content(c.text)) > limit:
                continue
            words = set(_content(c.text)) | {w.lower() for w in re.findall(r"\w+", c.text)}
            if not numbers <= set(lexical.numbers(c.text)):
                continue
            if names and len(names & words) < (2 * len(names) + 2) // 3:
                continue
            if verbs and not verbs & claim_lemmas[id(c)]:
                continue
            hit += 1
            break
    return hit / len(labels.claims)


_LIGHT = frozenset({"be", "have", "do", "say", "tell", "report", "claim", "state", "add", "note"})


def _plain(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def condition_dropped(claims: Sequence[Claim], labels: ArticleLabels) -> int | None:
    """Claims stated as fact over a labelled condition, hedge or prediction without keeping it (target 0): the
    claim covers half of the labelled span, is marked asserted, and its text has neither a word of that kind nor
    the labelled span's own words."""
    if not labels.cases_labelled:
        return None
    count = 0
    for c in claims:
        for k in labels.conditionals:
            if _overlap((c.start, c.end), (k.start, k.end)) < 0.5 * max(1, k.end - k.start):
                continue
            if _plain(k.quote) in _plain(c.text):  # the qualifying words themselves, verbatim: nothing dropped
                continue
            if c.certainty == "asserted" and not _CONDITION_MARKERS[k.kind].search(c.text):
                count += 1
                break
    return count


def quotation_edited(source: str, claims: Sequence[Claim]) -> int:
    """Claims whose text puts inside quotation marks words the article does not have there verbatim (target 0)."""
    return sum(bool(edited_quotations(c.text, source)) for c in claims)


def quotation_misattributed(claims: Sequence[Claim], labels: ArticleLabels) -> int | None:
    """Claims made mostly of a labelled quotation but attributed to the author (target 0)."""
    if not labels.cases_labelled:
        return None
    return sum(any(_overlap((c.start, c.end), (q.start, q.end)) >= 0.5 * max(1, c.end - c.start)
                   for q in labels.quotations) and c.attributed_to == "the author" for c in claims)


def relative_dates(claims: Sequence[Claim], labels: ArticleLabels, published: bool) -> tuple[int, int, int]:
    """(labelled claims whose quote dates something relative to the publication, of them covered by a claim
    whose ``when`` has a calendar date, of them covered by a claim that says why it has none)."""
    total = resolved = explained = 0
    for g in labels.claims:
        if not relative_date(g.quote):
            continue
        total += 1
        covering = [c for c in claims if _matches(c, g.start, g.end) and c.when is not None]
        if any(c.when.date for c in covering if c.when is not None):
            resolved += 1
        elif any(c.when.note for c in covering if c.when is not None) and not published:
            explained += 1
    return total, resolved, explained


def checkworthiness_pairs(claims: Sequence[Claim], labels: ArticleLabels) -> list[tuple[float, int]]:
    """(the returned score, the labelled level 1-3) for each labelled claim a returned claim covers."""
    level = {"low": 1, "medium": 2, "high": 3}
    out = []
    for g in labels.claims:
        scores = [c.checkworthiness for c in claims if _matches(c, g.start, g.end)]
        if scores:
            out.append((max(scores), level[g.checkworthiness]))
    return out


def spearman(pairs: Sequence[tuple[float, float]]) -> float | None:
    """Spearman's rank correlation (scipy; ties share their mean rank); None for fewer than three pairs or a
    constant side."""
    from scipy.stats import spearmanr

    if len(pairs) < 3:
        return None
    a, b = [p[0] for p in pairs], [p[1] for p in pairs]
    if len(set(a)) < 2 or len(set(b)) < 2:
        return None
    return float(spearmanr(a, b).statistic)
