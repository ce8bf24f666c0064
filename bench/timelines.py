"""Timeline summarisation on Timeline17 with Dateline's DATEWISE (``dateline.stories.timeline.datewise``).

    python bench/timelines.py --data ../shared/bench/timelines/t17 [--topics bpoil_bbc,...]

Standard setting (news-tls): per gold timeline, the input is restricted to the gold's first..last date,
and the output has as many dates as the gold and round(mean gold sentences per date) sentences per date.
Scores: alignment-based ROUGE-1/2 F1 ("align+ m:1" of tilse: many-to-one date alignment by date distance
and content, ROUGE weighted by 1/(days apart + 1); tokens lower-cased, Porter-stemmed (nltk), stop words
and punctuation removed) and date F1, averaged over timelines. An oracle (gold dates, and per date the
input sentences with the best ROUGE-1 against the gold summary) is printed as an upper bound.

Sentence selection uses no gold information: T17's topic keywords (news-tls's standard setting requires
a summary sentence to contain one) are not in this copy of the data, so ``datewise`` derives its own, the
collection's 3 most widespread content words (``dateline.stories.timeline.keywords``). Needs nltk (Porter
stemmer, bench only: ``pip install nltk``).

Sentence dates: ``dateline.time.tag_times`` when it exists; else explicit day/month mentions, weekdays,
"yesterday"/"today" resolved against the article date and kept when they are among the dataset's own
``dates`` (HeidelTime) for that article. Last line: JSON.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
from nltk.stem import PorterStemmer

from dateline.stories.features import stopwords
from dateline.stories.timeline import DatedSentence, datewise

MONTHS = {m: i + 1 for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july", "august",
                                          "september", "october", "november", "december"])}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MON = r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
DAY_MONTH = re.compile(r"\b(?P<day>\d{1,2})\s+" + _MON + r"\b(?:\s*,?\s*(?P<year>(?:19|20)\d\d))?", re.I)
MONTH_DAY = re.compile(r"\b" + _MON + r"\.?\s+(?P<day>\d{1,2})\b(?:\s*,?\s*(?P<year>(?:19|20)\d\d))?", re.I)
WEEKDAY = re.compile(r"\b(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)
RELATIVE = re.compile(r"\b(?P<rel>yesterday|today|tonight|last night)\b", re.I)
SENT_END = re.compile(r"(?<= [.!?]) (?=\S)")
_stem = PorterStemmer().stem
TAGGER_ERRORS: list[str] = []


# -- data ------------------------------------------------------------------------------------------------------
def split_sentences(text: str) -> list[str]:
    return [s.strip() for s in SENT_END.split(text) if s.strip()]


def sentence_dates(sentence: str, dct: dt.date, allowed: set[str], tagger: object | None) -> str | None:
    """The first day-precise date a sentence mentions."""
    if tagger is not None:
        try:
            found = tagger(sentence, doc_id="s", anchor=dct)  # type: ignore[operator]
        except ValueError:  # a tagger failure on one sentence is counted, not fatal
            TAGGER_ERRORS.append(sentence[:80])
            found = []
        for t in found:
            if t.type == "DATE" and re.fullmatch(r"\d{4}-\d\d-\d\d", t.value):
                return str(t.value)
        return None
    for date, explicit_year in _regex_dates(sentence, dct):
        if explicit_year or date in allowed:
            return date
    return None


def _regex_dates(sentence: str, dct: dt.date) -> Iterable[tuple[str, bool]]:
    for pattern in (DAY_MONTH, MONTH_DAY):
        for m in pattern.finditer(sentence):
            try:
                year = int(m.group("year") or dct.year)
                yield dt.date(year, MONTHS[m.group("mon").lower()[:3]], int(m.group("day"))).isoformat(), bool(m.group("year"))
            except ValueError:
                continue
    for m in WEEKDAY.finditer(sentence):
        back = (dct.weekday() - WEEKDAYS.index(m.group("wd").lower())) % 7
        yield (dct - dt.timedelta(days=back)).isoformat(), False
    for m in RELATIVE.finditer(sentence):
        shift = 1 if m.group("rel").lower() in ("yesterday", "last night") else 0
        yield (dct - dt.timedelta(days=shift)).isoformat(), False


def load_topic(folder: Path, tagger: object | None) -> list[DatedSentence]:
    out = []
    for article in json.loads((folder / "articles.json").read_text(encoding="utf-8")):
        dct = dt.date.fromisoformat(article["dct"][:10])
        allowed = set(re.findall(r"\d{4}-\d\d-\d\d", str(article.get("dates") or "")))
        for k, sent in enumerate(split_sentences(article["text"])):
            date = sentence_dates(sent, dct, allowed, tagger)
            out.append(DatedSentence(article["uid"], k, k + 1, sent, date, dct.isoformat(), k))
    return out


def load_gold(path: Path) -> dict[str, list[str]]:
    gold: dict[str, list[str]] = {}
    for entry in json.loads(path.read_text(encoding="utf-8")):
        gold.setdefault(entry["date"][:10], []).extend(split_sentences(entry["text"].strip()))
    return gold


# -- scoring (tilse "align+ m:1", ROUGE re-implementation) ---------------------------------------------------
def tokens(sentences: Sequence[str]) -> list[str]:
    stop = stopwords()
    return [_stem(w) for s in sentences for w in s.lower().split() if w not in stop and re.search(r"\w", w)]


def rouge_counts(pred: list[str], ref: list[str], n: int) -> tuple[int, int, int]:
    p = Counter(zip(*(pred[i:] for i in range(n)), strict=False))
    r = Counter(zip(*(ref[i:] for i in range(n)), strict=False))
    return sum(min(c, r[g]) for g, c in p.items()), sum(p.values()), sum(r.values())


def _content_cost(pred: list[str], ref: list[str]) -> float:
    hit, np_, nr = rouge_counts(pred, ref, 1)
    p, r = (hit / np_ if np_ else 0.0), (hit / nr if nr else 0.0)
    return 1 - (2 * p * r / (p + r) if p + r else 0.0)


def align_rouge(pred: dict[str, list[str]], gold: dict[str, list[str]], n: int) -> float:
    """tilse's align+ m:1 ROUGE-n F1."""
    pdates, gdates = sorted(pred), sorted(gold)
    ptok = {d: tokens(pred[d]) for d in pdates}
    gtok = {d: tokens(gold[d]) for d in gdates}
    days = {d: dt.date.fromisoformat(d).toordinal() for d in {*pdates, *gdates}}

    def cost(a: str, b: str, pa: str, gb: str) -> float:
        return (1 - 1 / (abs(days[a] - days[b]) + 1)) * _content_cost(ptok[pa], gtok[gb])

    num_p = den_p = num_r = den_r = 0.0
    for d in pdates:  # precision: each predicted date to its cheapest gold date
        g = min(gdates, key=lambda x: (cost(d, x, d, x), x))
        hit, npred, _ = rouge_counts(ptok[d], gtok[g], n)
        num_p += hit / (abs(days[d] - days[g]) + 1)
        den_p += npred
    for g in gdates:  # recall: each gold date to its cheapest predicted date
        d = min(pdates, key=lambda x: (cost(x, g, x, g), x)) if pdates else None
        hit, _, nref = rouge_counts(ptok[d], gtok[g], n) if d else (0, 0, len(gtok[g]) - n + 1)
        num_r += hit / (abs(days[d] - days[g]) + 1) if d else 0
        den_r += nref
    p, r = (num_p / den_p if den_p else 0.0), (num_r / den_r if den_r else 0.0)
    return 2 * p * r / (p + r) if p + r else 0.0


def date_f1(pred: Iterable[str], gold: Iterable[str]) -> float:
    p_, g_ = set(pred), set(gold)
    hit = len(p_ & g_)
    p, r = (hit / len(p_) if p_ else 0.0), (hit / len(g_) if g_ else 0.0)
    return 2 * p * r / (p + r) if p + r else 0.0


# -- systems ----------------------------------------------------------------------------------------------------
def run_datewise(sentences: list[DatedSentence], gold: dict[str, list[str]]) -> dict[str, list[str]]:
    start, end = min(gold), max(gold)
    per_date = max(1, round(float(np.mean([len(v) for v in gold.values()]))))
    window = [s for s in sentences if s.published and start <= s.published[:10] <= end]
    picked = datewise(window, n_dates=len(gold), per_date=per_date, start=start, end=end)
    return {date: [s.text for s in group] for date, group in picked}


def run_oracle(sentences: list[DatedSentence], gold: dict[str, list[str]]) -> dict[str, list[str]]:
    per_date = max(1, round(float(np.mean([len(v) for v in gold.values()]))))
    by_date: dict[str, list[DatedSentence]] = {}
    for s in sentences:
        if s.date in gold:
            by_date.setdefault(s.date, []).append(s)
    out = {}
    for date, ref in gold.items():
        rt = tokens(ref)
        cands = sorted(by_date.get(date, []), key=lambda s: -rouge_counts(tokens([s.text]), rt, 1)[0])
        if cands:
            out[date] = [s.text for s in cands[:per_date]]
    return out


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/bench/timelines/t17"))
    parser.add_argument("--topics", default="")
    parser.add_argument("--regex-dates", action="store_true", help="do not use dateline.time.tag_times")
    args = parser.parse_args(list(argv) if argv is not None else None)
    try:
        from dateline.time import tag_times as tagger  # type: ignore[attr-defined]
    except ImportError:
        tagger = None
    if args.regex_dates:
        tagger = None
    wanted = set(args.topics.split(",")) - {""}
    rows = []
    started = time.perf_counter()
    print(f"sentence dates: {'dateline.time.tag_times' if tagger else 'regex + dataset dates (dateline.time.tag_times absent)'}")
    print(f"{'timeline':55} {'dates':>5} {'AR1-F':>6} {'AR2-F':>6} {'dateF1':>6} | oracle {'AR1':>6} {'AR2':>6} {'dF1':>6}")
    for folder in sorted(p for p in args.data.iterdir() if p.is_dir() and (not wanted or p.name in wanted)):
        sentences = load_topic(folder, tagger)
        for path in sorted(folder.glob("*.timeline.json")):
            gold = load_gold(path)
            pred, oracle = run_datewise(sentences, gold), run_oracle(sentences, gold)
            row = [align_rouge(pred, gold, 1), align_rouge(pred, gold, 2), date_f1(pred, gold),
                   align_rouge(oracle, gold, 1), align_rouge(oracle, gold, 2), date_f1(oracle, gold)]
            rows.append(row)
            name = f"{folder.name}/{path.name}"
            print(f"{name[:55]:55} {len(gold):5d} " + " ".join(f"{v:6.3f}" for v in row[:3]) + " | oracle "
                  + " ".join(f"{v:6.3f}" for v in row[3:]))
    mean = np.mean(np.array(rows), axis=0)
    if TAGGER_ERRORS:
        print(f"tag_times raised on {len(TAGGER_ERRORS)} sentences (left undated), e.g. {TAGGER_ERRORS[0]!r}")
    print(f"{'mean over ' + str(len(rows)) + ' timelines':55} {'':5} " + " ".join(f"{v:6.3f}" for v in mean[:3])
          + " | oracle " + " ".join(f"{v:6.3f}" for v in mean[3:]) + f"   ({time.perf_counter() - started:.0f} s)")
    print(json.dumps({"ar1_f": round(float(mean[0]), 4), "ar2_f": round(float(mean[1]), 4), "date_f1": round(float(mean[2]), 4),
                      "oracle_ar1_f": round(float(mean[3]), 4), "oracle_ar2_f": round(float(mean[4]), 4),
                      "oracle_date_f1": round(float(mean[5]), 4)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
