"""Fits the claims' check-worthiness (``service/text/data/checkworthiness.json``) and measures it with
cross-validation.

    python -m evals.fit_checkworthiness   # fit on the labelled claims, write the model, print held-out figures

Rows: every hand-labelled claim of the articles in ``data/labels`` (the held-out Rana Plaza three stay out), its
features read at its labelled span (``service.text.checkworthiness.features``), its level low/medium/high. Two
logistic regressions (scikit-learn, C=1, not tuned): "medium or high" and "high"; the score is the mean of their
probabilities. Figures are cross-validated (five folds, an article's claims always in one fold): Spearman's rank
correlation of the score with the level over all claims, and its mean within an article (how well one article's
claims are put in order), beside the same for what ``checkworthiness`` was before (the claim selector's
probability for the claim's sentence).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

import numpy as np

from evals import scorers
from evals.fit_salience import FOLDS, folds, standardised_logistic
from evals.labels import article_ids, load
from service.schemas import ArticleIn
from service.text import checkworthiness, salience
from service.text.framing import attributions, load_lexicon
from service.text.grounding import source_index
from service.text.ingest import ingest

LEVEL = {"low": 1, "medium": 2, "high": 3}


@dataclass
class Row:
    article: str
    x: list[float]
    level: int
    before: float  # the selector's probability for the claim's sentence (the score before this model)


def rows() -> list[Row]:
    lexicon = load_lexicon()
    out = []
    for aid in article_ids():
        text, labels = load(aid)
        doc = ingest(ArticleIn(text=text))
        index = source_index(text, doc.sentences, doc.meta.published)
        starts = [s.start for s in doc.sentences]
        selector = salience.features(index.analysed, starts, attributions(doc), lexicon)
        feats = checkworthiness.features(index.analysed, starts, [(c.start, c.end) for c in labels.claims])
        for c, f in zip(labels.claims, feats, strict=True):
            if f is None:
                continue
            i = max(k for k, s in enumerate(starts) if s <= c.start)
            out.append(Row(aid, [f[k] for k in checkworthiness.FEATURES], LEVEL[c.checkworthiness],
                           selector[i]["checkworthiness"] if i in selector else 0.0))
    return out


def fit(rs: list[Row]) -> checkworthiness.Scorer:
    x = np.array([r.x for r in rs], dtype=float)
    return checkworthiness.Scorer(*(
        standardised_logistic(x, np.array([r.level >= least for r in rs], dtype=int), checkworthiness.FEATURES, 1.0,
                  balanced=False) for least in (2, 3)))


def held_out(rs: list[Row]) -> list[float]:
    """Each claim's score by the models fitted without its article's fold."""
    fold = folds(rs)
    models = {k: fit([r for r in rs if fold[r.article] != k]) for k in range(FOLDS)}
    return [models[fold[r.article]].score(dict(zip(checkworthiness.FEATURES, r.x, strict=True))) for r in rs]


def agreement(rs: list[Row], score: list[float]) -> dict[str, float]:
    """Spearman's rho of a score with the labelled levels: over all claims, and its mean within an article."""
    pooled = scorers.spearman([(s, r.level) for r, s in zip(rs, score, strict=True)])
    within = [scorers.spearman([(s, r.level) for r, s in zip(rs, score, strict=True) if r.article == a])
              for a in sorted({r.article for r in rs})]
    counted = [w for w in within if w is not None]
    return {"spearman": pooled or 0.0, "spearman_within_article": float(np.mean(counted)) if counted else 0.0}


def main() -> None:
    rs = rows()
    figures = {**{f"{k}_cv": round(v, 4) for k, v in agreement(rs, held_out(rs)).items()},
               **{f"{k}_before": round(v, 4) for k, v in agreement(rs, [r.before for r in rs]).items()}}
    scorer = fit(rs)
    body = {"features": list(checkworthiness.FEATURES), "means": [round(m, 6) for m in scorer.high.means],
            "scales": [round(s, 6) for s in scorer.high.scales],
            **{name: {"weights": [round(w, 6) for w in m.weights], "bias": round(m.bias, 6)}
               for name, m in (("at_least_medium", scorer.at_least_medium), ("high", scorer.high))}}
    version = hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()[:12]
    data = {"version": version,
            "about": "Two logistic regressions (medium or high; high) over the claim features of "
                     "service/text/checkworthiness.py, fitted by python -m evals.fit_checkworthiness on the labelled "
                     "claims' levels; the score is the mean of their probabilities. See that module.",
            **body, "training_claims": len(rs), "articles": len({r.article for r in rs}),
            "cross_validated": figures}
    checkworthiness.MODEL.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    for k, v in figures.items():
        print(f"{k:34s} {v:.3f}")


if __name__ == "__main__":
    main()
