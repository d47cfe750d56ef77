"""The judge's evaluation sets: every labelled statement the judge can be measured on, and the judge run on
each, keeping what the calibration needs (its hard findings and content features) as well as its verdict.

Sets:
- ``human`` (claims path and search path): the hand-written claims of ``data/labels/``, all faithful;
- ``perturb_<kind>``: the same claims made unfaithful in one known way (``evals.perturb``);
- ``qags``: QAGS CNN/DM summary sentences (crowd majority); ``embedded``: the embedded model's own summary
  sentences (hand-labelled);
- ``frank_cnndm`` / ``frank_xsum``: FRANK's summaries of nine systems, labelled per summary (factual when the
  annotators found every sentence factual); a summary is predicted supported when every sentence is.
"""

from __future__ import annotations

import json
import multiprocessing
import os
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Literal

from evals.labels import FAITHFULNESS, article_ids, load, load_embedded, load_qags
from evals.perturb import KINDS, perturb
from service.text.grounding import body_index
from service.text.judge import HARD, Verdict

Path_ = Literal["search", "anchored"]
FRANK_SOURCES = FAITHFULNESS / "frank_sources.jsonl"
FRANK_SUMMARIES = FAITHFULNESS / "frank_summaries.jsonl"


@dataclass(frozen=True)
class Case:
    set: str
    case_id: str
    group: str  # cross-validation folds keep a group together: the source article
    source_ref: str
    sentences: tuple[str, ...]
    supported: bool
    path: Path_ = "search"
    anchor: tuple[int, int, str, str | None] | None = None  # start, end, quote, attributed_to
    per_sentence: bool = True  # the label holds for each of its sentences (not only for the whole)


@dataclass
class Judged:
    """The judge's reading of one case: per sentence, whether a rule rejected it, and its content features."""

    case: Case
    hard: list[bool]
    features: list[dict[str, float]]
    supported: list[bool]  # the judge's own decision, with the shipped calibration
    reasons: list[list[str]] = field(default_factory=list)
    trace: list[list[str]] = field(default_factory=list)

    @property
    def predicted(self) -> bool:
        return all(self.supported)


def labelled_cases() -> tuple[list[Case], dict[str, tuple[str, bool]]]:
    """Human claims (both paths) and their perturbations; sources as (text, body_only)."""
    cases: list[Case] = []
    sources: dict[str, tuple[str, bool]] = {}
    for aid in article_ids():
        text, labels = load(aid)
        sources[aid] = (text, False)
        sources[f"body:{aid}"] = (text, True)
        for c in labels.claims:
            cases.append(Case("human", f"{aid}#{c.id}", aid, aid, (c.text,), True))
            cases.append(Case("human_anchored", f"{aid}#{c.id}@anchored", aid, f"body:{aid}", (c.text,), True,
                              "anchored", (c.start, c.end, c.quote, c.attributed_to)))
        by_id = {c.id: c for c in labels.claims}
        for p in perturb([(c.id, c.text, c.attributed_to) for c in labels.claims], text):
            c = by_id[p.claim_id]
            cases.append(Case(f"perturb_{p.kind}", f"{aid}#{c.id}:{p.kind}", aid, aid, (p.text,), False))
            cases.append(Case(f"perturb_{p.kind}_anchored", f"{aid}#{c.id}:{p.kind}@anchored", aid, f"body:{aid}",
                              (p.text,), False, "anchored", (c.start, c.end, c.quote, p.attributed_to)))
    return cases, sources


def validity_cases(frank: bool = True) -> tuple[list[Case], dict[str, tuple[str, bool]]]:
    cases: list[Case] = []
    sources: dict[str, tuple[str, bool]] = {}
    qags_sources, qags = load_qags()
    for ref, text in qags_sources.items():
        sources[ref] = (text, False)
    cases += [Case("qags", p.pair_id, p.source_ref, p.source_ref, (p.sentence,), p.supported) for p in qags]
    embedded_sources, embedded = load_embedded()
    for ref, text in embedded_sources.items():
        sources.setdefault(ref, (text, False))
    cases += [Case("embedded", p.pair_id, p.source_ref, p.source_ref, (p.sentence,), p.supported) for p in embedded]
    if frank:
        for line in FRANK_SOURCES.read_text("utf-8").splitlines():
            s = json.loads(line)
            sources[s["source_ref"]] = (s["text"], False)
        for line in FRANK_SUMMARIES.read_text("utf-8").splitlines():
            s = json.loads(line)
            sentences = tuple(x for x in s["sentences"] if x.strip())
            if sentences:
                cases.append(Case(f"frank_{s['dataset']}", s["pair_id"], s["source_ref"], s["source_ref"],
                                  sentences, bool(s["supported"]),
                                  per_sentence=s["factuality"] in (0.0, 1.0) or len(sentences) == 1))
    return cases, sources


def run(cases: Iterable[Case], sources: dict[str, tuple[str, bool]], workers: int | None = None) -> list[Judged]:
    """The judge on every case; each source analysed once; sources spread over a process per core."""
    by_source: dict[str, list[Case]] = {}
    for c in cases:
        by_source.setdefault(c.source_ref, []).append(c)
    jobs = [(sources[ref], group) for ref, group in by_source.items()]
    workers = workers or os.cpu_count() or 1
    if workers == 1 or len(jobs) < 4:
        return [j for job in jobs for j in _run_source(job)]
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        return [j for done in pool.map(_run_source, jobs, chunksize=4) for j in done]


def _run_source(job: tuple[tuple[str, bool], list[Case]]) -> list[Judged]:
    (text, body), group = job
    out: list[Judged] = []
    # Both paths read the article's body, as the service does (POST /v1/verifications and the claims).
    index = body_index(text)
    search = [c for c in group if c.path == "search"]
    flat = [s for c in search for s in c.sentences]
    verdicts = iter(index.check_many(flat)) if flat else iter(())
    for c in search:
        vs = [next(verdicts) for _ in c.sentences]
        out.append(_judged(c, vs))
    anchored = [c for c in group if c.path == "anchored"]
    units = index.statements([c.sentences[0] for c in anchored]) if anchored else []
    for c, unit in zip(anchored, units, strict=True):
        assert c.anchor is not None
        start, end, quote, party = c.anchor
        own = index.units_near(start, end, context=0)
        v = index.judge.check_anchored(unit, own, party, (start, end))
        out.append(_judged(c, [v]))
    return out


def _judged(case: Case, verdicts: list[Verdict]) -> Judged:
    return Judged(case, [any(f.kind in HARD for f in v.findings) for v in verdicts], [v.features for v in verdicts],
                  [v.supported for v in verdicts], [v.reasons for v in verdicts], [v.trace for v in verdicts])


SETS = ("human", "human_anchored", *(f"perturb_{k}{p}" for k in KINDS for p in ("", "_anchored")), "qags",
        "embedded", "frank_cnndm", "frank_xsum")
