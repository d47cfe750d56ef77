"""The eval report: a table on the terminal, and the same as JSON and as an HTML page with bar plots."""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

METRICS = ["claim_grounding", "claim_recall", "claim_precision", "summary_faithfulness",
           "model_sentence_acceptance", "key_fact_coverage", "neutrality_violations"]


# Claims, per article: what a fact-checker would check beyond span recall (see evals/README.md).
CLAIM_METRICS = ["claims", "llm_claims", "rejected_claims", "element_recall", "condition_dropped",
                 "quotation_edited", "quotation_misattributed", "relative_dates"]
# The targets, shown beside the overall figures (the baseline gates regressions).
CLAIM_TARGETS = {"claim_recall": ">= 0.75", "claim_precision": ">= 0.85", "design_ceiling_recall": ">= 0.90",
                 "candidate_coverage_cv": ">= 0.80", "condition_dropped": "0", "quotation_edited": "0",
                 "relative_date_resolution": ">= 0.90"}

# Summary quality, per article: counts of defects a reader would notice (see evals/README.md); the target
# for each is 0. The overall figure is their sum.
SUMMARY_METRICS = ["neutrality_violations", "one_sided_as_fact", "dangling_references", "doubled_attributions",
                   "agreement_errors"]
SUMMARY_TARGETS = dict.fromkeys(SUMMARY_METRICS, "0")

CROSSCHECK_METRICS = ["link_precision", "link_recall", "link_f1", "verdict_accuracy", "origin_merge_accuracy",
                      "reference_coverage"]


def fmt(value: Any) -> str:
    if value is None:
        return "n/m"
    return f"{value:.2f}" if isinstance(value, float) else str(value)


def grid(headers: list[str], lines: list[list[str]]) -> str:
    """A plain-text table with aligned columns."""
    widths = [max(len(h), *(len(x[i]) for x in lines)) for i, h in enumerate(headers)]
    out = [" | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)),
           "-+-".join("-" * w for w in widths)]
    out += [" | ".join(c.ljust(w) for c, w in zip(x, widths, strict=True)) for x in lines]
    return "\n".join(out)


def table(rows: dict[str, dict[str, Any]], overall: dict[str, Any]) -> str:
    lines = [[a, *[fmt(r.get(m)) for m in METRICS]] for a, r in rows.items()]
    lines.append(["OVERALL", *[fmt(overall.get(m)) for m in METRICS]])
    return grid(["article", *METRICS], lines)


def claims_table(rows: dict[str, dict[str, Any]], overall: dict[str, Any]) -> str:
    def cell(r: dict[str, Any], m: str) -> str:
        v = r.get(m)
        if m == "relative_dates" and isinstance(v, (list, tuple)):
            return f"{v[1]}/{v[0]}" if v[0] else "-"
        return fmt(v)

    lines = [[a, *[cell(r, m) for m in CLAIM_METRICS]] for a, r in rows.items()]
    out = grid(["article", *CLAIM_METRICS], lines)
    keys = ["claim_recall", "claim_precision", "heldout_claim_recall", "heldout_claim_precision", "element_recall",
            "design_ceiling_recall", "candidate_coverage_cv",
            "rules_claim_recall_cv", "rules_claim_precision_cv", "condition_dropped", "quotation_edited",
            "quotation_misattributed", "relative_date_resolution", "checkworthiness_spearman",
            "heldout_checkworthiness_spearman", "checkworthiness_spearman_within_article",
            "heldout_checkworthiness_spearman_within_article"]
    summary = [[k, fmt(overall.get(k)), CLAIM_TARGETS.get(k, "")] for k in keys]
    return out + "\n\n" + grid(["claims overall", "measured", "target"], summary)


def summary_table(rows: dict[str, dict[str, Any]], overall: dict[str, Any],
                  checks: dict[str, Any] | None = None) -> str:
    """One row per article, the summed counts beside their targets, and how far the scorers agree with the hand
    labels (evals/test_summary_checks.py; not gated: the labelled sentences present change with the summaries)."""
    lines = [[a, *[fmt(r.get(m)) for m in SUMMARY_METRICS]] for a, r in rows.items()]
    lines.append(["OVERALL", *[fmt(overall.get(m)) for m in SUMMARY_METRICS]])
    lines.append(["target", *[SUMMARY_TARGETS[m] for m in SUMMARY_METRICS]])
    out = grid(["article", *SUMMARY_METRICS], lines)
    out += ("\nsummary design ceiling (oracle double: the labelled key facts as a perfect model's summary, model "
            f"strategy): its sentences kept {fmt(overall.get('summary_design_acceptance'))}, key-fact coverage "
            f"{fmt(overall.get('summary_design_key_fact_coverage'))}, faithfulness "
            f"{fmt(overall.get('summary_design_faithfulness'))}; key-fact coverage target >= 0.75 (embedded model: "
            f"{fmt(overall.get('key_fact_coverage'))}; on the held-out articles, which no fit has seen: "
            f"{fmt(overall.get('heldout_key_fact_coverage'))}; with the labelled quote alone as a key fact's sentence: "
            f"{fmt(overall.get('key_fact_coverage_quote_only'))}, held-out "
            f"{fmt(overall.get('heldout_key_fact_coverage_quote_only'))}), faithfulness >= 0.95")
    if not checks:
        return out + "\nhand-label checks: n/m (evals/test_summary_checks.py did not run)"
    per = ", ".join(f"{k} {v['agreed']}/{v['compared']}" for k, v in checks.items() if isinstance(v, dict))
    return (out + f"\nhand-label checks: {checks['present']} of {checks['labelled']} labelled sentences present; "
            f"scorers agree on {per} (disagreements recorded by the labeller included)")


def judge_table(judge: dict[str, Any]) -> str:
    """One row per judge set: size, share of faithful statements accepted, of unfaithful ones rejected, balanced
    accuracy where both exist, and the target (the metric it applies to, marked)."""
    cols = ["n", "supported", "unsupported", "recall_supported", "recall_unsupported", "balanced_accuracy"]
    targets = judge.get("targets", {})
    lines = []
    for name, d in judge.get("sets", {}).items():
        row = [name, *[fmt(d.get(c)) for c in cols]]
        t = targets.get(name)
        row.append(f"{t['metric']} >= {t['target']:.2f}" if t else "")
        lines.append(row)
    return grid(["set", *cols, "target"], lines) if lines else "n/m (the judge eval did not run)"


def crosscheck_table(results: dict[str, dict[str, Any]]) -> str:
    """One row per story: the cross-check scorers, then the verdict counts the service gave."""
    cols = ["articles", "reference_groups", *CROSSCHECK_METRICS, "groups", "groups_corroborated",
            "groups_conflicting", "groups_single_source"]
    lines = [[story, *[fmt(r.get(c)) for c in cols]] for story, r in results.items()]
    return grid(["story", *cols], lines) if lines else "n/m (the cross-check eval did not run)"


def _judge_bars(judge: dict[str, Any]) -> dict[str, float | None]:
    out: dict[str, float | None] = {}
    for name, d in judge.get("sets", {}).items():
        out[name] = d.get("balanced_accuracy") or d.get("recall_supported") or d.get("recall_unsupported")
    return out


def _bars(title: str, values: dict[str, float | None], maximum: float = 1.0) -> str:
    width, row = 420, 18
    parts = [f'<h3>{html.escape(title)}</h3><svg width="{width + 260}" height="{row * len(values) + 10}">']
    for i, (name, v) in enumerate(values.items()):
        y = i * row + 4
        length = 0 if v is None else int(width * min(v / maximum, 1.0))
        parts.append(f'<text x="0" y="{y + 12}" font-size="12">{html.escape(name)}</text>'
                     f'<rect x="160" y="{y}" width="{length}" height="{row - 4}" fill="#4a7bb7"/>'
                     f'<text x="{165 + length}" y="{y + 12}" font-size="12">{fmt(v)}</text>')
    return "".join(parts) + "</svg>"


def write(directory: Path, model: str, rows: dict[str, dict[str, Any]], overall: dict[str, Any],
          judge: dict[str, Any], crosscheck: dict[str, dict[str, Any]] | None = None,
          summary_checks: dict[str, Any] | None = None) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    crosscheck = crosscheck or {}
    data = {"model": model, "overall": overall, "articles": rows, "judge": judge, "crosscheck": crosscheck,
            "summary_checks": summary_checks or {}}
    (directory / "report.json").write_text(json.dumps(data, indent=2), encoding="utf-8")
    plots = "".join(_bars(m, {a: r.get(m) for a, r in rows.items()},
                          maximum=max([1.0, *[r.get(m) or 0 for r in rows.values()]]))
                    for m in METRICS)
    page = (f"<!doctype html><meta charset='utf-8'><title>crosscheck evals: {html.escape(model)}</title>"
            f"<body style='font-family:sans-serif'><h1>crosscheck evals</h1><p>model: <b>{html.escape(model)}</b></p>"
            f"<h2>Overall</h2><pre>{html.escape(table(rows, overall))}</pre>"
            f"<h2>Claims</h2><pre>{html.escape(claims_table(rows, overall))}</pre>"
            f"<h2>Summary quality</h2><pre>{html.escape(summary_table(rows, overall, summary_checks))}</pre>"
            f"<h2>The judge (cross-validated where fitted)</h2>"
            f"{_bars('accepted (faithful) / rejected (unfaithful)', _judge_bars(judge))}"
            f"<pre>{html.escape(judge_table(judge))}</pre>"
            f"<pre>{html.escape(json.dumps(judge.get('calibration', {}), indent=2))}</pre>"
            f"<h2>Cross-checks</h2><pre>{html.escape(crosscheck_table(crosscheck))}</pre>"
            + "".join(_bars(f"cross-check: {story}", {m: r.get(m) for m in CROSSCHECK_METRICS})
                      for story, r in crosscheck.items())
            + f"<h2>Per article</h2>{plots}</body>")
    path = directory / "report.html"
    path.write_text(page, encoding="utf-8")
    return path
