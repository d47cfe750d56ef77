"""Fits the summary ranker (``service/text/data/summary_ranker.json``) and measures it with cross-validation.

    python -m evals.fit_salience         # fit on the labelled articles, write the model, print held-out figures

Rows: every body sentence (after ingest) of the hand-labelled articles with key facts (``data/labels``; the
held-out Rana Plaza articles stay out); a sentence is positive when it states a labelled key fact (overlaps its
quote or one of the other sentences labelled as stating it). Features:
``service.text.salience.features``. A logistic regression (scikit-learn), classes balanced. Figures are
cross-validated (five folds, an article's sentences always in one fold): the share of an article's key facts that
its five (six) best-ranked sentences overlap, for this model and for the ranking the summary used before it
(check-worthiness plus a bonus for the lead), and for the best five sentences there are (an oracle: the bound).

It also fits the redundancy model (``service/text/data/summary_redundancy.json``): over every pair of sentences
of an article that both state a labelled key fact, positive when they state one in common, a logistic
regression on ``salience.pair_features``. Cross-validated the same way (both models fitted without the fold's
articles): the share of key facts the five (six) sentences picked one by one by their expected new fact
(``salience.Ranking.novel``), the lead first as the summary picks them, overlap, beside the best-ranked five (six)
and beside the same picking without the lead first, and the pair model's AUC on the fold.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

from evals.labels import article_ids, load
from service.schemas import ArticleIn
from service.text import salience
from service.text.framing import attributions, load_lexicon
from service.text.grounding import source_index
from service.text.ingest import ingest
from service.text.logistic import Logistic, to_json

FOLDS = 5
REDUNDANCY_C = 1.0  # scikit-learn's default; the pair model was not tuned
C = 0.3  # regularisation: chosen among 0.05-1.0 by the cross-validated top-5 coverage (flat between 0.1 and 0.3)
LEAD_BONUS = 0.3  # the ranking used before this model (service/analysis/summary.py), as the baseline


@dataclass
class Row:
    article: str
    x: list[float]
    facts: set[int]  # the key facts (indices) it overlaps
    n_facts: int
    before: float  # the old ranking's score
    told: salience.Told  # what it tells, for the pairs


def rows() -> list[Row]:
    lexicon = load_lexicon()
    out = []
    for aid in article_ids():
        text, labels = load(aid)
        if not labels.key_facts:
            continue
        doc = ingest(ArticleIn(text=text))
        index = source_index(text, doc.sentences, doc.meta.published)
        starts = [s.start for s in doc.sentences]
        feats = salience.features(index.analysed, starts, attributions(doc), lexicon)
        told = salience.told(index.analysed, starts)
        n = max(len(doc.sentences), 1)
        for i, f in feats.items():
            s = doc.sentences[i]
            facts = {j for j, k in enumerate(labels.key_facts) if any(a < s.end and s.start < b for a, b in k.spans())}
            out.append(Row(aid, [f[k] for k in salience.FEATURES], facts, len(labels.key_facts),
                           f["checkworthiness"] + LEAD_BONUS * (1 - i / n), told[i]))
    return out


def standardised_logistic(x: np.ndarray, y: np.ndarray, features: tuple[str, ...], c: float,
                          balanced: bool) -> Logistic:
    """A logistic regression on standardised features, as the service's ``Logistic`` reads it."""
    means, scales = x.mean(axis=0), x.std(axis=0)
    scales[scales == 0] = 1.0
    model = LogisticRegression(C=c, max_iter=3000, class_weight="balanced" if balanced else None)
    model.fit((x - means) / scales, y)
    return Logistic(version="", features=features, weights=tuple(float(w) for w in model.coef_[0]),
                    bias=float(model.intercept_[0]), means=tuple(float(m) for m in means),
                    scales=tuple(float(s) for s in scales), threshold=0.5)


def fit(rs: list[Row]) -> Logistic:
    return standardised_logistic(np.array([r.x for r in rs]), np.array([bool(r.facts) for r in rs], dtype=int),
                     salience.FEATURES, C, balanced=True)


class _OfAnArticle(Protocol):
    article: str


def folds(rs: Sequence[_OfAnArticle]) -> dict[str, int]:
    """Each article's fold (of FOLDS), by the digest of its id: the same folds for every fit of the labelled
    articles."""
    articles = sorted({r.article for r in rs}, key=lambda a: hashlib.sha256(a.encode()).hexdigest())
    return {a: i % FOLDS for i, a in enumerate(articles)}


def held_out(rs: list[Row]) -> list[float]:
    """Each sentence's score by the model fitted without its article's fold."""
    fold = folds(rs)
    models = {k: fit([r for r in rs if fold[r.article] != k]) for k in range(FOLDS)}
    return [models[fold[r.article]].probability(dict(zip(salience.FEATURES, r.x, strict=True))) for r in rs]


def pairs(rs: list[Row]) -> tuple[np.ndarray, np.ndarray]:
    """Every pair of one article's sentences that both state a key fact: their features, and whether they state
    one in common."""
    x, y = [], []
    for a in sorted({r.article for r in rs}):
        mine = [r for r in rs if r.article == a and r.facts]
        for i, p in enumerate(mine):
            for q in mine[i + 1:]:
                f = salience.pair_features(p.told, q.told)
                x.append([f[k] for k in salience.PAIR_FEATURES])
                y.append(int(bool(p.facts & q.facts)))
    return np.array(x), np.array(y)


def fit_redundancy(rs: list[Row]) -> Logistic:
    x, y = pairs(rs)
    return standardised_logistic(x, y, salience.PAIR_FEATURES, REDUNDANCY_C, balanced=False)


def picked_coverage(rs: list[Row], score: list[float], redundancy: dict[str, Logistic], k: int,
                    lead_first: bool = True) -> float:
    """Mean over articles of the share of key facts its ``k`` sentences picked one by one by expected new fact
    (``salience.Ranking.novel``, with the article's fold's models) overlap; the lead first, as the summary picks
    (``lead_first``)."""
    shares = []
    for a in sorted({r.article for r in rs}):
        mine = [i for i, r in enumerate(rs) if r.article == a]
        ranking = salience.Ranking({rs[i].told.index: score[i] for i in mine},
                                   {rs[i].told.index: rs[i].told for i in mine}, redundancy[a])
        picked: list[int] = [ranking.lead] if lead_first else []
        while len(picked) < min(k, len(mine)):
            best = max((i for i in mine if rs[i].told.index not in picked),
                       key=lambda i: ranking.novel(rs[i].told.index, picked))
            picked.append(rs[best].told.index)
        hit = set().union(*(r.facts for r in rs if r.article == a and r.told.index in picked))
        shares.append(len(hit) / rs[mine[0]].n_facts)
    return float(np.mean(shares))


def redundancy_held_out(rs: list[Row]) -> tuple[dict[str, Logistic], float]:
    """Each article's redundancy model fitted without its fold, and the pair model's mean AUC on the folds."""
    fold = folds(rs)
    models = {k: fit_redundancy([r for r in rs if fold[r.article] != k]) for k in range(FOLDS)}
    aucs = []
    for k in range(FOLDS):
        x, y = pairs([r for r in rs if fold[r.article] == k])
        m = models[k]
        p = [m.probability(dict(zip(salience.PAIR_FEATURES, v, strict=True))) for v in x]
        aucs.append(roc_auc_score(y, p))
    return {a: models[f] for a, f in fold.items()}, float(np.mean(aucs))


def coverage(rs: list[Row], score: list[float], k: int) -> float:
    """Mean over articles of the share of key facts its ``k`` best-scored sentences overlap."""
    shares = []
    for a in sorted({r.article for r in rs}):
        mine = sorted((i for i, r in enumerate(rs) if r.article == a), key=lambda i: -score[i])[:k]
        shares.append(len(set().union(*(rs[i].facts for i in mine))) / rs[mine[0]].n_facts)
    return float(np.mean(shares))


def oracle(rs: list[Row], k: int) -> float:
    shares = []
    for a in sorted({r.article for r in rs}):
        mine = [r for r in rs if r.article == a]
        hit: set[int] = set()
        for _ in range(k):
            hit |= max(mine, key=lambda r: len(r.facts - hit)).facts
        shares.append(len(hit) / mine[0].n_facts)
    return float(np.mean(shares))


def main() -> None:
    rs = rows()
    cv = held_out(rs)
    before = [r.before for r in rs]
    figures = {f"top{k}_{name}": round(v, 4) for k in (5, 6) for name, v in
               (("model_cv", coverage(rs, cv, k)), ("before", coverage(rs, before, k)), ("oracle", oracle(rs, k)))}
    redundancy, auc = redundancy_held_out(rs)
    picked = {f"top{k}_picked{how}_cv": round(picked_coverage(rs, cv, redundancy, k, lead), 4)
              for k in (5, 6) for how, lead in (("", True), ("_without_lead_first", False))}
    model = fit(rs)
    data = to_json(model, "Logistic regression over the sentence features of service/text/salience.py, fitted by "
                   "python -m evals.fit_salience on the labelled key facts; see that module.",
                   training_sentences=len(rs), articles=len({r.article for r in rs}), cross_validated=figures)
    salience.MODEL.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    x, y = pairs(rs)
    pair_data = to_json(fit_redundancy(rs), "Logistic regression: whether two sentences state the same labelled key "
                        "fact, over salience.pair_features; fitted by python -m evals.fit_salience.",
                        training_pairs=len(y), same_fact_pairs=int(y.sum()), articles=len({r.article for r in rs}),
                        cross_validated={"pair_auc": round(auc, 4), **picked})
    salience.REDUNDANCY.write_text(json.dumps(pair_data, indent=1) + "\n", encoding="utf-8")
    for k, v in {**figures, **picked, "pair_auc": auc}.items():
        print(f"{k:18s} {v:.3f}")


if __name__ == "__main__":
    main()
