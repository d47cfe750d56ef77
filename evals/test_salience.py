"""The summary ranker: the shipped model is the fit of today's features and labels, and it earns its place."""

from __future__ import annotations

import json

import pytest

from evals import fit_salience
from service.text import salience


@pytest.fixture(scope="module")
def rows() -> list[fit_salience.Row]:
    return fit_salience.rows()


def test_the_shipped_ranker_is_the_fit_of_the_current_features_and_labels(rows: list[fit_salience.Row]) -> None:
    shipped = json.loads(salience.MODEL.read_text("utf-8"))
    fitted = fit_salience.fit(rows)
    assert shipped["features"] == list(fitted.features)
    assert shipped["weights"] == pytest.approx(list(fitted.weights), abs=1e-5), \
        "stale: run python -m evals.fit_salience"


def test_the_ranker_covers_more_key_facts_than_the_ranking_it_replaced(rows: list[fit_salience.Row]) -> None:
    cv = fit_salience.held_out(rows)
    before = [r.before for r in rows]
    # Cross-validated: each article ranked by a model fitted without it.
    assert fit_salience.coverage(rows, cv, 5) > fit_salience.coverage(rows, before, 5)
