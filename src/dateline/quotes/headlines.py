"""Headline attribution: "Pence: Flowers won't be at debate" and "Mayor Says Bridge Will Reopen".

Headlines and deck lines attribute in two compact forms news bodies do not use: a "Source: claim"
label, and a Title Case line whose verb is a cue ("Council Backs Harbour Plan"), which the parser,
seeing only capitalised words, tags as proper nouns. Both give a direct attribution with the words
before the label or verb as the source; coordinated verbs ("Backs Trump And Denounces Clinton") give one
attribution each. A sentence-case document title whose verb the parser read as a noun ("Rose Bowl
skywriters blast Trump.") is read the same way when nothing else was found on that line.
"""

from __future__ import annotations

import re
from functools import cache

from dateline.quotes.speakers import Attribution, Parse, Speaker, load_lexicon, load_speech_verbs

LABEL_SMALL_WORDS = "to|at|on|in|of|for|about|with|from|and|the"  # "Clinton to Planned Parenthood: ...", "Mukasey at RNC: ..."
HEADLINE = re.compile(
    rf"(?P<label>[A-Z][\w.'’-]*(?:(?: (?:{LABEL_SMALL_WORDS}))* [A-Z][\w.'’-]*){{0,7}}):[ \t]+(?P<content>\S[^\n]*)"
)
LOOSE_HEADLINE = re.compile(r"(?P<label>[A-Z][\w.'’-]*(?: [\w.'’-]+){1,3}):[ \t]+(?P<content>\S[^\n]*)")
LABEL_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "GPE"})
TRANSCRIPT_LABEL = re.compile(r"[A-Z][A-Z.'’ -]{1,30}[A-Z]")  # as dateline.quotes.direct.TRANSCRIPT_LINE's label
MAX_HEADLINE_CHARS = 200  # "Source: claim" lines are headlines or deck lines, not body paragraphs
MIN_HEADLINE_WORDS = 3
TITLE_WORD = re.compile(r"[\w’'-]+")
MIN_TITLE_WORDS, MAX_TITLE_WORDS = 3, 20
TITLE_CONJUNCTIONS = frozenset({"and", "but", "&"})
TITLE_DETERMINERS = frozenset({"the", "a", "an", "only", "this", "that", "his", "her", "their", "its", "our", "my", "your", "one", "first", "new"})
TITLE_CASE_SHARE = 0.7  # "Mayor Says Bridge Will Reopen": most words capitalised


def find_headline(parse: Parse, paragraphs: tuple[tuple[int, int], ...]) -> list[Attribution]:
    """Headline attribution: a short line "Pence: Flowers won't be at debate" is the labelled source's claim."""
    not_labels, _ = load_lexicon("not_source_labels")
    out = []
    for start, end in paragraphs:
        line = parse.text[start:end].strip()
        match = HEADLINE.match(parse.text, start, end) or _entity_label(parse, start, end)
        if match is None or len(line) > MAX_HEADLINE_CHARS or line.count(":") > 1:
            continue
        label = match.group("label")
        if TRANSCRIPT_LABEL.fullmatch(label):
            continue  # an all-caps label is a transcript speaker (find_transcript)
        first_word, last_word = label.split()[0].lower(), label.split()[-1].lower()
        if first_word in not_labels or (last_word in not_labels and not _starts_with_entity(parse, match.start("label"), match.end("label"))):
            continue  # "Update:", "Live video:"; not "Judicial Watch:"
        content_start, content_end = match.start("content"), match.end("content")
        while content_end > content_start and parse.text[content_end - 1] in " .\n":
            content_end -= 1
        if len(parse.text[content_start:content_end].split()) < MIN_HEADLINE_WORDS:
            continue
        first = parse.token_at(match.start("label"))
        mention = parse.mention_at(first) if first is not None else None
        name = (mention.canonical or mention.text) if mention is not None and mention.end <= match.end("label") else label
        speaker = Speaker(match.start("label"), match.end("label"), name)
        colon = match.end("label")
        out.append(Attribution(content_start, content_end, "direct", ":", colon, colon + 1, speaker))
    return out


def _entity_label(parse: Parse, start: int, end: int) -> re.Match[str] | None:
    """"Clinton camp: ...", "WSJ editorial: ...": a label with lower-case words counts when it opens with a name."""
    match = LOOSE_HEADLINE.match(parse.text, start, end)
    if match is None or not _starts_with_entity(parse, match.start("label"), match.end("label")):
        return None
    return match


def _starts_with_entity(parse: Parse, start: int, end: int) -> bool:
    first = parse.token_at(start)
    mention = parse.mention_at(first) if first is not None else None
    return mention is not None and mention.start == start and mention.end <= end and mention.label in LABEL_ENTITIES


def find_title_headlines(parse: Parse, paragraphs: tuple[tuple[int, int], ...]) -> list[Attribution]:
    """Title Case headline lines with a cue verb: "Bellwether County Says Trump Should Win": source | verb | claim."""
    out = []
    for p_start, p_end in paragraphs:
        start = p_start
        for line in parse.text[p_start:p_end].split("\n"):
            out.extend(_title_headline(parse, start, start + len(line)))
            start += len(line) + 1
    return out


def find_sentence_case_title(parse: Parse, paragraphs: tuple[tuple[int, int], ...], cues_at: set[int]) -> list[Attribution]:
    """A document title in sentence case, "Rose Bowl skywriters blast Trump.": the parser often reads its
    verb as a noun, so a present-tense cue word is taken as the verb when nothing else was found on the line."""
    if not paragraphs:
        return []
    start = paragraphs[0][0]
    line = parse.text[start : paragraphs[0][1]].split("\n")[0]
    end = start + len(line)
    words, title_case = _title_words(line)
    if not words or title_case or ":" in line or any(start <= c < end for c in cues_at):
        return []
    cues = title_cue_lemmas()
    verbs: list[int] = []
    for n, word in enumerate(words[1:-1], start=1):
        text = word.group()
        if not text[0].islower() or _verb_lemma(text) not in cues:
            continue
        previous = words[n - 1].group().lower()
        if verbs and previous not in TITLE_CONJUNCTIONS:
            continue
        if not verbs and (previous in TITLE_DETERMINERS or previous == "to" or not (text.endswith("s") or _plural(parse, start, words[n - 1]))):
            continue  # a third-person verb ("blasts"), or a plural subject before a bare verb ("fishermen slam")
        verbs.append(n)
    return _verb_attributions(parse, start, line, words, verbs) if verbs else []


def _title_words(line: str) -> tuple[list[re.Match[str]], bool]:
    """The words of a line that can be a headline (3–20 words, not a question), and whether it is in Title Case."""
    words = list(TITLE_WORD.finditer(line))
    if not MIN_TITLE_WORDS <= len(words) <= MAX_TITLE_WORDS or line.rstrip().endswith(("?", "!")):
        return [], False
    capitalised = [w for w in words if w.group()[0].isupper() or w.group()[0].isdigit()]
    return words, len(capitalised) >= TITLE_CASE_SHARE * len(words)


def _plural(parse: Parse, start: int, word: re.Match[str]) -> bool:
    token = parse.token_at(start + word.start())
    return word.group().lower().endswith("s") or (token is not None and parse.tokens[token].tag in ("NNS", "NNPS"))


def _title_headline(parse: Parse, start: int, end: int) -> list[Attribution]:
    line = parse.text[start:end]
    words, title_case = _title_words(line)
    if not words or not title_case:
        return []
    verbs = _title_verbs(parse, start, line, words)
    if not verbs:
        return []
    if any(mark in line[: words[verbs[0]].start()] for mark in ":‘“\"'"):
        return []  # "Cruz: ...", "'I Fear ...'": a label or a quote, not a source before the verb
    return _verb_attributions(parse, start, line, words, verbs)


def _verb_attributions(parse: Parse, start: int, line: str, words: list[re.Match[str]], verbs: list[int]) -> list[Attribution]:
    """One attribution per headline verb: the words before the first verb are the source; each verb's content
    runs to the conjunction before the next verb ("Backs Trump And Denounces Clinton") or to the line's end."""
    source_end = start + words[verbs[0] - 1].end()
    first = parse.token_at(start + words[0].start())
    mention = parse.mention_at(first) if first is not None else None
    label = line[words[0].start() : words[verbs[0] - 1].end()]
    name = (mention.canonical or mention.text) if mention is not None and mention.end <= source_end else label
    speaker = Speaker(start + words[0].start(), source_end, name)
    out = []
    line_end = start + len(line.rstrip(" .\t"))
    for k, verb in enumerate(verbs):
        content_end = start + words[verbs[k + 1] - 2].end() if k + 1 < len(verbs) else line_end
        content_start = start + words[verb + 1].start()
        if content_end - content_start < 2:
            continue
        word = words[verb]
        out.append(Attribution(content_start, content_end, "direct", word.group(), start + word.start(), start + word.end(), speaker))
    return out


def _title_verbs(parse: Parse, start: int, line: str, words: list[re.Match[str]]) -> list[int]:
    """Word positions of the headline's cue verb and of cue verbs coordinated with it ("... And Denounces ...")."""
    cues = title_cue_lemmas()
    found: list[int] = []
    for n, word in enumerate(words[1:-1], start=1):
        text = word.group()
        if not text[0].isupper() or _verb_lemma(text) not in cues:
            continue
        if found and words[n - 1].group().lower() not in TITLE_CONJUNCTIONS:
            continue
        token = parse.token_at(start + word.start())
        if token is not None and parse.tokens[token].pos in ("DET", "ADP", "NUM"):
            if found:
                continue
            return []
        if not found and _verb_lemma(text) == text.lower() and words[n - 1].group().lower() in TITLE_DETERMINERS:
            continue  # "The Only Reason Funds Support ...": a bare noun after a determiner, not the verb
        found.append(n)
    return found


def _verb_lemma(word: str) -> str:
    """"Says" → "say", "Endorses" → "endorse", "Slams" → "slam", "Questioned" → "question": Title Case
    headline verbs are third person present or past; the parser tags them as proper nouns."""
    lower = word.lower().replace("’", "'")
    if lower.endswith("ies"):
        return lower[:-3] + "y"
    if lower.endswith(("sses", "shes", "ches", "xes")):
        return lower[:-2]
    if lower.endswith("s") and not lower.endswith("ss"):
        return lower[:-1]
    if lower.endswith("ed"):
        return lower[:-1] if lower[:-1] in title_cue_lemmas() else lower[:-2]
    return lower


@cache
def title_cue_lemmas() -> frozenset[str]:
    """Verbs that make a headline an attribution: speech verbs and object cues."""
    speech, _ = load_speech_verbs()
    objects, _ = load_lexicon("object_verbs")
    return speech | objects
