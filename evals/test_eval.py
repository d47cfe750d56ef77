"""The eval run: every labelled article through the real pipeline, with the LLM replayed from cassettes, scored
against its labels. The report and the baseline gate are ``test_zz_report.py``."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from evals import scorers
from evals.conftest import eval_settings
from evals.labels import HELDOUT, article_ids, heldout_ids, load
from service.analysis.pipeline import Pipeline
from service.errors import LLMError
from service.schemas import ArticleIn, Summary

RESULTS: dict[str, dict[str, Any]] = {}
# The summaries themselves, for the hand-labelled sentence checks (test_summary_checks.py).
SUMMARIES: dict[str, Summary] = {}
RERECORD = "CROSSCHECK_LLM_MODEL=... pytest evals/ --record-mode=rewrite (see evals/README.md)"


@pytest.mark.vcr
@pytest.mark.block_network
@pytest.mark.parametrize("article_id", article_ids() + heldout_ids())
def test_article(article_id: str, vcr: Any, record_mode: str) -> None:
    text, labels = load(article_id)
    settings = eval_settings()
    pipeline = Pipeline(settings)
    try:
        a = asyncio.run(pipeline.analyze(ArticleIn(text=text), f"eval-{article_id}"))
    except LLMError as exc:
        cassette = Path(vcr._path)
        if not cassette.exists():
            pytest.fail(f"no cassette for {article_id} at {cassette}; record with {RERECORD}")
        pytest.fail(f"{article_id}: a request is not in its cassette (prompt or request changed since "
                    f"recording?): re-record with {RERECORD}. ({exc.detail[:200]})")
    if record_mode == "none":
        # The recorder really served every call: a transport that bypassed it could not pass silently.
        assert vcr.play_count == a.meta.usage.calls and vcr.all_played
    assert a.summary is not None and a.claims is not None
    for c in a.claims:
        assert text[c.start : c.end] == c.quote
    RESULTS[article_id] = {
        "claim_grounding": scorers.claim_grounding(text, a.claims),
        "claim_recall": scorers.claim_recall(a.claims, labels),
        "claim_precision": scorers.claim_precision(a.claims, labels),
        "summary_faithfulness": scorers.summary_faithfulness(text, a.summary),
        "model_sentence_acceptance": scorers.model_sentence_acceptance(a.summary),
        "key_fact_coverage": scorers.key_fact_coverage(a.summary, labels),
        "key_fact_coverage_quote_only": scorers.key_fact_coverage(a.summary, labels, quote_only=True),
        "neutrality_violations": scorers.neutrality_violations(a.summary, labels.loaded_terms),
        "one_sided_as_fact": scorers.one_sided_as_fact(a.summary, labels),
        "dangling_references": scorers.dangling_references(a.summary),
        "doubled_attributions": scorers.doubled_attributions(a.summary),
        "agreement_errors": scorers.agreement_errors(a.summary),
        "claims": len(a.claims), "llm_claims": sum(c.method == "llm" for c in a.claims),
        "summary_method": a.summary.method,
        "element_recall": scorers.element_recall(a.claims, labels),
        "condition_dropped": scorers.condition_dropped(a.claims, labels),
        "quotation_edited": scorers.quotation_edited(text, a.claims),
        "quotation_misattributed": scorers.quotation_misattributed(a.claims, labels),
        "relative_dates": scorers.relative_dates(a.claims, labels, a.doc.meta.published is not None),
        "dated": a.doc.meta.published is not None,
        "checkworthiness_pairs": scorers.checkworthiness_pairs(a.claims, labels),
        "rejected_claims": len(a.rejected_claims),
        "heldout": article_id in HELDOUT,  # never in a fit: its claims figures are reported apart
    }
    SUMMARIES[article_id] = a.summary
