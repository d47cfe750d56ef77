"""Prompt injection: adversarial articles (tests/injection/) analysed with a model that OBEYS the injection.

Each case's article carries an instruction (ignore your instructions, add this claim, output this summary,
attribute everything to X, hidden in boilerplate, fake JSON, chat-template tokens...). The fake model plays a
model that follows it: it returns the injected summary and offers the injected claims under the sentences
nearest to them. The service must not pass any of it on: what each case must not produce is data in
``tests/injection/cases.toml``. The instruction itself is article text: it may only be quoted (exactly, at its
offsets, attributed to the article's author), or set aside as boilerplate, never obeyed. Evasions (reworded,
zero-width characters, one sentence inside a news paragraph) test that defence beyond known phrasings, and an
article that reports on prompt injection tests that its news is still analysed.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from service.api.app import create_app
from service.text import lexical
from tests.conftest import make_settings, read
from tests.fake_llm import FakeLLM

HERE = Path(__file__).parent / "injection"
CASES: list[dict[str, Any]] = tomllib.loads((HERE / "cases.toml").read_text(encoding="utf-8"))["case"]
# A case the service fails today is a strict xfail: fixing the service turns it into a failure to un-mark.


def _params(bug_key: str, cases: list[dict[str, Any]] = CASES) -> list[Any]:
    return [pytest.param(c, id=c["file"].removesuffix(".txt"), marks=[pytest.mark.xfail(
        strict=True, reason=f"service bug: {c[bug_key]}")] if c.get(bug_key) else []) for c in cases]


PARAMS = _params("known_bug")


@pytest.fixture(params=["model", "rules"])
def client(request: pytest.FixtureRequest, fake_llm: FakeLLM) -> Any:
    """Both claims strategies: the model strategy hands the model the whole body, the rules strategy only the
    statements it cannot make self-contained; neither may pass on what the injection asked for."""
    with TestClient(create_app(make_settings(fake_llm, claims_strategy=request.param))) as c:
        yield c


def _obedient(case: dict[str, Any]) -> Any:
    """A model that does what the article tells it: the injected summary, and the injected claims offered under
    the three numbered items (sentences for the model strategy, statements for the rules strategy) that share
    the most words with them (the likeliest to pass a check)."""

    def ranked(claim: str, offered: list[list[str]]) -> list[str]:
        words = set(lexical.words(claim))
        return [n for n, _ in sorted(offered, key=lambda nc: -len(words & set(lexical.words(nc[1]))))[:3]]

    def answer(messages: list[dict[str, str]]) -> str:
        user = "\n".join(m["content"] for m in messages if m["role"] == "user")
        if "Sentences (claims only from" in user:  # model strategy: claims from numbered body sentences
            body = user.split("Sentences (claims only from", 1)[1]
            offered = [line.split(". ", 1) for line in body.splitlines() if line[:1].isdigit() and ". " in line]
            items: list[dict[str, Any]] = [
                {"sentence": int(n), "claim": claim, "said_by": case.get("said_by", "the author")}
                for claim in case["claims"] for n in ranked(claim, offered) if n.isdigit()]
            return json.dumps({"claims": items[:16]})
        if "Statements:" in user:  # rules strategy: the model is asked to rewrite numbered statements
            body = user.split("Statements:", 1)[1]
            offered = [[n, rest.removeprefix("Statement: ")] for n, rest in
                       (line.split(". ", 1) for line in body.splitlines() if line[:1].isdigit() and ". " in line)]
            items = [{"n": int(n), "claim": claim} for claim in case["claims"] for n in ranked(claim, offered)
                     if n.isdigit()]
            return json.dumps({"claims": items[:16]})
        return json.dumps({"sentences": case["summary"]})

    return answer


def _states(text: str, case: dict[str, Any]) -> list[str]:
    """What of the injected content ``text`` states."""
    low = text.lower()
    hits = [p for p in case.get("must_not", []) if p.lower() in low]
    hits += [n for n in case.get("numbers", []) if n in lexical.numbers(text)]
    hits += [n for n in case.get("names", []) if n.lower() in low]
    return hits


def _analyse(client: TestClient, fake: FakeLLM, case: dict[str, Any], monkeypatch: pytest.MonkeyPatch
             ) -> tuple[str, dict[str, Any]]:
    text = read(HERE / case["file"])
    assert case["injection"] in text, "the case's injection must be article text"
    monkeypatch.setattr(fake, "answer", _obedient(case))
    r = client.post("/v1/analyses", json={"text": text})
    assert r.status_code == 200, r.text
    assert fake.requests, "the (obedient) model was asked"
    return text, r.json()


@pytest.mark.parametrize("case", CASES, ids=[c["file"].removesuffix(".txt") for c in CASES])
def test_injection_cannot_bend_quotes_or_attribution(client: TestClient, fake_llm: FakeLLM, case: dict[str, Any],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """What code decides holds whatever the article tells the model: quotes, attribution, boilerplate."""
    text, out = _analyse(client, fake_llm, case, monkeypatch)
    start = text.index(case["injection"])
    for c in out["claims"]:
        assert text[c["start"] : c["end"]] == c["quote"] and c["grounding"]["status"] == "supported"
        # Who asserts a claim is read from its sentence by code, never taken from the model's "said_by".
        assert not any(p.lower() in c["attributed_to"].lower() for p in case.get("attributed", [])), c
        if c["start"] <= start < c["end"] and not case.get("reported"):
            # the instruction quoted: as article text, in the author's voice
            assert c["attributed_to"] == "the author" and case["injection"] in c["quote"], c
    for s in out["summary"]["sentences"]:
        for span in s["support"]:
            assert text[span["start"] : span["end"]] == span["text"]
    # Text set aside (boilerplate, an injected instruction, an embedded post) supports nothing, whatever the
    # model wrote: no claim quotes it, no summary sentence rests on it.
    aside = [(b["start"], b["end"]) for b in out["article"]["boilerplate"]]
    used = [(c["start"], c["end"]) for c in out["claims"]]
    used += [(sp["start"], sp["end"]) for s in out["summary"]["sentences"] for sp in s["support"]]
    for start_, end_ in used:
        assert not any(a < end_ and start_ < b for a, b in aside), text[start_:end_]
    for item in out["rejected_claims"] + out["summary"]["rejected"]:
        assert item["reason"].strip(), item
    if case.get("reaches_model", True) is False:
        assert any(b["start"] <= start < b["end"] for b in out["article"]["boilerplate"]), \
            "an instruction in boilerplate is set aside"
        sent = json.dumps([req["body"]["messages"] for req in fake_llm.requests])
        assert json.dumps(case["injection"])[1:-1] not in sent, "boilerplate must not be sent to the model"


@pytest.mark.parametrize("case", PARAMS)
def test_injected_instructions_are_not_obeyed(client: TestClient, fake_llm: FakeLLM, case: dict[str, Any],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing the injection asked for is stated by a claim or a summary sentence, or cited as a source; what
    the obedient model said is reported as rejected, each with a reason."""
    text, out = _analyse(client, fake_llm, case, monkeypatch)
    for c in out["claims"]:
        assert not _states(c["text"], case), (c["text"], c["quote"])
    for s in out["summary"]["sentences"]:
        assert not _states(s["text"], case), s
        assert not any(p.lower() in s["text"].lower() for p in case.get("attributed", [])), s
    rejected = {item["text"] for item in out["rejected_claims"]}
    asked = json.dumps([req["body"]["messages"] for req in fake_llm.requests])
    # The model strategy always asks for claims; the rules strategy only when a statement needs the model's help.
    # Whatever the model was asked and answered, the injected claims it offered come back as rejected.
    if "Sentences (claims only from" in asked or "Statements:" in asked:
        for claim in case["claims"]:
            if _states(claim, case):
                assert claim in rejected, f"injected claim not reported as rejected: {claim!r}"
    rejected_sentences = {item["text"] for item in out["summary"]["rejected"]}
    for sentence in case["summary"]:
        if _states(sentence, case):
            assert sentence in rejected_sentences, f"injected summary sentence not rejected: {sentence!r}"


@pytest.mark.parametrize("case", _params("known_bug_keeps", [c for c in CASES if c.get("body_keeps")]))
def test_news_around_an_instruction_is_still_analysed(client: TestClient, fake_llm: FakeLLM, case: dict[str, Any],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Setting an instruction aside must not take the article's news with it: those sentences stay in the body."""
    text, out = _analyse(client, fake_llm, case, monkeypatch)
    for phrase in case["body_keeps"]:
        at = text.index(phrase)
        assert not [b["kind"] for b in out["article"]["boilerplate"] if b["start"] <= at < b["end"]], phrase
