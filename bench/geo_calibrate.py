"""Fit the geo stage's calibrated confidence (src/dateline/geo/data/confidence.json) on half A.

    python bench/geo_calibrate.py ../shared/bench/geo/lgl.xml ../shared/bench/geo/GWN.xml [--write]

Resolves the gold spans of both corpora with no threshold, takes each resolved toponym's signals
(``dateline.geo.resolve.signals``) and whether its place is within 161 km of the gold point, fits a
logistic regression (scikit-learn, the ``train`` extra) on the articles of half A and prints, for half A
and half B, the Brier score and accuracy per confidence bin of the fitted model against the raw share,
and how many toponyms each threshold would withhold and how many of those were right; the same for the
shipped model (data/confidence.json) as "shipped".
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from geo import read_corpus  # noqa: E402

from dateline.geo.calibrate import calibrated  # noqa: E402
from dateline.geo.gazetteer import Gazetteer, ensure_embedded, haversine_km  # noqa: E402
from dateline.geo.resolve import Toponym, resolve_toponyms  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "src" / "dateline" / "geo" / "data" / "confidence.json"


def samples(corpora: list[Path]) -> list[tuple[str, dict[str, float], bool]]:
    """(half, signals, within 161 km) per resolved gold toponym."""
    out = []
    with Gazetteer(ensure_embedded()) as gazetteer:
        for corpus in corpora:
            for art in read_corpus(corpus):
                toponyms = [Toponym(g.start, g.end, art.text[g.start:g.end]) for g in art.gold]
                resolve_toponyms(gazetteer, art.text, toponyms, threshold=0.0)
                for g, t in zip(art.gold, toponyms, strict=True):
                    if t.best is not None:
                        out.append((art.half, t.signals, haversine_km(g.lat, g.lon, t.best.lat, t.best.lon) <= 161))
    return out


def report(name: str, probs: list[float], labels: list[bool]) -> None:
    n = len(labels)
    brier = sum((p - y) ** 2 for p, y in zip(probs, labels, strict=True)) / n
    print(f"  {name}: n={n} Brier {brier:.4f}")
    for lo in (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
        sel = [y for p, y in zip(probs, labels, strict=True) if lo <= p < lo + 0.1 or (lo == 0.9 and p == 1.0)]
        if sel:
            print(f"    [{lo:.1f},{lo + 0.1:.1f}) n={len(sel):5d} right {sum(sel) / len(sel):.3f}")
    for t in (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5):
        sel = [y for p, y in zip(probs, labels, strict=True) if p < t]
        print(f"    threshold {t:.2f}: withholds {len(sel)}, of them right {sum(sel)}")


def main() -> None:
    from sklearn.linear_model import LogisticRegression

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="+", type=Path)
    parser.add_argument("--write", action="store_true", help=f"write the fitted weights to {OUT}")
    args = parser.parse_args()
    rows = samples(args.corpora)
    names = sorted(rows[0][1])
    fit = [(s, y) for h, s, y in rows if h == "A"]
    model = LogisticRegression(C=1.0, max_iter=1000)
    model.fit([[s[k] for k in names] for s, _ in fit], [y for _, y in fit])
    weights = {k: round(float(w), 4) for k, w in zip(names, model.coef_[0], strict=True)}
    intercept = round(float(model.intercept_[0]), 4)
    print("weights", json.dumps(weights), "intercept", intercept)
    for half in ("A", "B"):
        sel = [(s, y) for h, s, y in rows if h == half]
        labels = [y for _, y in sel]
        print(f"half {half}")
        report("share", [s["share"] for s, _ in sel], labels)
        report("calibrated", [float(p) for p in model.predict_proba([[s[k] for k in names] for s, _ in sel])[:, 1]], labels)
        report("shipped", [calibrated(s) for s, _ in sel], labels)
    if args.write:
        OUT.write_text(json.dumps({"fitted_on": "half A of " + ", ".join(p.name for p in args.corpora) + " (gold spans)",
                                   "intercept": intercept, "weights": weights}, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
