"""Fits the claim selector (``service/text/data/claim_selector.json``) and measures it with cross-validation.

    python -m evals.fit_selector         # fit on every labelled article, write the model, print held-out figures

Rows: every body sentence (after ingest) of the hand-labelled articles (the 17 of ``data/labels`` and the five
of the Rana Plaza story); a sentence is positive when it holds at least half of some labelled claim's quote.
Features: ``service.text.selection.features``. A logistic regression (scikit-learn), classes balanced; its
threshold is set on the training data so that the selected sentences hold ``COVER`` of the labelled claims.
Every figure printed is cross-validated (five folds, an article's sentences always in one fold).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

import numpy as np
from sklearn.linear_model import LogisticRegression

from evals import scorers
from evals.labels import ArticleLabels, article_ids, load
from evals.stories import load_story, story_ids
from service.schemas import ArticleIn
from service.text import selection
from service.text.framing import attributions, load_lexicon
from service.text.grounding import source_index
from service.text.ingest import ingest
from service.text.logistic import to_json

FOLDS = 5
COVER = 0.85  # the share of labelled claims the selected sentences must hold (on the training data)


@dataclass
class Sentence:
    article: str
    x: list[float]
    positive: bool
    claims: list[str]  # the labelled claims it holds
    weight: float  # the labelled check-worthiness of its best claim (3 high, 2 medium, 1 low, 0 none)
    dated: bool  # selected whatever its score (``selection.dated_event``)


def labelled_articles() -> dict[str, tuple[str, ArticleLabels]]:
    out = {aid: load(aid) for aid in article_ids()}
    for sid in story_ids():
        if sid == "idlib_seeds":
            continue
        story = load_story(sid)
        out.update({f"{sid}/{a}": (story.texts[a], story.labels[a]) for a in story.texts})
    return out


def sentences() -> list[Sentence]:
    lexicon = load_lexicon()
    rank = {"high": 3.0, "medium": 2.0, "low": 1.0}
    out = []
    for aid, (text, labels) in labelled_articles().items():
        doc = ingest(ArticleIn(text=text))
        index = source_index(text, doc.sentences, doc.meta.published)
        parties = attributions(doc)
        by_start = {u.start: u for u in index.units}
        n = max(len(doc.sentences), 1)
        for i, s in enumerate(doc.sentences):
            unit = by_start.get(s.start)
            if unit is None or unit.caption:  # a run-on caption is never a candidate (selection.score_sentences)
                continue
            held = [c for c in labels.claims if min(s.end, c.end) - max(s.start, c.start) >= 0.5 * (c.end - c.start)]
            f = selection.features(unit, parties[i], i / n, lexicon)
            out.append(Sentence(aid, [f[k] for k in selection.FEATURES], bool(held), [f"{aid}#{c.id}" for c in held],
                                max((rank[c.checkworthiness] for c in held), default=0.0),
                                selection.dated_event(unit)))
    return out


def fit(rows: list[Sentence]) -> selection.Selector:
    x = np.array([r.x for r in rows])
    y = np.array([r.positive for r in rows], dtype=int)
    means, scales = x.mean(axis=0), x.std(axis=0)
    scales[scales == 0] = 1.0
    model = LogisticRegression(C=1.0, max_iter=2000, class_weight="balanced")
    z = (x - means) / scales
    model.fit(z, y)
    p = model.predict_proba(z)[:, 1]
    # The highest threshold whose selected sentences still hold COVER of the labelled claims.
    claims = [(pi, len(r.claims)) for pi, r in zip(p, rows, strict=True) if r.claims]
    total = sum(k for _, k in claims)
    threshold, held = 1.0, 0
    for pi, k in sorted(claims, key=lambda t: -t[0]):
        held += k
        threshold = float(pi)
        if held >= COVER * total:
            break
    return selection.Selector(version="", features=selection.FEATURES,
                              weights=tuple(float(w) for w in model.coef_[0]), bias=float(model.intercept_[0]),
                              means=tuple(float(m) for m in means), scales=tuple(float(s) for s in scales),
                              threshold=round(threshold, 6))


def fold_models(rows: list[Sentence]) -> dict[str, selection.Selector]:
    """Each article's held-out selector: the one fitted on the other folds (5 folds by article)."""
    articles = sorted({r.article for r in rows}, key=lambda a: hashlib.sha256(a.encode()).hexdigest())
    fold = {a: i % FOLDS for i, a in enumerate(articles)}
    models = {k: fit([r for r in rows if fold[r.article] != k]) for k in range(FOLDS)}
    return {a: models[fold[a]] for a in articles}


def held_out(rows: list[Sentence]) -> list[float]:
    """Each sentence's probability, by a model fitted without its article, less that model's threshold."""
    models = fold_models(rows)
    out = []
    for r in rows:
        model = models[r.article]
        out.append(model.probability(dict(zip(selection.FEATURES, r.x, strict=True))) - model.threshold)
    return out  # >= 0: selected


def summarise(rows: list[Sentence], margin: list[float]) -> dict[str, float]:
    selected = [m >= 0 or r.dated for r, m in zip(rows, margin, strict=True)]
    claims = {c for r in rows for c in r.claims}
    covered = {c for r, s in zip(rows, selected, strict=True) if s for c in r.claims}
    chosen = sum(selected)
    return {
        "sentences": len(rows), "selected": chosen,
        "claims_covered": len(covered) / len(claims),
        "precision": sum(r.positive for r, s in zip(rows, selected, strict=True) if s) / chosen if chosen else 0.0,
        "checkworthiness_spearman": scorers.spearman([(m, r.weight) for r, m in zip(rows, margin, strict=True)
                                                      if r.claims]),
    }


def main() -> None:
    rows = sentences()
    cv = summarise(rows, held_out(rows))
    model = fit(rows)
    data = to_json(model, "Logistic regression over the sentence features of service/text/selection.py, fitted by "
                   "python -m evals.fit_selector on the labelled articles; see that module.",
                   training_sentences=len(rows),
                   cross_validated={k: round(v, 4) if isinstance(v, float) else v for k, v in cv.items()})
    selection.MODEL.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(data["cross_validated"], indent=1))


if __name__ == "__main__":
    main()
