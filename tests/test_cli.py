"""The command line, over the fake LLM (settings come from the environment, as for users)."""

from __future__ import annotations

import json
import re

import pytest

from service import cli
from service.config import get_settings
from tests.conftest import FAKE_KEY, SEEDS
from tests.fake_llm import FakeLLM


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, fake_llm: FakeLLM) -> None:
    monkeypatch.setenv("CROSSCHECK_LLM_MODEL", "openai/fake-model")
    monkeypatch.setenv("CROSSCHECK_LLM_API_BASE", fake_llm.url)
    monkeypatch.setenv("CROSSCHECK_LLM_API_KEY", FAKE_KEY)
    # The fake model offers no claims of its own: the rules strategy makes them (the CLI is under test here).
    monkeypatch.setenv("CROSSCHECK_CLAIMS_STRATEGY", "rules")
    monkeypatch.setenv("CROSSCHECK_SUMMARY_STRATEGY", "rules")
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_analyze_prints_a_readable_report(env: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["analyze", str(SEEDS[2])]) == 0
    out = capsys.readouterr().out
    assert "## Neutral summary" in out and "## Checkable claims" in out and "## Loaded terms" in out
    assert "original source: South Front" in out and "quote [" in out


def test_analyze_json_is_the_api_response(env: None, capsys: pytest.CaptureFixture[str]) -> None:
    text = SEEDS[2].read_text(encoding="utf-8")
    assert cli.main(["analyze", str(SEEDS[2]), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["claims"] and all(text[c["start"] : c["end"]] == c["quote"] for c in out["claims"])


def test_analyze_reports_errors_without_traceback(env: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["analyze", "/nonexistent/file.txt"]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_check_prints_sources_and_groups(env: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["check", *map(str, SEEDS)]) == 0
    out = capsys.readouterr().out
    assert "## Sources" in out
    assert re.search(r"s\d +South Front\n +001_535fbf09bbb5c42d · .*\n +002_79b10892488c4d46 · ", out), out
    assert "corroborated" in out and "five Turkish soldiers" in out


def test_check_json_and_its_errors(env: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["check", str(SEEDS[1]), str(SEEDS[2]), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [s["article_ids"] for s in out["sources"]] == [[SEEDS[1].stem, SEEDS[2].stem]]
    assert cli.main(["check", str(SEEDS[1])]) == 2  # one article is not a cross-check
    assert "two or more" in capsys.readouterr().err
