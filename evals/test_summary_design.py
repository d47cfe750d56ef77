"""The summary's design ceiling: the oracle double (``evals/oracle.py``) as a perfect model under the model
strategy, answering the summary prompt with the labelled key facts (the labeller's own sentences) and the claims
prompt with the labelled claims, through the real pipeline. What it loses, the pipeline (the judge and the
summary's checks) loses. A measurement of the pipeline, never a model's score; the embedded model's figures are
the eval run's (``test_eval.py``).
"""

from __future__ import annotations

import asyncio

from evals import scorers
from evals.labels import article_ids, heldout_ids, load
from evals.oracle import OracleClaimsDouble
from evals.test_claims_design import _OFFLINE, DESIGN
from service.analysis.pipeline import Pipeline
from service.config import Settings
from service.schemas import ArticleIn


def test_summary_design_ceiling_with_the_oracle_double() -> None:
    kept, coverage, faithful, offered = 0, [], [], 0
    for aid in article_ids() + heldout_ids():
        text, labels = load(aid)
        # As many sentences as the article has key facts: the ceiling is not capped by the summary's length.
        settings = Settings(**_OFFLINE, claims_strategy="model", summary_strategy="model",  # type: ignore[arg-type]
                            summary_max_sentences=max(5, len(labels.key_facts)))
        a = asyncio.run(Pipeline(settings, llm=OracleClaimsDouble(settings, labels)).analyze(
            ArticleIn(text=text), f"oracle-{aid}"))
        assert a.summary is not None
        offered += len(labels.key_facts)
        # A perfect sentence counts as kept when it, or a part of it (split at a semicolon), is in the summary.
        whole = {k.text for k in labels.key_facts}
        kept += len(whole) - sum(r.text in whole and not r.reason.endswith("kept") for r in a.summary.rejected)
        coverage.append(scorers.key_fact_coverage(a.summary, labels))
        faithful.append(scorers.summary_faithfulness(text, a.summary))
    DESIGN["summary_design_acceptance"] = kept / offered
    DESIGN["summary_design_key_fact_coverage"] = scorers.mean(coverage)
    DESIGN["summary_design_faithfulness"] = scorers.mean(faithful)
    # Measured, reported and gated in the baseline; no target is asserted here (the issue sets none for it).
    assert 0 < DESIGN["summary_design_acceptance"] <= 1, DESIGN
