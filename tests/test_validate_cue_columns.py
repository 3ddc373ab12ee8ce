"""`check-data` validates every column of the cue lexicons against the values the coder and the
stance extractor accept: a bad copy of a data file, written to a temp dir, is reported with its
file:line, the column, the bad value and the allowed values."""

from __future__ import annotations

from pathlib import Path

import pytest

from core import datafiles, validate

EVENT_ROW = "{action}\t{pattern}\t{kind}\t{polarity}\t{roles}\t{scope}\t{except_next}\ttest row\n"


def _event_row(**cells: str) -> str:
    values = {"action": "AGREE", "pattern": "frobnicate~", "kind": "verb", "polarity": "",
              "roles": "svo", "scope": "all", "except_next": ""}
    values.update(cells)
    return EVENT_ROW.format(**values)


def _copy_with(tmp_path: Path, name: str, extra: str) -> int:
    """Copy the real data files into ``tmp_path``, append ``extra`` to ``name``; returns the
    line number of the appended row."""
    for path in datafiles.DATA_DIR.glob("*.tsv"):
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    text = (tmp_path / name).read_text(encoding="utf-8")
    if not text.endswith("\n"):
        text += "\n"
    (tmp_path / name).write_text(text + extra, encoding="utf-8")
    return len(text.splitlines()) + 1


@pytest.mark.parametrize(
    ("name", "row", "expected"),
    [
        ("event_cues.tsv", _event_row(action="COOPERTE"),
         ["column 'action'", "'COOPERTE'", "COOPERATE", "CONSULT"]),
        ("event_cues.tsv", _event_row(kind="verbal"), ["column 'kind'", "'verbal'", "verb, noun"]),
        ("event_cues.tsv", _event_row(polarity="friendly"),
         ["column 'polarity'", "'friendly'", "cooperation, friction, neutral"]),
        ("event_cues.tsv", _event_row(action="AGREE", polarity="friction"),
         ["column 'polarity'", "'friction' is not allowed for AGREE", "cooperation"]),
        ("event_cues.tsv", _event_row(action="ACCUSE", polarity="cooperation"),
         ["column 'polarity'", "'cooperation' is not allowed for ACCUSE", "friction"]),
        ("event_cues.tsv", _event_row(roles="receiver"),
         ["column 'roles'", "'receiver'", "svo, recipient, transfer, patient, speaker"]),
        ("event_cues.tsv", _event_row(scope="articles"),
         ["column 'scope'", "'articles'", "all, article, general"]),
        ("event_cues.tsv", _event_row(action="SAY", scope="all"),
         ["column 'scope'", "SAY", "want general"]),
        ("event_cues.tsv", _event_row(pattern="_2 deal"),
         ["column 'pattern'", "'_2 deal' starts with a gap"]),
        ("event_cues.tsv", _event_row(pattern="sign~ _0 deal"),
         ["column 'pattern'", "'_0'", "N from 1 to 9"]),
        ("event_cues.tsv", _event_row(pattern="sign~ _12 deal"),
         ["column 'pattern'", "'_12'", "N from 1 to 9"]),
        ("event_cues.tsv", _event_row(pattern="sign~ deal _3"),
         ["column 'pattern'", "ends with a gap"]),
        ("event_cues.tsv", _event_row(pattern="sign~||seal~"),
         ["column 'pattern'", "empty alternative", "'sign~||seal~'"]),
        ("event_cues.tsv", _event_row(pattern="sign~ deal|"),
         ["column 'pattern'", "empty alternative"]),
        ("event_cues.tsv", _event_row(pattern="sign~ deal//pact"),
         ["column 'pattern'", "empty word", "'deal//pact'"]),
        ("event_cues.tsv", _event_row(pattern="~~ deal"),
         ["column 'pattern'", "bad word '~~'"]),
        # a doubling English does not do ("teamed up", "cracked down" would never match)
        ("event_cues.tsv", _event_row(pattern="team~~ up"),
         ["column 'pattern'", "'team~~'", "use 'team~'"]),
        ("event_cues.tsv", _event_row(pattern="crack~~ down"),
         ["column 'pattern'", "'crack~~'", "use 'crack~'"]),
        ("event_cues.tsv", _event_row(except_next="press conference/up"),
         ["column 'except_next'", "'press conference'", "single words"]),
        ("reporting_verbs.tsv", "speeches\tproclaim~\ttest row\n",
         ["column 'kind'", "'speeches'", "speech, speech_or_object"]),
        ("reporting_verbs.tsv", "speech\tproclaim~ _0 that\ttest row\n",
         ["column 'pattern'", "'_0'", "N from 1 to 9"]),
        # one list of reporting verbs: a stance row of the old kind is pointed to it
        ("stance_cues.tsv", "attribution\tproclaim~\t\ttest row\n",
         ["column 'kind'", "moved to reporting_verbs.tsv"]),
        ("stance_cues.tsv", "suport\tgood\t1\ttest row\n",
         ["column 'kind'", "'suport'", "support, oppose"]),
        ("stance_cues.tsv", "support\tsplendid\theavy\ttest row\n",
         ["column 'value'", "'heavy'", "positive number"]),
        ("stance_cues.tsv", "topic\tborder wall\t\ttest row\n",
         ["column 'value'", "empty target label"]),
        ("stance_cues.tsv", "oppose\tawful||bad\t1\ttest row\n",
         ["column 'pattern'", "empty alternative"]),
        ("stance_cues.tsv", "holder_pronoun\tthe man\t\ttest row\n",
         ["column 'pattern'", "'the man' is not one word"]),
    ],
)
def test_validate_cue_columns_report_bad_value(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               name: str, row: str, expected: list[str]) -> None:
    line = _copy_with(tmp_path, name, row)
    monkeypatch.setattr(validate, "DATA_DIR", tmp_path)
    issues = [str(i) for i in validate.validate_data() if i.file == name and i.line == line]
    assert issues, f"nothing reported at {name}:{line}"
    assert any(all(part in issue for part in expected) for issue in issues), issues
    assert all(issue.startswith(f"{name}:{line}: column '") for issue in issues), issues


def test_validate_cue_columns_typo_in_an_existing_row(tmp_path: Path) -> None:
    for path in datafiles.DATA_DIR.glob("*.tsv"):
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    cues = tmp_path / "event_cues.tsv"
    lines = cues.read_text(encoding="utf-8").splitlines(keepends=True)
    n = next(i for i, text in enumerate(lines) if text.startswith("COOPERATE\t"))
    lines[n] = lines[n].replace("COOPERATE\t", "COOPERTE\t", 1)
    cues.write_text("".join(lines), encoding="utf-8")
    issues = [str(i) for i in validate.validate_cues(tmp_path)]
    assert len(issues) == 1, issues
    assert issues[0].startswith(f"event_cues.tsv:{n + 1}: column 'action': unknown action 'COOPERTE'")


def test_validate_cue_columns_real_files_are_clean() -> None:
    assert validate.validate_cues() == []


def test_validate_cue_columns_one_message_per_pattern_error(tmp_path: Path) -> None:
    line = _copy_with(tmp_path, "event_cues.tsv", _event_row(pattern="_2 deal"))
    issues = [i for i in validate.validate_cues(tmp_path) if i.line == line]
    assert len(issues) == 1, issues


@pytest.mark.parametrize("lemma", ["ban", "slap", "transfer", "commit", "kidnap", "expel", "patrol"])
def test_validate_cue_columns_accept_real_doublings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    lemma: str) -> None:
    line = _copy_with(tmp_path, "event_cues.tsv", _event_row(pattern=f"{lemma}~~"))
    monkeypatch.setattr(validate, "DATA_DIR", tmp_path)
    assert not [str(i) for i in validate.validate_data() if i.file == "event_cues.tsv" and i.line == line]
