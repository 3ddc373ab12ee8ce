"""The knowledge base files: the real ones validate, and the validator reports every kind
of problem with its file and line (on broken copies of the fictional-world fixture)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from core.errors import DataFileError
from core.kb import load_kb, validate_kb

FICTIONAL = Path(__file__).parent / "fixtures" / "kb_fictional"


def test_kb_real_data_validates_clean() -> None:
    issues = validate_kb()
    assert issues == [], "\n".join(str(i) for i in issues)


def test_kb_real_data_has_every_country_and_the_codebook_administrations() -> None:
    kb = load_kb()
    assert len(kb.countries) >= 195
    assert kb.country_actor("US").name == "Government of the United States"
    assert kb.country_actor("MX").name == "Government of Mexico"
    assert kb.country_actor("CO").country == "OTHER"
    us = [(a.label, a.start) for a in kb.admin_list("US")]
    mx = [(a.label, a.start) for a in kb.admin_list("MX")]
    assert us == [("Bush", "2001-01-20"), ("Obama", "2009-01-20"), ("Trump I", "2017-01-20"),
                  ("Biden", "2021-01-20"), ("Trump II", "2025-01-20")]
    assert mx == [("Fox", "2000-12-01"), ("Calderón", "2006-12-01"), ("Peña Nieto", "2012-12-01"),
                  ("López Obrador", "2018-12-01"), ("Sheinbaum", "2024-10-01")]


@pytest.mark.parametrize(
    ("office", "on", "holder"),
    [
        ("mx-president", "2021-06-01", "andres-manuel-lopez-obrador"),
        ("mx-president", "2024-10-01", "claudia-sheinbaum"),
        ("us-amb-mx", "2024-11-15", "ken-salazar"),
        ("us-secstate", "2021-10-08", "antony-blinken"),
        ("us-dhs-secretary", "2022-05-01", "alejandro-mayorkas"),
        ("mx-defense-secretary", "2025-03-01", "ricardo-trevilla"),
        ("us-northcom-commander", "2025-03-01", "gregory-guillot"),
        ("us-president", "2025-01-19", "joe-biden"),
        ("us-president", "2025-01-20", "donald-trump"),
        ("mx-security-secretary", "2015-01-01", None),  # the SSP did not exist 2013–2018
    ],
)
def test_kb_holder_on_date(office: str, on: str, holder: str | None) -> None:
    actor = load_kb().holder(office, on)
    assert (actor.id if actor else None) == holder


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        ("2021-10-08", "2021-10-08", ("Biden", "López Obrador")),
        ("2024-11-06", "2025-01-19", ("Biden", "Sheinbaum")),
        ("2024-09-01", "2025-02-01", ("Biden → Trump II", "López Obrador → Sheinbaum")),
        ("2008-06-01", "2008-06-30", ("Bush", "Calderón")),
        ("1990-01-01", "2002-01-01", ("… → Bush", "… → Fox")),  # starts before the known ones
        ("1995-01-01", "1995-12-31", ("", "")),
        ("", "", ("", "")),
        ("2021-10-08", "", ("", "")),
    ],
)
def test_kb_administrations_of_a_window(low: str, high: str, expected: tuple[str, str]) -> None:
    assert load_kb().administrations(low, high) == expected


def test_kb_terms_of_a_person_in_order() -> None:
    terms = load_kb().terms_of("donald-trump")
    offices = [(t.office, t.start) for t in terms]
    assert ("us-president", "2017-01-20") in offices and ("us-president", "2025-01-20") in offices
    assert offices == sorted(offices, key=lambda o: o[1])


def test_kb_every_real_file_has_a_provenance_header_with_sources() -> None:
    from core.kb import DATA_DIR, FILES

    for name, _required in FILES.values():
        head = (DATA_DIR / name).read_text(encoding="utf-8").splitlines()[0]
        assert head.startswith("#"), name
        text = (DATA_DIR / name).read_text(encoding="utf-8")
        assert "Sources:" in text or "sources" in text.lower(), name


def _broken_copy(tmp_path: Path, file: str, append: str) -> Path:
    target = tmp_path / "kb"
    shutil.copytree(FICTIONAL, target)
    with (target / file).open("a", encoding="utf-8") as fh:
        fh.write(append)
    return target


def _line_count(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


@pytest.mark.parametrize(
    ("file", "row", "needle"),
    [
        ("terms.tsv", "us-amb-mx\teve-marsh\t2013-01-01\t2013-06-01\n", "overlapping terms"),
        ("terms.tsv", "us-amb-mx\tdan-salazar\t2005-06-01\t2004-01-01\n", "is not before end"),
        ("terms.tsv", "us-amb-mx\tnobody-known\t2001-01-01\t2001-06-01\n", "unknown actor id 'nobody-known'"),
        ("terms.tsv", "no-such-office\tdan-salazar\t2001-01-01\t2001-06-01\n", "unknown office id"),
        ("terms.tsv", "us-amb-mx\tdan-salazar\t2001-13-01\t2001-06-01\n", "malformed date"),
        ("terms.tsv", "us-amb-mx\tdan-salazar\tMarch 2001\t\n", "malformed date"),
        ("actors.tsv", "new-guy\tNew Guy\tXX\tperson\tgovernment\n", "bad country code 'XX'"),
        ("actors.tsv", "new-guy\tNew Guy\tUS\twizard\tgovernment\n", "bad kind 'wizard'"),
        ("actors.tsv", "new-guy\tNew Guy\tUS\tperson\tgovernment\tLa Garza\n", "alias 'La Garza' is ambiguous"),
        ("aliases.tsv", "blue-river\tthe Agency\t2010-06-01\t\n", "alias 'the Agency' is ambiguous"),
        ("countries.tsv", "Q1\tNowhere\t\t\t\n", "bad country code 'Q1'"),
        ("administrations.tsv", "US\tNobody\tava-stone\t2005-01-01\t2006-01-01\n", "overlaps"),
        ("actors.tsv", "a\tb\tUS\tperson\tx\ty\tz\tnote\textra cell\n", "stray tab"),
    ],
)
def test_kb_validator_reports_problem_with_file_and_line(tmp_path: Path, file: str, row: str, needle: str) -> None:
    data = _broken_copy(tmp_path, file, row)
    issues = validate_kb(data)
    line = _line_count(data / file)
    hits = [i for i in issues if needle in i.message]
    assert hits, [str(i) for i in issues]
    assert any(i.file == file and i.line == line for i in hits), [str(i) for i in hits]


def test_kb_alias_on_separate_dates_is_not_ambiguous(tmp_path: Path) -> None:
    data = _broken_copy(tmp_path, "aliases.tsv", "blue-river\tthe Agency\t1990-01-01\t1999-12-31\n")
    assert validate_kb(data) == []


def test_kb_load_raises_with_every_issue(tmp_path: Path) -> None:
    data = _broken_copy(tmp_path, "terms.tsv",
                        "us-amb-mx\tnobody\t2001-01-01\t2001-06-01\nus-amb-mx\tdan-salazar\t2001-99-01\t\n")
    with pytest.raises(DataFileError) as err:
        load_kb(data)
    assert len(err.value.issues) == 2
    assert "terms.tsv:" in str(err.value)


def test_kb_missing_file_is_reported(tmp_path: Path) -> None:
    data = tmp_path / "kb"
    shutil.copytree(FICTIONAL, data)
    (data / "roles.tsv").unlink()
    assert any(i.file == "roles.tsv" and "cannot read" in i.message for i in validate_kb(data))
