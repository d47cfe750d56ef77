"""Cross-check scorers: small pure functions over the service's groups and a story's reference labels.

Matching rule: a member of a service group *covers* a labelled claim of the same article when its span covers at
least half of the labelled quote (the rule of ``claim_recall``). Links are counted between labelled claims of
different articles (the cross-check's job); a labelled claim no reference group names is a fact of its own.
``None`` means not measured.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations
from typing import NamedTuple

from evals.scorers import MATCH_OVERLAP
from evals.stories import Story
from service.schemas import ClaimGroup, SourceOut

Ref = tuple[str, str]  # (article_id, labelled claim id)


class PRF(NamedTuple):
    precision: float | None
    recall: float | None
    f1: float | None


def _covers(start: int, end: int, g_start: int, g_end: int) -> bool:
    overlap = max(0, min(end, g_end) - max(start, g_start))
    return overlap >= MATCH_OVERLAP * max(1, g_end - g_start)


def covered_by_group(groups: Sequence[ClaimGroup], story: Story) -> dict[Ref, set[str]]:
    """For each labelled claim, the ids of the service groups with a member that covers it."""
    out: dict[Ref, set[str]] = {}
    for g in groups:
        for m in g.claims:
            for c in story.labels[m.article_id].claims:
                if _covers(m.start, m.end, c.start, c.end):
                    out.setdefault((m.article_id, c.id), set()).add(g.id)
    return out


def _reference_links(story: Story) -> set[frozenset[Ref]]:
    links: set[frozenset[Ref]] = set()
    for g in story.groups:
        refs = {(m.article_id, m.claim_id) for m in g.members}
        links.update(frozenset(p) for p in combinations(sorted(refs), 2) if p[0][0] != p[1][0])
    return links


def same_fact_links(groups: Sequence[ClaimGroup], story: Story) -> PRF:
    """Pairwise precision, recall and F1 of "same fact" links between labelled claims of different articles.

    Predicted: two labelled claims are linked when one service group covers both. Recall is end to end: a
    reference link whose claims the service never extracted counts as missed.
    """
    covered = covered_by_group(groups, story)
    predicted = {frozenset((a, b)) for a, b in combinations(sorted(covered), 2)
                 if a[0] != b[0] and covered[a] & covered[b]}
    reference = _reference_links(story)
    hits = len(predicted & reference)
    p = hits / len(predicted) if predicted else None
    r = hits / len(reference) if reference else None
    f1 = 2 * p * r / (p + r) if p is not None and r is not None and p + r > 0 else (0.0 if p == 0 or r == 0
                                                                                     else None)
    return PRF(p, r, f1)


def verdict_accuracy(groups: Sequence[ClaimGroup], story: Story) -> float | None:
    """Share of reference groups whose best-matching service group has the same verdict.

    The best match is the service group covering most of the reference group's members; a reference group
    none of whose members was extracted counts as wrong.
    """
    if not story.groups:
        return None
    covered = covered_by_group(groups, story)
    by_id = {g.id: g for g in groups}
    right = 0
    for ref in story.groups:
        counts: dict[str, int] = {}
        for m in ref.members:
            for gid in covered.get((m.article_id, m.claim_id), set()):
                counts[gid] = counts.get(gid, 0) + 1
        if not counts:
            continue
        best = max(sorted(counts), key=lambda gid: counts[gid])
        right += by_id[best].verdict == ref.verdict
    return right / len(story.groups)


def origin_merge_accuracy(sources: Sequence[SourceOut], story: Story) -> float | None:
    """Share of article pairs on which the service and the labels agree: one source, or two."""
    pred = {a: s.id for s in sources for a in s.article_ids}
    gold = {a: o.origin for o in story.origins for a in o.article_ids}
    pairs = list(combinations(sorted(gold), 2))
    if not pairs or set(pred) != set(gold):
        return None if not pairs else 0.0
    return sum((pred[a] == pred[b]) == (gold[a] == gold[b]) for a, b in pairs) / len(pairs)


def reference_coverage(groups: Sequence[ClaimGroup], story: Story) -> float | None:
    """Share of the claims named in reference groups that some service claim covers (extraction recall)."""
    refs = {(m.article_id, m.claim_id) for g in story.groups for m in g.members}
    if not refs:
        return None
    covered = covered_by_group(groups, story)
    return sum(r in covered for r in refs) / len(refs)
