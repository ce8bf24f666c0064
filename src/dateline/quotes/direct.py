"""Direct quotes: find text between quotation marks, then attribute it to a speaker.

Double (“ ” and ") and single British (‘ ’ and ') marks. A single mark between letters
("they're", "Iraq's") or after a plural "s" followed by a lowercase word ("Isis’ leader") is an
apostrophe, not a quote mark. Marks of the other kind inside an open quote are nested quotes and
are ignored. A quote left open at the end of a paragraph continues when the next paragraph opens
with a mark (the newspaper convention for multi-paragraph quotes). An opening “ glued to the end of a
word is a mistyped closing mark.

A quote is attributed by a cue after it ("..., he said", also "...” Trump said." without the comma),
a cue before it in its sentence, a name and a colon right before it ("pollster Daron Shaw: “...”"),
the previous quote, or an introducing paragraph ("Cruz continued:"). Transcript paragraphs ("PENCE: ..."
or "Alex Seitz-Wald: ...") are quotes of the labelled speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dateline.quotes.speakers import (
    Attribution,
    Parse,
    Speaker,
    cue_text,
    find_cues,
    resolve_speaker,
    subject_of,
)

DOUBLE_OPEN, DOUBLE_CLOSE = "“", "”"
SINGLE_OPEN, SINGLE_CLOSE = "‘", "’"
QUOTE_CHARS = re.compile("[\"'“”‘’]")  # every character _opening_kind or _closes can accept
OPEN_CONTEXT = " \t\n([{—–-:;,/"  # what may precede an opening mark
CLOSE_CONTEXT = " \t\n.,;:!?)]}—–-”\"'’"  # what may follow a closing mark
TRANSCRIPT_LINE = re.compile(r"[\"“]?(?P<label>[A-Z][A-Z.'’ -]{1,30}[A-Z]):\s+(?P<content>\S)")
DASHES = frozenset({"―", "—", "–", "--"})
COLON_LABELS = frozenset({"PERSON", "ORG", "NORP"})  # who can be the label of a "Name: “...”" quote
MAX_BARE_FRAME_TOKENS = 8  # from the closing mark to the cue: "Trump said", "the state's junior senator said"
MIN_QUOTE_WORDS = 2  # shorter marked text is a scare quote or a title, not speech
MAX_TITLE_WORDS = 8  # "On “Fox News Sunday,” Pence said ...": a short Title Case name of a show, book or song
TITLE_SMALL_WORDS = frozenset({"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by", "from", "as", "is", "it"})


@dataclass(frozen=True, slots=True)
class Marked:
    """Quoted text: ``start``/``end`` exclude the marks; ``open``/``close`` are the mark offsets."""

    start: int
    end: int
    open: int
    close: int | None  # None: left open at the paragraph end
    kind: str  # double | single
    fragment: bool = False  # a quoted phrase inside the writer's own sentence


def find_marked(text: str, paragraphs: tuple[tuple[int, int], ...]) -> list[Marked]:
    """All quoted stretches in ``text``, paragraph by paragraph."""
    found: list[Marked] = []
    bounds = paragraphs or ((0, len(text)),)
    for n, (p_start, p_end) in enumerate(bounds):
        following = text[bounds[n + 1][0]] if n + 1 < len(bounds) and bounds[n + 1][0] < len(text) else ""
        found.extend(_scan_paragraph(text, p_start, p_end, following))
    return [m for m in found if m.end > m.start]


def _scan_paragraph(text: str, start: int, end: int, following: str) -> list[Marked]:
    found: list[Marked] = []
    open_at: int | None = None
    kind = ""
    for match in QUOTE_CHARS.finditer(text, start, end):  # only a quote character can open or close
        i = match.start()
        if open_at is None:
            kind = _opening_kind(text, i, start)
            if kind:
                open_at = i
            continue
        if _closes(text, i, end, kind):
            found.append(_marked(text, open_at, i, kind))
            open_at = None
    if open_at is not None and (text[start:open_at].strip() == "" or _opening_kind(following + "x", 0, 0) == kind):
        found.append(_marked(text, open_at, None, kind, end))
    return found


def _marked(text: str, open_at: int, close: int | None, kind: str, p_end: int = 0) -> Marked:
    end = close if close is not None else p_end
    start = open_at + 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    before = text[max(0, open_at - 2) : open_at].strip()
    fragment = text[start : start + 1].islower() and before[-1:].isalpha()
    return Marked(start, end, open_at, close, kind, fragment)


def _opening_kind(text: str, i: int, p_start: int) -> str:
    ch = text[i]
    before = text[i - 1] if i > p_start else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if after.isspace():
        return ""
    if ch == DOUBLE_OPEN or (ch in ('"', DOUBLE_CLOSE) and before in OPEN_CONTEXT + "\"'‘“" and after.isalnum()):
        return "double"  # a closing ” at a word start is a mistyped opening mark
    if ch in (SINGLE_OPEN, "'") and before in OPEN_CONTEXT and not (ch == "'" and after in "sdtm" and _word_end(text, i + 2)):
        return "single"
    return ""


def _word_end(text: str, i: int) -> bool:
    return i >= len(text) or not text[i].isalnum()


def _closes(text: str, i: int, end: int, kind: str) -> bool:
    ch = text[i]
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < end else " "
    if kind == "double":
        if ch == DOUBLE_OPEN:  # glued to the end of a word and followed by a space: a mistyped closing mark
            return not before.isspace() and after in " \t\n"
        return ch == DOUBLE_CLOSE or (ch == '"' and not before.isspace())
    if ch not in (SINGLE_CLOSE, "'") or before.isspace():
        return False
    if before.isalnum() and after.isalnum():
        return False  # apostrophe inside a word
    if after not in CLOSE_CONTEXT:
        return False
    if before.lower() == "s" and after == " " and _lower_word_follows(text, i + 1, end):
        return not _later_close(text, i + 1, end)  # "the fighters' weapons": keep looking
    return True


def _lower_word_follows(text: str, i: int, end: int) -> bool:
    while i < end and text[i] == " ":
        i += 1
    return i < end and text[i].islower()


def _later_close(text: str, i: int, end: int) -> bool:
    for j in range(i, end):
        if text[j] in (SINGLE_CLOSE, "'") and j > 0 and not text[j - 1].isspace():
            nxt = text[j + 1] if j + 1 < end else " "
            if not (text[j - 1].isalnum() and nxt.isalnum()) and nxt in CLOSE_CONTEXT:
                return True
    return False


def attribute_direct(parse: Parse, marked: list[Marked], paragraphs: tuple[tuple[int, int], ...]) -> list[Attribution]:
    """Attribute each quoted stretch: cue after, cue before, the previous quote, the previous paragraph."""
    out: list[Attribution] = []
    history: list[Speaker] = []
    for index, quote in enumerate(marked):
        if len(parse.text[quote.start : quote.end].split()) < MIN_QUOTE_WORDS or is_title(parse.text, quote):
            continue
        cue = _cue_after(parse, quote, marked, index) or _cue_before(parse, quote, marked, index) or _colon_label(parse, quote)
        if cue is None and quote.fragment:
            continue  # a scare quote or a quoted phrase with no speech cue of its own
        attribution = _attribution(parse, quote, cue, history) if cue is not None else None
        if attribution is None:
            attribution = _inherit(parse, quote, out, paragraphs, history)
        if attribution is None:
            continue
        out.append(attribution)
        if attribution.speaker is not None:
            history.append(attribution.speaker)
    return out


def is_title(text: str, quote: Marked) -> bool:
    """A quoted Title Case name inside the writer's sentence ("on CBS's “Face the Nation,”"), not speech."""
    words = re.findall(r"[\w'’-]+", text[quote.start : quote.end])
    if not words or len(words) > MAX_TITLE_WORDS or text[quote.start : quote.end].rstrip("”\"'’").endswith((".", "?", "!")):
        return False
    if not all(w[0].isupper() or w[0].isdigit() or w.lower() in TITLE_SMALL_WORDS for w in words):
        return False
    if sum(w[0].isupper() for w in words) < 2:
        return False
    before = text[max(0, quote.open - 40) : quote.open].rstrip()
    return bool(before) and (before[-1].isalpha() or before[-1] in "’'") and "\n" not in before[-2:]


def _attribution(parse: Parse, quote: Marked, cue: int, history: list[Speaker]) -> Attribution:
    words, start, end = cue_text(parse, cue)
    if parse.word(cue) == ":":
        subject: int | None = cue - 1
    else:
        subject = _name_after(parse, cue) if is_dash(parse.word(cue)) else subject_of(parse, cue)
    if subject is not None and quote.open <= parse.tokens[subject].start < (quote.close or quote.end):
        subject = _inverted_subject(parse, cue)  # "“Hands off our market,” read one banner": the quote is no source
    speaker = resolve_speaker(parse, subject, history) if subject is not None else None
    return Attribution(quote.start, quote.end, "direct", words, start, end, speaker)


def _inverted_subject(parse: Parse, cue: int) -> int | None:
    """The noun right after an inverted cue ("..., read one banner", "..., said the mayor")."""
    for c in parse.children[cue]:
        if c > cue and parse.tokens[c].pos in ("NOUN", "PROPN") and parse.tokens[c].dep in ("dobj", "nsubj", "attr", "npadvmod"):
            return c
    return None


def _cue_after(parse: Parse, quote: Marked, marked: list[Marked], index: int) -> int | None:
    """A cue in the frame right after the closing mark: "..., he said." or "..., said X."."""
    if quote.close is None:
        return None
    text = parse.text
    after = text[quote.close + 1 : quote.close + 3].lstrip()
    inner_end = text[quote.end - 1] if quote.end > quote.start else ""
    dash = _dash_name(parse, quote.close + 1)
    if dash is not None:
        return dash
    limit = _frame_end(parse, quote.close + 1, marked, index)
    cues = find_cues(parse, parse.tokens_between(quote.close + 1, limit))
    if not after or not (after[:1].islower() or after[:1] in ",—–-" or inner_end in ",?!—–-"):
        return cues[0] if cues and _bare_frame(parse, cues[0], quote.close + 1, limit) else None
    return cues[0] if cues else None


def _bare_frame(parse: Parse, cue: int, start: int, end: int) -> bool:
    """'“...missing.” Trump said.', '“... niches” Grubbs said after an event': a frame that opens with the
    speaker and the cue, though the quote ends without a comma (a typo or a house style)."""
    tokens = parse.tokens_between(start, end)
    if not tokens or parse.text[start : parse.tokens[cue].start].count("\n"):
        return False
    if cue - tokens[0] > MAX_BARE_FRAME_TOKENS or any(parse.tokens[c].dep in ("ccomp", "xcomp", "dobj") for c in parse.children[cue]):
        return False
    subject = subject_of(parse, cue)
    return subject is not None and tokens[0] <= subject < cue


def _colon_label(parse: Parse, quote: Marked) -> int | None:
    """'... surprise pollster Daron Shaw: “Historically ...”': a name right before a colon that opens the quote."""
    colon = parse.token_at(quote.open - 1)
    while colon is not None and colon > 0 and not parse.word(colon).strip():
        colon -= 1
    if colon is None or colon < 1 or parse.word(colon) != ":" or parse.tokens[colon].end > quote.open:
        return None
    if parse.text[parse.tokens[colon].end : quote.open].strip():
        return None
    name = colon - 1
    mention = parse.mention_at(name)
    if parse.tokens[name].pos != "PROPN" or mention is None or mention.label not in COLON_LABELS:
        return None
    return colon


def _dash_name(parse: Parse, start: int) -> int | None:
    """"“...” ― Sonya Herridge": a dash right after the closing mark, then a name."""
    i = parse.token_at(start)
    nxt = i + 1 if i is not None and parse.tokens[i].end <= start else i
    if nxt is None or nxt + 1 >= len(parse.tokens) or not is_dash(parse.word(nxt)):
        return None
    name = _name_after(parse, nxt)
    if name is None or parse.text[parse.tokens[nxt].end : parse.tokens[name].start].count("\n"):
        return None
    return nxt if parse.tokens[name].pos == "PROPN" else None


def is_dash(word: str) -> bool:
    """A dash token, also when the tokenizer glued the closing mark to it ("”―")."""
    return word.lstrip("”\"'’") in DASHES


def _name_after(parse: Parse, dash: int) -> int | None:
    """The first word after a dash, over no-break spaces ("― Jorge Falcon")."""
    i = dash + 1
    while i < len(parse.tokens) and not parse.word(i).strip():
        i += 1
    return i if i < len(parse.tokens) else None


def _cue_before(parse: Parse, quote: Marked, marked: list[Marked], index: int) -> int | None:
    """A cue in the frame before the opening mark, in the same sentence: "X said: '...'"."""
    first = parse.token_at(quote.open)
    if first is None:
        return None
    sent = parse.tokens[min(first + 1, len(parse.tokens) - 1)].sent
    lo = first
    while lo > 0 and parse.tokens[lo - 1].sent == sent:
        lo -= 1
    previous_close = marked[index - 1].close if index > 0 else None
    start = max(parse.tokens[lo].start, (previous_close or -1) + 1)
    cues = find_cues(parse, parse.tokens_between(start, quote.open))
    return cues[-1] if cues else None


def _frame_end(parse: Parse, start: int, marked: list[Marked], index: int) -> int:
    """End of the attribution frame after a quote: the sentence end or the next opening mark."""
    nxt = marked[index + 1].open if index + 1 < len(marked) else len(parse.text)
    first = parse.token_at(start)
    if first is None or first + 1 >= len(parse.tokens):
        return nxt
    sent = parse.tokens[first + 1].sent
    last = first + 1
    while last + 1 < len(parse.tokens) and parse.tokens[last + 1].sent == sent:
        last += 1
    return min(nxt, parse.tokens[last].end)


def _inherit(parse: Parse, quote: Marked, done: list[Attribution], paragraphs: tuple[tuple[int, int], ...], history: list[Speaker]) -> Attribution | None:
    """No cue of its own: the previous quote of this or the previous paragraph, else an introducing sentence."""
    para = _paragraph_index(paragraphs, quote.start)
    if para is None:
        return None
    quote_only = _quote_only_paragraph(parse.text, paragraphs[para], quote)
    if done and done[-1].kind == "direct":
        last = done[-1]
        last_para = _paragraph_index(paragraphs, last.start)
        if last_para == para or (last_para == para - 1 and quote_only):
            return Attribution(quote.start, quote.end, "direct", last.cue, last.cue_start, last.cue_end, last.speaker)
    if para == 0 or not quote_only:
        return None
    return _introducer(parse, quote, paragraphs[para - 1], history)


def _introducer(parse: Parse, quote: Marked, previous: tuple[int, int], history: list[Speaker]) -> Attribution | None:
    """"General X confirmed our suspicions." then a quote paragraph: X said it."""
    last = parse.token_at(previous[1] - 1)
    if last is None:
        return None
    sent = parse.tokens[last].sent
    indices = [i for i in parse.tokens_between(previous[0], previous[1]) if parse.tokens[i].sent == sent]
    root = next((i for i in indices if parse.tokens[i].dep == "ROOT"), None)
    if root is None:  # "Cruz continued:" parsed into the quote's sentence: its verb heads the paragraph's words
        inside = set(indices)
        root = next((i for i in indices if parse.tokens[i].pos == "VERB" and parse.tokens[i].head not in inside), None)
    if root is None:
        return None
    subject = subject_of(parse, root)
    if subject is None:
        return None
    speaker = resolve_speaker(parse, subject, history)
    ends_colon = parse.text[previous[0] : previous[1]].rstrip().endswith(":")
    if parse.tokens[subject].pos != "PROPN" and parse.mention_at(subject) is None and not ends_colon:
        return None
    token = parse.tokens[root]
    return Attribution(quote.start, quote.end, "direct", parse.text[token.start : token.end], token.start, token.end, speaker)


def _paragraph_index(paragraphs: tuple[tuple[int, int], ...], char: int) -> int | None:
    return next((i for i, (s, e) in enumerate(paragraphs) if s <= char < e), None)


def _quote_only_paragraph(text: str, paragraph: tuple[int, int], quote: Marked) -> bool:
    outside = text[paragraph[0] : quote.open] + text[(quote.close or quote.end) + 1 : paragraph[1]]
    return len(outside.strip(" .,\n\"'”’")) == 0


def find_transcript(parse: Parse, paragraphs: tuple[tuple[int, int], ...]) -> list[Attribution]:
    """Interview transcripts: a paragraph "PENCE: Well, look, ..." is a quote by the labelled speaker."""
    out = []
    for start, end in paragraphs:
        match = TRANSCRIPT_LINE.match(parse.text, start, end)
        if match is not None:
            label = match.group("label")
            speaker = Speaker(match.start("label"), match.end("label"), _label_name(parse, label))
            colon, content_start = match.end("label"), match.start("content")
        else:
            found = _person_label(parse, start, end)
            if found is None:
                continue
            speaker, colon, content_start = found
        content_end = end
        while content_end > content_start and parse.text[content_end - 1] in " \"”\n":
            content_end -= 1
        out.append(Attribution(content_start, content_end, "direct", ":", colon, colon + 1, speaker))
    return out


def _person_label(parse: Parse, start: int, end: int) -> tuple[Speaker, int, int] | None:
    """"Alex Seitz-Wald: She is right ...": a paragraph opening with a person's name and a colon."""
    first = parse.token_at(start)
    if first is None or parse.tokens[first].start != start:
        return None
    mention = parse.mention_at(first)
    if mention is None or mention.label != "PERSON" or mention.start != start:
        return None
    colon = mention.end
    if parse.text[colon : colon + 1] != ":" or not parse.text[colon + 1 : end].strip():
        return None
    content_start = colon + 1
    while content_start < end and parse.text[content_start].isspace():
        content_start += 1
    if len(parse.text[content_start:end].split()) < MIN_QUOTE_WORDS:
        return None
    return Speaker(mention.start, mention.end, mention.canonical or mention.text), colon, content_start


def _label_name(parse: Parse, label: str) -> str:
    """"PENCE" → "Mike Pence" when the document names a person with that surname."""
    for mention in parse.mentions:
        name = mention.canonical or mention.text
        if mention.label == "PERSON" and name.split()[-1].upper() == label.split()[-1]:
            return name
    return label.title()
