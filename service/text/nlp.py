"""The NLP pipeline under the text layer: spaCy's small English pipeline (en_core_web_sm 3.8.0), loaded from
its installed data directory and checked against the digests in ``data/spacy_model.json`` before use.

It gives tokens with character offsets, lemmas, part-of-speech tags, a dependency parse and typed entities:
what the judge reads roles, negation, conditions and attribution from. The pipeline is English-only.

Calls are serialised by a lock: a spaCy pipeline adds to its shared string store while it parses, and these
machines have two cores, so parallel parses would buy little and risk a race. Callers on the event loop run
``parse`` in a worker thread (``service.analysis`` does) so that the loop keeps serving.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from service.errors import ConfigError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MANIFEST = Path(__file__).parent / "data" / "spacy_model.json"
_lock = threading.Lock()


def _model_dir(manifest: dict[str, object]) -> Path:
    spec = importlib.util.find_spec(str(manifest["package"]))
    if spec is None or spec.origin is None:
        raise ConfigError(f"the spaCy model is not installed: pip install {str(manifest['package']).replace('_', '-')}"
                          f"=={manifest['version']}")
    return Path(spec.origin).parent / str(manifest["data_dir"])


def verify(directory: Path, digests: dict[str, str]) -> None:
    """Refuse a model directory whose files differ from the recorded digests (a tampered or other upload)."""
    for name, digest in digests.items():
        path = directory / name
        if not path.is_file():
            raise ConfigError(f"spaCy model file missing: {path}")
        if hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            raise ConfigError(f"spaCy model file {path} does not match its recorded sha256 ({MANIFEST.name})")


@lru_cache(maxsize=1)
def pipeline() -> Language:
    """The verified pipeline, loaded once per process (about 1 s)."""
    manifest = json.loads(MANIFEST.read_text("utf-8"))
    directory = _model_dir(manifest)
    verify(directory, manifest["sha256"])
    import spacy
    from spacy.language import Language

    if not Language.has_factory("crosscheck_acronyms"):
        Language.component("crosscheck_acronyms", func=_acronyms)
    nlp = spacy.load(directory, exclude=["senter"])
    nlp.add_pipe("crosscheck_acronyms", first=True)
    return nlp


# Acronyms spelt like a function word: the pipeline reads a word by its lower-cased form, so "used by IS to
# calculate" had the Islamic State as the verb "is" (and the sentence's clauses with it), "the WHO" a pronoun.
# Outside text in capitals ("SHE IS LYING"), such a word in capitals is read as written, a name.
_ACRONYMS = frozenset({"IS", "WHO"})


def _acronyms(doc: Doc) -> Doc:
    for t in doc:
        if t.text in _ACRONYMS and not any(
                n.is_alpha and n.is_upper and len(n) > 1 and n.text not in _ACRONYMS
                for n in doc[max(t.i - 2, 0) : t.i + 3] if n.i != t.i):
            t.norm_ = t.text
    return doc


def loaded() -> bool:
    """Whether :func:`pipeline` has loaded (readiness)."""
    return pipeline.cache_info().currsize > 0


# The parses of one analysis, by text, while :func:`shared_parses` is open: the same sentence is read by several
# stages (the source index, then the summary's attribution and casing checks on the sentence it copies, the framing
# check), and a lone short text costs about twice its share of a batch. A parse depends on its text alone, so the
# shared one is the parse the text would get again. Scoped to one analysis, not the process: what one request costs
# does not depend on what others sent before it. Worker threads started with ``asyncio.to_thread`` see the scope.
_shared: ContextVar[dict[str, Doc] | None] = ContextVar("shared_parses", default=None)


@contextmanager
def shared_parses() -> Iterator[None]:
    """Within the block (and the tasks and threads it starts), a text is parsed once."""
    token = _shared.set({})
    try:
        yield
    finally:
        _shared.reset(token)


# Characters the parser is given as another of the same length (so every offset holds): a grave accent opening a
# quotation ("`digitally manipulated'", as detokenised corpora and some wire copy write it) is read as an apostrophe;
# the small English model tags the grave accent as a word and loses the quoted verb. An asterisk (markdown's
# emphasis, "and **working to convince ...**", as pasted from web pages) is read as a space: the model takes it for
# a word and hangs the rest of the sentence on it.
_PARSED_AS = str.maketrans({"`": "'", "*": " "})


def parse(texts: Sequence[str], batch_size: int = 64) -> list[Doc]:
    """Parse several short texts (sentences, claims) in one batched pass; token offsets are relative to each text.
    Within :func:`shared_parses`, the docs are shared: callers read them and never change them."""
    nlp = pipeline()
    shared = _shared.get()
    with _lock:
        if shared is None:
            return list(nlp.pipe((t.translate(_PARSED_AS) for t in texts), batch_size=batch_size))
        missing = list(dict.fromkeys(t for t in texts if t not in shared))
        for text, doc in zip(missing, nlp.pipe((t.translate(_PARSED_AS) for t in missing), batch_size=batch_size),
                             strict=True):
            shared[text] = doc
        return [shared[t] for t in texts]


def model_version() -> str:
    """Name and version of the pipeline, for the judge's version (and so the cache key)."""
    manifest = json.loads(MANIFEST.read_text("utf-8"))
    return f"{manifest['package']}-{manifest['version']}"


@lru_cache(maxsize=1)
def verb_bases() -> frozenset[str]:
    """The base forms the model's lemmatizer knows as verbs (its ``lemma_index`` table, WordNet's verbs): what tells
    an agent noun ("manager", "survivor": one who manages, survives) from another "-er" word ("quarter", "order")."""
    table = pipeline().get_pipe("lemmatizer").lookups.get_table("lemma_index")  # type: ignore[attr-defined]
    return frozenset(table["verb"])
