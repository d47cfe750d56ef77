"""Runs last (file order): the report of the whole eval run (terminal, evals/report/<model>/), then the gate: the
run fails if a metric fell past its committed baseline (``evals/baselines/<model>.json``)."""

from __future__ import annotations

import json
import os
from typing import Any

import pytest

from evals import report, scorers
from evals.conftest import EVALS, eval_settings, model_slug
from evals.labels import article_ids, heldout_ids
from evals.test_claims_design import DESIGN
from evals.test_crosscheck_eval import CROSSCHECK
from evals.test_eval import RESULTS
from evals.test_judge import JUDGE, TARGETS
from evals.test_summary_checks import CHECKS

TOLERANCE = 0.02  # a metric may fall this much below its baseline before the run fails
# Counts of defects: lower is better, and any rise past the baseline fails.
COUNTS = ("neutrality_violations", "condition_dropped", "quotation_edited", "quotation_misattributed",
          "one_sided_as_fact", "dangling_references", "doubled_attributions", "agreement_errors")


CLAIM_FIGURES = ("claim_grounding", "claim_recall", "claim_precision")


def _overall() -> dict[str, Any]:
    # Claims figures on the articles the selector and judge are fitted on (cross-validated figures beside them);
    # the held-out articles' apart. Summary figures on every article.
    fitted = [r for r in RESULTS.values() if not r["heldout"]]
    heldout = [r for r in RESULTS.values() if r["heldout"]]
    overall: dict[str, Any] = {m: scorers.mean([r[m] for r in (fitted if m in CLAIM_FIGURES else RESULTS.values())])
                               for m in report.METRICS}
    overall["neutrality_violations"] = sum(r["neutrality_violations"] for r in RESULTS.values())
    overall["element_recall"] = scorers.mean([r["element_recall"] for r in fitted])
    for name in ("condition_dropped", "quotation_edited", "quotation_misattributed"):
        counted = [r[name] for r in fitted if r[name] is not None]
        overall[name] = sum(counted) if counted else None
    for name in ("one_sided_as_fact", "dangling_references", "doubled_attributions", "agreement_errors"):
        counted = [r[name] for r in RESULTS.values() if r[name] is not None]
        overall[name] = sum(counted) if counted else None
    for m in CLAIM_FIGURES:
        overall[f"heldout_{m}"] = scorers.mean([r[m] for r in heldout])
    # The summary ranker (service/text/salience.py) is fitted on the labelled articles' key facts: its figure on
    # the articles no fit has seen, apart.
    overall["heldout_key_fact_coverage"] = scorers.mean([r["key_fact_coverage"] for r in heldout])
    # The same with the labelled quote alone as the key fact's sentence (the rule before the key facts' other
    # sentences were labelled), beside it.
    overall["key_fact_coverage_quote_only"] = scorers.mean(
        [r["key_fact_coverage_quote_only"] for r in RESULTS.values()])
    overall["heldout_key_fact_coverage_quote_only"] = scorers.mean(
        [r["key_fact_coverage_quote_only"] for r in heldout])
    dated = [r["relative_dates"] for r in fitted if r["dated"]]
    total = sum(d[0] for d in dated)
    overall["relative_date_resolution"] = sum(d[1] for d in dated) / total if total else None
    overall["checkworthiness_spearman"] = scorers.spearman(
        [p for r in fitted for p in r["checkworthiness_pairs"]])
    # (its model is fitted on those articles' labelled levels: the articles no fit has seen, apart; and how well
    # one article's claims are put in order, what a reader of its claims sees, the mean within an article)
    overall["heldout_checkworthiness_spearman"] = scorers.spearman(
        [p for r in heldout for p in r["checkworthiness_pairs"]])
    for name, group in (("checkworthiness_spearman_within_article", fitted),
                        ("heldout_checkworthiness_spearman_within_article", heldout)):
        overall[name] = scorers.mean([scorers.spearman(r["checkworthiness_pairs"]) for r in group])
    overall.update(DESIGN)
    overall.update(JUDGE.get("review", {}))  # the second reading's bounds, by two named test doubles
    sets = JUDGE.get("sets", {})
    # The faithfulness scorer's validity (balanced accuracy against human labels), cross-validated.
    overall["scorer_balanced_accuracy"] = sets.get("qags", {}).get("balanced_accuracy")
    overall["scorer_balanced_accuracy_embedded"] = sets.get("embedded", {}).get("balanced_accuracy")
    for name in ("frank_cnndm", "frank_xsum"):
        overall[f"scorer_balanced_accuracy_{name}"] = sets.get(name, {}).get("balanced_accuracy")
    # The judge: human claims accepted, perturbations rejected (each kind, both paths).
    for name, d in sets.items():
        if name.startswith(("human", "perturb_")):
            key = "recall_supported" if name.startswith("human") else "recall_unsupported"
            overall[f"judge_{name}_{'accepted' if key == 'recall_supported' else 'rejected'}"] = d[key]
    for story_id, r in CROSSCHECK.items():
        for metric in report.CROSSCHECK_METRICS:
            overall[f"crosscheck_{story_id}_{metric}"] = r[metric]
    return overall


def test_report_and_baseline_gate() -> None:
    model = eval_settings().llm_model
    missing = set(article_ids() + heldout_ids()) - set(RESULTS)
    overall = _overall()
    rows = {k: RESULTS[k] for k in sorted(RESULTS)}
    judge = {"sets": JUDGE.get("sets", {}), "targets": {k: {"metric": m, "target": t} for k, (m, t) in TARGETS.items()},
             "calibration": JUDGE.get("calibration", {})}
    path = report.write(EVALS / "report" / model_slug(model), model, rows, overall, judge, CROSSCHECK, CHECKS)
    summary = (report.table(rows, overall) + "\n\nthe judge (cross-validated where fitted; targets in brackets):\n"
               + report.judge_table(judge) + "\n\nclaims (per article; targets beside the overall figures):\n"
               + report.claims_table(rows, overall) + "\n\nsummary quality (per article; targets below):\n"
               + report.summary_table(rows, overall, CHECKS) + "\n\ncross-checks (per story):\n"
               + report.crosscheck_table(CROSSCHECK) + f"\nreport: {path}")
    os.environ["CROSSCHECK_EVAL_SUMMARY"] = summary  # printed by evals/conftest.py at the end of the run
    assert not missing, f"articles not evaluated: {sorted(missing)}"
    assert JUDGE.get("sets"), "the judge eval (test_judge.py) did not run"

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
        if metric in COUNTS:
            if now > base:
                regressions.append(f"{metric}: {now} > baseline {base}")
        elif now < base - TOLERANCE:
            regressions.append(f"{metric}: {now:.3f} < baseline {base:.3f} - {TOLERANCE}")
    assert not regressions, "regressed: " + "; ".join(regressions)
