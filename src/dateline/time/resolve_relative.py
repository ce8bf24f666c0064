"""Resolution of expressions relative to the anchor or to the last date mentioned: weekdays, "yesterday",
"last week", "two years ago", "a year earlier", durations, sets and clock times."""

from __future__ import annotations

import re
from datetime import date, timedelta

from dateline.time import calendar as cal
from dateline.time.context import Context, Resolved, duration_value, iso, mod_of, norm, number
from dateline.time.entries import slack_day
from dateline.time.lexicon import lexicon
from dateline.time.patterns import compiled_rules
from dateline.time.resolve_dates import day_number, month_number, yearless_day

PAST_RELS = frozenset(
    {
        "last",
        "past",
        "the past",
        "the last",
        "previous",
        "the previous",
        "the prior",
        "prior",
        "this past",
        "latest",
        "the latest",
    }
)
NEXT_RELS = frozenset(
    {"next", "coming", "the coming", "the next", "this coming", "following", "the following"}
)
SAME_RELS = frozenset({"that", "the same", "that same", "the"})
REFERENCE_RELS = frozenset({"that", "the same", "that same"}) | {
    "the following",
    "the next",
    "the previous",
    "the prior",
    "following",
}
WHOLE_RELS = frozenset({"the entire", "the whole", "the full", "a full", "the final"})
ANAPHORIC = frozenset({"the following", "the next", "the previous", "the prior", "following"})
DURATION_CUES = frozenset({"for", "during", "throughout", "over", "all"})
ENDED = re.compile(r"\s+(?:that\s+)?(?:ended|ending|ends|to\s+end)\b")
EARLIEST_BEFORE = re.compile(r"\bas\s+(?:early|soon)\s+as\s+$", re.I)
AWAITED_BEFORE = re.compile(
    r"\b(?:ahead\s+of|in\s+advance\s+of|until|awaiting|await|upcoming)\s+(?:the\s+)?$", re.I
)
# "late Monday and early Tuesday", "Monday night into Tuesday", "from Monday to Tuesday": a day told as running on
# from the weekday just named is the day after it, whatever the tense (the night of a report filed on Monday)
RUNNING_ON = re.compile(r"\b(?:and|into|to|through|until|till)\s+(?:(?:early|late)\s+|the\s+early\s+hours\s+of\s+)?$",
                        re.I)
RUNNING_ON_CHARS = 30  # how close the weekday just named must be
OFFSET = re.compile(r"D([+-]\d+)(T\w+)?")


def _part_suffix(part: str | None) -> str:
    if not part:
        return ""
    code = lexicon().parts[norm(part)][0]
    return code if code.startswith("T") else "T" + code


def _day_value(day: date | None, part: str | None, fallback: str = "XXXX-XX-XX") -> tuple[str, str]:
    suffix = _part_suffix(part)
    return ("TIME" if suffix else "DATE"), (cal.fmt_day(day) if day else fallback) + suffix


def weekday(m: re.Match[str], ctx: Context) -> Resolved | None:
    number, rel, groups = (
        lexicon().weekdays[norm(m["wd"]).rstrip(".")],
        norm(m.groupdict().get("rel")),
        m.groupdict(),
    )
    mod = mod_of(groups.get("em"))
    if ctx.anchor is None:
        return Resolved(
            "DATE", f"XXXX-WXX-{number}{_part_suffix(groups.get('part'))}", "weekday.unanchored", mod
        )
    base, how = ctx.anchor, ""
    if rel in ANAPHORIC or rel == "that":
        base = (ctx.reference() or (ctx.anchor, "D"))[0]
    if rel in ("last", "past", "previous", "this past", "the previous"):
        found, how = cal.weekday_near(base, number, -1, strict=True), "last"
    elif rel in ("next", "coming", "this coming", "the following", "following"):
        found, how = cal.weekday_near(base, number, 1, strict=True), "next"
    elif rel == "this":
        found, how = base + timedelta(days=number - base.isoweekday()), "this_week"
    elif (following := _running_on(m, ctx, number)) is not None:
        found, how = following, "following"
    else:
        tense = _weekday_tense(m, ctx)
        found = cal.weekday_near(base, number, 1 if tense > 0 else -1)
        how = "future" if tense > 0 else "past"
        if ctx.live_page and (near := slack_day(found, base)) != found:
            found, how = near, "entry"
    kind, value = _day_value(found, groups.get("part"))
    return Resolved(kind, value, f"weekday.{how}", mod, iso(base))


def _running_on(m: re.Match[str], ctx: Context, number: int) -> date | None:
    """The day after the weekday just named when this one runs on from it ("late Monday and early Tuesday")."""
    before = ctx.text[max(0, m.start() - RUNNING_ON_CHARS):m.start()]
    if ctx.last_date is None or ctx.last_date[1] != "D" or not RUNNING_ON.search(before):
        return None
    day = ctx.last_date[0]
    if day.isoweekday() % 7 + 1 != number:
        return None
    words = set(re.findall(r"[a-z]+", before.lower()))
    return day + timedelta(days=1) if any(n == day.isoweekday() for w, n in lexicon().weekdays.items()
                                          if w in words) else None


def _weekday_tense(m: re.Match[str], ctx: Context) -> int:
    before = ctx.text[max(0, m.start() - 40) : m.start()]
    if EARLIEST_BEFORE.search(before):
        return 1  # "could arrive as early as Tuesday": the earliest time of something still to come
    if ctx.text.startswith("'s", m.end()):
        # "Wednesday's ruling": the day of an event named by the noun, reported after it, whatever the
        # verb around it ("they would appeal Wednesday's ruling"), unless it is awaited ("ahead of Sunday's vote")
        return 1 if AWAITED_BEFORE.search(before) else -1
    return ctx.tense(m.start(), m.end())


def weekday_set(m: re.Match[str], ctx: Context) -> Resolved | None:
    number = lexicon().weekdays[norm(m["wd"] or m["wdp"] or m["wd3"]).rstrip(".")]
    return Resolved("SET", f"XXXX-WXX-{number}{_part_suffix(m['part'] or m['part3'])}", "set.weekday")


def rel_day(m: re.Match[str], ctx: Context) -> Resolved | None:
    word = norm(m["rd"])
    spec = lexicon().relative[word][1]
    return _offset(spec, m["part"], ctx, f"relday.{word}", mod_of(m["em"]))


def _offset(spec: str, part: str | None, ctx: Context, rule: str, mod: str | None = None) -> Resolved:
    parsed = OFFSET.fullmatch(spec)
    if parsed is None:
        raise ValueError(f"bad day offset {spec!r} in time/data relative.tsv")
    day = ctx.anchor + timedelta(days=int(parsed[1])) if ctx.anchor else None
    suffix = _part_suffix(part) or (parsed[2] or "")
    value = (cal.fmt_day(day) if day else "XXXX-XX-XX") + suffix
    return Resolved("TIME" if suffix else "DATE", value, rule, mod, iso(ctx.anchor))


def phrase(m: re.Match[str], ctx: Context) -> Resolved | None:
    key = norm(m["phrase"])
    kind, value = lexicon().relative[key]
    if OFFSET.fullmatch(value):
        return _offset(value, None, ctx, f"lexicon.{key.replace(' ', '_')}")
    return Resolved(kind, value, f"lexicon.{key.replace(' ', '_')}", None, iso(ctx.anchor))


def rel_unit(m: re.Match[str], ctx: Context) -> Resolved | None:
    rel, unit = norm(m["rel"]), norm(m["unit"])
    mod = mod_of(m["em"], m["bnd"])
    if unit in ("morning", "afternoon", "evening", "night"):
        return _rel_daypart(rel, unit, ctx, mod, m.start())
    code = lexicon().units[unit].code
    if rel == "the" and unit == "day":
        return None  # "the day" (after the vote ...) is an event reference, rarely a date
    if unit == "year" and rel in ("the", "the full") and ENDED.match(ctx.text, m.end()):
        # "the (fiscal) year ended March 31": a twelve-month period named by its last day
        return Resolved("DURATION", "P1Y", "duration.year_ended", mod)
    if unit == "year" and rel in ("the", "the full") and ctx.word_before(m.start()) == "for" and ctx.anchor:
        # "results for the (full) year", "a high for the year": the (fiscal) year in progress, a DATE
        return Resolved("DATE", f"{ctx.anchor.year:04d}", "relunit.for_the_year", mod, iso(ctx.anchor))
    if rel in WHOLE_RELS:
        return Resolved("DURATION", duration_value(1, code, time=False), "duration.whole", mod)
    if (
        rel == "the"
        and ctx.word_before(m.start()) in DURATION_CUES
        and unit in ("year", "month", "week", "day")
    ):
        return Resolved("DURATION", duration_value(1, code, time=False), "duration.the_unit", mod)
    if code in ("DE", "CE") and rel in PAST_RELS | NEXT_RELS:
        return Resolved("DURATION", duration_value(1, code, time=False), "duration.decade", mod)
    if rel in REFERENCE_RELS:
        base_ref = ctx.scene_reference(m.start()) if rel in SAME_RELS and unit == "day" else ctx.reference()
        if base_ref is None:
            return Resolved("DATE", _unknown(code), "relunit.unanchored", mod)
        base, how = base_ref[0], "reference"
        if unit == "day" and (rel == "the" or (rel in SAME_RELS and base_ref[1] != "D")):
            return None
    else:
        if ctx.anchor is None and code == "Y" and ctx.year is not None:
            step = -1 if rel in PAST_RELS else 1 if rel in NEXT_RELS else 0
            return Resolved("DATE", f"{ctx.year + step:04d}", f"relunit.year_anchor.{step:+d}", mod, f"{ctx.year:04d}")
        if ctx.anchor is None:
            return Resolved("DATE", _unknown(code), "relunit.unanchored", mod)
        base, how = ctx.anchor, "anchor"
    step = -1 if rel in PAST_RELS else 1 if rel in NEXT_RELS else 0
    if code == "WE" and rel in SAME_RELS and ctx.anchor is not None:
        step = -1 if ctx.tense(m.start(), m.end()) < 0 and base.isoweekday() < 6 else 0
    target = cal.shift(base, step, "W" if code == "WE" else code)
    return Resolved("DATE", cal.value_at(target, code), f"relunit.{how}.{step:+d}", mod, iso(base))


def _rel_daypart(rel: str, unit: str, ctx: Context, mod: str | None, start: int) -> Resolved | None:
    base_ref = ctx.scene_reference(start) if rel in SAME_RELS else ctx.reference()
    if base_ref is None or rel == "the" or base_ref[1] != "D":
        return None
    base = ctx.anchor if rel == "this" and ctx.anchor else base_ref[0]
    step = (
        -1
        if rel in ("the previous", "the prior", "previous")
        else 1
        if rel in ("the next", "the following", "next", "following")
        else 0
    )
    if rel in ("last", "past", "the past", "the last"):
        return None
    kind, value = _day_value(base + timedelta(days=step), unit)
    return Resolved(kind, value, f"daypart.{step:+d}", mod, iso(base))


def _unknown(code: str) -> str:
    return {"W": "XXXX-WXX", "WE": "XXXX-WXX-WE", "M": "XXXX-XX", "Y": "XXXX", "D": "XXXX-XX-XX"}.get(
        code, "XXXX"
    )


def ago(m: re.Match[str], ctx: Context) -> Resolved | None:
    amount, unit, direction = number(m["n"]), lexicon().units[norm(m["unit"])], norm(m["dir"])
    step = 1 if direction in ("later", "from now", "hence", "after") else -1
    mod = mod_of(m["q"])
    if amount is None:
        return Resolved("DATE", "FUTURE_REF" if step > 0 else "PAST_REF", "ago.vague", mod, iso(ctx.anchor))
    relative_to_reference = direction in ("earlier", "later", "before", "after")
    quarter = ctx.quarter_context(m.start()) if unit.code == "Y" and amount == 1 else None
    if quarter:
        return Resolved("DATE", f"{quarter[0] - 1:04d}-Q{quarter[1]}", "ago.quarter", mod, iso(ctx.anchor))
    base_ref = ctx.reference() if relative_to_reference else ((ctx.anchor, "D") if ctx.anchor else None)
    if base_ref is None:
        return Resolved("DATE", _unknown(unit.code), "ago.unanchored", mod)
    base, code = base_ref[0], unit.code
    if unit.time:
        code, amount = "D", 0
    elif amount != int(amount):
        code, amount = ("M", amount * 12) if code == "Y" else ("D", amount * unit.days)
    try:
        target = cal.shift(base, step * int(amount), code)
    except (ValueError, OverflowError):  # "5,000 years ago" leaves the calendar of datetime.date
        return Resolved("DATE", "FUTURE_REF" if step > 0 else "PAST_REF", "ago.vague", mod, iso(ctx.anchor))
    granularity = "D" if relative_to_reference and base_ref[1] == "D" and code in ("D", "W") else code
    granularity = "Y" if granularity in ("DE", "CE") else granularity
    rule = "ago.reference" if relative_to_reference else "ago.anchor"
    return Resolved("DATE", cal.value_at(target, granularity), rule, mod, iso(base))


def days_ago(text: str) -> float | None:
    """How long ago an "N units ago" expression says something happened, in days, read without an anchor ("seven
    years ago" → about 2,555), None when ``text`` is no such past expression. A text without a publication date
    leaves these unresolved (``ago.unanchored``) but still tells how old the event is."""
    pattern = dict(compiled_rules())["ago"]
    m = pattern.fullmatch(text.strip())
    if m is None or norm(m["dir"]) not in ("ago", "back", "earlier", "before"):
        return None
    amount, unit = number(m["n"]), lexicon().units.get(norm(m["unit"]))
    return None if amount is None or unit is None or unit.time else amount * unit.days


def ago_bare(m: re.Match[str], ctx: Context) -> Resolved | None:
    step = 1 if norm(m["dir"]) in ("later", "from now") else -1
    return Resolved("DATE", "FUTURE_REF" if step > 0 else "PAST_REF", "ago.vague", None, iso(ctx.anchor))


def ago_adj(m: re.Match[str], ctx: Context) -> Resolved | None:
    code = lexicon().units[norm(m["unit"])].code
    quarter = ctx.quarter_context(m.start()) if code == "Y" else None
    if quarter:
        return Resolved("DATE", f"{quarter[0] - 1:04d}-Q{quarter[1]}", "ago.quarter", None, iso(ctx.anchor))
    base_ref = ctx.reference()
    if base_ref is None:
        return Resolved("DATE", _unknown(code), "ago.unanchored")
    return Resolved(
        "DATE", cal.value_at(cal.shift(base_ref[0], -1, code), code), "ago.adjective", None, iso(base_ref[0])
    )


def duration(m: re.Match[str], ctx: Context) -> Resolved | None:
    unit = lexicon().units[norm(m["unit"])]
    if norm(m["long"]).endswith("old"):
        return None
    amount = None if m["n2"] else number(m["n"])
    return Resolved("DURATION", duration_value(amount, unit.code, time=unit.time), "duration", mod_of(m["q"]))


def duration_bare(m: re.Match[str], ctx: Context) -> Resolved | None:
    unit = lexicon().units[norm(m["unit"])]
    return Resolved(
        "DURATION", duration_value(None, unit.code, time=unit.time), "duration.vague", mod_of(m["q"])
    )


def set_word(m: re.Match[str], ctx: Context) -> Resolved | None:
    return Resolved("SET", lexicon().sets[norm(m["w"])], "set.word")


def set_every(m: re.Match[str], ctx: Context) -> Resolved | None:
    if m["month"]:
        return Resolved("SET", f"XXXX-{month_number(m['month']):02d}", "set.every_month_name")
    unit = lexicon().units[norm(m["unit"])]
    amount = (number(m["n"]) or 1) * (2 if m["other"] else 1)
    return Resolved("SET", duration_value(amount, unit.code, time=unit.time), "set.every")


def set_rate(m: re.Match[str], ctx: Context) -> Resolved | None:
    unit = lexicon().units[norm(m["unit"])]
    return Resolved("SET", duration_value(1, unit.code, time=unit.time), "set.rate")


def clock(m: re.Match[str], ctx: Context) -> Resolved | None:
    groups = m.groupdict()
    hour, minute = int(groups.get("h") or 12), int(groups.get("mi") or 0)
    ampm = norm(groups.get("ampm"))
    if groups.get("w"):
        hour = {"noon": 12, "midday": 12, "midnight": 24}[norm(groups["w"])]
    elif ampm.startswith("p") and hour < 12:
        hour += 12
    elif ampm.startswith("a") and hour == 12:
        hour = 0
    day, rule = _clock_day(m, ctx)
    text = cal.fmt_day(day) if day else "XXXX-XX-XX"
    return Resolved("TIME", f"{text}T{hour:02d}:{minute:02d}", rule, mod_of(groups.get("q")), iso(ctx.anchor))


def _clock_day(m: re.Match[str], ctx: Context) -> tuple[date | None, str]:
    groups = m.groupdict()
    if ctx.anchor is None:
        return None, "clock.unanchored"
    if groups.get("wd"):
        number_ = lexicon().weekdays[norm(groups["wd"]).rstrip(".")]
        tense = ctx.tense(m.start(), m.end())
        found = cal.weekday_near(ctx.anchor, number_, 1 if tense > 0 else -1)
        return (slack_day(found, ctx.anchor) if ctx.live_page else found), "clock.weekday"
    if groups.get("rd"):
        offset = {"today": 0, "yesterday": -1, "tomorrow": 1}[norm(groups["rd"])]
        return ctx.anchor + timedelta(days=offset), "clock.relday"
    if groups.get("month"):
        return yearless_day(ctx, m.start(), m.end(), month_number(groups["month"]), day_number(groups["d"]))[
            0
        ], "clock.date"
    reference = ctx.reference()
    return (reference[0] if reference and reference[1] == "D" else ctx.anchor), "clock.reference"
