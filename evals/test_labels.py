"""Every reference file loads, validates and slices its article exactly."""

from __future__ import annotations

import json

import pytest

from evals.labels import ARTICLES, DATA, article_ids, load

IDS = article_ids()


def test_there_are_seeds_and_at_least_ten_public_articles() -> None:
    assert sum(i[0].isdigit() for i in IDS) == 5 and sum(not i[0].isdigit() for i in IDS) >= 10
    provenance = json.loads((ARTICLES / "PROVENANCE.json").read_text("utf-8"))
    for i in IDS:
        if not i[0].isdigit():
            assert {"repo", "commit", "path"} <= set(provenance[i])


@pytest.mark.parametrize("article_id", IDS)
def test_labels_validate(article_id: str) -> None:
    text, labels = load(article_id)
    assert labels.claims and labels.key_facts and len(text) > 500


def test_seed_origins_cover_every_seed_once() -> None:
    origins = json.loads((DATA / "origins.json").read_text("utf-8"))
    members = [a for g in origins["groups"] for a in g["article_ids"]]
    assert sorted(members) == sorted(i for i in IDS if i[0].isdigit())


def test_faithfulness_pairs_have_both_classes_and_provenance() -> None:
    lines = (DATA / "faithfulness" / "qags_cnndm.jsonl").read_text("utf-8").splitlines()
    pairs = [json.loads(line) for line in lines if line.strip()]
    assert len(pairs) >= 100
    assert {p["supported"] for p in pairs} == {True, False}
    assert all(p["provenance"]["repo"] == "W4ngatang/qags" and len(p["provenance"]["commit"]) == 40 for p in pairs)
