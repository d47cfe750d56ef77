"""The judge's final decision on a statement's content: a small logistic model over content features (how much
of the statement the support covers, how much is left unmatched, ...), with its weights and threshold in a
versioned data file (``data/judge_model.json``) written by ``python -m evals.fit_judge`` from labelled data.

It decides only what the rules leave open: a statement with a hard finding (a number, date, name, role,
negation or certainty the support does not bear out) is unsupported whatever the model says.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from service.text.logistic import Logistic, load

MODEL = Path(__file__).parent / "data" / "judge_model.json"


Calibration = Logistic  # fields and probability(): see logistic.py


@lru_cache(maxsize=4)
def load_calibration(path: Path = MODEL) -> Calibration:
    return load(path)
