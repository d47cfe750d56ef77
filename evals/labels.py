"""The hand-labelled references (``evals/data``), validated by pydantic: a label that does not slice its
article exactly is an error, not a warning."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

DATA = Path(__file__).parent / "data"
ARTICLES = DATA / "articles"
LABELS = DATA / "labels"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Provenance(_Strict):
    kind: Literal["seed", "dataset"]
    dataset: str
    repo: str | None
    commit: str | None = Field(default=None, pattern=r"^[0-9a-f]{40}$")
    path: str
    locator: str | None


class LabelledClaim(_Strict):
    id: str
    text: str
    quote: str
    start: int
    end: int
    attributed_to: str
    kind: Literal["event", "quantity", "statement", "relation"]
    checkworthiness: Literal["high", "medium", "low"]


class KeyFact(_Strict):
    id: str
    text: str
    quote: str
    start: int
    end: int


class Assertion(_Strict):
    quote: str
    start: int
    end: int
    note: str


class ArticleLabels(_Strict):
    article_id: str
    provenance: Provenance
    outlet: str
    origin: str
    claims: list[LabelledClaim] = Field(min_length=1)
    key_facts: list[KeyFact] = Field(min_length=1)
    loaded_terms: list[str]
    one_sided_assertions: list[Assertion]

    @model_validator(mode="after")
    def _ids_unique(self) -> ArticleLabels:
        ids = [c.id for c in self.claims] + [k.id for k in self.key_facts]
        if len(ids) != len(set(ids)):
            raise ValueError(f"{self.article_id}: duplicate ids")
        return self


def read_text(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()


def load(article_id: str) -> tuple[str, ArticleLabels]:
    """The article text and its labels; every labelled span is checked against the text."""
    text = read_text(ARTICLES / f"{article_id}.txt")
    labels = ArticleLabels.model_validate(json.loads((LABELS / f"{article_id}.json").read_text("utf-8")))
    if labels.article_id != article_id:
        raise ValueError(f"{article_id}: label file names {labels.article_id}")
    for item in [*labels.claims, *labels.key_facts, *labels.one_sided_assertions]:
        if text[item.start : item.end] != item.quote:
            raise ValueError(f"{article_id}: span {item.start}:{item.end} does not slice its quote {item.quote!r}")
    return text, labels


def article_ids() -> list[str]:
    return sorted(p.stem for p in LABELS.glob("*.json"))
