"""Frames for the dashboard tests, built from the real seed articles.

The event and stance frames below are coded by hand from the seed texts (actor, target,
cue located in the real text, with real offsets), so that the dashboard can be tested
independently of the state of the automatic coder.  Also: a hostile article.  (Large
synthetic stores for speed are in benchmarks/synth.py: speed is measured, not tested.)
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from core import schema
from core.ids import article_id, stable_id
from core.landmarks import mentions_cell
from core.pipeline import Frames

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
_LINE = re.compile(r"[^\n]+")

# (seed file prefix, article metadata, events, stances)
# event: (sentence needle, actor1, country1, actor1 needle, actor2, country2, actor2 needle, action,
#         polarity, intensity, dyad, modality, cue, date, date_low, date_high, precision, conf)
CODED: list[dict[str, Any]] = [
    {
        "file": "000_", "title": "Mexico ‘closing the door’ on security cooperation with the US", "source": "Semainede4jours", "url": "https://example.org/salazar-closing-door",
        "published": "", "date_low": "2024-10-01", "date_high": "2024-11-30", "date_precision": "window",
        "date_evidence": "President-elect Donald Trump (teaser) and Sheinbaum as president: Oct–Nov 2024",
        "us_admin": "Biden", "mx_admin": "Sheinbaum",
        "events": [
            ("US Ambassador Ken Salazar said", "Ken Salazar", "US", "Ken Salazar", "Government of Mexico", "MX",
             "Mexican government", "ACCUSE", "friction", -4.0, "gov", "asserted", "closed the door",
             "", "2024-10-01", "2024-11-30", "window", 0.85),
            ("“The truth is Mexico is not safe,”", "Ken Salazar", "US", "Salazar", "Government of Mexico", "MX",
             "Mexico", "ACCUSE", "friction", -3.0, "gov", "asserted", "is not safe",
             "", "2024-10-01", "2024-11-30", "window", 0.7),
            ("Salazar said Mexico began closing", "Government of Mexico", "MX", "Mexico", "Government of the United States",
             "US", "United States", "REJECT", "friction", -5.0, "gov", "reported", "closing itself off",
             "", "2024-01-01", "2024-11-30", "window", 0.6),
        ],
        "stances": [
            ("“We coordinate, we work together", "Claudia Sheinbaum", "MX", "bilateral security cooperation",
             "mixed", "“We coordinate, we work together, but there is no compliance,”", "but there is no", 0.8),
            ("“The truth is Mexico is not safe,”", "Ken Salazar", "US", "Mexico's security policy", "oppose",
             "“The truth is Mexico is not safe,”", "not safe", 0.8),
        ],
    },
    {
        "file": "001_", "title": "Blinken meets Mexican officials on a new security framework", "source": "OAN", "url": "https://example.org/blinken-framework",
        "published": "2021-10-08", "date_low": "2021-10-08", "date_high": "2021-10-08", "date_precision": "day",
        "date_evidence": "UPDATED 5:45 PM PT – Friday, October 8, 2021", "us_admin": "Biden",
        "mx_admin": "López Obrador",
        "events": [
            ("Secretary of State Antony Blinken met", "Antony Blinken", "US", "Antony Blinken", "Government of Mexico",
             "MX", "Mexican government", "CONSULT", "cooperation", 4.0, "gov", "asserted", "met with",
             "2021-10-08", "2021-10-08", "2021-10-08", "day", 0.9),
            ("Mexican officials have continued to press", "Government of Mexico", "MX", "Mexican officials",
             "Government of the United States", "US", "U.S.", "REQUEST", "friction", -2.0, "gov", "asserted",
             "press", "2021-10-08", "2021-10-08", "2021-10-08", "day", 0.7),
            ("In the meantime, both governments have insisted", "Government of the United States", "US",
             "both governments", "Government of Mexico", "MX", "both governments", "AGREE", "cooperation", 5.0,
             "gov", "planned", "will work closely", "2021-10-08", "2021-10-08", "2021-10-08", "day", 0.6),
        ],
        "stances": [
            ("“It’s time for a comprehensive", "Antony Blinken", "US", "bilateral security cooperation", "support",
             "“It’s time for a comprehensive new approach to our security cooperation.", "It’s time", 0.85),
        ],
    },
    {
        "file": "002_", "title": "Mexico and US Strengthen Cooperation on Cross-Border Crime", "source": "", "url": "", "published": "", "date_low": "", "date_high": "",
        "date_precision": "none", "date_evidence": "", "us_admin": "", "mx_admin": "",
        "events": [
            ("In a decisive move to address", "Government of Mexico", "MX", "Mexico", "Government of the United States",
             "US", "the United States", "COOPERATE", "cooperation", 6.0, "gov", "asserted", "joint operations",
             "", "", "", "none", 0.6),
        ],
        "stances": [],
    },
    {
        "file": "003_", "title": "Pentagon announces coordinated border patrols with Mexican military amid push for immigration control", "source": "", "url": "javascript:alert(1)", "published": "",
        "date_low": "2025-03-01", "date_high": "2025-03-31", "date_precision": "month",
        "date_evidence": "Trump administration (current) and 'this month'", "us_admin": "Trump II",
        "mx_admin": "Sheinbaum",
        "events": [
            ("The Pentagon recently announced", "U.S. Department of Defense", "US", "The Pentagon", "Mexican Armed Forces",
             "MX", "Mexican military", "COOPERATE", "cooperation", 6.0, "gov", "asserted", "coordinated efforts",
             "2025-03-01", "2025-03-01", "2025-03-31", "month", 0.8),
            ("The agreement emphasizes", "Government of the United States", "US", "both countries",
             "Government of Mexico", "MX", "both countries", "AGREE", "cooperation", 5.0, "gov", "asserted",
             "agreeing to conduct coordinated patrols", "2025-03-01", "2025-03-01", "2025-03-31", "month", 0.75),
        ],
        "stances": [],
    },
    {
        "file": "004_", "title": "Mexico Expels Alleged Cartel Members: Understanding Cross-Border Security and the Fight Against Organized Crime", "source": "", "url": "https://example.org/expels", "published": "2025-08-13",
        "date_low": "2025-08-13", "date_high": "2025-08-13", "date_precision": "day", "date_evidence": "metadata",
        "us_admin": "Trump II", "mx_admin": "Sheinbaum",
        "events": [
            ("In a move signaling continued collaboration", "Government of Mexico", "MX", "Mexico",
             "Government of the United States", "US", "the United States", "TRANSFER", "cooperation", 7.0, "gov",
             "asserted", "expelled", "2025-08-12", "2025-08-12", "2025-08-12", "day", 0.8),
        ],
        "stances": [],
    },
]

HOSTILE_TEXT = (
    "Hostile report <script>window.__pwned = 1; alert('x')</script> from the border.\n"
    "Officials said <img src=x onerror=\"window.__pwned=2\"> the talks [click here](javascript:window.__pwned=3) "
    "went well and ![img](javascript:window.__pwned=4) was shown.\n"
    "The Government of Mexico agreed with the United States on <b>joint patrols</b> "
    "<a href=\"javascript:window.__pwned=5\">link</a> **bold** $x^2$ :smile: <iframe src=javascript:1></iframe>.\n"
    "Last line with `code` and # heading and <style>body{display:none}</style>.\n"
)


def _passages(text: str, aid: str) -> list[dict[str, Any]]:
    out = []
    for i, m in enumerate(_LINE.finditer(text)):
        if not m.group(0).strip():
            continue
        out.append({"passage_id": stable_id("p", aid, m.start(), m.end()), "article_id": aid,
                    "start": m.start(), "end": m.end(), "text": m.group(0), "index": i, "paragraph": i,
                    "role": "body"})
    return out


def _locate(text: str, passages: list[dict[str, Any]], needle: str) -> dict[str, Any]:
    pos = text.find(needle)
    assert pos >= 0, needle
    for p in passages:
        if p["start"] <= pos < p["end"]:
            return p
    raise AssertionError(needle)


def _span(text: str, p: dict[str, Any], needle: str) -> tuple[int, int]:
    pos = text.find(needle, p["start"], p["end"])
    return (pos, pos + len(needle)) if pos >= 0 else (-1, -1)


def _article_row(path: str, text: str, meta: dict[str, Any], title: str) -> dict[str, Any]:
    return {
        "article_id": article_id(text), "path": path, "source": meta["source"], "title": title,
        "url": meta["url"], "published": meta["published"], "date_low": meta["date_low"],
        "date_high": meta["date_high"], "date_precision": meta["date_precision"],
        "date_confidence": 0.9 if meta["date_precision"] == "day" else 0.5 if meta["date_low"] else 0.0,
        "date_evidence": meta["date_evidence"], "us_admin": meta["us_admin"], "mx_admin": meta["mx_admin"],
        "text": text, "problems": "", "content_hash": article_id(text),
        "landmarks": mentions_cell(text),  # as the pipeline finds them
        "n_events": len(meta["events"]), "n_stances": len(meta["stances"]),
    }


def _code(text: str, aid: str, meta: dict[str, Any], passages: list[dict[str, Any]]) -> tuple[list, list]:
    events, stances = [], []
    for (needle, a1, c1, a1n, a2, c2, a2n, action, pol, inten, dyad, mod, cue, date, lo, hi, prec,
         conf) in meta["events"]:
        p = _locate(text, passages, needle)
        cs, ce = _span(text, p, cue)
        s1, e1 = _span(text, p, a1n)
        s2, e2 = _span(text, p, a2n)
        events.append({
            "event_id": stable_id("ev", aid, p["start"], action, a1, a2), "article_id": aid,
            "passage_id": p["passage_id"], "start": p["start"], "end": p["end"], "actor1": a1,
            "country1": c1, "actor2": a2, "country2": c2, "action": action, "polarity": pol,
            "intensity": inten, "dyad": dyad, "modality": mod, "date": date, "date_precision": prec,
            "date_low": lo, "date_high": hi, "us_admin": meta["us_admin"], "mx_admin": meta["mx_admin"],
            "cue": cue, "cue_start": cs, "cue_end": ce, "confidence": conf, "cameo_root": "",
            "quad_class": "", "duplicate_of": "", "actor1_start": s1, "actor1_end": e1,
            "actor2_start": s2, "actor2_end": e2,
            "explanation": f"cue '{cue}' → {action} ({pol})",
        })
    for needle, holder, hc, target, stance, quote, cue, conf in meta["stances"]:
        p = _locate(text, passages, needle)
        qs, qe = _span(text, p, quote)
        stances.append({
            "stance_id": stable_id("st", aid, qs, holder), "article_id": aid, "passage_id": p["passage_id"],
            "start": qs, "end": qe, "holder": holder, "holder_country": hc, "target": target,
            "stance": stance, "quote": quote, "date": meta["date_low"] if meta["date_precision"] == "day" else "",
            "us_admin": meta["us_admin"], "mx_admin": meta["mx_admin"], "cue": cue, "confidence": conf,
            "explanation": f"{holder} on {target}: {stance}",
        })
    return events, stances


def seed_frames(seeds: Path = SEEDS, *, hostile: bool = False) -> Frames:
    """Frames over the real seed articles with hand-coded events and stances; with
    ``hostile`` an extra article whose text carries script/markdown/javascript payloads."""
    arts, pas, evs, sts = [], [], [], []
    for meta in CODED:
        path = next(seeds.glob(f"{meta['file']}*.txt"))
        text = path.read_text(encoding="utf-8")
        aid = article_id(text)
        title = meta["title"]
        arts.append(_article_row(f"seeds/{path.name}", text, meta, title))
        ps = _passages(text, aid)
        pas += ps
        e, s = _code(text, aid, meta, ps)
        evs += e
        sts += s
    if hostile:
        meta = {
            "source": "<b>Evil</b> outlet", "url": "javascript:window.__pwned=6", "published": "2025-05-02",
            "date_low": "2025-05-02", "date_high": "2025-05-02", "date_precision": "day",
            "date_evidence": "<script>window.__pwned=7</script>", "us_admin": "Trump II", "mx_admin": "Sheinbaum",
            "events": [
                ("The Government of Mexico agreed", "Government of Mexico <script>window.__pwned=8</script>", "MX",
                 "Government of Mexico", "Government of the United States", "US", "the United States", "AGREE",
                 "cooperation", 5.0, "gov", "asserted", "agreed", "2025-05-02", "2025-05-02", "2025-05-02",
                 "day", 0.9),
                ("Officials said <img", "Officials [x](javascript:window.__pwned=9)", "MX", "Officials",
                 "Government of the United States", "US", "talks", "CONSULT", "cooperation", 3.0, "gov",
                 "asserted", "talks", "2025-05-02", "2025-05-02", "2025-05-02", "day", 0.9),
            ],
            "stances": [
                ("Hostile report", "Hostile <img src=x onerror=\"window.__pwned=10\">", "MX", "<i>cooperation</i>",
                 "support", "<script>window.__pwned = 1; alert('x')</script>", "Hostile", 0.9),
            ],
        }
        aid = article_id(HOSTILE_TEXT)
        arts.append(_article_row("hostile.txt", HOSTILE_TEXT, meta, "<script>window.__pwned=11</script> Hostile"))
        ps = _passages(HOSTILE_TEXT, aid)
        pas += ps
        e, s = _code(HOSTILE_TEXT, aid, meta, ps)
        evs += e
        sts += s
    return Frames(
        articles=schema.to_frame("articles", arts), passages=schema.to_frame("passages", pas),
        events=schema.to_frame("events", evs), stances=schema.to_frame("stances", sts),
    )
