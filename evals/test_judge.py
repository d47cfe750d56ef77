"""The judge, measured: human-written claims it must accept, perturbed claims it must reject, and its agreement
with human faithfulness labels (QAGS CNN/DM, the embedded model's own sentences, FRANK). Every figure that the
calibration was fitted on is cross-validated (``evals.fit_judge``: five folds by article, each item judged by a
model that did not see its article). Results go to the report (``test_zz_report.py``) and the baseline gate.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from typing import Any

import numpy as np

from evals import fit_judge, judge_sets
from evals.labels import article_ids, load
from service.text import calibration

JUDGE: dict[str, Any] = {}
_NEGATION = re.compile(r"(?i)\bnot\b|n't\b|\bnever\b|\bno\b|\bcannot\b")
_DENIAL = re.compile(r"(?i)\bden(?:y|ies|ied|ying)\b")
_COMPARISON = re.compile(r"(?i)\b(?:more|less|fewer|before|after|earlier|later|over|under|above|below|most|least|"
                         r"(?:high|low|great|small|larg|bigg|heavi|light|long|short|old|young|fast|slow|strong|weak)"
                         r"(?:er|est)|better|worse)\b")
# What the judge must reach (issue "A judge worth trusting"); reported beside the figures, gated in the baseline.
# Perturbed claims are judged as claims (the claims path, "_anchored": the claim against its quote's sentence,
# with who it says asserts it); the search path's figures are reported beside them.
TARGETS = {
    "human": ("recall_supported", 0.95), "human_anchored": ("recall_supported", 0.90),
    "perturb_number_anchored": ("recall_unsupported", 0.97), "perturb_name_anchored": ("recall_unsupported", 0.90),
    "perturb_roles_anchored": ("recall_unsupported", 0.90),
    "perturb_negation_anchored": ("recall_unsupported", 0.90),
    # (not in the list: the negation a verb carries, "said" made "denied", held to the negation target)
    "perturb_denial_anchored": ("recall_unsupported", 0.90),
    # (nor this: a comparison turned round, "more than" made "fewer than", "after" made "before"; the same target)
    "perturb_comparison_anchored": ("recall_unsupported", 0.90),
    "perturb_certainty_anchored": ("recall_unsupported", 0.85),
    "perturb_date_place_anchored": ("recall_unsupported", 0.90),
    "qags": ("balanced_accuracy", 0.75), "embedded": ("balanced_accuracy", 0.85),
}


def _judged() -> list[judge_sets.Judged]:
    if "judged" not in JUDGE:
        JUDGE["judged"] = fit_judge.judge_everything()
    judged: list[judge_sets.Judged] = JUDGE["judged"]
    return judged


def test_judge_on_every_set_cross_validated() -> None:
    judged = _judged()
    measured = fit_judge.summarise(judged, fit_judge.held_out(judged))
    cv = {name: measured[name] for name in judge_sets.SETS if name in measured}
    assert set(judge_sets.SETS) <= set(cv), f"sets not measured: {sorted(set(judge_sets.SETS) - set(cv))}"
    # Each set has what it is measured on: faithful statements to accept, unfaithful ones to reject, or both.
    for name, d in cv.items():
        assert d["n"], name
    labelled = sum(len(load(aid)[1].claims) for aid in article_ids())  # every labelled claim, on both paths
    assert cv["human"]["supported"] == cv["human_anchored"]["supported"] == labelled
    JUDGE["sets"] = cv


def test_what_a_second_reading_of_the_wording_can_change_on_the_claims_path() -> None:
    """Bounds of the model strategy's second reading (``claims_review``), on the claims path with the held-out
    calibration: a claim is reviewable when no rule rejected it and some of its content words are missing. Two
    test doubles, reported as such and never as a model's score: a *perfect reviewer* accepts every reviewable
    human claim (the most a capable model can recover: ``review_ceiling_human_anchored_accepted``), a *yes-man
    reviewer* accepts every reviewable perturbation (what a careless one can let through; what stays rejected,
    by the rules alone, is ``review_floor_perturb_anchored_rejected``)."""
    judged = _judged()
    predicted = fit_judge.held_out(judged)
    human = perturbed = kept_human = still_rejected = 0
    for j, p in zip(judged, predicted, strict=True):
        if not j.case.set.endswith("_anchored"):
            continue
        reviewable = not p and not any(j.hard) and any(f.get("coverage", 1.0) < 1.0 for f in j.features)
        if j.case.set == "human_anchored":
            human += 1
            kept_human += p or reviewable
        elif j.case.set.startswith("perturb_"):
            perturbed += 1
            still_rejected += not p and not reviewable
    accepted = sum(p for j, p in zip(judged, predicted, strict=True) if j.case.set == "human_anchored") / human
    ceiling, floor = kept_human / human, still_rejected / perturbed
    assert accepted <= ceiling <= 1.0 and 0.0 <= floor
    JUDGE["review"] = {"review_ceiling_human_anchored_accepted": ceiling,
                       "review_floor_perturb_anchored_rejected": floor}


def test_perturbations_are_unfaithful_changes_of_the_labelled_claims() -> None:
    """Every perturbation differs from its claim, and each kind changes what it says it changes (a number kind
    changes a number, a negation kind the count of negations): the rejection rates measure those changes."""
    judged = [j for j in _judged() if j.case.set.startswith("perturb_") and not j.case.set.endswith("_anchored")]
    originals = {j.case.case_id: j.case.sentences[0] for j in _judged() if j.case.set == "human"}
    assert len(judged) > 1000
    for j in judged:
        original = originals[j.case.case_id.split(":")[0]]
        changed = j.case.sentences[0]
        assert changed != original, j.case.case_id
        if j.case.set == "perturb_number":
            assert [c for c in changed if c.isdigit()] != [c for c in original if c.isdigit()] or \
                changed.lower().split() != original.lower().split()
        if j.case.set == "perturb_negation":
            assert len(_NEGATION.findall(changed)) != len(_NEGATION.findall(original)), j.case.case_id
        if j.case.set == "perturb_denial":
            assert len(_DENIAL.findall(changed)) != len(_DENIAL.findall(original)), j.case.case_id
        if j.case.set == "perturb_comparison":
            assert len(_COMPARISON.findall(changed)) == len(_COMPARISON.findall(original)) and \
                _COMPARISON.findall(changed) != _COMPARISON.findall(original), j.case.case_id
        if j.case.set == "perturb_name":
            # a name is put in, never its possessive where the claim has a name ("Sofia Vergara's said ...")
            assert not re.search(r"['’]s? (?:said|wrote|is|was|has|told)\b", changed) or \
                re.search(r"['’]s? (?:said|wrote|is|was|has|told)\b", original), j.case.case_id


def test_calibration_file_is_the_fit_of_the_current_judge() -> None:
    """The committed model (service/text/data/judge_model.json) is what python -m evals.fit_judge fits on the
    judge as the code now stands: a judge changed without refitting fails here."""
    fitted = fit_judge.fit(fit_judge.rows(_judged()))
    shipped = calibration.load_calibration()
    assert shipped.features == fitted.features
    assert np.allclose(shipped.weights, fitted.weights, atol=1e-3), "refit: python -m evals.fit_judge"
    assert np.allclose([shipped.bias, shipped.threshold], [fitted.bias, fitted.threshold], atol=1e-3)
    data = json.loads(calibration.MODEL.read_text("utf-8"))
    JUDGE["calibration"] = {k: data[k] for k in ("version", "features", "weights", "bias", "threshold",
                                                 "training_rows")}


_SAME_SEED_PROBE = """
import json
from evals import judge_sets
cases, sources = judge_sets.labelled_cases()
want = [c for c in cases if c.source_ref.endswith(("xsum_30453069", "cnndm_0a4e9118"))]
print(json.dumps([[j.case.case_id, j.hard, j.features] for j in judge_sets.run(want, sources, workers=1)]))
"""


def test_the_judge_does_not_depend_on_the_hash_seed() -> None:
    """Two processes, two string-hash seeds, the same verdicts and features: a set's iteration order must never
    decide a verdict (it did: a tie between two kinds of a name went to whichever a set listed first, so the
    fitted calibration changed from one run to the next)."""
    outs = []
    for seed in ("3", "4"):  # seeds under which the tie once went different ways
        done = subprocess.run([sys.executable, "-c", _SAME_SEED_PROBE], capture_output=True, text=True, check=True,
                              cwd=fit_judge.ROOT, env={**os.environ, "PYTHONHASHSEED": seed})
        outs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    assert outs[0] == outs[1]


def test_a_name_written_as_the_passage_writes_it_and_the_claims_own_speaker_are_no_other_party() -> None:
    """Two wrong reasons the judge gave hand-written claims (rules 85): "Blues" of "Blues legend B.B. King", a word
    the tagger takes for no name there (and for a name in "Blues Boy" further on), called another party; and on the
    claims path, "According to Nebenzia, ..." for a quotation the code attributes to him, called a party put in
    place of the quotation's "US"."""
    from service.text.grounding import body_index

    text, labels = load("cnndm_2c05ddcc")
    blues = body_index(text).check_many(["Blues musician B.B. King was hospitalized for dehydration."])[0]
    assert not any("another party" in r for r in blues.reasons), blues.reasons
    text, labels = load("000_3f752992765d83bb")
    claim = next(c for c in labels.claims if c.id == "c25")
    index = body_index(text)
    own = index.units_near(claim.start, claim.end, context=0)

    def reasons(wording: str) -> list[str]:
        unit = index.statements([wording])[0]
        return index.judge.check_anchored(unit, own, claim.attributed_to, (claim.start, claim.end)).reasons

    assert claim.text.startswith("According to Nebenzia,")
    assert not any("Nebenzia where" in r for r in reasons(claim.text)), reasons(claim.text)
    # (a speaker the code does not read there is still another party)
    assert any("Pompeo" in r for r in reasons(claim.text.replace("Nebenzia", "Pompeo")))
    # (nor a name inside the attribution, the "UN" of "Russia's UN envoy Vassily Nebenzia")
    assert any("UN where" in r for r in reasons(claim.text.replace("Nebenzia", "the UN")))
