"""The HTTP API through the ASGI app, with the LLM faked at the HTTP level."""

from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient

from service.api.app import create_app
from service.config import Settings
from tests.conftest import FAKE_KEY, SEEDS, make_settings, read
from tests.fake_llm import FakeLLM

PROBLEM = "application/problem+json"


def _problem(r, status: int) -> dict:  # type: ignore[no-untyped-def]
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith(PROBLEM)
    body = r.json()
    assert body["status"] == status and body["title"] and body["detail"]
    assert body["request_id"] == r.headers["x-request-id"]
    assert "Traceback" not in r.text
    return body


@pytest.mark.parametrize(("content", "ctype", "status"), [
    (b'{"text": "   \\n "}', "application/json", 422),
    (b'{"text": "ok", "unknown": 1}', "application/json", 422),
    (b'{"title": "no text"}', "application/json", 422),
    (b'{"text": ', "application/json", 400),
    (b"\xff\xfe\x00", "text/plain", 415),
    (b"<a>text</a>", "application/xml", 415),
    (b'{"text": "ok", "published": "yesterday"}', "application/json", 422),
])
def test_bad_input_is_a_problem(client: TestClient, content: bytes, ctype: str, status: int) -> None:
    _problem(client.post("/v1/analyses", content=content, headers={"content-type": ctype}), status)


def test_oversized_text_and_body(client: TestClient) -> None:
    body = _problem(client.post("/v1/claims", json={"text": "x" * 100_001}), 413)
    assert "100,000" in body["detail"]
    _problem(client.post("/v1/analyses", content=b"x" * 2_000_001, headers={"content-type": "text/plain"}), 413)


def test_unknown_route_and_method(client: TestClient) -> None:
    _problem(client.get("/v1/nothing"), 404)
    _problem(client.get("/v1/analyses"), 405)


def test_request_id_is_echoed_or_made(client: TestClient) -> None:
    assert client.get("/healthz", headers={"x-request-id": "abc-123"}).headers["x-request-id"] == "abc-123"
    made = client.get("/healthz", headers={"x-request-id": "bad id\n"}).headers["x-request-id"]
    assert len(made) == 32


@pytest.mark.parametrize("strategy", ["model", "rules"])
def test_analysis_of_a_seed_grounds_every_claim(fake_llm: FakeLLM, strategy: str) -> None:
    """Whichever strategy makes the claims, every one is grounded at exact offsets, and what the model made up is
    rejected (model strategy: its claims; rules strategy: its rewrites), with a reason."""
    text = read(SEEDS[0])
    good = "On Monday, five Turkish soldiers were reported killed by Syrian strikes."
    invented = "Seventeen French soldiers were killed in Paris."
    fake_llm.summary = {"sentences": [good, invented, good]}
    fake_llm.claims = {"claims": [
        {"sentence": 2, "claim": "Ankara colluded with ISIS in selling Syrian oil.", "said_by": "the author"},
        {"sentence": 2, "claim": invented, "said_by": "the author"},
    ]}
    fake_llm.rewrites = {"claims": [{"n": 1, "claim": invented}]}
    with TestClient(create_app(make_settings(fake_llm, claims_strategy=strategy)),
                    raise_server_exceptions=False) as client:
        r = client.post("/v1/analyses", json={"text": text})
    assert r.status_code == 200, r.text
    out = r.json()
    assert out["claims"], "a seed article must yield claims"
    for c in out["claims"]:
        assert text[c["start"] : c["end"]] == c["quote"]
        assert c["grounding"]["status"] == "supported" and c["grounding"]["quote_exact"]
        assert 0 <= c["checkworthiness"] <= 1 and c["method"] in {"llm", "extractive"}
    assert invented not in {c["text"] for c in out["claims"]}
    assert any(rej["text"] == invented for rej in out["rejected_claims"])
    sentences = out["summary"]["sentences"]
    assert all(invented not in s["text"] for s in sentences)
    assert any(rej["text"] == invented for rej in out["summary"]["rejected"])
    # The model's repeat is reported once: as a repeat of its sentence in the summary, or counted with that
    # sentence where the summary's places went to claims more likely to state a new key fact (rules strategy).
    if any(good[1:] in s["text"] for s in sentences):
        assert any(rej["reason"] == "repeats an earlier sentence" for rej in out["summary"]["rejected"])
    else:
        left_out = [rej for rej in out["summary"]["rejected"] if good[1:] in rej["text"]]
        assert [(rej["reason"].startswith("supported, but left out"), rej["count"]) for rej in left_out] == [(True, 2)]
    for s in sentences:
        assert s["supported"] and s["support"]
        for span in s["support"]:
            assert text[span["start"] : span["end"]] == span["text"]
    assert out["article"]["original_source"] == "Global Research"
    assert {t["term"] for t in out["loaded_terms"]} >= {"jihadists", "regime", "terrorists", "liberated"}
    for t in out["loaded_terms"]:
        assert text[t["start"] : t["end"]] == t["text"]
    meta = out["meta"]
    assert meta["model"] == "openai/fake-model" and set(meta["prompt_versions"]) == {"summary", "claims"}
    assert meta["usage"]["calls"] == 2 and meta["usage"]["total_tokens"] == 30
    assert {"ingest", "summary", "claims", "total"} <= set(meta["timings_ms"])


@pytest.mark.parametrize("strategy", ["model", "rules"])
def test_a_model_claim_that_is_not_a_statement_is_rejected(fake_llm: FakeLLM, strategy: str) -> None:
    """A token, a bare name or a verbless fragment is no claim, whatever words of the sentence it has."""
    text = read(SEEDS[0])
    tokens = ["turkish_soldiers_killed", "Idlib", "Five Turkish soldiers"]
    fake_llm.claims = {"claims": [{"sentence": n, "claim": t} for n in range(1, 30) for t in tokens]}
    fake_llm.rewrites = {"claims": [{"n": n, "claim": t} for n in range(1, 7) for t in tokens]}
    with TestClient(create_app(make_settings(fake_llm, claims_strategy=strategy))) as client:
        out = client.post("/v1/analyses", json={"text": text}).json()
    assert not {c["text"] for c in out["claims"]} & set(tokens)
    asked = any("Statements:" in json.dumps(req["body"]) for req in fake_llm.requests) or strategy == "model"
    if asked:
        rejected = {r["text"]: r["reason"] for r in out["rejected_claims"]}
        assert set(tokens) <= set(rejected), rejected
        assert all(rejected[t].startswith("not a statement") for t in tokens), rejected


def test_every_sentence_the_model_writes_is_reported_with_the_judges_reason(fake_llm: FakeLLM) -> None:
    """A repeat the source does not support is reported for that, not as a repeat; a sentence the model writes
    after the summary is full is reported too, with the judge's verdict (nothing the model wrote is lost)."""
    text = read(SEEDS[0])
    good = "On Monday, five Turkish soldiers were reported killed by Syrian strikes."
    false_repeat = "On Monday, five Turkish soldiers were not killed by Syrian strikes."
    late = "Seventeen French soldiers were killed in Paris."
    fake_llm.summary = {"sentences": [good, false_repeat, late]}
    with TestClient(create_app(make_settings(fake_llm, summary_max_sentences=1)),
                    raise_server_exceptions=False) as client:
        r = client.post("/v1/analyses", json={"text": text})
    assert r.status_code == 200, r.text
    reasons = {rej["text"]: rej["reason"] for rej in r.json()["summary"]["rejected"]}
    assert false_repeat in reasons and reasons[false_repeat] != "repeats an earlier sentence", reasons
    assert late in reasons and not reasons[late].startswith("supported"), reasons


def test_a_model_item_holding_two_sentences_is_judged_sentence_by_sentence(client: TestClient,
                                                                           fake_llm: FakeLLM) -> None:
    good = "On Monday, five Turkish soldiers were reported killed by Syrian strikes."
    invented = "Seventeen French soldiers were killed in Paris."
    fake_llm.summary = {"sentences": [f"{good} {invented}"]}
    out = client.post("/v1/summaries", json={"text": read(SEEDS[0])}).json()
    kept = [s["text"] for s in out["summary"]["sentences"] if s["method"] == "llm"]
    assert len(kept) == 1 and "Turkish soldiers" in kept[0] and "French" not in kept[0], kept
    assert invented in {r["text"] for r in out["summary"]["rejected"]}


def test_summary_never_adopts_loaded_terms(client: TestClient, fake_llm: FakeLLM) -> None:
    fake_llm.summary = {"sentences": ["Government troops liberated the villages of al-Qanati and Miznaz on Monday."]}
    out = client.post("/v1/summaries", json={"text": read(SEEDS[0])}).json()
    [first] = [s for s in out["summary"]["sentences"] if s["method"] == "llm"]
    assert "liberated" not in first["text"] and "captured" in first["text"]
    assert any("liberated" in e for e in first["edits"])


def test_a_model_sentence_stating_what_the_source_attributes_is_attributed(client: TestClient,
                                                                           fake_llm: FakeLLM) -> None:
    text = ("A new Kansas law bans a common abortion procedure. Governor Sam Brownback signed it on Tuesday. "
            "\"Kansas is now not only the sole state with this atrocious law; it also has more restrictions than "
            "any state,\" the advocacy group said in a Facebook post.")
    # (after a sentence that names the law: alone, "this atrocious law" would point at nothing in the summary)
    fake_llm.summary = {"sentences": ["A new Kansas law bans a common abortion procedure.",
                                      "Kansas is now the sole state with this atrocious law."]}
    out = client.post("/v1/summaries", json={"text": text}).json()
    [first] = [s for s in out["summary"]["sentences"] if s["method"] == "llm" and "sole state" in s["text"]]
    assert first["text"].startswith("According to the advocacy group, "), first
    assert "attributed to the advocacy group" in first["edits"]


def test_a_model_sentence_whose_clauses_two_speakers_give_is_not_given_to_one(client: TestClient,
                                                                              fake_llm: FakeLLM) -> None:
    text = ("The magnitude-4.8 quake struck at a depth of 15.5km (9.6 miles) 35km north of the city of Lucca, "
            "officials said. The tremor was felt as far away as Milan and Florence, Italian media say. There were "
            "no immediate reports of injuries or damage. Italy is prone to earthquakes.")
    joined = "The magnitude-4.8 quake struck at a depth of 15.5km (9.6 miles) and was felt as far away as Milan."
    fake_llm.summary = {"sentences": [joined]}
    out = client.post("/v1/summaries", json={"text": text}).json()
    said = [s["text"] for s in out["summary"]["sentences"] if s["method"] == "llm"]
    # Never "According to officials, ... was felt as far away as Milan": each clause to its own speaker, or left out.
    assert not any("officials" in s and "Milan" in s for s in said), said
    assert not any("Italian media" in s and "15.5km" in s for s in said), said
    check = client.post("/v1/verifications", json={"source": text, "summary": out["summary"]["text"]}).json()
    assert all(v["supported"] for v in check["sentences"]), check


def test_the_summary_is_completed_from_the_claims_and_drops_fragments(client: TestClient,
                                                                     fake_llm: FakeLLM) -> None:
    fake_llm.summary = {"sentences": [
        # The article's own words, so that the judge finds them; but not sentences a reader can use:
        "Turkish observation posts.",  # a phrase: it states nothing
        ", on government forces and residential areas.",  # starts mid-sentence
        "Syrian forces began encircling Turkish observation posts in.",  # ends on a word that needs more
    ]}
    out = client.post("/v1/analyses", json={"text": read(SEEDS[0])}).json()
    sentences = out["summary"]["sentences"]
    rejected = {r["text"]: r["reason"] for r in out["summary"]["rejected"]}
    assert rejected.get("Turkish observation posts.", "").startswith("not a statement"), rejected
    assert rejected.get(", on government forces and residential areas.") == "a fragment: it starts mid-sentence"
    assert rejected.get("Syrian forces began encircling Turkish observation posts in.") == \
        "a fragment: it ends on \u201cin\u201d"
    # Completed to summary_max_sentences (the default, six) from the claims: each one's quote is a claim's quote.
    assert len(sentences) == Settings.model_fields["summary_max_sentences"].default == 6
    quotes = {c["quote"] for c in out["claims"]}
    extractive = [s for s in sentences if s["method"] == "extractive"]
    assert extractive and all(s["support"][0]["text"] in quotes for s in extractive)
    assert len({s["support"][0]["start"] for s in sentences}) == len(sentences)  # one per source sentence


def test_the_prompts_labels_a_small_model_echoes_are_stripped_from_its_sentence(client: TestClient,
                                                                                fake_llm: FakeLLM) -> None:
    # (the embedded model answered cnndm_89daa80d with "Title: (none) Article: The Kansas law ...")
    lead = ("Syrian government forces captured 46 towns in Idlib province in the past two weeks, the Syrian Arab "
            "News Agency reported on Saturday.")
    text = lead + " The offensive began in mid-December. Thousands of civilians fled north towards the border."
    fake_llm.summary = {"sentences": ["Title: (none) Article: " + lead]}
    out = client.post("/v1/analyses", json={"text": text}).json()["summary"]
    assert [s["text"] for s in out["sentences"] if s["method"] == "llm"] == [lead]
    assert not any("Title:" in s["text"] or "Article:" in s["text"] for s in out["sentences"])


@pytest.mark.parametrize(("sentence", "ended"), [
    ("He said: ‘Peter remained full-on.’", "He said: ‘Peter remained full-on.’"),
    ('It was "an attack by terrorist groups"', 'It was "an attack by terrorist groups"'),
    ("Turkey sent tanks (and troops.)", "Turkey sent tanks (and troops.)"),
    ("Turkey sent tanks", "Turkey sent tanks."),
    ("The money went to the boys’", "The money went to the boys’."),
    ("Syria is committed to all its agreements, with the OPCW and UN Security Council.,",
     "Syria is committed to all its agreements, with the OPCW and UN Security Council."),
    ("Turkey sent tanks,", "Turkey sent tanks."),
])
def test_a_summary_sentence_gets_one_full_stop(sentence: str, ended: str) -> None:
    from service.analysis.summary import with_stop

    assert with_stop(sentence) == ended


def test_text_plain_body_is_accepted(client: TestClient) -> None:
    r = client.post("/v1/claims", content=read(SEEDS[2]).encode(), headers={"content-type": "text/plain"})
    assert r.status_code == 200 and r.json()["claims"]


def test_each_claims_checkworthiness_is_the_check_worthiness_model_at_its_span(client: TestClient) -> None:
    from service.schemas import ArticleIn
    from service.text import checkworthiness
    from service.text.grounding import source_index
    from service.text.ingest import ingest

    text = read(SEEDS[2])
    claims = client.post("/v1/claims", json={"text": text}).json()["claims"]
    doc = ingest(ArticleIn(text=text))
    index = source_index(text, doc.sentences, doc.meta.published)
    expected = checkworthiness.scores(index.analysed, [s.start for s in doc.sentences],
                                      [(c["start"], c["end"]) for c in claims])
    assert len(claims) > 5 and None not in expected
    assert [c["checkworthiness"] for c in claims] == expected
    # (and it orders them: the troop figures of the lead above the Turkish leadership's assurance)
    by_quote = {c["quote"]: c["checkworthiness"] for c in claims}
    troops = next(v for q, v in by_quote.items() if "2,500" in q)
    assures = next(v for q, v in by_quote.items() if "solely defensive" in q)
    assert troops > assures


def test_verifications_scores_any_summary(client: TestClient) -> None:
    r = client.post("/v1/verifications", json={
        "source": "Five soldiers died on Monday in Idlib. Talks resumed in Ankara.",
        "summary": "Five soldiers died in Idlib. Seven soldiers died in Paris."})
    assert r.status_code == 200
    out = r.json()
    assert [s["supported"] for s in out["sentences"]] == [True, False] and out["faithfulness"] == 0.5
    _problem(client.post("/v1/verifications", json={"source": "x", "summary": " "}), 422)


def test_health_ready_and_openapi_example(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.json()["status"] == "ready"
    spec = client.get("/openapi.json").json()
    body = spec["paths"]["/v1/analyses"]["post"]["requestBody"]["content"]
    assert "Turkish soldiers" in body["application/json"]["example"]["text"] and "text/plain" in body


def test_secrets_never_leave(client: TestClient, fake_llm: FakeLLM) -> None:
    r = client.post("/v1/analyses", json={"text": read(SEEDS[1])})
    assert FAKE_KEY not in r.text
    # The key reached the provider, as the provider's usual header, and nowhere else.
    assert any(FAKE_KEY in json.dumps(req["headers"]) for req in fake_llm.requests)


def test_an_article_not_in_english_is_refused_with_a_problem(client: TestClient, fake_llm: FakeLLM) -> None:
    """The NLP pipeline and the embedded model are English-only: a French article gets a 422 that says so, and the
    model is never asked (no claims invented from text the rules cannot read)."""
    text = ("Les délégations des deux gouvernements se sont réunies lundi à Istanbul pour discuter de la réouverture "
            "des ports céréaliers, a indiqué le ministère turc des Affaires étrangères. Les pourparlers ont duré "
            "environ quatre heures. Un deuxième cycle est prévu la semaine prochaine, a déclaré un porte-parole du "
            "ministère. Les compagnies maritimes ont salué la reprise des pourparlers.")
    r = client.post("/v1/analyses", json={"text": text})
    assert r.status_code == 422 and r.headers["content-type"].startswith("application/problem+json")
    assert r.json()["title"] == "Unsupported language" and "English" in r.json()["detail"]
    assert not fake_llm.requests
    english = "The delegations of the two governments met in Istanbul on Monday to discuss the ports. " * 3
    assert client.post("/v1/analyses", json={"text": english}).status_code == 200


def test_windows_line_endings_are_read_like_unix_ones(client: TestClient, seed_text: str) -> None:
    # CRLF text used to be one paragraph: no boilerplate set aside, claims taken from the copyright notice.
    unix = client.post("/v1/analyses", json={"text": seed_text}).json()
    windows = client.post("/v1/analyses", json={"text": seed_text.replace("\n", "\r\n")}).json()
    assert windows["article"]["text"] == seed_text  # the offsets index the normalised text, which is returned
    assert unix["article"]["text"] is None
    assert len(windows["article"]["boilerplate"]) == len(unix["article"]["boilerplate"]) > 0
    assert [c["quote"] for c in windows["claims"]] == [c["quote"] for c in unix["claims"]]
    for c in windows["claims"]:
        assert windows["article"]["text"][c["start"]:c["end"]] == c["quote"]


@pytest.mark.parametrize(("before", "sentence", "dangling"), [
    ([], "Astonishingly, he posted a message saying he wanted all fans to die.", "he"),
    ([], "It sets a sentence of 30 years in jail for child homicide.", "It"),
    (["Turkey deployed 1,000 units of equipment in Idlib."], "This is a solely defensive move.", "This"),
    (["Riddick Bowe posted a message on Twitter."], "He later said his message was a joke.", None),
    ([], "The law sets a sentence of 30 years; it passed on Tuesday.", None),
    ([], "Ankara said “this is a defensive move”.", None),  # inside the quotation: the speaker's words
    # A demonstrative before a noun the summary has not used points at the article's sentence, not the summary's
    # (until 2026-12-07 "This move is defensive." passed as a determiner; cnndm_3c2040c6's "That next flight"
    # followed "flight controllers", which tell of no flight); the noun or its verb before, or the calendar, is not.
    ([], "This move is defensive.", "This"),
    (["Russia lost contact with flight controllers."], "That flight is not scheduled before June 19.", "That"),
    (["NASA is planning its next supply flight."], "That flight is not scheduled before June 19.", None),
    (["Turkey moved tanks into Idlib."], "This move is defensive.", None),
    ([], "This week, Turkey moved tanks into Idlib.", None),
    # So does "the" before an event or a group the summary has not told of (xsum_21197406's "The group" after a
    # sentence on an earthquake's dead; seed 002's "the meeting"): not when told before, or said which one.
    (["Last May, two earthquakes left more than 20 people dead."],
     "The group, all members of the National Commission, were accused of giving inaccurate information.", "The group"),
    (["Turkey deployed 1,000 units of equipment."], "From the Turkish side, the meeting was attended by Sedat Onal.",
     "the meeting"),
    (["Turkish and Russian officials met in Ankara."], "From the Turkish side, the meeting was attended by Sedat Onal.",
     None),
    (["Turkey deployed 1,000 units of equipment."], "The Ankara meeting was attended by Sedat Onal.", None),
    ([], "A girl conspired to have her mother killed, texting him hours before the attack.", None),
    # A noun that sums up any act ("the move", "the disaster") needs only something told before it.
    (["Apple extended two-step verification to iCloud."], "The move follows the theft of celebrity photos.", None),
    ([], "The incident left two men dead.", "The incident"),
    # ... but a sentence that tells its event happen introduces it (xsum_22021705's opening).
    ([], "The incident began when border agents met two men carrying backpacks.", None),
    ([], "The fire broke out late on Sunday.", None),
    # "he" needs one person before it: a group's name is not one (xsum_30453069's hacker, never named) ...
    (["The best known are the Ukrainian Cyber Troops and the Cyber Berkut."],
     "Most recently, he claimed to have hacked two servers.", "he"),
    (["The author says that hackers posted the data."], "He said the data was real.", "He"),
    # ... a noun for one person is, and so is one of several
    (["The mother stood at the edge of the wreckage."], "She held photos of her children.", None),
    (["Border agents met two men carrying backpacks."], "One of the men dropped his backpack.", None),
    # ... an agent noun is one ("the survivor": one who survives), a date or a word that only ends like one is not
    # (FRANK's VR article: "she" after "a quarter of autistic people", "in order to", "this summer")
    (["The survivor was pulled from the rubble on Monday."], "She was taken to hospital.", None),
    (["More than a quarter of autistic people were asked to leave.", "In order to help, a charity made a film "
      "this summer."], '"We had more downloads," she told delegates.', "she"),
    # An opening "it" is not a person, nor the subject of its own verb (xsum_29237469's opening, where the article's
    # first sentence is missing); an "it" a clause fills points at nothing; "they" may be a club or a government.
    ([], "One expert suggested that Apple should instead make it the default option.", "it"),
    ([], "The company said the feature was new and that Apple should make it the default.", None),
    ([], "A spokesman said it was too early to comment.", None),
    ([], "Manchester United said they would appeal against the ban.", None),
    # One whom a "who" clause qualifies is someone, the tagger's adjective included (FRANK's Peru mummy lead, left out
    # of its summary for a "he" that "A cleaner" stands before).
    ([], "A cleaner who feared a body he found was a murder victim had in fact found a 900-year-old mummy.", None),
])
def test_a_summary_sentence_pointing_at_nothing_is_found(before: list[str], sentence: str,
                                                         dangling: str | None) -> None:
    from service.analysis.summary import _dangling_in

    far = [[(5000, 5100)] for _ in before]  # the previous sentence's support is far away in the article
    assert _dangling_in(sentence, before, far, [(100, 200)], {}) == dangling


@pytest.mark.parametrize(("text", "balanced"), [
    ('Mekdad said "Syria is doing its best" to comply.', True),
    ('"We shipped two shipments," he said.', True),
    ("Ankara said \u201cthis is a defensive move\u201d.", True),
    ("No quotation at all.", True),
    ('He said "we are ready.', False),
    # (glued paragraphs: the sentence starts inside a quotation and ends opening the next one)
    ('We\'ve seen so much, it should be the default," said Prof Alan Woodward, from the University of Surrey."', False),
    ("it should be the default\u201d, he said, \u201cand soon.", False),
])
def test_a_summary_claim_needs_its_quotation_marks_to_open_and_close_within_it(text: str, balanced: bool) -> None:
    from service.analysis.summary import _balanced

    assert _balanced(text) is balanced


def test_a_sentence_cut_from_glued_paragraphs_gets_its_quotation_marks_where_they_belong() -> None:
    from service.analysis.summary import mended_quotes

    cut = 'We\'ve seen so much, it should be the default," said Prof Alan Woodward, from the University of Surrey."'
    text, edits = mended_quotes(cut)
    assert text == '"We\'ve seen so much, it should be the default," said Prof Alan Woodward, from the University ' \
        'of Surrey.' and edits
    for whole in ('"We shipped two shipments," he said.', 'He said "we are ready.'):
        assert mended_quotes(whole) == (whole, [])
    # A quotation that goes on in the article's next sentence is closed at this one's end, straight or curly.
    for opened, closed in (('"We signed a form stating both must consent.', '"We signed a form stating both must '
                            'consent."'), ("\u201cRussia and Iran are killing civilians.",
                                           "\u201cRussia and Iran are killing civilians.\u201d")):
        text, edits = mended_quotes(opened)
        assert text == closed and edits == ["quotation marks mended: the quotation goes on in the article's next "
                                            "sentence; closed at this one's end"]


def test_the_verb_of_a_word_in_a_sentence_without_one_is_its_root() -> None:
    # (spaCy makes a new Token for each ``head``: "t.head is not t" never ended at a root that is no verb, and the
    # walk up from "it" in a verbless sentence would have spun for ever)
    from service.analysis.summary import _verb_of
    from service.text import nlp

    doc = nlp.parse(["A new budget for it."])[0]
    it = next(t for t in doc if t.lower_ == "it")
    assert _verb_of(it).i == next(t for t in doc if t.dep_ == "ROOT").i


def test_a_name_is_someone_as_the_article_types_it_not_as_the_parser_types_it_in_one_sentence() -> None:
    from service.analysis.summary import _dangling_in

    # The parser alone types "Holyfield" a place here; the article's whole text, a person.
    sentence = "Holyfield lost the title, and he was forced to apologise."
    assert _dangling_in(sentence, [], [], [(0, 50)], {"holyfield": "person"}) is None
    assert _dangling_in(sentence, [], [], [(0, 50)], {"holyfield": "place"}) == "he"


@pytest.mark.parametrize(("sentence", "why"), [
    ("Tass reported, adding.", "a fragment: it ends on \u201cadding\u201d"),
    ("It bans what it describes as.", "a fragment: it ends on \u201cas\u201d"),
    (", We'll continue to fight!", "a fragment: it starts mid-sentence"),
    ("Troops kept advancing.", ""),
    ("The planned docking with the space station has been called off.", ""),  # a particle, not a preposition
    ("Apple will encourage people to turn two-factor authentication on.", ""),
    ("About 2,500 survivors had been accounted for.", ""),  # a preposition the passive leaves behind
    ("They left, saying nothing.", ""),
])
def test_a_fragment_is_not_a_summary_sentence(sentence: str, why: str) -> None:
    from service.analysis.summary import _not_a_sentence

    assert _not_a_sentence(sentence) == why


@pytest.mark.parametrize(("sentence", "unsourced"), [
    ("The film has been dubbed one of the biggest independent films for decades.", True),
    ("He is widely regarded as the best striker of his generation.", True),
    ("The film was described by critics as bold.", False),  # someone is named: the sentence attributes it
    ("Troops were seen near the town.", False),  # seeing, not judging
])
def test_a_judgement_in_the_passive_with_nobody_behind_it_is_attributed(sentence: str, unsourced: bool) -> None:
    from service.analysis.summary import _unsourced_verdict

    assert _unsourced_verdict(sentence) is unsourced


@pytest.mark.parametrize(("sentence", "attributed"), [
    ("SAVAR, Bangladesh — The mother of a missing worker waited.", "The author says that the mother of a missing "
     "worker waited."),
    ("KATMANDU, 9 August 2024 - At least 64 people were killed.", "The author says that at least 64 people were "
     "killed."),
    ("LEEDS, England, 14 March 2024 - A former chief executive was found guilty.", "The author says that a former "
     "chief executive was found guilty."),
    ("(CNN)A new Kansas law bans the procedure.", "The author says that a new Kansas law bans the procedure."),
    ("Blues Boy was his nickname.", "The author says that Blues Boy was his nickname."),
    ("But it allows a minimum working age of 14.", "The author says that it allows a minimum working age of 14."),
    ("However, troops kept advancing.", "The author says that troops kept advancing."),
    ("Last May, two earthquakes left 20 people dead.", "The author says that last May, two earthquakes left 20 "
     "people dead."),
    ("That meant that the attackers could still get in.", "According to the author, that meant that the attackers "
     "could still get in."),
    # a people's adjective keeps its capital; the article before a name's does not
    ("Iranian military advisors are in Syria.", "The author says that Iranian military advisors are in Syria."),
    ("The Battle for Idlib is ongoing.", "The author says that the Battle for Idlib is ongoing."),
])
def test_an_attributed_sentence_reads_naturally(sentence: str, attributed: str) -> None:
    from service.analysis.summary import _attribute
    from service.text.atomic import DATELINE

    assert _attribute(DATELINE.sub("", sentence, count=1), "the author", always=True)[0] == attributed


@pytest.mark.parametrize("sentence", [
    # (tried as a new user would: "According to the authors, the study ... cannot prove ..., the authors noted.")
    "The study cannot prove that coffee itself causes the lower risk, the authors noted.",
    "Heavy rain caused the river to burst its banks, the county highways office said.",
    "The results were striking, the professor wrote.",
])
def test_a_sentence_that_closes_with_its_speaker_is_not_attributed_again(sentence: str) -> None:
    from service.analysis.summary import _attribute

    assert _attribute(sentence, "the authors", always=True) == (sentence, [])


def test_a_sentence_said_by_a_pronoun_names_the_speaker_the_article_gives_it() -> None:
    from service.analysis.summary import named_speaker

    # (CNN/DM 236c65a5: "He said: 'Peter was ...'" followed a sentence naming four actors; the article's "he" is the
    # film's director, named only in a caption before it)
    said = "He said: 'Peter was certainly not the type to let illness decide over his career.'"
    assert named_speaker(said, "Michael Redwood") == (
        "Michael Redwood said: 'Peter was certainly not the type to let illness decide over his career.'",
        ["'He' -> 'Michael Redwood', the speaker the article gives"])
    assert named_speaker(said, "the author") == (said, [])
    assert named_speaker("He confessed to stabbing her.", "Caleb Barnes") == ("He confessed to stabbing her.", [])
    # (the Rana Plaza report: "he" is the volunteer the sentence before names; in the summary, after a sentence
    # that names a junior minister, it would read as his)
    injured = "At least three rescuers were injured in the fire, he said."
    assert named_speaker(injured, "Syed Al-Amin Roman") == (
        "At least three rescuers were injured in the fire, Syed Al-Amin Roman said.",
        ["'he' -> 'Syed Al-Amin Roman', the speaker the article gives"])
    assert named_speaker("Rescuers said he was trapped, he said, for a day.", "Syed Al-Amin Roman")[1] == []


def test_a_model_sentence_whose_he_or_she_the_source_names_gets_the_name() -> None:
    from service.analysis.summary import _named_subject

    # (an election report: the small model's "She conceded defeat" rests on "Pfeil conceded defeat ...", and the
    # summary's last-named person was the winner, Clara Weiss; the judge reads "she" as anyone)
    support = ["Pfeil conceded defeat late on Sunday and congratulated Weiss."]
    assert _named_subject("She conceded defeat late on Sunday.", support) == (
        "Pfeil conceded defeat late on Sunday.", ["'She' -> 'Pfeil', whom the article says it of"])
    weiss = ["Weiss, a former teacher, campaigned on cutting bus fares and building 2,000 affordable homes."]
    assert _named_subject("She campaigned on cutting bus fares.", weiss)[0] == "Weiss campaigned on cutting bus fares."
    assert _named_subject("He said it was late.", ["Opposition candidate Clara Weiss said it was late."])[0] == \
        "Clara Weiss said it was late."
    # The source's subject a pronoun too, or another verb: left as written (the dangling check reads it).
    assert _named_subject("She conceded defeat.", ["She conceded defeat on Sunday."]) == ("She conceded defeat.", [])
    assert _named_subject("She won.", support) == ("She won.", [])
    assert _named_subject("The mayor conceded defeat.", support) == ("The mayor conceded defeat.", [])


_FLOOD = ("Heavy rain on Tuesday caused the Alder River to burst its banks, flooding 40 homes in Millbrook, the county "
          "highways office said. Firefighters rescued 12 people from their cars on the Station Road bridge. The "
          "bridge will stay closed until Friday while engineers inspect it. The county council estimates the repairs "
          "will cost $2 million. Residents were moved to the Millbrook community centre overnight. The river peaked "
          "at 4.2 metres on Wednesday morning, the Environment Agency said. Schools in the town will reopen on "
          "Thursday.")


def test_a_report_is_summarised_as_it_states_and_an_argued_article_attributed_to_its_author(
        fake_llm: FakeLLM) -> None:
    # A straight report's own sentences are stated as it states them; in an article that argues (seed 001: judgement
    # words and loaded terms in a fifth of its sentences), the author's unattributed statements are the author's.
    with TestClient(create_app(make_settings(fake_llm))) as c:
        report = c.post("/v1/analyses", json={"text": _FLOOD}).json()["summary"]["sentences"]
        argued = c.post("/v1/analyses", json={"text": read(SEEDS[1])}).json()["summary"]["sentences"]
    assert report and all(s["method"] == "extractive" for s in report)
    assert not any("author" in s["text"].lower() or "attributed to the author" in s["edits"] for s in report)
    assert any(s["text"].startswith("The author says that ") for s in argued)
    assert all("attributed to the author" in s["edits"] for s in argued if s["text"].startswith("The author says"))


def test_an_article_that_argues_is_told_from_one_that_reports() -> None:
    from service.text import selection
    from service.text.framing import load_lexicon
    from service.text.grounding import SourceIndex

    lexicon = load_lexicon()
    assert not selection.opinionated(SourceIndex(_FLOOD).units, lexicon)
    assert selection.opinionated(SourceIndex(read(SEEDS[1])).units, lexicon)
    # Judgement words in a quotation are the speaker's, not the author's.
    quoted = " ".join(f'"The regime is evil," resident {n} said.' for n in ("Ali", "Omar", "Sami"))
    assert not selection.opinionated(SourceIndex(quoted + " " + _FLOOD).units, lexicon)
    assert selection.opinion("The brave soldiers advanced.", lexicon)
    # In single quotation marks too, as British papers quote (FRANK's Peru mummy article read as an argument, every
    # sentence of its summary "The author says that ..."); an apostrophe opens no quotation.
    assert not selection.opinion("A spokesman said: 'This is most likely pre-Hispanic.'", lexicon)
    assert selection.opinion("The army's account is most likely wrong.", lexicon)


def test_a_sentence_that_retells_a_kept_one_is_the_same_fact() -> None:
    from service.analysis.summary import _similar

    kept = ("An unmanned Russian spacecraft originally bound for the International Space Station will re-enter the "
            "Earth's atmosphere after flight controllers lost contact with it, American astronaut Scott Kelly said "
            "Wednesday.")
    again = ("The spacecraft that lost contact with flight controllers will re-enter the Earth's atmosphere in about "
             "a week, Roscosmos, the Russian Federal Space Agency, said Wednesday.")
    other = ("According to NASA, the cargo ship is carrying more than 3 tons of food, fuel, oxygen, spare parts and "
             "scientific experiment hardware for the space station.")
    assert _similar(again, kept) and _similar(kept, again)
    assert not _similar(other, kept) and not _similar(other, again)


def test_a_photo_caption_in_a_report_is_the_editors_and_is_attributed() -> None:
    from service.analysis.summary import _authors_view
    from service.text.framing import load_lexicon
    from service.text.grounding import SourceIndex

    index, lexicon = SourceIndex(_FLOOD), load_lexicon()
    caption = "Jamie Silvonek (left), 14, and her boyfriend have been charged with killing the girl's mother."
    assert _authors_view(caption, "extractive", index, lexicon)
    assert not _authors_view("Firefighters rescued 12 people from their cars.", "extractive", index, lexicon)
    assert _authors_view("The regime's forces advanced.", "llm", index, lexicon)  # a loaded term, whoever wrote it
    # In an article that argues, what the model retells in its own words is still the author's account (seed 001:
    # "Turkey has also used its military to attack the Syrian Army", the author's one-sided assertion).
    argued = SourceIndex(read(SEEDS[1]))
    assert _authors_view("Turkey has also used its military to attack the Syrian Army.", "llm", argued, lexicon)
    assert not _authors_view("Firefighters rescued 12 people from their cars.", "llm", index, lexicon)


def test_a_left_out_sentence_is_known_by_its_words_as_the_model_wrote_them() -> None:
    from service.analysis.summary import _as_drafted
    from service.schemas import SummarySentence

    attributed = SummarySentence(text="The author says that the attack was also supported by artillery.",
                                 supported=True, support=[], method="llm", edits=["attributed to the author"])
    assert _as_drafted(attributed) == "the attack was also supported by artillery."
    sourced = SummarySentence(text="According to AMN News, troops took the town.", supported=True, support=[],
                              method="llm", edits=["attributed to AMN News"])
    assert _as_drafted(sourced) == "troops took the town."
    plain = SummarySentence(text="The author says that it is over.", supported=True, support=[], method="llm")
    assert _as_drafted(plain) == plain.text  # no attribution code added: the model's own words


def test_a_title_the_article_capitalises_inside_its_sentences_keeps_its_capital() -> None:
    from service.analysis.summary import _attribute

    source = "Pictures were released with today's release of Fall of an Empire. Police said so."
    assert _attribute("Fall of an Empire features Steven Berkoff.", "the author", always=True, source=source)[0] == (
        "The author says that Fall of an Empire features Steven Berkoff.")
    # A word capitalised only where it opens a sentence is lower-cased as before.
    assert _attribute("Police condemned the building.", "the author", always=True, source=source)[0] == (
        "The author says that police condemned the building.")
    # Nor a function word a caption ran into ("... if they ask More than 70 million sharks are killed").
    run_on = "Restaurants offer it if they ask More than 70 million sharks are killed each year."
    assert _attribute("More than 70 million sharks are killed each year.", "the author", always=True,
                      source=run_on)[0] == "The author says that more than 70 million sharks are killed each year."


@pytest.mark.parametrize(("party", "written"), [
    ("Decision makers in Damascus", "According to decision makers in Damascus, Russia has rejected the offer."),
    ("Syrian state media", "According to Syrian state media, Russia has rejected the offer."),
    ("Bite-Back", "According to Bite-Back, Russia has rejected the offer."),
    ("AMN News", "According to AMN News, Russia has rejected the offer."),
    ("Military sources", "According to military sources, Russia has rejected the offer."),
    # A function word shared with the sentence ("in") is no sign that the sentence names its speaker.
    ("Decision makers in Damascus", "According to decision makers in Damascus, Russia is prepared to attack in order "
                                    "to create a zone."),
    ("Officials", "According to officials, the base was attacked."),  # "Actually, the base ...": emphasis dropped
    # An article opening a party's phrase is no name (rp_yahoo: "According to A garment manufacturers' group").
    ("A garment manufacturers' group", "According to a garment manufacturers' group, Russia has rejected the offer."),
    ("The factory owners", "According to the factory owners, Russia has rejected the offer."),
    ("The Observatory", "According to The Observatory, Russia has rejected the offer."),
    # xsum_26065545: the capital after "The" opens an adjective ("UK-based"), not a name.
    ("The UK-based Syrian Observatory for Human Rights", "According to the UK-based Syrian Observatory for Human "
                                                         "Rights, the base was attacked."),
    ("The New York Times", "According to The New York Times, Russia has rejected the offer."),
])
def test_a_party_read_from_a_sentence_start_is_not_capitalised_mid_sentence(party: str, written: str) -> None:
    # Seed 003: the party of a quotation continued over three sentences, "Decision makers in Damascus said ...".
    from service.analysis.summary import _attribute

    sentence = ("Russia is prepared to attack in order to create a zone." if "prepared" in written else
                "Actually, the base was attacked." if "base" in written else "Russia has rejected the offer.")
    assert _attribute(sentence, party, always=False)[0] == written


@pytest.mark.parametrize(("sentence", "kept"), [
    ("Slain in cold blood: Cheryl Silvonek, 54, was stabbed.", "Cheryl Silvonek, 54, was stabbed."),
    ("Lies: Barnes and Jamie Silvonek met in October.", "Barnes and Jamie Silvonek met in October."),
    ("Scroll down for video According to Michael Redwood, wind-ups surfaced.",
     "According to Michael Redwood, wind-ups surfaced."),
    ("O’Toole said: ‘Peter was certainly not the type.’", "O’Toole said: ‘Peter was certainly not the type.’"),
    ("The reason is simple: prices rose.", "The reason is simple: prices rose."),
])
def test_a_page_label_before_a_sentence_is_not_summarised(sentence: str, kept: str) -> None:
    from service.analysis.summary import strip_lead

    assert strip_lead(sentence) == kept


def test_the_model_strategy_writes_the_summary_from_the_claims_and_repairs_it(fake_llm: FakeLLM) -> None:
    text = read(SEEDS[2])
    with TestClient(create_app(make_settings(fake_llm, summary_strategy="model"))) as c:
        claims = c.post("/v1/claims", json={"text": text}).json()["claims"]
        supported = claims[0]["quote"]  # the article's own sentence: the judge supports it
        fake_llm.cited_summary = {"sentences": [
            {"text": supported, "claims": [1]},
            {"text": "Turkey sent 9,999 tanks to Paris on Sunday.", "claims": [2]},  # invented: repaired
        ]}
        fake_llm.requests.clear()
        out = c.post("/v1/analyses", json={"text": text}).json()
    asked = [json.dumps(r["body"]) for r in fake_llm.requests if "Checked claims" in json.dumps(r["body"])]
    assert len(asked) == 1 and json.dumps(claims[1]["text"])[1:-1] in asked[0]  # the model saw the claims
    assert out["meta"]["prompt_versions"]["summary"] == "summary_document@1"
    first, second = out["summary"]["sentences"][:2]
    assert first["method"] == "llm" and first["support"][0]["text"] in supported
    assert second["method"] == "extractive" and second["support"][0]["text"] == claims[1]["quote"]
    assert any(e.startswith("replaced the model's sentence") for e in second["edits"])
    rejected = {r["text"]: r["reason"] for r in out["summary"]["rejected"]}
    assert rejected["Turkey sent 9,999 tanks to Paris on Sunday."].endswith("replaced by claim c2")


def test_a_capable_models_summary_reads_in_its_order_a_replacement_in_the_rejected_sentences_place(
        fake_llm: FakeLLM) -> None:
    # (moved after the model's sentences, a replacement left the model's next "He ..." pointing at nothing)
    text = read(SEEDS[2])
    with TestClient(create_app(make_settings(fake_llm, summary_strategy="model"))) as c:
        claims = c.post("/v1/claims", json={"text": text}).json()["claims"]
        fake_llm.cited_summary = {"sentences": [
            {"text": "Turkey sent 9,999 tanks to Paris on Sunday.", "claims": [1]},  # invented: replaced by c1
            {"text": claims[1]["quote"], "claims": [2]},  # the article's own sentence: kept
        ]}
        out = c.post("/v1/analyses", json={"text": text}).json()
    first, second = out["summary"]["sentences"][:2]
    assert first["method"] == "extractive" and first["support"][0]["text"] == claims[0]["quote"]
    assert second["method"] == "llm"


def test_a_rejected_model_sentence_that_cites_no_claim_is_replaced_by_the_claim_closest_to_it(
        fake_llm: FakeLLM) -> None:
    text = read(SEEDS[2])
    with TestClient(create_app(make_settings(fake_llm, summary_strategy="model"))) as c:
        claims = c.post("/v1/claims", json={"text": text}).json()["claims"]
        counted = next(cl for cl in claims if re.search(r"\d", cl["text"]) and cl["checkable"])
        wrong = re.sub(r"\d[\d,]*", "9,999", counted["text"])  # the claim with its number changed
        fake_llm.cited_summary = {"sentences": [{"text": wrong, "claims": []}]}
        out = c.post("/v1/analyses", json={"text": text}).json()
    first = out["summary"]["sentences"][0]
    assert first["method"] == "extractive" and first["support"][0]["text"] == counted["quote"]
    assert "replaced the model's sentence, which the judge rejected, by the article's claim closest to it" \
        in first["edits"]
    rejected = {r["text"]: r["reason"] for r in out["summary"]["rejected"]}
    assert rejected[wrong].endswith(f"replaced by claim {counted['id']}")


def test_a_small_models_supported_sentence_competes_with_the_claims_for_the_summarys_places(
        fake_llm: FakeLLM) -> None:
    from service.schemas import ArticleIn
    from service.text.framing import attributions, load_lexicon
    from service.text.grounding import source_index
    from service.text.ingest import ingest
    from service.text.salience import salience

    text = read(SEEDS[2])
    doc = ingest(ArticleIn(text=text))
    index = source_index(text, doc.sentences, doc.meta.published)
    ranks = salience(index.analysed, [s.start for s in doc.sentences], attributions(doc), load_lexicon()).salient
    plain = {i: doc.sentence_text(doc.sentences[i]) for i in ranks}
    opening = r"(?!(?:It|Its|This|These|Those|He|She|They|Their)\b)[A-Z]"  # no pronoun to point at nothing
    plain = {i: t for i, t in plain.items() if re.fullmatch(opening + r"[^\"“”*]{60,200}\.", t)}
    low, high = min(plain, key=ranks.__getitem__), max(plain, key=ranks.__getitem__)
    fake_llm.summary = {"sentences": [plain[low], plain[high]]}
    with TestClient(create_app(make_settings(fake_llm, summary_max_sentences=3))) as c:
        out = c.post("/v1/analyses", json={"text": text}).json()["summary"]
    texts = [s["text"] for s in out["sentences"]]
    # (as written, or after "The author says that", its first letter lowered: seed 002 argues)
    assert len(texts) == 3 and any(plain[high][1:] in t for t in texts) and not any(plain[low][1:] in t for t in texts)
    assert sorted(s["method"] for s in out["sentences"]) == ["extractive", "extractive", "llm"]
    # (in the article's order, the lead first: model sentences and claims alike)
    starts = [min(sp["start"] for sp in s["support"]) for s in out["sentences"]]
    assert starts == sorted(starts)
    # (seed 002 argues: the model's sentence, left out as it would have read, attributed to the author)
    left_out = [r for r in out["rejected"] if plain[low][-60:] in r["text"]]
    assert len(left_out) == 1, out["rejected"]
    assert left_out[0]["reason"].startswith("supported, but left out: the summary's places went to sentences")


def test_a_small_models_sentence_competes_with_every_claim_not_a_short_list_chosen_without_it(
        fake_llm: FakeLLM) -> None:
    """The places left after the model's sentence go one by one to the claim most likely to state a new key fact
    (``Ranking.novel``) among all the article's usable claims. The claims had been offered as the best few chosen
    against each other, without the model's sentence: on seed 002 the one that follows the model's best after
    it ("Ankara says this was needed ...") was not among them."""
    import bisect

    from service.schemas import ArticleIn
    from service.text.framing import attributions, load_lexicon
    from service.text.grounding import source_index
    from service.text.ingest import ingest
    from service.text.salience import salience

    text = read(SEEDS[2])
    doc = ingest(ArticleIn(text=text))
    index = source_index(text, doc.sentences, doc.meta.published)
    ranking = salience(index.analysed, [s.start for s in doc.sentences], attributions(doc), load_lexicon())
    starts = [s.start for s in doc.sentences]
    first = min(ranking.salient)
    fake_llm.summary = {"sentences": [doc.sentence_text(doc.sentences[first])]}
    with TestClient(create_app(make_settings(fake_llm, summary_max_sentences=3))) as c:
        out = c.post("/v1/analyses", json={"text": text}).json()
    usable = {bisect.bisect_right(starts, c["start"]) - 1 for c in out["claims"]
              if c["grounding"]["status"] == "supported" and c["checkable"] and c["certainty"] == "asserted"}
    picked, expected = [first], []
    for _ in range(2):
        best = max(usable - set(picked), key=lambda i: ranking.novel(i, picked))
        picked.append(best)
        expected.append(starts[best])
    got = [min(sp["start"] for sp in s["support"]) for s in out["summary"]["sentences"]]
    assert [s["method"] for s in out["summary"]["sentences"]][0] == "llm" and got[0] == starts[first]
    assert sorted(got[1:]) == sorted(expected), (got, expected)
    assert text.index("Ankara says this was needed") in got
    # (and the writer's sarcasm in it, "that blatantly violated ... by attacking peaceful al-Qaeda militants", is not
    # given to Ankara: left out, and the edit says so)
    [ankara] = [s for s in out["summary"]["sentences"] if s["text"].startswith("Ankara says")]
    assert "peaceful" not in ankara["text"] and any(e.startswith("judgement 'that blatantly") for e in ankara["edits"])


def test_a_summary_never_rewords_inside_quotation_marks(client: TestClient, fake_llm: FakeLLM) -> None:
    text = read(SEEDS[0])
    quoted = next(line for line in text.splitlines() if line.startswith("“In December 2019"))
    assert "jihadists)" in quoted and "“" in quoted
    fake_llm.summary = {"sentences": [quoted]}
    [first] = [s for s in client.post("/v1/summaries", json={"text": text}).json()["summary"]["sentences"]
               if s["method"] == "llm"]
    assert "(US/Turkish supported jihadists) launched over 1,400 attacks”" in first["text"]


@pytest.mark.parametrize(("text", "certainty", "usable"), [
    ("At least 5 Turkish personnel were reportedly killed.", "hedged", True),
    ("The suspect allegedly stabbed her.", "hedged", True),
    ("At least 5 Turkish personnel may have been killed.", "hedged", False),
    ("Turkey will send more troops.", "predicted", False),
])
def test_a_fact_given_as_reported_may_complete_the_summary_a_guess_may_not(text: str, certainty: str,
                                                                           usable: bool) -> None:
    from service.analysis.summary import _reported
    from service.schemas import Claim, Grounding

    claim = Claim(id="c1", text=text, quote=text, start=0, end=len(text), attributed_to="the author", kind="event",
                  checkworthiness=0.5, method="extractive", certainty=certainty, checkable=False,
                  grounding=Grounding(status="supported", quote_exact=True))
    assert _reported(claim) is usable


@pytest.mark.parametrize(("model", "by_model"), [
    ("embedded/smollm2-135m-instruct", False), ("openai/smollm2-360m", False), ("openai/gpt-4o", True)])
def test_the_summary_strategy_follows_the_model_under_auto(model: str, by_model: bool) -> None:
    from service.config import Settings

    assert Settings(llm_model=model).summary_by_model is by_model


def test_a_model_sentence_joining_a_fact_and_an_invention_keeps_the_fact(fake_llm: FakeLLM) -> None:
    text = read(SEEDS[2])
    with TestClient(create_app(make_settings(fake_llm, summary_strategy="model"))) as c:
        quote = c.post("/v1/claims", json={"text": text}).json()["claims"][0]["quote"].rstrip(".")
        joined = f"{quote}; Turkey sent 9,999 tanks to Paris on Sunday."
        fake_llm.cited_summary = {"sentences": [{"text": joined, "claims": []}]}
        out = c.post("/v1/analyses", json={"text": text}).json()
    first = out["summary"]["sentences"][0]
    assert first["method"] == "llm" and "9,999" not in first["text"] and quote[10:40] in first["text"]
    assert "split from a model sentence the judge rejected whole" in first["edits"]
    rejected = {r["text"]: r["reason"] for r in out["summary"]["rejected"]}
    assert rejected[joined].endswith("its supported part(s) kept")


def test_a_model_sentence_joining_two_speakers_claims_gives_each_to_its_own(fake_llm: FakeLLM) -> None:
    """Tried as a user would (a partisan war report): the small model's "The article says the government has
    carried out a planned regrouping and killed at least 9 civilians." was kept whole, its "The article says" hiding
    that the article gives the first clause to the defence ministry and the second to local residents. The
    model's own frame is set aside; each clause is kept with its own speaker, none states both."""
    text = ("Rebel fighters captured the town of Kessna on Friday after three days of fighting. The government's "
            'defence ministry said its troops had carried out "a planned regrouping" and denied losing the town. '
            "Local residents said government forces shelled the market on Wednesday, killing at least 9 civilians. "
            "The UN office in the region said it could not confirm the number.")
    joined = ("The article says the government has carried out a planned regrouping and killed at least 9 "
              "civilians.")
    fake_llm.summary = {"sentences": [joined]}
    with TestClient(create_app(make_settings(fake_llm))) as c:
        out = c.post("/v1/analyses", json={"text": text}).json()
    texts = [s["text"] for s in out["summary"]["sentences"]]
    assert not any("regrouping" in t and "civilians" in t for t in texts), texts
    assert not any(t.lower().startswith("the article says") for t in texts), texts
    regrouping = next(t for t in texts if "regrouping" in t)
    killed = next(t for t in texts if "9 civilians" in t)
    assert "defence ministry" in regrouping and "residents" in killed, texts


@pytest.mark.parametrize(("sentence", "party", "attributed"), [
    # the speaker as the subject of its own claim, stated as done: the article has "... said it had since
    # introduced ..." (tried as a user would)
    ("The hospital trust has now introduced audits.", "The hospital trust",
     "According to the hospital trust, it has now introduced audits."),
    ("Police have arrested three men.", "Police", "According to police, they have arrested three men."),
    # a part of the speaker's name is not the speaker
    ("The government has carried out a planned regrouping.", "The government's defence ministry",
     "According to the government's defence ministry, the government has carried out a planned regrouping."),
    # named with a verb of saying, or whole as the subject of what it thinks: attributed already
    ("AMN News reported heavy fighting near Saraqib.", "AMN News", "AMN News reported heavy fighting near Saraqib."),
    ("Pharmacists expected shortages for several weeks.", "Pharmacists",
     "Pharmacists expected shortages for several weeks."),
    # a person's own act keeps its subject ("it has resigned" would be wrong, "he" or "she" a guess)
    ("Mr Smith has resigned.", "Mr Smith", "Mr Smith has resigned."),
    # (a review's probes: "had" after a plural name, a connective before the speaker)
    ("Police had arrested three men.", "Police", "According to police, they had arrested three men."),
    ("But the trust has introduced audits.", "The trust", "According to the trust, it has introduced audits."),
])
def test_a_speakers_own_claim_stated_as_done_is_attributed(sentence: str, party: str, attributed: str) -> None:
    from service.analysis.summary import _attribute

    assert _attribute(sentence, party, always=False)[0] == attributed


@pytest.mark.parametrize(("drafted", "read"), [
    ("The article says the government has carried out a planned regrouping.",
     "the government has carried out a planned regrouping."),
    ("According to the article, 40 people died.", "40 people died."),
    # (a review's probes: no fragment, a real report's attribution, a quotation's frame stay as written)
    ("The writer explains why rates rose.", "The writer explains why rates rose."),
    ("The article says why it matters.", "The article says why it matters."),
    ("According to the report, published by the UN on Monday, 40 people died.",
     "According to the report, published by the UN on Monday, 40 people died."),
    ('The article says that "the report was late".', 'The article says that "the report was late".'),
])
def test_the_models_own_frame_on_the_article_is_set_aside_and_nothing_else(drafted: str, read: str) -> None:
    from service.analysis.summary import _MODEL_FRAME

    assert _MODEL_FRAME.sub("", drafted) == read


def test_a_model_sentence_joining_facts_of_distant_sentences_is_checked_clause_by_clause(fake_llm: FakeLLM) -> None:
    # A strong model joins two facts the article gives paragraphs apart: the judge, which reads one passage,
    # rejects the whole; each clause, with its subject written out, is checked and kept on its own, and an
    # invented clause is not.
    text = read(SEEDS[2])
    joined = ("Turkey deployed approximately 1,000 units of military equipment in the Syrian province of Idlib, and "
              "Ankara hosted a Russian-Turkish meeting on the situation in Idlib on February 8.")
    invented = ("Pro-government forces captured over a dozen villages along the M5 highway and seized the port of "
                "Marseille with 9,999 tanks.")
    fake_llm.cited_summary = {"sentences": [{"text": joined, "claims": []}, {"text": invented, "claims": []}]}
    with TestClient(create_app(make_settings(fake_llm, summary_strategy="model"))) as c:
        out = c.post("/v1/analyses", json={"text": text}).json()
    kept = {s["text"]: s for s in out["summary"]["sentences"] if s["method"] == "llm"}
    # Both true facts are kept (whole, when the calibrated score of the joined sentence clears the threshold, else
    # clause by clause), each with its own evidence.
    said = " ".join(kept)
    assert "1,000 units of military equipment" in said and "Ankara hosted a Russian-Turkish meeting" in said, said
    evidence = " ".join(span["text"] for k in kept.values() for span in k["support"])
    assert "1,000 units of military equipment" in evidence and "Ankara hosted" in evidence, evidence
    # (seed 002 argues: what the model retells is the author's account, attributed as the article's sentences are)
    assert "The author says that pro-government forces captured over a dozen villages along the M5 highway." in kept, \
        list(kept)
    assert not any("Marseille" in t for t in kept), list(kept)
    rejected = {r["text"]: r["reason"] for r in out["summary"]["rejected"]}
    assert rejected[invented].endswith("its supported part(s) kept")


def test_the_authors_irony_copied_by_the_model_is_set_aside(client: TestClient, fake_llm: FakeLLM) -> None:
    sarcastic = ("The Syrian Air Force celebrated the Ankara negotiations with over 120 airstrikes on various "
                 "positions of Hayat Tahrir al-Sham and other 'moderate Al-Qaeda' groups in the provinces of Idlib "
                 "and Aleppo.")
    assert sarcastic in read(SEEDS[2])
    fake_llm.summary = {"sentences": [sarcastic]}
    [first] = [s for s in client.post("/v1/summaries", json={"text": read(SEEDS[2])}).json()["summary"]["sentences"]
               if s["method"] == "llm"]
    assert "celebrated" not in first["text"]
    assert "carried out over 120 airstrikes" in first["text"] and "ironic framing set aside" in first["edits"]


def test_a_dated_event_is_a_claim_with_its_calendar_date_whatever_its_score(client: TestClient) -> None:
    # Seed 004's sentence: short, late and without a number, the selector scores it 0.27 (under its threshold);
    # the rules select it for its relative date, which the article's date resolves. A copula names no event.
    text = ("Government forces advanced in Idlib province. US-supported ISIS cells remain active in Syria. "
            "Last week their fighters shelled southeastern Deir Ezzor. This week was no exception.")
    out = client.post("/v1/claims", json={"text": text, "published": "2019-12-30"}).json()
    shelled = [c for c in out["claims"] if "shelled" in c["quote"]]
    assert len(shelled) == 1 and shelled[0]["when"]["date"] == "2019-12-23/2019-12-29", shelled
    assert not [c for c in out["claims"] if "no exception" in c["quote"]]


def test_a_rules_summary_opens_with_the_lead_even_where_the_next_sentence_ranks_higher(fake_llm: FakeLLM) -> None:
    # (CNN/DM 2c05ddcc: the ranker puts "King's dehydration was caused by his Type II diabetes ..." above the lead,
    # and the redundancy model takes the two to tell one fact; picked by rank and new fact alone, the summary lost
    # "B.B. King was hospitalized for dehydration")
    from pathlib import Path

    from service.schemas import ArticleIn
    from service.text.framing import attributions, load_lexicon
    from service.text.grounding import source_index
    from service.text.ingest import ingest
    from service.text.salience import salience

    text = (Path(__file__).parents[1] / "evals" / "data" / "articles" / "cnndm_2c05ddcc.txt").read_text("utf-8")
    doc = ingest(ArticleIn(text=text))
    ranking = salience(source_index(text, doc.sentences, doc.meta.published).analysed,
                       [s.start for s in doc.sentences], attributions(doc), load_lexicon())
    assert ranking.get(1) > ranking.get(0) and ranking.novel(0, [1]) < ranking.get(4)  # the case the test is for
    fake_llm.summary = {"sentences": []}
    with TestClient(create_app(make_settings(fake_llm))) as c:
        out = c.post("/v1/analyses", json={"text": text}).json()["summary"]
    assert out["sentences"][0]["support"][0]["start"] == doc.sentences[0].start
    assert out["sentences"][0]["text"].startswith("Blues legend B.B. King was hospitalized for dehydration")
