"""The command line talks to people: progress on stderr, --server through a real running service, the article
with its claims marked, and every member of every cross-check group (over the fake LLM)."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator

import pytest
from rich.console import Console

from service import cli
from service.cli_report import render, render_cross_check
from service.config import get_settings
from service.schemas import AnalysisOut, CrossCheckOut
from tests.conftest import FAKE_KEY, SEEDS, read
from tests.fake_llm import FakeLLM
from tests.live_server import LiveServer, free_port

SERVER_KEY = "cli-test-key-0123456789"
STAMP = re.compile(r"^\s*\d+\.\ds  ", re.M)  # a progress line's elapsed seconds


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, fake_llm: FakeLLM) -> Iterator[None]:
    monkeypatch.setenv("CROSSCHECK_LLM_MODEL", "openai/fake-model")
    monkeypatch.setenv("CROSSCHECK_LLM_API_BASE", fake_llm.url)
    monkeypatch.setenv("CROSSCHECK_LLM_API_KEY", FAKE_KEY)
    monkeypatch.setenv("CROSSCHECK_CLAIMS_STRATEGY", "rules")
    monkeypatch.setenv("CROSSCHECK_SUMMARY_STRATEGY", "rules")
    monkeypatch.setenv("CROSSCHECK_API_KEY", SERVER_KEY)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture(scope="module")
def server(fake_server: FakeLLM) -> Iterator[LiveServer]:
    """A real `crosscheck serve` on loopback, configured like the in-process runs, with an API key."""
    live = LiveServer(fake_server.url, FAKE_KEY, CROSSCHECK_CLAIMS_STRATEGY="rules", CROSSCHECK_API_KEYS=SERVER_KEY,
                      CROSSCHECK_MAX_ARTICLE_CHARS="20000")
    live.start()
    yield live
    live.stop()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def without_meta(report: str) -> str:
    """The report without its run-specific line (timing)."""
    return "\n".join(line for line in report.splitlines() if not line.startswith("model "))


def parse_marks(marked: str) -> tuple[dict[str, str], list[str], list[str]]:
    """Read the plain markers back: each claim id's text, the loaded terms and the set-aside texts, in order."""
    claims: dict[str, str] = {}
    terms: list[str] = []
    asides: list[str] = []
    stack: list[tuple[str, list[str]]] = []
    for token in re.split(r"(⟦[\w,]+ |⟪\w+: |[«⟧»⟫])", marked):
        if token.startswith("⟦"):
            stack.append(("claim:" + token[1:-1], []))
        elif token.startswith("⟪"):
            stack.append(("aside", []))
        elif token == "«":
            stack.append(("term", []))
        elif token in ("⟧", "»", "⟫"):
            kind, parts = stack.pop()
            if kind.startswith("claim:"):
                for cid in kind.removeprefix("claim:").split(","):
                    claims[cid] = claims.get(cid, "") + "".join(parts)
            else:
                (terms if kind == "term" else asides).append("".join(parts))
        else:
            for _, parts in stack:
                parts.append(token)
    assert not stack
    return claims, terms, asides


def article_section(report: str) -> str:
    """The marked article: after the section's legend and blank line, up to the next section."""
    section = report.split("## The article: claims and loaded terms marked\n", 1)[1]
    return section.split("\n", 2)[2].split("\n\n## Checkable claims", 1)[0]


# --- progress ---------------------------------------------------------------------------------------------


def test_progress_on_stderr_only_when_asked_and_never_when_quiet(env: None,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "analyze", str(SEEDS[2]), "--progress")
    assert code == 0 and "## Checkable claims" in out
    lines = err.splitlines()
    assert lines and all(STAMP.match(line) for line in lines), err
    assert any("reading the article" in line for line in lines)
    assert any(re.search(r"asking the model \(\w+@\d+\)", line) for line in lines)
    assert any(re.search(r"\w+@\d+ answered in \d+\.\ds", line) for line in lines)
    assert not any("During the last few days" in line for line in lines)  # no article text on stderr
    assert run(capsys, "analyze", str(SEEDS[2]), "--quiet")[2] == ""
    assert run(capsys, "analyze", str(SEEDS[2]))[2] == ""  # stderr is not a terminal here


def test_check_progress_names_each_article(env: None, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "check", str(SEEDS[1]), str(SEEDS[2]), "--progress")
    assert code == 0
    for seed in (SEEDS[1], SEEDS[2]):
        assert re.search(rf"^\s*\d+\.\ds  {seed.stem[:8]}…  reading the article$", err, re.M), err
    assert "matching the claims of 2 articles" in err


def test_article_ids_are_unique_and_valid_api_ids() -> None:
    assert cli._article_ids(["a/my story.txt", "b/my story.txt", "-"]) == ["my_story", "my_story-2", "a3"]


def test_help_says_where_the_work_runs(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["--help"], ["analyze", "--help"], ["check", "--help"]):
        with pytest.raises(SystemExit) as exited:
            cli.main(argv)
        assert exited.value.code == 0
        text = " ".join(capsys.readouterr().out.split())
        assert "--server URL" in text and "in this process" in text
    assert "--quiet" in text and "--progress" in text
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    assert "CROSSCHECK_API_KEY" in capsys.readouterr().out


# --- --server ---------------------------------------------------------------------------------------------


def test_server_gives_the_same_reports_as_in_process(env: None, server: LiveServer,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["analyze", str(SEEDS[2])], ["check", str(SEEDS[1]), str(SEEDS[2])]):
        code, local, _ = run(capsys, *argv)
        assert code == 0
        code, remote, err = run(capsys, *argv, "--server", server.url, "--progress")
        assert code == 0, err
        assert without_meta(remote) == without_meta(local)
        assert f"sent to {server.url}/v1/" in err and f"{server.url} answered 200" in err
        assert "working in this process" in run(capsys, *argv, "--progress")[2]  # the in-process path says so
    code, out, _ = run(capsys, "analyze", str(SEEDS[2]), "--server", server.url, "--json")
    assert code == 0 and AnalysisOut.model_validate(json.loads(out)).claims


def test_server_problem_is_its_title_and_exit_2(env: None, server: LiveServer, monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    long_article = " ".join(["Officials said the talks in Ankara ended on Monday without an agreement."] * 400)
    monkeypatch.setattr("sys.stdin", io.StringIO(long_article))
    code, out, err = run(capsys, "analyze", "-", "--server", server.url)
    assert (code, out) == (2, "")
    assert err.startswith("crosscheck: Article too long: text has ") and "Traceback" not in err
    monkeypatch.delenv("CROSSCHECK_API_KEY")
    code, _, err = run(capsys, "check", str(SEEDS[1]), str(SEEDS[2]), "--server", server.url)
    assert code == 2 and err.startswith("crosscheck: Unauthorized: send Authorization: Bearer")


def test_server_that_is_not_there_is_named(capsys: pytest.CaptureFixture[str]) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    code, _, err = run(capsys, "analyze", str(SEEDS[2]), "--server", url)
    assert code == 2 and f"no crosscheck service answered at {url}" in err


def test_server_run_says_it_is_waiting(env: None, server: LiveServer, fake_llm: FakeLLM,
                                       monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(cli, "WAIT_REPORT_S", 0.05)
    fake_llm.delay = 0.5  # each model call of the service's analysis
    code, _, err = run(capsys, "analyze", str(SEEDS[1]), "--server", server.url, "--progress")
    assert code == 0
    assert len(re.findall(rf"^\s*\d+\.\ds  waiting for {re.escape(server.url)}…$", err, re.M)) >= 3, err
    assert run(capsys, "analyze", str(SEEDS[1]), "--server", server.url, "--quiet")[2] == ""


# --- the analysis report ----------------------------------------------------------------------------------


def test_marked_spans_are_the_claims_quotes(env: None, capsys: pytest.CaptureFixture[str]) -> None:
    text = read(SEEDS[2])
    code, out, _ = run(capsys, "analyze", str(SEEDS[2]), "--json")
    result = AnalysisOut.model_validate_json(out)
    code, report, _ = run(capsys, "analyze", str(SEEDS[2]))
    assert code == 0
    claims, terms, asides = parse_marks(article_section(report))
    assert len(result.claims) > 5 and claims == {c.id: c.quote for c in result.claims}
    assert terms == [t.text for t in result.loaded_terms] and terms
    assert asides == [b.text for b in result.article.boilerplate if b.text.strip()]
    # Everything else is the article verbatim: without the markers, the text is the article.
    plain = re.sub(r"⟦[\w,]+ |⟪\w+: |[«⟧»⟫]", "", article_section(report))
    assert plain == text.strip()


def test_overlapping_claims_are_marked_whole(env: None, capsys: pytest.CaptureFixture[str]) -> None:
    """Claims that cross each other's edges, share one span, or hold a loaded term each get their exact quote."""
    text = read(SEEDS[2])
    code, out, _ = run(capsys, "analyze", str(SEEDS[2]), "--json")
    result = AnalysisOut.model_validate_json(out)
    c1, c2 = result.claims[0], result.claims[1]
    start, end = c1.start + 20, c2.start + 30  # across the edge between c1 and c2
    extra = [c1.model_copy(update={"id": "x1", "start": start, "end": end, "quote": text[start:end]}),
             c1.model_copy(update={"id": "x2"})]  # the same span as c1
    crossed = result.model_copy(update={"claims": [*result.claims, *extra]})
    report = render(crossed, text)
    claims, _, _ = parse_marks(article_section(report))
    assert claims == {c.id: c.quote for c in crossed.claims}
    assert "⟦c1,x2 " in report


def test_a_quote_not_in_the_text_is_said_not_marked(env: None, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "analyze", str(SEEDS[2]), "--json")
    result = AnalysisOut.model_validate_json(out)
    report = render(result, "x" * result.article.chars_total)
    assert "claim c1's quote is not at [" in report and "⟦" not in article_section(report)


def test_terminal_report_is_styled(env: None, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "analyze", str(SEEDS[2]), "--json")
    result = AnalysisOut.model_validate_json(out)
    styled = render(result, read(SEEDS[2]), Console(force_terminal=True, color_system="standard", width=100))
    assert "\x1b[4;36m" in styled and "[c1]" in styled and "⟦" not in styled and "«" not in styled
    assert "[set aside: navigation]" in styled


# --- the cross-check report -------------------------------------------------------------------------------


def test_check_report_lists_every_member_of_every_group_with_readable_parties(
        env: None, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", *map(str, SEEDS), "--json")
    result = CrossCheckOut.model_validate_json(out)
    code, report, _ = run(capsys, "check", *map(str, SEEDS))
    assert code == 0 and without_meta(report) == without_meta(render_cross_check(result))
    blocks = dict(re.findall(r"^  (g\d+) +(.*?)(?=^  g\d+ |^\n## |^\nmodel )", report, re.M | re.S))
    assert list(blocks) == [g.id for g in result.groups]
    flat = {gid: " ".join(block.split()) for gid, block in blocks.items()}
    for g in result.groups:
        for m in g.claims:
            assert f"{m.article_id}#{m.claim_id}" in flat[g.id]
            assert " ".join(f'"{m.quote}"'.split()) in flat[g.id]
    single = [g for g in result.groups if g.verdict == "single_source"]
    assert len(single) > 40
    assert f"## Facts from a single source ({len(single)} of {len(result.groups)} groups)" in report
    head, tail = report.split("## Facts from a single source")
    assert all(f"  {g.id} " in tail for g in single) and not any(f"  {g.id} " in head for g in single)
    assert "corroborated by 2 independent sources (Global Research, South Front)" in head
    # Parties read as the articles name them, not as the API's ids.
    assert any(s.startswith("party:") for g in result.groups for s in g.source_ids)
    assert "party:" not in report
    assert "single source (Russian Foreign Ministry spokeswoman Maria Zakharova)" in report
