"""The claims design, measured apart from any model:

- the **design ceiling**: the oracle double (``evals/oracle.py``: the labelled claims as a perfect model would
  answer the model strategy's prompt) through the real pipeline. What it loses, the pipeline loses. A
  measurement of the pipeline, never a model's score;
- the **rules strategy's candidate coverage**: the share of labelled claims in the sentences the claim selector
  picks, cross-validated (``python -m evals.fit_selector``), and the shipped selector is that fit;
- the **rules strategy alone**, cross-validated: each article's claims by the rules with a selector fitted
  without it, and no model (a double that never rewrites), scored like the eval run.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import numpy as np

from evals import fit_selector, scorers
from evals.labels import article_ids, load
from evals.oracle import OracleClaimsDouble
from service.analysis.pipeline import Pipeline
from service.config import Settings
from service.llm.client import Budget, LLMClient
from service.schemas import ArticleIn, Usage
from service.text import selection

DESIGN: dict[str, Any] = {}
_OFFLINE = {"llm_model": "openai/design-double", "llm_api_base": "http://127.0.0.1:9/v1", "llm_api_key": "none"}


class NoRewriteDouble(LLMClient):
    """Never rewrites a statement: the rules strategy with no model at all."""

    async def _call(self, messages: list[dict[str, str]], json_format: dict[str, Any] | None,
                    budget: Budget, usage: Usage) -> str:
        usage.calls += 1
        return json.dumps({"claims": []})


def test_design_ceiling_recall_with_the_oracle_double() -> None:
    settings = Settings(**_OFFLINE, claims_strategy="model")  # type: ignore[arg-type]
    recall, precision, answered, labelled = [], [], 0, 0
    for aid in article_ids():
        text, labels = load(aid)
        oracle = OracleClaimsDouble(settings, labels)
        a = asyncio.run(Pipeline(settings, llm=oracle).analyze(ArticleIn(text=text), f"oracle-{aid}", summary=False))
        assert a.claims is not None
        recall.append(scorers.claim_recall(a.claims, labels))
        precision.append(scorers.claim_precision(a.claims, labels))
        answered += len(set(oracle.answered))
        labelled += len(labels.claims)
    # The double found a sentence for (nearly) every labelled claim: what is lost is the pipeline's doing.
    assert answered >= 0.95 * labelled
    DESIGN["design_ceiling_recall"] = scorers.mean(recall)
    DESIGN["design_ceiling_precision"] = scorers.mean(precision)
    assert DESIGN["design_ceiling_recall"] >= 0.90, DESIGN


def test_selector_is_the_fit_and_its_coverage_cross_validated() -> None:
    rows = fit_selector.sentences()
    cv = fit_selector.summarise(rows, fit_selector.held_out(rows))
    fitted = fit_selector.fit(rows)
    shipped = selection.load_selector()
    assert shipped.features == fitted.features
    assert np.allclose(shipped.weights, fitted.weights, atol=1e-3), "refit: python -m evals.fit_selector"
    assert abs(shipped.threshold - fitted.threshold) < 1e-3, "refit: python -m evals.fit_selector"
    DESIGN["candidate_coverage_cv"] = cv["claims_covered"]
    DESIGN["selector_precision_cv"] = cv["precision"]
    assert cv["claims_covered"] >= 0.80, cv


def test_rules_strategy_cross_validated_without_a_model() -> None:
    rows = fit_selector.sentences()
    held_out = fit_selector.fold_models(rows)
    settings = Settings(**_OFFLINE, claims_strategy="rules")  # type: ignore[arg-type]
    recall, precision = [], []
    for aid in article_ids():
        text, labels = load(aid)
        pipeline = Pipeline(settings, llm=NoRewriteDouble(settings), selector=held_out[aid])
        a = asyncio.run(pipeline.analyze(ArticleIn(text=text), f"rules-{aid}", summary=False))
        assert a.claims is not None and all(c.method == "extractive" for c in a.claims)
        recall.append(scorers.claim_recall(a.claims, labels))
        precision.append(scorers.claim_precision(a.claims, labels))
    DESIGN["rules_claim_recall_cv"] = scorers.mean(recall)
    DESIGN["rules_claim_precision_cv"] = scorers.mean(precision)
    assert DESIGN["rules_claim_recall_cv"] is not None and DESIGN["rules_claim_recall_cv"] > 0.5
