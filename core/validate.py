"""Check every data file under ``core/data`` and report every problem with its location.

``validate_data()`` parses each file with the one loader's parser (provenance header, column
header, cell counts), runs the knowledge-base validator (terms, ids, dates, aliases), and loads
every lexicon the pipeline uses, collecting all problems instead of stopping at the first.
It also checks the landmarks (dates, actors, aliases), the outlets (domains, wire codes,
countries) and the URL date patterns (each row's example must date as it says).
It also checks every column of the cue lexicons against the values the coder and the stance
extractor accept (:func:`validate_cues`): a value they would silently ignore, or one that would
break every article using the row, is reported here instead.
``python -m core check-data`` prints them, one ``file:line: message`` per line.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from core.datafiles import DATA_DIR, Row, parse_table, split_multi
from core.errors import DataFileError, DataIssue

#: The values the event coder reads in the columns of ``event_cues.tsv`` (``core/code.py``:
#: ``CueRow``, ``SentenceAnalyser.candidates``/``_check``/``_roles``).
CUE_KINDS = ("verb", "noun")
CUE_SCOPES = ("all", "article", "general")
CUE_ROLES = ("svo", "recipient", "transfer", "patient", "speaker")
#: The polarities of ``core/cameo.py``.
POLARITIES = ("cooperation", "friction", "neutral")
#: The kinds of rows the stance extractor reads (``core/stance.py``: ``lexicons``); a row of
#: another kind is silently ignored there.
STANCE_KINDS = ("naming", "support", "oppose", "contrast", "topic", "evaluative_clause",
                "holder_pronoun", "body_pronoun", "article_voice")
#: The kinds of ``reporting_verbs.tsv`` (``core/code.py`` and ``core/stance.py``: ``lexicons``).
REPORTING_KINDS = ("speech", "speech_or_object")
_GAP_TOKEN = re.compile(r"^_(\d+)$")
_PLAIN = re.compile(r"^[^\W_]+(?:['’\-.][^\W_]+)*'?[,;:.]?$")
_SYNTAX = "word, a/b, word~, word~~, word+s, _1 … _9 (see the header of event_cues.tsv)"


def _lexicon_loaders() -> list[tuple[str, Callable[[], Any]]]:
    from core import cameo, clean, code, segment, stance, syntax

    return [
        ("cameo", cameo.table),
        ("chrome", clean.chrome_patterns),
        ("abbreviations", segment.abbreviations),
        ("event cues", code.lexicons),
        ("parse words", syntax.words),
        ("stance cues", stance.lexicons),
    ]


#: a lemma whose final consonant doubles before -ed/-ing ("ban", "slap", "transfer"): one
#: vowel before one final consonant other than w, x, y (not "team", "crack", "word")
_DOUBLES = re.compile(r"(?:^|[^aeiou])[aeiou][b-df-hj-np-tvz]$")


def _pattern_problems(cell: str) -> list[str]:
    """Every syntax problem of a pattern cell (alternatives separated by ``|``)."""
    from core.cues import alternative_pattern

    problems: list[str] = []
    alts = [a.strip() for a in cell.split("|")]
    if any(not a for a in alts):
        problems.append(f"empty alternative in {cell!r} (a doubled, leading or trailing '|')")
    for alt in alts:
        if not alt:
            continue
        tokens = alt.split()
        found: list[str] = []
        for i, tok in enumerate(tokens):
            gap = _GAP_TOKEN.match(tok)
            if gap or tok.startswith("_"):
                if not gap or not 1 <= int(gap.group(1)) <= 9:
                    found.append(f"gap {tok!r} in {alt!r}: a gap is _N with N from 1 to 9")
                elif i == 0:
                    found.append(f"alternative {alt!r} starts with a gap (the first token must be a word)")
                elif i == len(tokens) - 1:
                    found.append(f"alternative {alt!r} ends with a gap (the last token must be a word)")
                elif _GAP_TOKEN.match(tokens[i - 1]):
                    found.append(f"two gaps in a row in {alt!r} (use one _N)")
                continue
            parts = tok.split("/")
            if any(not p for p in parts):
                found.append(f"empty word in {tok!r} of {alt!r} (a doubled, leading or trailing '/')")
                continue
            for part in parts:
                base = part.removesuffix("~~") if part.endswith("~~") else \
                    part.removesuffix("~") if part.endswith("~") else part.removesuffix("+s")
                if not _PLAIN.match(base):
                    found.append(f"bad word {part!r} in {alt!r} (want letters, optionally ending "
                                 f"in ~, ~~ or +s)")
                elif part.endswith("~~") and not _DOUBLES.search(base.lower()):
                    found.append(f"{part!r} in {alt!r} doubles a final consonant that English does not "
                                 f"double (it would match '{base}{base[-1]}ed', not '{base}ed'): use "
                                 f"'{base}~'")
        if not found:
            try:
                alternative_pattern(alt)
            except (ValueError, IndexError, re.error) as exc:
                found.append(str(exc))
        problems.extend(found)
    return problems


def _bad(row: Row, column: str, message: str) -> DataIssue:
    return DataIssue(row.file, row.line, f"column '{column}': {message}")


def _allowed(values: Any) -> str:
    return ", ".join(values)


def validate_cues(data_dir: Path | None = None) -> list[DataIssue]:
    """Every problem in the columns of ``event_cues.tsv`` and ``stance_cues.tsv``: an action
    not in ``cameo.tsv`` (or a general-only action outside scope general), a kind, polarity
    (also: not allowed for the action by the codebook table, as ``cameo.tsv`` holds it),
    roles or scope the coder does not know, except_next words that are not single words,
    pattern syntax errors, and for the stance cues an unknown kind or a value the extractor
    cannot use.  ``data_dir`` defaults to ``core/data``."""
    base = Path(data_dir) if data_dir is not None else DATA_DIR
    issues: list[DataIssue] = []

    def table(name: str, required: tuple[str, ...]) -> tuple[Row, ...]:
        try:
            text = (base / name).read_text(encoding="utf-8")
        except OSError as exc:
            issues.append(DataIssue(name, 0, f"cannot read: {exc.strerror or exc}"))
            return ()
        tab, _found = parse_table(text, file=name, required=required)  # reported elsewhere
        return tab.rows

    # the actions and their polarities, as cameo.tsv defines them
    polarities: dict[str, set[str]] = {}
    general_polarities: dict[str, set[str]] = {}
    general_only: set[str] = set()
    codebook: set[str] = set()
    for row in table("cameo.tsv", ("action", "polarity")):
        action = row["action"]
        polarities.setdefault(action, set()).add(row["polarity"])
        general_polarities.setdefault(action, set()).add(row["general_polarity"])
        (codebook if row["scope"] != "general" else general_only).add(action)
    general_only -= codebook
    actions = list(polarities)

    for row in table("event_cues.tsv", ("action", "pattern", "kind", "scope")):
        action, pol, scope = row["action"], row["polarity"], row["scope"]
        if action not in polarities:
            issues.append(_bad(row, "action", f"unknown action {action!r} (want one of the actions "
                                              f"of cameo.tsv: {_allowed(actions)})"))
        if row["kind"] not in CUE_KINDS:
            issues.append(_bad(row, "kind", f"unknown kind {row['kind']!r} (want one of "
                                            f"{_allowed(CUE_KINDS)})"))
        if scope not in CUE_SCOPES:
            issues.append(_bad(row, "scope", f"unknown scope {scope!r} (want one of "
                                             f"{_allowed(CUE_SCOPES)})"))
        elif action in general_only and scope != "general":
            issues.append(_bad(row, "scope", f"scope {scope!r} for {action}, an action outside the "
                                             f"codebook (cameo.tsv scope general): want general"))
        if row["roles"] not in CUE_ROLES:
            issues.append(_bad(row, "roles", f"unknown roles {row['roles']!r} (want one of "
                                             f"{_allowed(CUE_ROLES)})"))
        if pol and pol not in POLARITIES:
            issues.append(_bad(row, "polarity", f"unknown polarity {pol!r} (want empty for the "
                                                f"action's default, or one of {_allowed(POLARITIES)})"))
        elif pol and action in polarities:
            allowed = set(polarities[action])
            if scope == "general":
                allowed |= general_polarities[action]
            if pol not in allowed:
                ordered = [p for p in POLARITIES if p in allowed]
                issues.append(_bad(row, "polarity", f"polarity {pol!r} is not allowed for {action} "
                                                    f"(codebook table, cameo.tsv: {_allowed(ordered)})"))
        if row["except_next"]:
            for word in row["except_next"].split("/"):
                if not word.strip() or not _PLAIN.match(word.strip()) or word != word.strip():
                    issues.append(_bad(row, "except_next", f"bad word {word!r} in "
                                                           f"{row['except_next']!r} (want single words "
                                                           f"separated by '/')"))
        for problem in _pattern_problems(row["pattern"]):
            issues.append(_bad(row, "pattern", f"{problem}; syntax: {_SYNTAX}"))

    for row in table("reporting_verbs.tsv", ("kind", "pattern")):
        if row["kind"] not in REPORTING_KINDS:
            issues.append(_bad(row, "kind", f"unknown kind {row['kind']!r} (want one of "
                                            f"{_allowed(REPORTING_KINDS)})"))
        for problem in _pattern_problems(row["pattern"]):
            issues.append(_bad(row, "pattern", f"{problem}; syntax: {_SYNTAX}"))

    for row in table("stance_cues.tsv", ("kind", "pattern")):
        kind, value = row["kind"], row["value"]
        if kind == "attribution":
            issues.append(_bad(row, "kind", "'attribution' rows moved to reporting_verbs.tsv (one list of "
                                            "reporting verbs for the coder and the stance extractor)"))
            continue
        if kind not in STANCE_KINDS:
            issues.append(_bad(row, "kind", f"unknown kind {kind!r} (want one of "
                                            f"{_allowed(STANCE_KINDS)})"))
        if kind in ("support", "oppose") and value:
            try:
                weight = float(value)
            except ValueError:
                weight = -1.0
            if not weight > 0:
                issues.append(_bad(row, "value", f"weight {value!r} of a {kind} row is not a positive "
                                                 f"number (want 1 or 2; empty means 1)"))
        if kind == "topic" and not value:
            issues.append(_bad(row, "value", "empty target label of a topic row (want the label, "
                                             "e.g. 'bilateral security cooperation')"))
        if kind in ("holder_pronoun", "body_pronoun"):
            for alt in split_multi(row["pattern"]):
                if len(alt.split()) != 1:
                    issues.append(_bad(row, "pattern", f"holder pronoun {alt!r} is not one word "
                                                       f"(want single pronouns separated by '|')"))
        for problem in _pattern_problems(row["pattern"]):
            issues.append(_bad(row, "pattern", f"{problem}; syntax: {_SYNTAX}"))
    return issues


def validate_data() -> list[DataIssue]:
    """Every problem in the data files, each with file and line (empty when all is well)."""
    from core.dates import validate_date_words, validate_relative_dates
    from core.kb import validate_kb
    from core.landmarks import validate_landmarks
    from core.measured import validate_measured
    from core.outlets import validate_credits, validate_outlets
    from core.urls import validate_url_dates

    issues: list[DataIssue] = []
    for path in sorted(DATA_DIR.glob("*.tsv")):
        _table, found = parse_table(path.read_text(encoding="utf-8"), file=path.name)
        issues.extend(found)
    issues.extend(validate_kb())
    issues.extend(validate_landmarks())
    issues.extend(validate_outlets())
    issues.extend(validate_credits())
    issues.extend(validate_url_dates())
    issues.extend(validate_date_words())
    issues.extend(validate_relative_dates())
    issues.extend(validate_measured())
    cue_issues = validate_cues(DATA_DIR)
    issues.extend(cue_issues)
    flagged = {(i.file, i.line) for i in cue_issues if i.message.startswith("column 'pattern'")}
    for name, loader in _lexicon_loaders():
        try:
            getattr(loader, "cache_clear", lambda: None)()
            loader()
        except DataFileError as exc:
            # a pattern error found above is not reported twice (the loader's own wording)
            issues.extend(i for i in exc.issues
                          if not (i.message.startswith("bad pattern") and (i.file, i.line) in flagged))
        except Exception as exc:  # noqa: BLE001 - report a broken lexicon, keep checking the rest
            issues.append(DataIssue(name, 0, f"cannot be loaded: {type(exc).__name__}: {exc}"))
    unique = {(i.file, i.line, i.message): i for i in issues}
    return sorted(unique.values(), key=lambda i: (i.file, i.line, i.message))


def main(argv: list[str]) -> int:
    """``python -m core check-data``: print every problem; exit 1 when there is any."""
    if argv and argv[0] in ("-h", "--help"):
        print("usage: python -m core check-data\n\n" + (__doc__ or "").strip())
        return 0
    if argv:
        print(f"error: check-data takes no arguments (got {' '.join(argv)})", file=sys.stderr)
        return 2
    issues = validate_data()
    for issue in issues:
        print(issue, file=sys.stderr)
    n_files = len(list(DATA_DIR.glob("*.tsv")))
    print(f"{n_files} data files checked, {len(issues)} problem(s)")
    return 1 if issues else 0
