"""Temporal tagging benchmark: TempEval-3 Task A (recognition + normalisation) on TimeML files.

    python bench/time.py --data ../shared/bench/time/TBAQ-cleaned [--parse]

Reads every ``.tml`` file under ``--data`` (TimeBank / AQUAINT / TempEval-3 format), strips the tags of
``<TEXT>`` to raw text with the character offsets of the gold TIMEX3s, tags the text with
``dateline.time.tag_times`` anchored to the document creation time (DCT), and scores with the TempEval-3
definitions: strict (same span) and relaxed (overlapping span) P/R/F1; value F1 (relaxed match with the
same value, precision over system timexes, recall over gold timexes); type accuracy over relaxed matches.
The DCT timex itself is excluded from gold and system. ``--parse`` first runs Dateline's language layer (spaCy, as
``dateline run`` does) so that the tense of each expression's governing verb is read from the parse, as in a run;
without it the tagger falls back to cue words (the parse time is not counted in docs/s). Prints one table per top-level subfolder, one for
all files, and a last line with one JSON object (the figures for all files, plus docs/s).
"""

from __future__ import annotations

import argparse
import datetime
import html
import json
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dateline.model import Document
from dateline.time import tag_times

TAG = re.compile(r"<(/?)([A-Za-z0-9]+)([^>]*?)(/?)>")
ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass(frozen=True, slots=True)
class Timex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(slots=True)
class GoldDoc:
    name: str
    text: str
    dct: datetime.date | None
    timexes: list[Timex]


@dataclass(slots=True)
class Counts:
    system: int = 0
    gold: int = 0
    strict_sys: int = 0
    strict_gold: int = 0
    relaxed_sys: int = 0
    relaxed_gold: int = 0
    value_sys: int = 0
    value_gold: int = 0
    type_ok: int = 0
    matched: int = 0
    docs: int = 0
    seconds: float = 0.0
    errors: Counter[str] = field(default_factory=Counter)


def parse_timeml(source: str, name: str = "") -> GoldDoc:
    """Raw text of <TEXT> (tags stripped, entities decoded) and its TIMEX3s with character offsets."""
    dct = None
    dct_match = re.search(r"<DCT>.*?value=\"(\d{4})-?(\d\d)-?(\d\d)", source, re.S)
    if dct_match:
        dct = datetime.date(int(dct_match[1]), int(dct_match[2]), int(dct_match[3]))
    start, end = source.find("<TEXT>"), source.find("</TEXT>")
    body = source[start + len("<TEXT>") : end] if start >= 0 else source
    parts: list[str] = []
    length = 0
    timexes: list[Timex] = []
    open_timex: tuple[int, dict[str, str]] | None = None
    cursor = 0
    for tag in TAG.finditer(body):
        chunk = html.unescape(body[cursor : tag.start()])
        parts.append(chunk)
        length += len(chunk)
        cursor = tag.end()
        if tag[2] != "TIMEX3":
            continue
        if not tag[1]:
            open_timex = (length, dict(ATTR.findall(tag[3])))
        elif open_timex is not None:
            begin, attrs = open_timex
            text = "".join(parts)[begin:length]
            if attrs.get("functionInDocument") != "CREATION_TIME":
                timexes.append(Timex(begin, length, text, attrs.get("type", ""), attrs.get("value", "")))
            open_timex = None
    parts.append(html.unescape(body[cursor:]))
    return GoldDoc(name, "".join(parts), dct, timexes)


def score(gold: list[Timex], system: list[Timex], counts: Counts) -> None:
    """Add one document to ``counts`` (TempEval-3 Task A definitions)."""
    counts.system += len(system)
    counts.gold += len(gold)
    counts.strict_sys += sum(any(s.start == g.start and s.end == g.end for g in gold) for s in system)
    counts.strict_gold += sum(any(s.start == g.start and s.end == g.end for s in system) for g in gold)
    counts.relaxed_sys += sum(any(_overlap(s, g) for g in gold) for s in system)
    counts.relaxed_gold += sum(any(_overlap(s, g) for s in system) for g in gold)
    for s in system:
        match = next((g for g in gold if _overlap(s, g)), None)
        if match is None:
            counts.errors[f"FP {s.type} {s.text!r}"] += 1
            continue
        counts.matched += 1
        counts.type_ok += s.type == match.type
        counts.value_sys += s.value == match.value
        if s.value != match.value:
            counts.errors[f"VALUE {s.text!r} sys={s.value} gold={match.value} ({match.text!r})"] += 1
    for g in gold:
        match = next((s for s in system if _overlap(s, g)), None)
        counts.value_gold += match is not None and match.value == g.value
        if match is None:
            counts.errors[f"FN {g.type} {g.text!r} {g.value}"] += 1


def _overlap(a: Timex, b: Timex) -> bool:
    return a.start < b.end and b.start < a.end


def figures(counts: Counts) -> dict[str, float]:
    def f1(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    def ratio(a: int, b: int) -> float:
        return a / b if b else 0.0

    out: dict[str, float] = {}
    for key, sys_hits, gold_hits in (
        ("strict", counts.strict_sys, counts.strict_gold),
        ("relaxed", counts.relaxed_sys, counts.relaxed_gold),
        ("value", counts.value_sys, counts.value_gold),
    ):
        p, r = ratio(sys_hits, counts.system), ratio(gold_hits, counts.gold)
        out[f"{key}_p"], out[f"{key}_r"], out[f"{key}_f1"] = round(p, 4), round(r, 4), round(f1(p, r), 4)
    out["type_accuracy"] = round(ratio(counts.type_ok, counts.matched), 4)
    out["docs"] = counts.docs
    out["gold"] = counts.gold
    out["system"] = counts.system
    out["docs_per_s"] = round(ratio(counts.docs, counts.seconds) if counts.seconds else 0.0, 1)  # type: ignore[arg-type]
    return out


def run(paths: list[Path], counts: Counts, parser: Any = None) -> None:
    for path in paths:
        doc = parse_timeml(path.read_text(encoding="utf-8"), path.name)
        layer = parser([Document(id=path.stem, source=path.name, text=doc.text)])[0] if parser else None
        began = time.perf_counter()
        found = tag_times(doc.text, doc_id=path.stem, anchor=doc.dct, tokens=layer.tokens if layer else (),
                          sentences=layer.sentences if layer else ())
        counts.seconds += time.perf_counter() - began
        counts.docs += 1
        system = [Timex(t.start, t.end, t.text, t.type, t.value) for t in found]
        score(doc.timexes, system, counts)


def _table(title: str, result: dict[str, float]) -> str:
    rows = [f"## {title} ({result['docs']} docs, {result['gold']} gold, {result['system']} system timexes)"]
    rows.append("| match | P | R | F1 |\n|---|---|---|---|")
    for key in ("strict", "relaxed", "value"):
        rows.append(
            f"| {key} | {result[key + '_p']:.3f} | {result[key + '_r']:.3f} | {result[key + '_f1']:.3f} |"
        )
    rows.append(
        f"type accuracy {result['type_accuracy']:.3f}; tagger speed {result['docs_per_s']:.0f} docs/s"
    )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared/bench/time/TBAQ-cleaned"
    )
    parser.add_argument("--errors", type=int, default=0, help="print the N most frequent errors")
    parser.add_argument("--parse", action="store_true", help="tag with the language layer's tokens, as a run does")
    args = parser.parse_args(argv)
    language = None
    if args.parse:
        from dateline.nlp.stage import SpacyStage
        from dateline.settings import Settings

        language = SpacyStage(Settings())
    files = sorted(args.data.rglob("*.tml"))
    if not files:
        print(f"no .tml files under {args.data}", file=sys.stderr)
        return 2
    tag_times("warm up on 5 May", doc_id="warm", anchor=datetime.date(2000, 1, 1))
    groups: dict[str, list[Path]] = {}
    seen: set[str] = set()
    for path in files:
        if path.name in seen:
            continue  # the same document twice (TBAQ-cleaned/testpipeline repeats a TimeBank file): count it once
        seen.add(path.name)
        relative = path.relative_to(args.data)
        groups.setdefault(relative.parts[0] if len(relative.parts) > 1 else ".", []).append(path)
    total = Counts()
    for name, paths in sorted(groups.items()):
        counts = Counts()
        run(paths, counts, language)
        if len(groups) > 1:
            print(_table(name, figures(counts)), end="\n\n")
        for key in (
            "system",
            "gold",
            "strict_sys",
            "strict_gold",
            "relaxed_sys",
            "relaxed_gold",
            "value_sys",
            "value_gold",
            "type_ok",
            "matched",
            "docs",
        ):
            setattr(total, key, getattr(total, key) + getattr(counts, key))
        total.seconds += counts.seconds
        total.errors.update(counts.errors)
    result = figures(total)
    print(_table("all", result))
    for error, n in total.errors.most_common(args.errors):
        print(f"{n:4d} {error}")
    print(json.dumps({"data": str(args.data), **result}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
