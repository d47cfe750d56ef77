"""The summary-quality scorers against hand labels: every sentence of the eval run's summaries that
``evals/data/summary_checks/*.json`` labels, scorer by scorer. Runs after ``test_eval.py`` (file order), on the
summaries it produced; the report shows the agreement (``CHECKS``).

The labels key on the sentence text, so they outlive changes to the summary code: a sentence no longer in its
summary is skipped, and the dangling-reference label (which depends on the sentences before) is compared only
while those are unchanged. A disagreement the labeller recorded (``scorer_disagrees``: a known limit of a rule,
explained) must still disagree; any other fails the test.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ConfigDict, Field

from evals import scorers
from evals.labels import DATA, load
from evals.test_eval import SUMMARIES
from service.schemas import Span, Summary, SummarySentence

CHECKS_DIR = DATA / "summary_checks"
CHECKS: dict[str, Any] = {}  # filled by the test, read by the report


class LabelledSentence(BaseModel):
    model_config = ConfigDict(extra="forbid")

    article_id: str
    index: int = Field(ge=0)
    text: str = Field(min_length=1)
    before: list[str]
    one_sided_as_fact: bool | None  # None: the article has no one-sided assertions labelled
    dangling_reference: bool
    doubled_attribution: bool
    agreement_error: bool
    reason: str = Field(min_length=10)
    scorer_disagrees: dict[str, str] = Field(default_factory=dict)


class CheckFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    about: str
    labeller: str
    summaries: str
    labels: str
    sentences: list[LabelledSentence] = Field(min_length=1)


def load_checks(directory: Path = CHECKS_DIR) -> list[LabelledSentence]:
    rows = [s for path in sorted(directory.glob("*.json"))
            for s in CheckFile.model_validate(json.loads(path.read_text("utf-8"))).sentences]
    keys = [(s.article_id, s.text) for s in rows]
    if len(keys) != len(set(keys)):
        raise ValueError("summary_checks: a sentence is labelled twice")
    return rows


def scorer_flags(summary: Summary, article_id: str) -> dict[str, list[bool] | None]:
    """Each scorer's per-sentence reading of one summary, under the label names."""
    _, labels = load(article_id)
    return {"one_sided_as_fact": scorers.one_sided_as_fact_sentences(summary, labels),
            "dangling_reference": [bool(w) for w in scorers.dangling_reference_words(summary)],
            "doubled_attribution": scorers.doubled_attribution_sentences(summary),
            "agreement_error": [bool(p) for p in scorers.agreement_problems(summary)]}


LABELS: tuple[str, ...] = ("one_sided_as_fact", "dangling_reference", "doubled_attribution", "agreement_error")


def compare(rows: list[LabelledSentence], summaries: dict[str, Summary],
            flags_of: Callable[[Summary, str], dict[str, list[bool] | None]] = scorer_flags) -> dict[str, Any]:
    """Per label: pairs compared, agreed, and the unexpected disagreements (those not recorded by the labeller)."""
    out: dict[str, Any] = {"labelled": len(rows), "present": 0, "unexpected": [],
                           **{k: {"compared": 0, "agreed": 0} for k in LABELS}}
    flags = {a: flags_of(s, a) for a, s in summaries.items() if any(r.article_id == a for r in rows)}
    for row in rows:
        summary = summaries.get(row.article_id)
        texts = [s.text for s in summary.sentences] if summary else []
        if row.text not in texts:
            continue
        out["present"] += 1
        i = texts.index(row.text)
        for label in LABELS:
            gold, got = getattr(row, label), flags[row.article_id][label]
            if gold is None or got is None or (label == "dangling_reference" and texts[:i] != row.before):
                continue
            out[label]["compared"] += 1
            out[label]["agreed"] += got[i] == gold
            if (got[i] == gold) == (label in row.scorer_disagrees):
                out["unexpected"].append(f"{row.article_id}[{i}] {label}: labelled {gold}, scorer {got[i]}"
                                         f"{' (recorded as a disagreement)' if label in row.scorer_disagrees else ''}"
                                         f": {row.text[:80]!r}")
    compared = sum(out[k]["compared"] for k in LABELS)
    out["agreement"] = sum(out[k]["agreed"] for k in LABELS) / compared if compared else None
    return out


def test_scorers_agree_with_the_hand_labels() -> None:
    rows = load_checks()
    if not {r.article_id for r in rows} & set(SUMMARIES):
        pytest.skip("no summaries of labelled articles in this session: run with evals/test_eval.py")
    result = compare(rows, SUMMARIES)
    CHECKS.update(result)
    assert result["present"] > 0, "no hand-labelled sentence is in the summaries any more: label the new ones"
    assert not result["unexpected"], "scorers and hand labels disagree:\n" + "\n".join(result["unexpected"])


def test_compare_skips_sentences_no_longer_present_and_fails_on_a_disagreement() -> None:
    row = LabelledSentence(article_id="a", index=0, text="It sets a sentence.", before=[], one_sided_as_fact=None,
                           dangling_reference=True, doubled_attribution=False, agreement_error=False,
                           reason="'It' opens the summary.")
    sentence = SummarySentence(text=row.text, supported=True, method="llm", support=[Span(start=0, end=1, text="x")])

    def flags(dangling: bool) -> Callable[[Summary, str], dict[str, list[bool] | None]]:
        return lambda s, a: {"one_sided_as_fact": None, "dangling_reference": [dangling],
                             "doubled_attribution": [False], "agreement_error": [False]}

    summary = Summary(text=row.text, method="llm", sentences=[sentence])
    assert compare([row], {"a": summary}, flags(True))["unexpected"] == []
    assert len(compare([row], {"a": summary}, flags(False))["unexpected"]) == 1
    recorded = row.model_copy(update={"scorer_disagrees": {"dangling_reference": "a known limit"}})
    assert compare([recorded], {"a": summary}, flags(False))["unexpected"] == []
    gone = summary.model_copy(update={"sentences": []})
    assert compare([row], {"a": gone}, flags(True))["present"] == 0
