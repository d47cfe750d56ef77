"""The second reading of claims (``claims_review``): a capable model may account for a claim's wording that the
judge's word overlap rejects; code checks the account, and the rules are never overridden."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient

from service.api.app import create_app
from service.text import rewording
from service.text.grounding import body_index
from tests.conftest import SEEDS, make_settings, read
from tests.fake_llm import FakeLLM

# Seed 000, sentence 13: "In response to significant advances on the ground in Idlib by Syrian forces, Turkey beefed
# up its illegal cross-border presence."
REWORDED = "Turkey strengthened its illegal cross-border deployment after Syrian gains in Idlib."
NEGATED = "Turkey did not strengthen its illegal cross-border deployment after Syrian gains in Idlib."
COUNTED = "Turkey strengthened its illegal cross-border deployment after 5 Syrian gains in Idlib."
ACCOUNT = [{"claim": "strengthened", "article": "beefed up"}, {"claim": "deployment", "article": "presence"},
           {"claim": "gains", "article": "advances"}]


def _analyse(fake_llm: FakeLLM, **settings: object) -> dict:  # type: ignore[type-arg]
    fake_llm.claims = {"claims": [{"sentence": 13, "claim": c, "said_by": "the author"}
                                  for c in (REWORDED, NEGATED, COUNTED)]}
    with TestClient(create_app(make_settings(fake_llm, claims_strategy="model", **settings))) as client:
        r = client.post("/v1/analyses", json={"text": read(SEEDS[0])})
    assert r.status_code == 200, r.text
    out: dict = r.json()  # type: ignore[type-arg]
    return out


def _review_requests(fake_llm: FakeLLM) -> list[str]:
    asked = [json.dumps(req["body"]) for req in fake_llm.requests]
    return [a for a in asked if "Claims to check:" in a]


def test_a_claim_rejected_for_its_wording_is_kept_when_the_model_accounts_for_it(fake_llm: FakeLLM) -> None:
    fake_llm.readings = {"readings": [{"item": 1, "supported": True, "wording": ACCOUNT}]}
    out = _analyse(fake_llm)
    kept = {c["text"]: c for c in out["claims"]}
    assert REWORDED in kept, out["rejected_claims"]
    claim = kept[REWORDED]
    assert claim["grounding"]["status"] == "supported" and claim["method"] == "llm"
    assert any("model's reading" in w and "beefed up" in w for w in claim["grounding"]["warnings"])
    assert read(SEEDS[0])[claim["start"] : claim["end"]] == claim["quote"]
    # A rule's finding is never put to the model: the negated and the miscounted claims are not even asked about.
    rejected = {r["text"]: r["reason"] for r in out["rejected_claims"]}
    assert NEGATED in rejected and COUNTED in rejected
    (asked,) = _review_requests(fake_llm)
    assert "strengthened" in asked and "did not strengthen" not in asked and "after 5 Syrian" not in asked
    assert out["meta"]["prompt_versions"]["claims_review"] == "claims_review@1"


def test_an_account_that_is_not_the_articles_wording_keeps_the_claim_rejected(fake_llm: FakeLLM) -> None:
    invented = [*ACCOUNT[:2], {"claim": "gains", "article": "territorial gains"}]  # not the sentence's words
    fake_llm.readings = {"readings": [{"item": 1, "supported": True, "wording": invented}]}
    out = _analyse(fake_llm)
    assert REWORDED not in {c["text"] for c in out["claims"]}
    assert REWORDED in {r["text"] for r in out["rejected_claims"]}
    fake_llm.reset()
    fake_llm.readings = {"readings": [{"item": 1, "supported": True, "wording": ACCOUNT[:2]}]}  # "gains" left out
    out = _analyse(fake_llm)
    assert REWORDED not in {c["text"] for c in out["claims"]}
    fake_llm.reset()
    fake_llm.readings = {"readings": [{"item": 1, "supported": False, "wording": ACCOUNT}]}
    assert REWORDED not in {c["text"] for c in _analyse(fake_llm)["claims"]}


def test_no_second_reading_when_it_is_off_or_unusable(fake_llm: FakeLLM) -> None:
    fake_llm.readings = {"readings": [{"item": 1, "supported": True, "wording": ACCOUNT}]}
    out = _analyse(fake_llm, claims_review="off")
    assert not _review_requests(fake_llm) and REWORDED not in {c["text"] for c in out["claims"]}
    assert "claims_review" not in out["meta"]["prompt_versions"]
    fake_llm.reset()
    fake_llm.readings = {"readings": "yes, all of them"}
    out = _analyse(fake_llm)
    assert _review_requests(fake_llm) and REWORDED not in {c["text"] for c in out["claims"]}
    assert any("second reading unusable" in n for n in out["meta"]["notes"])


def test_the_account_is_checked_word_for_word() -> None:
    text = read(SEEDS[0])
    index = body_index(text)
    unit = index.units[12]
    statement = index.statements([REWORDED])[0]
    grounding, reworded = rewording.ground_for_review(index, statement, unit.start, unit.end, unit.text,
                                                      "the author")
    assert grounding.status == "unsupported" and reworded is not None
    assert set(reworded.missing) == {"strengthened", "deployment", "gains"}
    pairs = [(p["claim"], p["article"]) for p in ACCOUNT]
    accepted = rewording.accept(index, REWORDED, grounding, reworded, pairs)
    assert accepted is not None and accepted.status == "supported" and not accepted.reasons
    # A claim phrase the claim does not have, or an article phrase the passage does not have, voids the account.
    assert rewording.accept(index, REWORDED, grounding, reworded, [*pairs, ("grew", "beefed up")]) is None
    assert rewording.accept(index, REWORDED, grounding, reworded, [*pairs[:2], ("gains", "gains")]) is None
    # A claim a rule rejects is never reviewable.
    negated = index.statements([NEGATED])[0]
    assert rewording.ground_for_review(index, negated, unit.start, unit.end, unit.text, "the author")[1] is None
