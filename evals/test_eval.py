"""The eval run: every labelled article through the real pipeline, with the LLM replayed from cassettes;
scored, reported (terminal, evals/report/), and gated against the committed baseline of the model."""

from __future__ import annotations

import asyncio
import json
import os
from pathlib import Path
from typing import Any

import pytest

from evals import report, scorers
from evals.conftest import EVALS, eval_settings, model_slug
from evals.labels import DATA, article_ids, load
from service.errors import LLMError
from service.grounding import verify_summary
from service.pipeline import Pipeline
from service.schemas import ArticleIn

RESULTS: dict[str, dict[str, Any]] = {}
VALIDITY: dict[str, Any] = {}
TOLERANCE = 0.02  # a metric may fall this much below its baseline before the run fails
RERECORD = "CROSSCHECK_LLM_MODEL=... pytest evals/ --record-mode=rewrite (see evals/README.md)"


@pytest.mark.vcr
@pytest.mark.block_network
@pytest.mark.parametrize("article_id", article_ids())
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
        "neutrality_violations": scorers.neutrality_violations(a.summary, labels.loaded_terms),
        "claims": len(a.claims), "llm_claims": sum(c.method == "llm" for c in a.claims),
        "summary_method": a.summary.method,
    }


def test_scorer_validity() -> None:
    """The faithfulness scorer against crowd labels (QAGS, CNN/DM): reported every run."""
    folder = DATA / "faithfulness"
    sources = {r["source_ref"]: r["text"] for r in map(json.loads, (folder / "qags_sources.jsonl").open())}
    pairs = [json.loads(line) for line in (folder / "qags_cnndm.jsonl").open() if line.strip()]
    gold = [p["supported"] for p in pairs]
    verdicts = [verify_summary(sources[p["source_ref"]], p["sentence"]) for p in pairs]
    predicted = [bool(v) and v[0].supported for v in verdicts]
    VALIDITY.update({
        "dataset": "QAGS mturk_cnndm (W4ngatang/qags), majority of 3 crowd votes",
        "pairs": len(pairs), "supported": sum(gold), "unsupported": len(gold) - sum(gold),
        "balanced_accuracy": scorers.balanced_accuracy(gold, predicted),
        "recall_supported": sum(p for g, p in zip(gold, predicted, strict=True) if g) / max(1, sum(gold)),
        "recall_unsupported": sum(not p for g, p in zip(gold, predicted, strict=True) if not g)
        / max(1, len(gold) - sum(gold)),
    })
    assert VALIDITY["balanced_accuracy"] is not None


def test_zz_report_and_baseline_gate() -> None:
    """Runs last (file order): writes the report, then fails if a metric regressed past its baseline."""
    model = eval_settings().llm_model
    expected = set(article_ids())
    missing = expected - set(RESULTS)
    overall: dict[str, Any] = {m: scorers.mean([r[m] for r in RESULTS.values()]) for m in report.METRICS}
    overall["neutrality_violations"] = sum(r["neutrality_violations"] for r in RESULTS.values())
    overall["scorer_balanced_accuracy"] = VALIDITY.get("balanced_accuracy")
    rows = {k: RESULTS[k] for k in sorted(RESULTS)}
    path = report.write(EVALS / "report" / model_slug(model), model, rows, overall, VALIDITY)
    summary = report.table(rows, overall) + f"\nscorer validity: {json.dumps(VALIDITY)}\nreport: {path}"
    os.environ["CROSSCHECK_EVAL_SUMMARY"] = summary  # printed by evals/conftest.py at the end of the run
    assert not missing, f"articles not evaluated: {sorted(missing)}"

    baseline_path = EVALS / "baselines" / f"{model_slug(model)}.json"
    if os.environ.get("CROSSCHECK_EVAL_WRITE_BASELINE") == "1":
        baseline_path.parent.mkdir(parents=True, exist_ok=True)
        baseline_path.write_text(json.dumps(overall, indent=2) + "\n", encoding="utf-8")
    if not baseline_path.exists():
        pytest.fail(f"no baseline for {model}: run with CROSSCHECK_EVAL_WRITE_BASELINE=1 once, and commit it")
    baseline = json.loads(baseline_path.read_text("utf-8"))
    regressions = []
    for metric, base in baseline.items():
        now = overall.get(metric)
        if base is None or now is None:
            continue
        if metric == "neutrality_violations":
            if now > base:
                regressions.append(f"{metric}: {now} > baseline {base}")
        elif now < base - TOLERANCE:
            regressions.append(f"{metric}: {now:.3f} < baseline {base:.3f} - {TOLERANCE}")
    assert not regressions, "regressed: " + "; ".join(regressions)
