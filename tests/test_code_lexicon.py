"""The coder's data files: they load, agree with each other, and report bad rows with file:line."""

from __future__ import annotations

import pytest

from core import cameo
from core.cues import build_lexicon, compile_alternative, verb_forms
from core.datafiles import parse_table, read_table
from core.errors import DataFileError


@pytest.mark.parametrize("name", ["event_cues.tsv", "cameo.tsv", "modality.tsv", "coder_roles.tsv",
                                  "stance_cues.tsv"])
def test_code_lexicon_files_have_provenance_and_load(name: str) -> None:
    table = read_table(name)
    assert "Provenance" in table.header or "provenance" in table.header.lower()
    assert table.rows


def test_code_lexicon_every_action_is_in_cameo_table() -> None:
    known = set(cameo.actions())
    rows = read_table("event_cues.tsv").rows
    assert {r["action"] for r in rows} <= known
    for r in rows:
        assert r["kind"] in ("verb", "noun"), r.where()
        assert r["scope"] in ("all", "article", "general"), r.where()
        assert r["roles"] in ("svo", "recipient", "patient", "speaker", "transfer"), r.where()


def test_code_lexicon_codebook_actions_and_quads() -> None:
    for action, root, quad, sign in [("TRANSFER", "08", "material_cooperation", 1),
                                     ("ATTACK", "18", "material_conflict", -1),
                                     ("ACCUSE", "11", "verbal_conflict", -1),
                                     ("CONSULT", "04", "verbal_cooperation", 1)]:
        info = cameo.info(action)
        assert (info.cameo_root, info.quad_class) == (root, quad)
        assert info.intensity * sign > 0
    assert cameo.info("REQUEST", "friction").quad_class == "verbal_conflict"
    assert cameo.info("ARREST").polarity == "neutral"
    assert cameo.quad_of_root("14") == "verbal_conflict"


def test_code_lexicon_bad_pattern_is_reported_with_file_and_line() -> None:
    text = "# test lexicon\naction\tpattern\nAGREE\tsign~ _x deal\nAGREE\t_2 deal\nAGREE\tsign~\n"
    table, issues = parse_table(text, file="bad.tsv", required=("action", "pattern"))
    assert not issues
    with pytest.raises(DataFileError) as err:
        build_lexicon("bad.tsv", table.rows)
    msg = str(err.value)
    assert "bad.tsv:3" in msg and "bad.tsv:4" in msg and "bad.tsv:5" not in msg


@pytest.mark.parametrize(
    ("lemma", "forms"),
    [("agree", ["agree", "agrees", "agreed", "agreeing"]), ("deny", ["deny", "denies", "denied", "denying"]),
     ("meet", ["meet", "meets", "meeted", "meeting"]), ("push", ["push", "pushes", "pushed", "pushing"])],
)
def test_code_lexicon_verb_forms(lemma: str, forms: list[str]) -> None:
    assert verb_forms(lemma) == forms


def test_code_lexicon_pattern_matches_whole_words_with_gaps() -> None:
    _first, regex = compile_alternative("sign~ _3 agreement/deal")
    assert regex.match("signed a new security agreement")
    assert not regex.match("signed it and then went home to a deal")
    assert not regex.match("signage deal")
