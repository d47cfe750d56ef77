"""Cross-checks: facts, sources and verdicts on hand-made articles (the fake LLM proposes no claims, so every
claim is the extractive one and what is tested is the deterministic matching), and the API's edges."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi.testclient import TestClient

from service.api.app import create_app
from service.schemas import ArticleIn
from service.text.facts import dates, quantities
from service.text.ingest import ingest
from service.text.sources import find_sources
from tests.conftest import SEEDS, make_settings, read
from tests.fake_llm import FakeLLM, Reply

PUBLISHED = "2020-02-11"  # a Tuesday: "on Monday" is 10 February 2020


def _post(client: TestClient, articles: list[dict[str, Any]]) -> dict[str, Any]:
    r = client.post("/v1/cross-checks", json={"articles": articles})
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


def _group_of(body: dict[str, Any], article_id: str, needle: str) -> dict[str, Any]:
    for g in body["groups"]:
        if any(c["article_id"] == article_id and needle in c["quote"] for c in g["claims"]):
            return g
    raise AssertionError(f"no group has {article_id}'s claim with {needle!r}")


def _articles(g: dict[str, Any]) -> set[str]:
    return {c["article_id"] for c in g["claims"]}


# --- facts ------------------------------------------------------------------------------------------------

def test_dates_resolve_weekdays_and_dates_without_year_against_publication() -> None:
    published = dt.date(2020, 2, 11)
    monday = dates("On Monday, five soldiers were killed.", published)
    assert monday is not None and monday.lo == monday.hi == dt.date(2020, 2, 10)
    both = dates("On February 10 and February 12 two attacks took place.", published)
    assert both is not None and (both.lo, both.hi) == (dt.date(2020, 2, 10), dt.date(2020, 2, 12))
    explicit = dates("On 3 March 2019 the talks began.", published)
    assert explicit is not None and explicit.lo == dt.date(2019, 3, 3)
    month = dates("Attacks increased throughout December.", published)
    assert month is not None and (month.lo, month.hi) == (dt.date(2019, 12, 1), dt.date(2019, 12, 31))
    assert dates("Soldiers were killed.", published) is None
    assert dates("On Monday, soldiers were killed.", None) is None  # no publication date: no guess


def test_quantities_read_qualifiers_ranges_and_what_is_counted_but_not_dates() -> None:
    qs = quantities("At least 5 Turkish personnel were killed on February 10, 2020, and between 2,500 and 3,000 "
                    "troops are deployed.")
    by_value = {q.value: q for q in qs}
    assert set(by_value) == {5.0, 2500.0}, qs  # the day and the year are dates, not counts
    assert by_value[5.0].kind == "min" and by_value[5.0].counted == "personnel"
    assert by_value[2500.0].counted == "troop"
    tolls = [quantities(t)[0].counted for t in ("it killed at least 377 people", "it claimed 377 lives",
                                                  "the death toll rose to at least 370 in the city")]
    assert tolls == ["deaths"] * 3
    assert quantities("five garment factories")[0].counted != quantities("112 garment workers")[0].counted
    assert by_value[2500.0].kind == "range" and by_value[2500.0].upper == 3000.0
    five, seven, at_least_five = (quantities(t)[0] for t in ("five soldiers", "seven soldiers",
                                                              "at least five soldiers"))
    assert not five.compatible(seven)
    assert at_least_five.compatible(seven) and at_least_five.compatible(five)
    floors = quantities("at least 370 dead")[0], quantities("at least 377 dead")[0]
    assert not floors[0].compatible(floors[1])  # two different reported figures


def test_a_number_whose_digit_groups_a_space_splits_is_still_one_number() -> None:
    # detokenised text ("1, 056 matches", QAGS CNN/DM's sources, text copied from a PDF) against a list of numbers
    assert [q.value for q in quantities("He has taken charge of 1, 056 matches.")] == [1056.0]
    assert [q.value for q in quantities("It was viewed more than 235, 000 times.")] == [235000.0]
    assert [q.value for q in quantities("The total was 1, 056.")] == [1056.0]  # at the end of a sentence too
    assert quantities("Scores of 7, 100 and 200 were given.")[0].value == 7.0  # a list, not 7,100
    assert [q.value for q in quantities("Rows 3, 4, 5 were empty.")] == [3.0, 4.0, 5.0]


# --- sources ----------------------------------------------------------------------------------------------

def _doc(text: str, **meta: Any) -> Any:
    return ingest(ArticleIn(text=text, **meta))


def test_sources_merge_a_stated_original_source_and_near_copies_and_say_why() -> None:
    body = ("Government forces captured the villages of Kafr Halab and Miznaz on Monday after heavy fighting "
            "with armed groups in the west of the province, according to a military source in Damascus. ")
    docs = {
        "sf": _doc("By South Front\n\n" + body + "The advance continued."),
        "gr": _doc(body + "The advance continued.\n\nThe original source of this article is South Front"),
        "copy": _doc("Reposted.\n\n" + body + "The advance went on.", outlet="Some Blog"),
        "other": _doc("By Jane Roe\n\nTurkey sent more tanks to Idlib on Sunday, officials in Ankara said.",
                      outlet="Other Outlet"),
    }
    sources = find_sources(docs)
    groups = sorted(sorted(s.article_ids) for s in sources)
    assert groups == [["copy", "gr", "sf"], ["other"]]
    merged = next(s for s in sources if "sf" in s.article_ids)
    assert merged.name == "South Front"
    assert any("author is 'South Front'" in why and "original source is 'South Front'" in why
               for why in merged.reasons)
    assert any("near-copies" in why for why in merged.reasons)


def test_two_versions_of_one_wire_story_are_one_source_but_outlets_quoting_one_line_are_not() -> None:
    shared = ["Mohammed Sohel Rana was arrested in the western border town of Benapole, the minister said.",
              "At least three rescuers were injured in the fire that broke out late on Sunday night.",
              "The garment industry was the third largest in the world in 2011, after China and Italy."]
    own = ["The search for survivors went on through the day in the ruins of the eight-storey building.",
           "Relatives waited behind police lines with photographs of the missing workers and their names.",
           "Officials said the toll would rise as rescuers reached the lower floors of the building.",
           "The owner was paraded before the media in Dhaka on Monday afternoon by the elite police unit.",
           "Western brands that bought clothes from the factories said they were looking into their suppliers.",
           "Thousands of garment workers marched through the capital to demand the owner's execution."]
    early = " ".join([shared[0], *own[:3], *shared[1:]])
    later = " ".join([*own[3:], *shared])
    quoting = " ".join([shared[0], "Our own reporters at the scene saw crowds cheer as the news spread."])
    docs = {"early": _doc(early), "later": _doc(later), "quoting": _doc(quoting)}
    sources = find_sources(docs)
    assert sorted(sorted(s.article_ids) for s in sources) == [["early", "later"], ["quoting"]]
    assert any("share 3 near-identical sentences" in why for s in sources for why in s.reasons)


def test_sources_do_not_merge_a_republishing_outlet() -> None:
    """Global Research republished all the seeds; outlet alone must not make them one source."""
    docs = {p.stem[:3]: ingest(ArticleIn(text=read(p), outlet="Global Research")) for p in SEEDS}
    groups = sorted(sorted(s.article_ids) for s in find_sources(docs))
    assert groups == [["000", "004"], ["001", "002"], ["003"]]


# --- verdicts over the API ------------------------------------------------------------------------------

def test_conflicting_counts_of_the_same_event_are_flagged_with_what_differs(client: TestClient) -> None:
    body = _post(client, [
        {"id": "a", "published": PUBLISHED, "outlet": "Outlet A",
         "text": "On Monday, five Turkish soldiers were killed in Saraqib by Syrian shelling, the Turkish "
                 "Defense Ministry said."},
        {"id": "b", "published": PUBLISHED, "outlet": "Outlet B",
         "text": "Seven Turkish soldiers were killed in Saraqib on Monday by Syrian shelling, according to "
                 "local officials."},
    ])
    g = _group_of(body, "a", "five Turkish soldiers")
    assert _articles(g) == {"a", "b"}
    assert g["verdict"] == "conflicting"
    assert g["differs"] and g["differs"][0]["part"] == "numbers"
    assert "five" in g["differs"][0]["detail"].lower() and "seven" in g["differs"][0]["detail"].lower()
    assert g["independent_sources"] == 2


def test_compatible_counts_corroborate_and_a_cumulative_total_is_another_fact(client: TestClient) -> None:
    body = _post(client, [
        {"id": "a", "published": PUBLISHED, "outlet": "Outlet A",
         "text": "On Monday, five Turkish soldiers were killed in Saraqib by Syrian shelling."},
        {"id": "b", "published": PUBLISHED, "outlet": "Outlet B",
         "text": "At least five Turkish soldiers died in Saraqib on Monday after Syrian shelling."},
        {"id": "c", "published": PUBLISHED, "outlet": "Outlet C",
         "text": "A total of 14 Turkish soldiers have been killed in Saraqib and Idlib so far this month."},
    ])
    g = _group_of(body, "a", "five Turkish soldiers")
    assert _articles(g) == {"a", "b"} and g["verdict"] == "corroborated" and not g["differs"]
    total = _group_of(body, "c", "14 Turkish soldiers")
    assert _articles(total) == {"c"} and total["verdict"] == "single_source"


def test_a_different_date_is_a_different_event_not_a_conflict(client: TestClient) -> None:
    body = _post(client, [
        {"id": "a", "published": PUBLISHED, "outlet": "Outlet A",
         "text": "On Monday, five Turkish soldiers were killed in Saraqib by Syrian shelling."},
        {"id": "b", "published": "2020-03-04", "outlet": "Outlet B",
         "text": "On 3 March 2020, seven Turkish soldiers were killed in Saraqib by Syrian shelling."},
    ])
    assert _group_of(body, "a", "five")["id"] != _group_of(body, "b", "seven")["id"]
    assert all(g["verdict"] != "conflicting" for g in body["groups"])


def test_republications_count_once_and_a_quoted_party_is_an_upstream_party(client: TestClient) -> None:
    story = ("Turkish and Russian officials held talks in Ankara on February 8 about the fighting in Idlib "
             "province and the safety of Turkish observation posts.")
    quote = "The Syrian Observatory for Human Rights said that 40 fighters were killed near Nayrab on Monday."
    body = _post(client, [
        {"id": "orig", "published": PUBLISHED, "text": f"By South Front\n\n{story}"},
        {"id": "repost", "published": PUBLISHED,
         "text": f"{story}\n\nThe original source of this article is South Front"},
        {"id": "x", "published": PUBLISHED, "outlet": "Outlet X", "text": f"By Ann Lee\n\n{quote}"},
        {"id": "y", "published": PUBLISHED, "outlet": "Outlet Y",
         "text": "By Bo Chan\n\nOn Monday, 40 fighters were killed near Nayrab, the Syrian Observatory for "
                 "Human Rights said."},
    ])
    talks = _group_of(body, "orig", "talks in Ankara")
    assert _articles(talks) == {"orig", "repost"}
    assert talks["verdict"] == "single_source" and talks["independent_sources"] == 1
    observatory = _group_of(body, "x", "40 fighters")
    assert _articles(observatory) == {"x", "y"}
    assert observatory["upstream_party"] and "Observatory" in observatory["upstream_party"]
    assert observatory["verdict"] == "single_source" and observatory["independent_sources"] == 1
    merged = next(s for s in body["sources"] if "orig" in s["article_ids"])
    assert merged["article_ids"] == ["orig", "repost"] and merged["merged_because"]


def test_every_member_quote_slices_its_article(client: TestClient) -> None:
    texts = {p.stem[:3]: read(p) for p in SEEDS}
    body = _post(client, [{"id": k, "text": t} for k, t in texts.items()])
    for g in body["groups"]:
        for c in g["claims"]:
            assert texts[c["article_id"]][c["start"] : c["end"]] == c["quote"]
    assert sorted(sorted(s["article_ids"]) for s in body["sources"]) == [["000", "004"], ["001", "002"],
                                                                       ["003"]]
    # The known case: Turkish soldiers killed around 10 February 2020, reported by Global Research (000) and by
    # South Front (001, and 002 republished): one fact, two independent sources, no conflict ("five", "5",
    # "at least 5"); 001's official cumulative toll (14 dead) is another fact.
    killed = _group_of(body, "000", "five Turkish soldiers were reported killed")
    assert _articles(killed) == {"000", "001", "002"}
    assert killed["verdict"] == "corroborated" and killed["independent_sources"] == 2
    assert _group_of(body, "001", "14 dead")["id"] != killed["id"]
    assert all(g["verdict"] != "conflicting" for g in body["groups"])  # different scopes are not conflicts


def test_articles_are_extracted_concurrently(fake_llm: FakeLLM) -> None:
    fake_llm.delay = 0.3
    settings = make_settings(fake_llm, claims_strategy="model")  # one LLM call per article (one window)
    with TestClient(create_app(settings)) as client:
        _post(client, [{"id": p.stem[:3], "text": read(p)} for p in SEEDS])
    starts = sorted(r["at"] for r in fake_llm.requests)
    assert len(starts) == len(SEEDS)
    # Every article's call was sent before the first answer came back (0.3 s): none waited for another.
    assert starts[-1] - starts[0] < 0.3


# --- errors -----------------------------------------------------------------------------------------------

def test_request_limits_are_problems_and_cost_no_llm_call(fake_llm: FakeLLM) -> None:
    settings = make_settings(fake_llm, max_articles=3, max_article_chars=2000)
    with TestClient(create_app(settings)) as client:
        ok = {"text": "Five soldiers were killed in Saraqib on Monday, officials said."}
        cases = [
            ({"articles": [ok] * 4}, 413, "Too many articles"),
            ({"articles": [ok, {"text": "x" * 2001}]}, 413, "Article too long"),
            ({"articles": [ok]}, 422, "Invalid request"),
            ({"articles": [{**ok, "id": "same"}, {**ok, "id": "same"}]}, 422, "Invalid request"),
            ({"articles": [{**ok, "id": "a2"}, ok]}, 422, "Duplicate article ids"),
        ]
        for body, status, title in cases:
            r = client.post("/v1/cross-checks", json=body)
            assert r.status_code == status, (body, r.text)
            assert r.headers["content-type"] == "application/problem+json"
            assert r.json()["title"] == title and r.headers["x-request-id"]
        assert fake_llm.requests == []


def test_an_unreachable_model_fails_the_whole_cross_check_with_503(fake_llm: FakeLLM) -> None:
    settings = make_settings(fake_llm, llm_max_retries=0)
    fake_llm.script.extend([Reply(status=503)] * 10)
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        r = client.post("/v1/cross-checks", json={"articles": [{"text": read(p)} for p in SEEDS[:2]]})
        assert r.status_code == 503 and r.headers["content-type"] == "application/problem+json"
        assert client.get("/healthz").status_code == 200
