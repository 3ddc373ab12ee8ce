"""Realistic synthetic corpora and stores for the benchmarks (deterministic: seeded).

Articles look like the seeds: text copied from a news web page, with site chrome (outlet
name, "Advertisement", share prompts, a lone image caption), a title line repeated, a
dateline, a byline, paragraphs of sentences naming real actors (taken from the knowledge
base's ``core/data/actors.tsv`` when it is there, else the short list below) in
cooperation and friction cues, relative and absolute dates, quotes with attribution, and
sometimes a "related stories" teaser list.  The text varies enough (names, numbers,
places, dates, sentence choice and order) that articles are distinct.

Stores are built column-wise with numpy (1M events in seconds) with the columns and
dtypes of :mod:`core.schema`, realistic cardinalities (the KB's actors, the codebook's
actions, dates over 2006–2025, windows for 15% of the events, 10% repeated reports) and
the proportions of real builds (events, passages and text per article).

The benchmarks make their inputs with this module's command line, in a process of their own
(so that the measuring process never holds the generator's arrays):

    python -m benchmarks.synth store OUT --events 1000000 [--seed 0]
    python -m benchmarks.synth corpus OUT --n 1000 [--seed 0] [--jsonl-share 0.2] [--short]

Each prints one JSON line: the path written, the wall seconds and the peak RSS of the run.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

from core import schema
from core.pipeline import Frames

# Used only when the knowledge base's actors file is not there (real names, as in the seeds).
_FALLBACK_ACTORS: list[tuple[str, str, str]] = [
    ("Antony Blinken", "US", "person"), ("Ken Salazar", "US", "person"),
    ("Merrick Garland", "US", "person"), ("Alejandro Mayorkas", "US", "person"),
    ("Joe Biden", "US", "person"), ("Donald Trump", "US", "person"),
    ("Marco Rubio", "US", "person"), ("Kristi Noem", "US", "person"),
    ("Ronald Johnson", "US", "person"), ("Christopher Landau", "US", "person"),
    ("Andrés Manuel López Obrador", "MX", "person"), ("Claudia Sheinbaum", "MX", "person"),
    ("Marcelo Ebrard", "MX", "person"), ("Alicia Bárcena", "MX", "person"),
    ("Juan Ramón de la Fuente", "MX", "person"), ("Omar García Harfuch", "MX", "person"),
    ("Rosa Icela Rodríguez", "MX", "person"), ("Luis Cresencio Sandoval", "MX", "person"),
    ("Alejandro Gertz Manero", "MX", "person"), ("Enrique Peña Nieto", "MX", "person"),
    ("Felipe Calderón", "MX", "person"), ("Genaro García Luna", "MX", "person"),
    ("the Drug Enforcement Administration", "US", "institution"),
    ("the Department of Homeland Security", "US", "institution"),
    ("U.S. Customs and Border Protection", "US", "institution"),
    ("the State Department", "US", "institution"), ("the Pentagon", "US", "institution"),
    ("Mexico's National Guard", "MX", "institution"), ("Mexico's Foreign Ministry", "MX", "institution"),
    ("the Mexican Army", "MX", "institution"), ("Mexico's Attorney General's Office", "MX", "institution"),
    ("the Sinaloa Cartel", "NS", "nonstate"), ("the Jalisco New Generation Cartel", "NS", "nonstate"),
    ("the Gulf Cartel", "NS", "nonstate"), ("Los Zetas", "NS", "nonstate"),
]

OUTLETS = ["Reuters", "OAN Newsroom", "Border Report", "Mexico News Daily", "AP News", "El Universal English",
           "The Dallas Morning News", "Semainede4jours", "InSight Crime", "Politico"]
PLACES = ["Mexico City", "Washington", "El Paso", "Tijuana", "Ciudad Juárez", "Culiacán", "Nogales",
          "San Diego", "Monterrey", "Laredo", "Matamoros", "Reynosa", "Guadalajara"]
TOPICS = ["fentanyl trafficking", "arms smuggling", "migration", "extraditions", "border security",
          "money laundering", "the security framework", "cartel violence", "intelligence sharing"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]

COOPERATION = [
    "{us} and {mx} agreed on {weekday} to expand joint operations against {ns} along the border.",
    "{mx} extradited {n} alleged members of {ns} to the United States on {weekday}, officials said.",
    "{us} met with {mx} in {place} to discuss a new framework on {topic}.",
    "{us} pledged ${n} million in assistance to help {mx} fight {topic}.",
    "Officials from both governments signed an agreement in {place} to share intelligence on {topic}.",
    "{mx} and {us} announced a joint task force to dismantle the finances of {ns}.",
    "{mx} handed over {n} suspects wanted in the United States as part of the cooperation with {us}.",
    "{us} praised {mx} for the arrest of a senior leader of {ns} in {place}.",
]
FRICTION = [
    "{mx} rejected the accusations made by {us} about {topic}, calling them unacceptable.",
    "{us} accused {mx} of failing to stop {ns} from moving fentanyl across the border.",
    "{mx} said Mexico would not accept any unilateral action by U.S. forces on its territory.",
    "{us} threatened to impose tariffs unless {mx} did more to curb {topic}.",
    "{mx} criticized the decision by {us} to designate {ns} as a terrorist organization.",
    "Suspected members of {ns} fired at U.S. Border Patrol agents near {place} on {weekday}.",
    "{mx} demanded that {us} explain why agents operated in {place} without notifying Mexico.",
    "{mx} ordered the expulsion of agents linked to {us}, a move that strained relations.",
]
NEUTRAL = [
    "The border between the two countries stretches for more than 3,000 kilometers.",
    "Homicides in {place} rose by {n} percent last year, according to government figures.",
    "Analysts said the talks on {topic} would take months to bear fruit.",
    "The meeting was the {nth} of its kind since {year}.",
    "Local media reported that {n} people were detained in {place} on {weekday}.",
    "Experts have long warned that {topic} is a shared responsibility.",
    "The governor of the state said more resources were needed to address {topic}.",
]
QUOTES = [
    "“We coordinate, we work together, but there is no subordination,” {mx} said.",
    "“It’s time for a comprehensive new approach to our security cooperation,” said {us}.",
    "“The truth is that the violence affects both of our countries,” {us} told reporters in {place}.",
    "“Mexico will not accept interference in its internal affairs,” {mx} said on {weekday}.",
    "“We will continue to work with our partners in {place} to stop {ns},” {us} said.",
]
# Wire-copy shapes (real-length articles, ``ArticleMaker(long=True)``): arguments far from their
# verbs (appositions, relative clauses, long noun phrases), quotes attributed after the quote or
# in the next sentence, background clauses with their own years.
LONG = [
    "{mx}, which has faced growing pressure from Washington over {topic}, handed over {n} alleged members of"
    " {ns}, among them a trafficker who had been wanted since {year} for the murder of an agent, to U.S."
    " authorities on {weekday}.",
    "{us}, the official who has led the talks on {topic} since {year}, said the agreement would allow both"
    " countries to share intelligence more quickly.",
    "The measure, which {mx} criticized as an intrusion on Mexican sovereignty, was announced by {us} in"
    " {place} after weeks of negotiations that both sides described as difficult.",
    "“We are not going to allow foreign troops on our territory,” {mx} said, adding that cooperation with"
    " the United States would continue on the basis of mutual respect.",
    "“This is a shared responsibility,” {us} told reporters in {place}. “We will keep working with our"
    " partners until {ns} is dismantled.”",
    "According to {us}, the operation in {place}, which involved hundreds of soldiers and federal agents,"
    " was planned for months with the help of intelligence provided by the United States.",
    "{mx} called the conditions set by {us} an excuse for interfering in Mexico’s internal affairs.",
    "The program, launched in {year} to train Mexican police and prosecutors, has delivered more than"
    " ${n} million in equipment, according to a report released on {weekday}.",
]
CHROME = ["Advertisement", "Share this article", "Be the first to comment", "Trending", "close",
          "Connect with us", "Sign up for our newsletter", "pic.twitter.com/x8Yk2Lq0"]


def kb_actors() -> list[tuple[str, str, str]]:
    """``(name, country, kind)`` of the actors in the knowledge base's ``actors.tsv``
    (persons, institutions, criminal organisations of the US and Mexico), or the fallback
    list when that file is not there yet."""
    try:
        from core.datafiles import read_table

        table = read_table("actors.tsv")
    except Exception:  # noqa: BLE001 - the KB file may not exist yet
        return list(_FALLBACK_ACTORS)
    out: list[tuple[str, str, str]] = []
    for row in table.rows:
        name, country = row.get("name"), row.get("country")
        if name and country in ("US", "MX", "NS"):
            out.append((name, country, row.get("kind", "person")))
    have = {c for _, c, _ in out}
    return out if {"US", "MX", "NS"} <= have else list(_FALLBACK_ACTORS)


class ArticleMaker:
    """Makes realistic article texts (deterministic for a given seed)."""

    def __init__(self, seed: int = 0, *, long: bool = False) -> None:
        self.rng = random.Random(seed)
        self.long = long  # real-length articles (about 700 words) in wire-copy shapes
        actors = kb_actors()
        self.by_country = {c: [a for a, ac, _ in actors if ac == c] for c in ("US", "MX", "NS")}

    def _fill(self, template: str, day: date) -> str:
        r = self.rng
        return template.format(
            us=r.choice(self.by_country["US"]), mx=r.choice(self.by_country["MX"]),
            ns=r.choice(self.by_country["NS"]), place=r.choice(PLACES), topic=r.choice(TOPICS),
            weekday=WEEKDAYS[day.weekday()], n=r.randint(2, 450), year=r.randint(2006, day.year),
            nth=r.choice(["second", "third", "fourth", "fifth", "tenth"]),
        )

    def article(self, i: int) -> dict[str, str]:
        """Article number ``i``: ``{"title", "source", "published", "text"}`` (``text``
        is the whole page as copied, with chrome)."""
        r = self.rng
        day = date(2006, 1, 1) + timedelta(days=r.randint(0, 7300))
        outlet = r.choice(OUTLETS)
        title = self._fill(r.choice(COOPERATION + FRICTION), day).rstrip(".")
        title = title[0].upper() + title[1:]
        paragraphs: list[str] = []
        pools = [COOPERATION, FRICTION, NEUTRAL, QUOTES] + [LONG] * (3 if self.long else 0)
        for _ in range(r.randint(9, 13) if self.long else r.randint(4, 9)):
            pool = r.choice(pools)
            sentences = [self._fill(r.choice(pool), day) for _ in range(r.randint(1, 4))]
            if r.random() < 0.3:
                sentences.append(self._fill(r.choice(NEUTRAL), day))
            paragraphs.append(" ".join(s[0].upper() + s[1:] for s in sentences))
        paragraphs.append(f"Report {i} on {r.choice(TOPICS)} filed from {r.choice(PLACES)}.")
        lines = [outlet, title, title]
        if r.random() < 0.5:
            lines.append(f"UPDATED {r.randint(1, 12)}:{r.randint(0, 59):02d} PM PT – {WEEKDAYS[day.weekday()]}, "
                         f"{MONTHS[day.month - 1]} {day.day}, {day.year}")
        else:
            lines.append(f"Published {MONTHS[day.month - 1]} {day.day}, {day.year}")
        lines.append(f"By {r.choice(['Staff', 'Laura Y. Aizpuru', 'John Doe', 'bigrus', 'Ana Pérez'])}")
        for k, para in enumerate(paragraphs):
            lines.append(para)
            if k == 1 and r.random() < 0.5:
                lines.append(r.choice(CHROME))
            if k == 2 and r.random() < 0.3:
                lines.append(r.choice(["mexican troops", "border wall", "file photo"]))
        if r.random() < 0.4:
            lines.append("Related stories")
            lines.extend(f"  • {self._fill(r.choice(COOPERATION + FRICTION), day).rstrip('.')}"
                         for _ in range(3))
        lines.extend(r.sample(CHROME, 2))
        return {"title": title, "source": outlet, "published": day.isoformat(), "text": "\n".join(lines) + "\n"}

    def articles(self, n: int) -> Iterator[dict[str, str]]:
        """``n`` articles."""
        for i in range(n):
            yield self.article(i)


def write_corpus(out: str | Path, n: int, *, seed: int = 0, jsonl_share: float = 0.0,
                 per_dir: int = 1000, long: bool = False) -> Path:
    """Write ``n`` articles under ``out``: ``.txt`` files (pages as copied, like the seeds)
    in sub-folders of ``per_dir`` files, and the share ``jsonl_share`` of them as JSONL
    files of 1,000 lines (with title/source/published columns); ``long``: real-length
    articles (see :class:`ArticleMaker`)."""
    root = Path(out)
    root.mkdir(parents=True, exist_ok=True)
    maker = ArticleMaker(seed, long=long)
    n_jsonl = int(n * jsonl_share)
    batch: list[str] = []
    for i, art in enumerate(maker.articles(n)):
        if i < n_jsonl:
            batch.append(json.dumps(art, ensure_ascii=False))
            if len(batch) == 1000 or i == n_jsonl - 1:
                (root / f"batch_{i // 1000:05d}.jsonl").write_text("\n".join(batch) + "\n", encoding="utf-8")
                batch = []
            continue
        sub = root / f"d{i // per_dir:04d}"
        sub.mkdir(exist_ok=True)
        (sub / f"{i:07d}.txt").write_text(art["text"], encoding="utf-8")
    return root


# ---------------------------------------------------------------- stores

ACTIONS = [("CONSULT", "cooperation", "04"), ("AGREE", "cooperation", "05"), ("COOPERATE", "cooperation", "06"),
           ("AID", "cooperation", "07"), ("TRANSFER", "cooperation", "08"), ("SUPPORT", "cooperation", "05"),
           ("REQUEST", "friction", "10"), ("ACCUSE", "friction", "11"), ("REJECT", "friction", "12"),
           ("DEMAND", "friction", "10"), ("THREATEN", "friction", "13"), ("SANCTION", "friction", "16"),
           ("UNILATERAL", "friction", "17"), ("ATTACK", "friction", "18"), ("ARREST", "neutral", "17"),
           ("POLICY", "neutral", "")]
US_ADMINS = [("Bush", "2001-01-20"), ("Obama", "2009-01-20"), ("Trump I", "2017-01-20"), ("Biden", "2021-01-20"),
             ("Trump II", "2025-01-20")]
MX_ADMINS = [("Fox", "2000-12-01"), ("Calderón", "2006-12-01"), ("Peña Nieto", "2012-12-01"),
             ("López Obrador", "2018-12-01"), ("Sheinbaum", "2024-10-01")]


def _admin(days: np.ndarray, admins: list[tuple[str, str]]) -> np.ndarray:
    starts = np.array([np.datetime64(s) for _, s in admins])
    idx = np.searchsorted(starts, days, side="right") - 1
    return np.array([a for a, _ in admins], dtype=object)[np.clip(idx, 0, len(admins) - 1)]


def make_store(n_events: int, *, seed: int = 0, events_per_article: int = 8,
               passages_per_article: int = 20, period_days: int = 7300) -> Frames:
    """A store of ``n_events`` events with the columns and dtypes of :mod:`core.schema`,
    built column-wise, in the proportions the real pipeline gives on the generated corpora
    (about 8 events and 20 passages per article, articles of ~2 kB): 1M events come with
    125k articles and 2.5M passages.  Articles are spread uniformly over ``period_days`` days
    from 2006-01-01 (default: 20 years, whatever the size, so that a bigger store is a denser
    one)."""
    rng = np.random.default_rng(seed)
    n_art = max(1, n_events // events_per_article)
    n_pas = n_art * passages_per_article
    actors = kb_actors()
    names = np.array([a for a, _, _ in actors] + ["U.S. officials", "Mexican officials", "Border Patrol agents"],
                     dtype=object)
    countries = np.array([c for _, c, _ in actors] + ["US", "MX", "US"], dtype=object)
    actor_ids = np.array([f"a{i:04d}" for i in range(len(names))], dtype=object)
    template = np.array([t.replace("{", "").replace("}", "") for t in COOPERATION + FRICTION + NEUTRAL + QUOTES],
                        dtype=object)

    # passages: passages_per_article sentences per article, offsets consecutive
    art_ids = np.array([f"{i:016x}" for i in rng.permutation(n_art) + 0x1000_0000], dtype=object)
    pas_art = np.repeat(np.arange(n_art), passages_per_article)
    pas_index = np.tile(np.arange(passages_per_article), n_art)
    pas_text = template[rng.integers(0, len(template), n_pas)]
    lengths = np.fromiter((len(t) for t in pas_text), dtype=np.int64, count=n_pas) + 1
    ends = np.cumsum(lengths.reshape(n_art, passages_per_article), axis=1).ravel() - 1
    starts = ends - lengths + 1
    pas_ids = np.array([f"p-{i:016x}" for i in rng.permutation(n_pas) + 0x3000_0000], dtype=object)

    # events: each on one passage of its article
    art_idx = np.sort(rng.integers(0, n_art, n_events))
    ev_pas = art_idx * passages_per_article + rng.integers(0, passages_per_article, n_events)
    art_day = np.datetime64("2006-01-01") + rng.integers(0, max(1, period_days), n_art).astype("timedelta64[D]")
    ev_day = art_day[art_idx] - rng.integers(0, 5, n_events).astype("timedelta64[D]")
    imprecise = rng.random(n_events) < 0.15
    low = np.where(imprecise, ev_day - np.timedelta64(30, "D"), ev_day)
    high = np.where(imprecise, ev_day + np.timedelta64(30, "D"), ev_day)
    act = rng.integers(0, len(ACTIONS), n_events)
    a1 = rng.integers(0, len(names), n_events)
    a2 = rng.integers(0, len(names), n_events)
    ev_ids = np.array([f"ev-{i:016x}" for i in rng.permutation(n_events) + 0x2000_0000], dtype=object)
    dup = rng.random(n_events) < 0.1
    dup_of = np.where(dup, ev_ids[rng.integers(0, n_events, n_events)], "")
    ev_start, ev_end = starts[ev_pas], ends[ev_pas]
    day_str = ev_day.astype(str).astype(object)
    action_names = np.array([a for a, _, _ in ACTIONS], dtype=object)
    polarity = np.array([p for _, p, _ in ACTIONS], dtype=object)
    cameo = np.array([c for _, _, c in ACTIONS], dtype=object)
    quad = np.where(polarity == "cooperation", "material cooperation",
                    np.where(polarity == "friction", "verbal conflict", "neutral"))
    events = pd.DataFrame({
        "event_id": ev_ids, "article_id": art_ids[art_idx], "passage_id": pas_ids[ev_pas],
        "start": ev_start, "end": ev_end,
        "actor1": names[a1], "country1": countries[a1], "actor2": names[a2], "country2": countries[a2],
        "action": action_names[act], "polarity": polarity[act],
        "intensity": np.round(rng.uniform(-10, 10, n_events), 1),
        "dyad": rng.choice(np.array(["gov", "gov", "gov", "nonstate", "domestic"], dtype=object), n_events),
        "modality": rng.choice(np.array(["asserted", "asserted", "reported", "planned"], dtype=object), n_events),
        "date": np.where(imprecise, "", day_str),
        "date_precision": np.where(imprecise, "window", "day"),
        "us_admin": _admin(ev_day, US_ADMINS), "mx_admin": _admin(ev_day, MX_ADMINS),
        "cue": np.array(["agreed", "extradited", "rejected", "accused", "met with", "fired at"],
                        dtype=object)[rng.integers(0, 6, n_events)],
        "confidence": np.round(rng.uniform(0.3, 1.0, n_events), 2),
        "cameo_root": cameo[act], "quad_class": quad[act], "duplicate_of": dup_of,
        "date_low": low.astype(str).astype(object), "date_high": high.astype(str).astype(object),
        "cue_start": ev_start + 10, "cue_end": ev_start + 18,
        "actor1_id": actor_ids[a1], "actor2_id": actor_ids[a2],
        "actor1_start": ev_start, "actor1_end": ev_start + 9,
        "actor2_start": ev_start + 30, "actor2_end": ev_start + 41,
        "explanation": "cue and actors in one sentence",
    })
    passages = pd.DataFrame({
        "passage_id": pas_ids, "article_id": art_ids[pas_art], "start": starts, "end": ends,
        "text": pas_text, "index": pas_index, "paragraph": pas_index // 4, "role": "body",
    })
    texts = pas_text.reshape(n_art, passages_per_article)
    art_text = np.array([" ".join(row) for row in texts], dtype=object)
    art_day_str = art_day.astype(str).astype(object)
    articles = pd.DataFrame({
        "article_id": art_ids, "path": np.array([f"corpus/{i:07d}.txt" for i in range(n_art)], dtype=object),
        "source": rng.choice(np.array(OUTLETS, dtype=object), n_art),
        "title": template[rng.integers(0, len(template), n_art)], "url": "",
        "published": art_day_str, "date_low": art_day_str, "date_high": art_day_str,
        "date_precision": "day", "date_confidence": 0.9, "date_evidence": "dateline",
        "us_admin": _admin(art_day, US_ADMINS), "mx_admin": _admin(art_day, MX_ADMINS),
        "text": art_text, "problems": "",
        "n_passages": passages_per_article, "n_events": np.bincount(art_idx, minlength=n_art),
    })
    return Frames(
        articles=schema.conform("articles", articles),
        passages=schema.conform("passages", passages),
        events=schema.conform("events", events),
        stances=schema.empty_frame("stances"),
    )


def write_synth_store(out: str | Path, n_events: int, *, seed: int = 0) -> Path:
    """Write a synthetic store of ``n_events`` events to ``out`` with core.store."""
    from core.store import write_store

    frames = make_store(n_events, seed=seed)
    return Path(write_store(frames, out))


def main(argv: list[str] | None = None) -> int:
    """Command line: write a store or a corpus (see the module docstring)."""
    ap = argparse.ArgumentParser(prog="python -m benchmarks.synth", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="kind", required=True)
    st = sub.add_parser("store", help="a synthetic store (core.store layout)")
    st.add_argument("out")
    st.add_argument("--events", type=int, required=True)
    st.add_argument("--seed", type=int, default=0)
    co = sub.add_parser("corpus", help="a synthetic corpus of article files")
    co.add_argument("out")
    co.add_argument("--n", type=int, required=True)
    co.add_argument("--seed", type=int, default=0)
    co.add_argument("--jsonl-share", type=float, default=0.0)
    co.add_argument("--short", action="store_true", help="short articles (not real-length)")
    a = ap.parse_args(argv)
    t0 = time.perf_counter()
    if a.kind == "store":
        path = write_synth_store(a.out, a.events, seed=a.seed)
    else:
        path = write_corpus(a.out, a.n, seed=a.seed, jsonl_share=a.jsonl_share, long=not a.short)
    print(json.dumps({"path": str(path), "seconds": round(time.perf_counter() - t0, 2),
                      "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0, 1)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
