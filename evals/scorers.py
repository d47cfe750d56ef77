"""Scorers: small pure functions, each named for what it checks. ``None`` means "not measured" (nothing to
score), never a number; aggregates skip it."""

from __future__ import annotations

import re
from collections.abc import Sequence

from evals.labels import ArticleLabels
from service.schemas import ArticleIn, Claim, Summary
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
