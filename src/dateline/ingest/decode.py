"""Turn raw bytes into text, or a clear reason why they cannot be read as an article."""

from __future__ import annotations

from dataclasses import dataclass

from charset_normalizer import from_bytes

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
_MAX_CONTROL_RATIO = 0.05  # share of control bytes above which text is considered binary


class UnreadableInput(ValueError):
    """The input is not text we can read; the message says why."""


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    note: str | None  # set when the bytes were not valid UTF-8


def check_not_binary(data: bytes) -> None:
    """Raise :class:`UnreadableInput` when ``data`` looks like a binary file."""
    head = data[:_SNIFF_BYTES]
    for magic, what in _MAGIC.items():
        if head.startswith(magic):
            raise UnreadableInput(f"binary file ({what}), not text, HTML or JSON")
    if b"\x00" in head and not _looks_utf16(head):
        raise UnreadableInput("binary file (contains NUL bytes), not text, HTML or JSON")
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    if head and control / len(head) > _MAX_CONTROL_RATIO:
        raise UnreadableInput("binary file (too many control bytes), not text, HTML or JSON")


def _looks_utf16(head: bytes) -> bool:
    return head.startswith((b"\xff\xfe", b"\xfe\xff"))


def decode_bytes(data: bytes) -> Decoded:
    """Decode UTF-8 (with or without BOM); otherwise detect the encoding and say so."""
    check_not_binary(data)
    try:
        return Decoded(data.decode("utf-8-sig"), "utf-8", None)
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    best = from_bytes(data[: 4 * 1024 * 1024]).best()
    if best is not None and best.encoding not in ("utf_8", "utf-8"):
        text = data.decode(best.encoding, errors="replace")
        return Decoded(text, best.encoding, f"invalid UTF-8 at byte {first_bad}; decoded as {best.encoding}")
    text = data.decode("utf-8", errors="replace")
    return Decoded(text, "utf-8", f"invalid UTF-8 at byte {first_bad}; undecodable bytes replaced with U+FFFD")
