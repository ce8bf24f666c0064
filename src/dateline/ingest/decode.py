"""Turn raw bytes into text, or a clear reason why they cannot be read as an article.

Order of the checks: known binary signatures; UTF-16/UTF-32 (byte order mark, or detected by
charset_normalizer when the bytes look binary as 8-bit text); a few stray NUL bytes are removed;
then UTF-8, UTF-8 with its few bad bytes replaced, or a legacy encoding guessed by
charset_normalizer. Every repair or guess is described in :attr:`Decoded.notes`.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes
from charset_normalizer.utils import is_multi_byte_encoding

# Signatures of common binary formats people drop into a corpus folder by mistake.
_MAGIC = {
    b"%PDF": "PDF document",
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"PK\x03\x04": "ZIP archive (unzip it first)",
    b"\x7fELF": "executable",
    b"\xd0\xcf\x11\xe0": "MS Office document",
    b"7z\xbc\xaf": "7z archive",
}
_SNIFF_BYTES = 8192
_DETECT_BYTES = 4 * 1024 * 1024  # charset_normalizer looks at this much of a legacy-encoded input
_MAX_CONTROL_RATIO = 0.05  # share of control bytes (NUL aside) above which text is considered binary
_MAX_NUL_RATIO = 0.001  # up to this share of NUL bytes (and at least _FEW_NULS) is stray junk to remove
_FEW_NULS = 16
_CONTROL_BYTES = bytes(b for b in range(1, 32) if b not in b"\t\n\f\r\x1b")  # NUL has its own rule
_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    ((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE), "utf_32"),
    ((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE), "utf_16"),
)
_WIDE_WITHOUT_BOM = ["utf_16_le", "utf_16_be", "utf_32_le", "utf_32_be"]
_MAX_WIDE_CHAOS = 0.1  # charset_normalizer's "mess" score up to which a UTF-16/32 reading is accepted
_CHAOS_TIE = 0.02  # legacy guesses this close to the best one are equally plausible
_CHAOS_PLAUSIBLE = 0.1  # legacy guesses this close to the best one are still considered
_PREFERRED_LEGACY = "cp1252"  # the usual legacy encoding of (Latin-script) news text
_LETTER = r"[^\W\d_]"
_SYMBOL_IN_WORD = re.compile(rf"(?<={_LETTER})[\x80-\u02ff](?={_LETTER})")
_BAD_BYTE = re.compile("[\udc80-\udcff]")  # what surrogateescape turns an undecodable byte into
_NON_ASCII = re.compile("[^\x00-\x7f\udc80-\udcff]")


class UnreadableInput(ValueError):
    """The input is not text we can read; the message says why."""


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    notes: tuple[str, ...] = ()  # what was repaired or guessed, for Document.notes


def decode_bytes(data: bytes) -> Decoded:
    """Decode one input's bytes (see the module docstring); raise :class:`UnreadableInput` for binary data."""
    head = data[:_SNIFF_BYTES]
    for magic, what in _MAGIC.items():
        if head.startswith(magic):
            raise UnreadableInput(f"binary file ({what}), not text, HTML or JSON")
    wide = _wide_encoding(head)
    if wide is not None:
        return _decode_wide(data, wide)
    data, notes = _without_nuls(data)
    return _decode_8bit(data, notes)


def _wide_encoding(head: bytes) -> str | None:
    """UTF-16/UTF-32 by byte order mark; without one, only when the bytes look binary as 8-bit text."""
    for boms, encoding in _BOMS:
        if head.startswith(boms):
            return encoding
    reason = _binary_reason(head)
    if reason is None:
        return None
    best = from_bytes(head[: len(head) - len(head) % 4], cp_isolation=_WIDE_WITHOUT_BOM).best()
    if best is None or best.chaos > _MAX_WIDE_CHAOS:
        raise UnreadableInput(f"binary file ({reason}), not text, HTML or JSON")
    return best.encoding


def _binary_reason(head: bytes) -> str | None:
    """Why ``head`` is not 8-bit text, or None when it may be."""
    if head.count(0) > max(_FEW_NULS, _MAX_NUL_RATIO * len(head)):
        return "contains NUL bytes"
    control = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if head and control / len(head) > _MAX_CONTROL_RATIO:
        return "too many control bytes"
    return None


def _decode_wide(data: bytes, encoding: str) -> Decoded:
    text = data.decode(encoding, errors="replace")
    how = "byte order mark" if encoding in ("utf_16", "utf_32") else "detected, no byte order mark"
    notes = [f"not UTF-8: decoded as {encoding} ({how})"]
    if (nuls := text.count("\x00")) and nuls <= max(_FEW_NULS, _MAX_NUL_RATIO * len(text)):
        text = text.replace("\x00", "")
        notes.append(f"removed {nuls} NUL character(s)")
    if _binary_reason(text[:_SNIFF_BYTES].encode("utf-8", errors="replace")):
        raise UnreadableInput(f"binary file (not {encoding} text), not text, HTML or JSON")
    return Decoded(text, encoding, tuple(notes))


def _without_nuls(data: bytes) -> tuple[bytes, tuple[str, ...]]:
    """Remove a few stray NUL bytes (a damaged file, a bad copy); many mean a binary file."""
    nuls = data.count(0)
    if not nuls:
        return data, ()
    if nuls > max(_FEW_NULS, _MAX_NUL_RATIO * len(data)):
        raise UnreadableInput("binary file (contains NUL bytes), not text, HTML or JSON")
    return data.replace(b"\x00", b""), (f"removed {nuls} NUL byte(s)",)


def _decode_8bit(data: bytes, notes: tuple[str, ...]) -> Decoded:
    """UTF-8 (with or without BOM), UTF-8 with its bad bytes replaced, or a guessed legacy encoding.

    Hand-written rule for invalid UTF-8: valid multi-byte UTF-8 sequences almost never occur by
    chance in legacy-encoded text, so when the valid non-ASCII characters outnumber the bad bytes
    the input is UTF-8 with damage: replacing the bad bytes loses fewer characters than reading the
    whole input in a legacy encoding (which garbles every valid character into two or three).
    """
    try:
        return Decoded(data.decode("utf-8-sig"), "utf-8", notes)
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
        first_bad -= len(codecs.BOM_UTF8)
    escaped = data.decode("utf-8", errors="surrogateescape")
    bad = len(_BAD_BYTE.findall(escaped))
    valid = len(_NON_ASCII.findall(escaped))
    if valid >= bad:
        text = _BAD_BYTE.sub("\ufffd", escaped)
        note = f"invalid UTF-8: {bad} undecodable byte(s), the first at byte {first_bad}, replaced with U+FFFD"
        return Decoded(text, "utf-8", (*notes, note))
    encoding = _legacy_encoding(data[:_DETECT_BYTES])
    if encoding is None:
        text = _BAD_BYTE.sub("\ufffd", escaped)
        note = f"invalid UTF-8 at byte {first_bad}; no encoding fits, {bad} undecodable byte(s) replaced with U+FFFD"
        return Decoded(text, "utf-8", (*notes, note))
    text = data.decode(encoding, errors="replace")
    return Decoded(text, encoding, (*notes, f"invalid UTF-8 at byte {first_bad}; decoded as {encoding}"))


def _legacy_encoding(sample: bytes) -> str | None:
    """charset_normalizer's guess, with a tie-break among single-byte encodings (see below).

    Hand-written tie-break: charset_normalizer ranks cp1250, cp1252 and their relatives about
    equally on Western text (``Muñoz`` as ``Muńoz``), and sometimes puts a DOS code page first
    (Turkish ``Hükümet`` as ``H³k³met``). Among single-byte guesses about as plausible as the best
    one, those that put the fewest symbols inside words win (cp1252 reads Polish ``rząd`` as
    ``rz¹d``), then those within a hair of the best score, then cp1252, then charset_normalizer's order.
    """
    matches = list(from_bytes(sample))
    if not matches:
        return None
    best = matches[0]
    if is_multi_byte_encoding(best.encoding):
        return best.encoding
    candidates = [m for m in matches if m.chaos <= best.chaos + _CHAOS_PLAUSIBLE and not is_multi_byte_encoding(m.encoding)]
    if _PREFERRED_LEGACY not in {m.encoding for m in candidates}:
        preferred = from_bytes(sample, cp_isolation=[_PREFERRED_LEGACY]).best()
        if preferred is not None and preferred.chaos <= best.chaos + _CHAOS_PLAUSIBLE:
            candidates.append(preferred)

    def rank(match) -> tuple[int, bool, bool, int]:
        symbols = sum(1 for ch in _SYMBOL_IN_WORD.findall(str(match)) if not ch.isalpha())
        return (symbols, match.chaos > best.chaos + _CHAOS_TIE, match.encoding != _PREFERRED_LEGACY,
                candidates.index(match))

    return min(candidates, key=rank).encoding
