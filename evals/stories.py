"""Multi-article stories with hand-labelled cross-check references, validated like the single-article labels.

Two layouts, one model:
- the seed set: ``data/articles`` + ``data/labels`` (per-article claims), ``data/origins.json`` (which articles
  share an origin) and ``data/crosscheck_seeds.json`` (groups of labelled claims that state the same fact);
- any other story: ``data/stories/<story_id>/`` with ``articles/``, ``labels/`` and ``story.json`` (origins and
  groups in the same form).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from evals.labels import DATA, ArticleLabels, load, read_text

STORIES = DATA / "stories"
SEEDS = "idlib_seeds"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="ignore")


class OriginGroup(_Strict):
    origin: str
    article_ids: list[str] = Field(min_length=1)
    evidence: str


class Member(_Strict):
    article_id: str
    claim_id: str


class ReferenceGroup(_Strict):
    id: str
    statement: str
    members: list[Member] = Field(min_length=1)
    verdict: Literal["corroborated", "conflicting", "single_source"]
    differs: str | None = None
    upstream_party: str | None = None
    note: str = ""


class Story(BaseModel):
    model_config = ConfigDict(arbitrary_types_allowed=True)
    story_id: str
    texts: dict[str, str]
    labels: dict[str, ArticleLabels]
    origins: list[OriginGroup]
    groups: list[ReferenceGroup]


def story_ids() -> list[str]:
    return [SEEDS, *sorted(p.name for p in STORIES.glob("*") if (p / "story.json").exists())]


def load_story(story_id: str) -> Story:
    """A story and its labels; refuses references that name a missing claim or leave an article out."""
    if story_id == SEEDS:
        ids = [p.stem for p in (DATA / "articles").glob("0*.txt")]
        loaded = {i: load(i) for i in sorted(ids)}
        texts = {i: t for i, (t, _) in loaded.items()}
        labels = {i: lab for i, (_, lab) in loaded.items()}
        origins = json.loads((DATA / "origins.json").read_text("utf-8"))["groups"]
        groups = json.loads((DATA / "crosscheck_seeds.json").read_text("utf-8"))["groups"]
    else:
        folder = STORIES / story_id
        texts, labels = {}, {}
        for path in sorted((folder / "articles").glob("*.txt")):
            texts[path.stem] = read_text(path)
            labels[path.stem] = ArticleLabels.model_validate_json((folder / "labels" / f"{path.stem}.json")
                                                                  .read_text("utf-8"))
        data = json.loads((folder / "story.json").read_text("utf-8"))
        origins, groups = data["origins"], data["groups"]
    story = Story(story_id=story_id, texts=texts, labels=labels,
                  origins=[OriginGroup.model_validate(o) for o in origins],
                  groups=[ReferenceGroup.model_validate(g) for g in groups])
    _check(story)
    return story


def _check(story: Story) -> None:
    for article_id, lab in story.labels.items():
        text = story.texts[article_id]
        for c in lab.claims:
            if text[c.start : c.end] != c.quote:
                raise ValueError(f"{story.story_id}/{article_id}: {c.id} does not slice its quote")
    in_origins = [a for o in story.origins for a in o.article_ids]
    if sorted(in_origins) != sorted(story.texts):
        raise ValueError(f"{story.story_id}: every article must be in exactly one origin group")
    for g in story.groups:
        for m in g.members:
            claims = {c.id for c in story.labels[m.article_id].claims} if m.article_id in story.labels else set()
            if m.claim_id not in claims:
                raise ValueError(f"{story.story_id}: group {g.id} names {m.article_id}#{m.claim_id}, not labelled")


def story_dir(story_id: str) -> Path:
    return DATA if story_id == SEEDS else STORIES / story_id
