"""Resolution of calendar expressions: dates, months, years, seasons, decades, quarters, clock times."""

from __future__ import annotations

import re
from datetime import date

from dateline.time import calendar as cal
from dateline.time.context import Context, Resolved, day_number, iso, mod_of, month_number, norm
from dateline.time.lexicon import lexicon, number_value

# A yearless date against the tense is this many days "further" than one in its direction.
AGAINST_TENSE_PENALTY_DAYS = (
    150  # measured (value F1, TimeBank+AQUAINT): 60 .792, 150 .793, 270 .789, 400 .777
)
AGAINST_TENSE_PENALTY_MONTHS = 4  # measured on TimeBank+AQUAINT: 0 .786, 2 .788, 4 .789, 6 .789
SEASONS = ("SP", "SU", "FA", "WI")
DEADLINE_WORDS = frozenset({"by", "until", "till", "before", "toward", "towards"})


def yearless_day(ctx: Context, start: int, end: int, month: int, day: int) -> tuple[date | None, str]:
    """The occurrence of month/day nearest the anchor, in the direction of the tense."""
    if ctx.anchor is None:
        return None, "unanchored"
    years = (ctx.anchor.year - 1, ctx.anchor.year, ctx.anchor.year + 1)
    candidates = [d for d in (cal.safe_date(y, month, day) for y in years) if d]
    if not candidates:
        return None, "invalid"
    tense = ctx.tense(start, end)
    chosen = cal.pick(candidates, ctx.anchor, tense, penalty_days=AGAINST_TENSE_PENALTY_DAYS)
    return chosen, {-1: "past", 1: "future"}.get(tense, "nearest")


def _with_part(day_value: str, part: str | None) -> tuple[str, str]:
    if not part:
        return "DATE", day_value
    code = lexicon().parts[norm(part)][0]
    return "TIME", f"{day_value}{code if code.startswith('T') else 'T' + code}"


def month_day(m: re.Match[str], ctx: Context) -> Resolved | None:
    month, day = month_number(m["month"]), day_number(m["d"])
    if m["y"]:
        found = cal.safe_date(int(m["y"]), month, day)
        if found is None:
            return None
        kind, value = _with_part(cal.fmt_day(found), m.groupdict().get("part"))
        return Resolved(kind, value, "date.absolute", mod_of(m.groupdict().get("em")))
    found, how = yearless_day(ctx, m.start(), m.end(), month, day)
    value = cal.fmt_day(found) if found else f"XXXX-{month:02d}-{day:02d}"
    kind, value = _with_part(value, m.groupdict().get("part"))
    return Resolved(kind, value, f"date.yearless.{how}", mod_of(m.groupdict().get("em")), iso(ctx.anchor))


def week_of(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "the week of March 6" → the ISO week holding that day."""
    month, day = month_number(m["month"]), day_number(m["d"])
    if m["y"]:
        found, how = cal.safe_date(int(m["y"]), month, day), "absolute"
    else:
        found, how = yearless_day(ctx, m.start(), m.end(), month, day)
    if found is None:
        return Resolved("DATE", "XXXX-WXX", "week_of.unanchored") if how == "unanchored" else None
    return Resolved("DATE", cal.fmt_week(found), f"week_of.{how}", None, None if m["y"] else iso(ctx.anchor))


def iso_date(m: re.Match[str], ctx: Context) -> Resolved | None:
    found = cal.safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    if found is None:
        return None
    if m.groupdict().get("h"):
        return Resolved("TIME", f"{cal.fmt_day(found)}T{m['h']}:{m['mi']}", "date.iso")
    return Resolved("DATE", cal.fmt_day(found), "date.iso")


def slash_date(m: re.Match[str], ctx: Context) -> Resolved | None:
    year = int(m["y"])
    if year < 100:
        year += 2000 if year < 50 else 1900
    found = cal.safe_date(year, int(m["m"]), int(m["d"]))
    return Resolved("DATE", cal.fmt_day(found), "date.slash") if found else None


def _year_of(text: str, ctx: Context) -> int | None:
    text = norm(text)
    if text.startswith("'"):
        short = int(text[1:])
        century = 2000 if ctx.anchor and 2000 + short <= ctx.anchor.year + 5 else 1900
        return century + short
    if text.isdigit():
        return int(text)
    return year_from_words(text)


def year_from_words(text: str) -> int | None:
    """'nineteen ninety-six' → 1996, 'two thousand and five' → 2005."""
    text = norm(text).replace("the year ", "")
    if text.startswith("two thousand"):
        rest = text.removeprefix("two thousand").removeprefix(" and").strip()
        return 2000 + int(number_value(rest) or 0) if rest else 2000
    head, _, rest = text.replace("-", " ").partition(" ")
    century = {"nineteen": 19, "twenty": 20}.get(head)
    if century is None or not rest:
        return None
    if rest == "hundred":
        return century * 100
    tail = number_value(rest)
    return century * 100 + int(tail) if tail is not None and tail < 100 else None


def month_year(m: re.Match[str], ctx: Context) -> Resolved | None:
    mod = mod_of(m["em"], m["bnd"])
    if m["yrel"]:  # "in June last year", "January this year": the month of the year named from the anchor
        if ctx.anchor is None:
            return Resolved("DATE", f"XXXX-{month_number(m['month']):02d}", "month.unanchored", mod)
        year = ctx.anchor.year + {"this": 0, "last": -1, "next": 1}[norm(m["yrel"])]
        return Resolved(
            "DATE", cal.fmt_month(year, month_number(m["month"])), "month.relative_year", mod, iso(ctx.anchor)
        )
    year = _year_of(m["y"], ctx)
    if year is None:
        return None
    return Resolved("DATE", cal.fmt_month(year, month_number(m["month"])), "month.absolute", mod)


def month(m: re.Match[str], ctx: Context) -> Resolved | None:
    number, rel, mod = month_number(m["month"]), norm(m["rel"]), mod_of(m["em"], m["bnd"])
    if ctx.anchor is None:
        return Resolved("DATE", f"XXXX-{number:02d}", "month.unanchored", mod)
    current = ctx.anchor.month
    if rel in ("last", "past", "this past"):
        year, how = ctx.anchor.year - (number >= current), "last"
    elif rel in ("next", "coming", "this coming"):
        year, how = ctx.anchor.year + (number <= current), "next"
    elif rel == "this":
        year, how = ctx.anchor.year, "this"
    else:
        tense = ctx.tense(m.start(), m.end())
        year = min(
            (ctx.anchor.year - 1, ctx.anchor.year, ctx.anchor.year + 1),
            key=lambda y: _month_distance(y * 12 + number, ctx.anchor.year * 12 + current, tense),
        )
        how = {-1: "past", 1: "future"}.get(tense, "nearest")
    return Resolved("DATE", cal.fmt_month(year, number), f"month.{how}", mod, iso(ctx.anchor))


def _month_distance(month_index: int, anchor_index: int, tense: int) -> int:
    distance = month_index - anchor_index
    against = (tense < 0 and distance > 0) or (tense > 0 and distance < 0)
    return abs(distance) + (AGAINST_TENSE_PENALTY_MONTHS if against else 0)


def season(m: re.Match[str], ctx: Context) -> Resolved | None:
    code = lexicon().parts[norm(m["season"])][0]
    mod = mod_of(m["em"], m["bnd"])
    if m["y"]:
        return Resolved("DATE", f"{m['y']}-{code}", "season.absolute", mod)
    if ctx.anchor is None:
        return Resolved("DATE", f"XXXX-{code}", "season.unanchored", mod)
    current, target, rel = (
        SEASONS.index(cal.SEASON_OF_MONTH[ctx.anchor.month]),
        SEASONS.index(code),
        norm(m["rel"]),
    )
    year = ctx.anchor.year - (ctx.anchor.month <= 2)  # January's winter began last year
    if rel in ("last", "past", "this past", "the previous"):
        year -= target >= current
    elif rel in ("next", "coming", "this coming", "the following"):
        year += target <= current
    elif rel != "this":
        tense = ctx.tense(m.start(), m.end())
        year += (tense > 0 and target < current) - (tense < 0 and target > current)
    return Resolved(
        "DATE", f"{year:04d}-{code}", f"season.{rel.replace(' ', '_') or 'tense'}", mod, iso(ctx.anchor)
    )


def year(m: re.Match[str], ctx: Context) -> Resolved | None:
    mod = mod_of(m["em"], m["bnd"])
    pre = norm(m["pre"])
    if pre in ("post", "pre"):
        mod = "AFTER" if pre == "post" else "BEFORE"
    elif pre == "mid":
        mod = "MID"
    return Resolved("DATE", m["y"], "year.fiscal" if m["fy"] else "year.absolute", mod)


def year_words(m: re.Match[str], ctx: Context) -> Resolved | None:
    found = year_from_words(m["yw"])
    if found is None or (found < 2000 and norm(m["yw"]).startswith("twenty")):
        return None
    if norm(m["yw"]).startswith(("twenty", "two")) and not norm(m.group()).startswith("the year"):
        return None
    return Resolved("DATE", str(found), "year.words")


def decade(m: re.Match[str], ctx: Context) -> Resolved | None:
    if m["dec"]:
        value = m["dec"][:3]
    else:
        short = int(m["dec2"])
        century = 20 if ctx.anchor and 2000 + short <= ctx.anchor.year else 19
        value = f"{century}{short // 10}"
    return Resolved("DATE", value, "decade", mod_of(m["em"], m["bnd"]))


def century(m: re.Match[str], ctx: Context) -> Resolved | None:
    word = norm(m["ord"])
    ordinal = int(word[:-2]) if word[:-2].isdigit() else int(lexicon().numbers.get(word, ("0", ""))[0] or 0)
    if not ordinal:
        return None
    return Resolved("DATE", f"{ordinal - 1:02d}", "century", mod_of(m["em"], m["bnd"]))


def quarter(m: re.Match[str], ctx: Context) -> Resolved | None:
    refs, unit, ordinal = norm(m["refs"]), norm(m["unit"]), norm(m["ord"])
    half = unit == "half"
    number = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}.get(
        ordinal
    )
    if ordinal in ("final", "last"):
        number = 2 if half else 4
    year_ago = "year-ago" in refs or "year-earlier" in refs or "year ago" in refs or "year earlier" in refs
    year = _explicit_quarter_year(m, refs, ctx)
    if number is None:
        base = _reference_quarter(refs, ctx, m.start())
        if base is None:
            return Resolved("DATE", "XXXX-QX", "quarter.unanchored")
        year, number = (year or base[0]), base[1]
        how = "reference"
    elif year is None:
        if ctx.anchor is None:
            return Resolved("DATE", f"XXXX-{'H' if half else 'Q'}{number}", "quarter.unanchored")
        current = (ctx.anchor.month - 1) // (6 if half else 3) + 1
        year = ctx.anchor.year - (
            number > current
        )  # a quarter not yet begun is last year's (results are reported after)
        how = "latest"
    else:
        how = "absolute"
    year -= year_ago
    if not half and not year_ago:
        ctx.last_quarter = (year, number, m.end())
    return Resolved(
        "DATE", f"{year:04d}-{'H' if half else 'Q'}{number}", f"quarter.{how}", None, iso(ctx.anchor)
    )


def _explicit_quarter_year(m: re.Match[str], refs: str, ctx: Context) -> int | None:
    if m["y"] or m["yq"]:
        return int(m["y"] or m["yq"])
    if ctx.anchor is None:
        return None
    rel = norm(m["yrel"]) or next((w for w in ("this", "last", "next") if f"{w} year's" in refs), "")
    return {"this": ctx.anchor.year, "last": ctx.anchor.year - 1, "next": ctx.anchor.year + 1}.get(rel)


def _reference_quarter(refs: str, ctx: Context, start: int) -> tuple[int, int] | None:
    if ctx.anchor is None:
        return None
    current = (ctx.anchor.year, cal.quarter_of(ctx.anchor))
    if "current" in refs:
        return current
    if "next" in refs:
        return (current[0] + (current[1] == 4), current[1] % 4 + 1)
    if ctx.last_quarter and not any(w in refs for w in ("previous", "prior", "last", "latest", "recent")):
        return ctx.last_quarter[0], ctx.last_quarter[1]
    return (current[0] - (current[1] == 1), (current[1] - 2) % 4 + 1)  # the last completed quarter


def year_end(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "by year-end", "since year end": the year (mod END) whose end is meant; a past one is last year's
    (before December)."""
    if ctx.anchor is None:
        return Resolved("DATE", "XXXX", "year_end.unanchored", "END")
    pre = norm(m["pre"])
    # "by year-end", "until year end": a deadline, the coming one; "since year-end": the last one
    past = pre not in DEADLINE_WORDS and (pre == "since" or ctx.tense(m.start("span"), m.end("span")) < 0)
    year = ctx.anchor.year - (past and ctx.anchor.month < 12)
    return Resolved("DATE", f"{year:04d}", "year_end.past" if past else "year_end", "END", iso(ctx.anchor))


def holiday(m: re.Match[str], ctx: Context) -> Resolved | None:
    """A named holiday: its day, or for a holy month its days as a range ``first/last`` ("Ramadan"); the year from
    the text, else the occurrence the tense points to around the anchor (written during a holy month: that one)."""
    rule = lexicon().holidays[norm(m["hol"])]
    kind = "holiday.hijri" if rule.startswith("hijri:") else "holiday"

    def spans(year: int) -> list[tuple[date, date]]:
        if rule.startswith("hijri:"):  # Umm al-Qura calendar: hijri:MM-DD a day, hijri:MM the whole month
            month, _, day = rule.removeprefix("hijri:").partition("-")
            return cal.hijri_dates(year, int(month), int(day) if day else None)
        if rule == "easter":
            found = cal.easter(year)
        elif ":" in rule:
            month, weekday, n = (int(x) for x in rule.split(":"))
            found = cal.nth_weekday(year, month, weekday, n)
        else:
            found = cal.safe_date(year, int(rule[:2]), int(rule[3:]))
        return [(found, found)] if found else []

    def value(span: tuple[date, date]) -> str:
        return cal.fmt_day(span[0]) if span[0] == span[1] else f"{cal.fmt_day(span[0])}/{cal.fmt_day(span[1])}"

    if m["y"]:
        found = spans(int(m["y"]))
        return Resolved("DATE", value(found[0]), f"{kind}.absolute") if found else None
    if ctx.anchor is None:
        return None
    candidates = [span for y in (ctx.anchor.year - 1, ctx.anchor.year, ctx.anchor.year + 1) for span in spans(y)]
    if not candidates:
        return None
    rel = norm(m["rel"])
    inside = [span for span in candidates if span[0] < span[1] and span[0] <= ctx.anchor <= span[1]]
    if inside and rel not in ("last", "next"):  # "during Ramadan" written in Ramadan: this one
        return Resolved("DATE", value(inside[0]), f"{kind}.current", None, iso(ctx.anchor))
    tense = -1 if rel == "last" else 1 if rel == "next" else ctx.tense(m.start(), m.end())
    if rel in ("last", "next"):
        candidates = [s for s in candidates if (s[1] < ctx.anchor if rel == "last" else s[0] > ctx.anchor)] or candidates
    start = cal.pick([s[0] for s in candidates], ctx.anchor, tense, penalty_days=AGAINST_TENSE_PENALTY_DAYS)
    chosen = next(s for s in candidates if s[0] == start)
    return Resolved("DATE", value(chosen), f"{kind}.{rel or 'tense'}", None, iso(ctx.anchor))
