"""Builds frank_sources.jsonl and frank_summaries.jsonl from a clone of artidoro/frank at the commit recorded in
evals/data/articles/PROVENANCE.json (5860706b...): ``python evals/data/faithfulness/build_frank.py PATH_TO_CLONE``.

Read with ``git show <commit>:<path>``: the human judgements (``data/human_annotations.csv``, one row per
summary: its ``Factuality``, the share of its sentences the annotators found factual) and, for each article,
``data/articles-wbertscore-json/<hash>.json`` (the article and each model's summary split into sentences,
``<model>_lines``). The sentence-level file (``human_annotations_sentence.json``) came in a later commit and is
not in the copy these machines can reach, so labels are per summary.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

COMMIT = "5860706bda0641136d10d27ead52c5f6ae79630e"
OUT = Path(__file__).parent


def show(clone: Path, path: str) -> str:
    return subprocess.run(["git", "-C", str(clone), "show", f"{COMMIT}:{path}"], check=True, capture_output=True,
                          text=True).stdout


def main(clone: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(show(clone, "data/human_annotations.csv"))))
    articles: dict[str, dict[str, object]] = {}
    sources, summaries = [], []
    for row in rows:
        h, model, dataset = row["hash"], row["model_name"], row["dataset"]
        path = f"data/articles-wbertscore-json/{h}.json"
        if h not in articles:
            articles[h] = json.loads(show(clone, path))
            sources.append({"source_ref": f"frank-{h}", "text": articles[h]["article"],
                            "provenance": {"repo": "artidoro/frank", "commit": COMMIT, "path": path,
                                           "locator": 'key "article"'}})
        lines = articles[h][model]
        assert isinstance(lines, list) and all(isinstance(x, str) for x in lines), (h, model)
        factuality = float(row["Factuality"])
        summaries.append({
            "pair_id": f"frank-{h}-{model.removesuffix('_lines')}", "source_ref": f"frank-{h}",
            "dataset": "xsum" if dataset == "bbc" else dataset, "model": model.removesuffix("_lines"),
            "sentences": lines, "factuality": factuality, "supported": factuality == 1.0,
            "provenance": {"repo": "artidoro/frank", "commit": COMMIT, "path": "data/human_annotations.csv",
                           "locator": f"row hash={h}, model_name={model}; sentences from {path} key {model!r}"},
        })
    with open(OUT / "frank_sources.jsonl", "w", encoding="utf-8") as fh:
        fh.writelines(json.dumps(s, ensure_ascii=False) + "\n" for s in sources)
    with open(OUT / "frank_summaries.jsonl", "w", encoding="utf-8") as fh:
        fh.writelines(json.dumps(s, ensure_ascii=False) + "\n" for s in summaries)
    print(f"{len(sources)} articles, {len(summaries)} summaries")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
