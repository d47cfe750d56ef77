"""The cross-check eval: each labelled story through ``POST /v1/cross-checks``' engine, with the LLM replayed
from cassettes; group quality, verdicts and origin merges scored against the story's reference labels.
Results go to the report written by ``test_eval.py`` (which runs after this file)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from evals import crosscheck_scorers as scorers
from evals.conftest import eval_settings
from evals.stories import load_story, story_ids
from service.analysis import crosscheck
from service.analysis.pipeline import Pipeline
from service.errors import LLMError
from service.schemas import ArticleIn

CROSSCHECK: dict[str, dict[str, Any]] = {}
RERECORD = "CROSSCHECK_LLM_MODEL=... pytest evals/ --record-mode=rewrite (see evals/README.md)"


@pytest.mark.vcr
@pytest.mark.block_network
@pytest.mark.parametrize("story_id", story_ids())
def test_story(story_id: str, vcr: Any, record_mode: str) -> None:
    story = load_story(story_id)
    pipeline = Pipeline(eval_settings())
    articles = [(k, ArticleIn(text=t)) for k, t in story.texts.items()]
    try:
        out = asyncio.run(crosscheck.run(pipeline, articles, f"eval-{story_id}"))
    except LLMError as exc:
        if not Path(vcr._path).exists():
            pytest.fail(f"no cassette for {story_id} at {vcr._path}; record with {RERECORD}")
        pytest.fail(f"{story_id}: a request is not in its cassette (prompt or request changed since recording?): "
                    f"re-record with {RERECORD}. ({exc.detail[:200]})")
    if record_mode == "none":
        assert vcr.play_count == out.meta.usage.calls and vcr.all_played
    for g in out.groups:
        for c in g.claims:
            assert story.texts[c.article_id][c.start : c.end] == c.quote
    links = scorers.same_fact_links(out.groups, story)
    verdicts = {v: sum(g.verdict == v for g in out.groups) for v in ("corroborated", "conflicting", "single_source")}
    CROSSCHECK[story_id] = {
        "articles": len(story.texts), "reference_groups": len(story.groups),
        "link_precision": links.precision, "link_recall": links.recall, "link_f1": links.f1,
        "verdict_accuracy": scorers.verdict_accuracy(out.groups, story),
        "origin_merge_accuracy": scorers.origin_merge_accuracy(out.sources, story),
        "reference_coverage": scorers.reference_coverage(out.groups, story),
        "groups": len(out.groups), **{f"groups_{k}": v for k, v in verdicts.items()},
        "sources": [sorted(s.article_ids) for s in out.sources],
    }
