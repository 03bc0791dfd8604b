"""Bytes to text: a BOM, a declared charset, UTF-8, UTF-16/32 without a BOM, then a detected encoding;
empty and binary inputs refused with a reason.

Newlines are normalised (CRLF and CR become LF, as Python's text mode reads files) and a BOM dropped;
the result is the stored text that every offset refers to.

Two rules hold for the text of every reader (files, records, feed items, WARC responses), so the same
text gives the same outcome whatever it came in:

- **NUL characters are dropped** (`valid_unicode`): they are never content, and a stray one in a CSV cell
  or a JSON string should not cost the record. A text with many control characters (NUL included: more
  than `MAX_CONTROL_SHARE` of its first `SNIFF_BYTES` characters, and more than `MIN_CONTROLS`) is not
  text: `binary`.
- **Lone surrogates become U+FFFD** (`valid_unicode`): a JSON escape such as `"\\ud83d"` without its
  pair gives a string that cannot be written as UTF-8; the readers never pass one on.
"""

from __future__ import annotations

import codecs
import re
from typing import Any

from kabar.errors import InputError

# Share of control characters (other than tab/newline) above which decoded text is binary; a text needs
# more than MIN_CONTROLS of them too, so that a stray NUL in a short record does not make it binary.
MAX_CONTROL_SHARE = 0.02
MIN_CONTROLS = 2
SNIFF_BYTES = 8192
BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# C0 controls other than tab, LF, VT, FF and CR (CR is a newline that is normalised later).
CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1f]")
CONTROL_BYTES_RE = re.compile(b"[\x00-\x08\x0e-\x1f]")
SURROGATE_RE = re.compile("[\ud800-\udfff]")
# The error handler of streamed text (`open_text`): bytes that are not UTF-8 in a UTF-8 stream are read
# as cp1252 (latin-1 for its five undefined bytes), so a file with a few legacy bytes loses nothing;
# in any other encoding a broken sequence becomes U+FFFD.
RECOVER = "kabar-recover"


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """(text, encoding) of `data`; raises InputError('empty'|'binary'|'undecodable').

    `declared` is a charset the container names (an HTTP Content-Type): a BOM overrides it, and it is used
    only when the bytes decode with it."""
    if not data.strip():
        raise InputError("empty", "no content")
    encoding = sniff_encoding(data[:SNIFF_BYTES], declared)
    if encoding is None:
        raise InputError("binary", "NUL bytes or control characters: not a text file")
    text, encoding = _decode(data, encoding)
    text = normalise_newlines(text.lstrip("\ufeff"))
    check_text(text, f"when read as {encoding}")
    text = valid_unicode(text)
    if not text.strip():
        raise InputError("empty", "only whitespace")
    return text, encoding


def sniff_encoding(head: bytes, declared: str | None = None) -> str | None:
    """The encoding of a file from its first bytes: a BOM's; UTF-16/32 without a BOM, recognised by the NUL
    bytes of ASCII characters; the declared charset when `head` decodes with it; UTF-8. "" when it is
    none of these (the caller detects a code page), None for NUL bytes of no text encoding (binary)."""
    for bom, name in BOMS:
        if head.startswith(bom):
            return name
    if _too_many(head.count(b"\x00"), len(head)):
        return _wide_unicode(head)
    if _too_many(_controls(CONTROL_BYTES_RE, head), len(head)):  # as in any ASCII-compatible encoding
        return None
    if declared and _decodes(head, declared):
        return declared
    return "utf-8" if _decodes(head, "utf-8") or mostly_utf8(head) else ""


def detect_encoding(data: bytes) -> str:
    """A code page for bytes that are not UTF-8 (charset-normalizer, Western European preferred)."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    name = str(best.encoding) if best is not None else ""
    if not name or name.startswith(LATIN_LOOKALIKES):
        name = _western(data)
    return name


def check_text(text: str, how: str = "") -> None:
    """Raise InputError('binary') when the start of `text` is mostly control characters (NUL included)."""
    head = text[:SNIFF_BYTES]
    if _too_many(_controls(CONTROL_RE, head), len(head)):
        raise InputError("binary", f"mostly control characters{' ' + how if how else ''}")


def valid_unicode(text: str) -> str:
    """`text` without NUL characters and with every lone surrogate replaced by U+FFFD (a surrogate pair
    left split becomes its character), so that it encodes as UTF-8. Cheap when there is nothing to do."""
    if "\x00" in text:
        text = text.replace("\x00", "")
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return text


def is_valid_unicode(text: str) -> bool:
    """Whether `valid_unicode` would leave `text` as it is."""
    if "\x00" in text:
        return False
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def mostly_utf8(head: bytes) -> bool:
    """UTF-8 with a few stray bytes (a dump with some legacy records): more well-formed multi-byte
    characters than broken sequences. A legacy code page almost never forms a UTF-8 sequence."""
    text = head.decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    if not broken:
        return True
    return sum(1 for c in text if c > "\x7f") - broken > broken


def _decodes(head: bytes, encoding: str) -> bool:
    """Whether `head` (possibly cut inside a character) decodes with `encoding`."""
    try:
        codecs.getincrementaldecoder(encoding)().decode(head, final=False)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def _wide_unicode(head: bytes) -> str | None:
    """UTF-16/32 without a BOM: ASCII characters leave NUL bytes in fixed places (as JSON's own detection
    reads them); the guess holds only when the head decodes and is not mostly control characters."""
    b = head[:4].ljust(4, b"\x01")
    if b[0] == 0 and b[1] == 0 and b[2] == 0:
        guess = "utf-32-be"
    elif b[1] == 0 and b[2] == 0 and b[3] == 0:
        guess = "utf-32-le"
    elif b[0] == 0:
        guess = "utf-16-be"
    elif b[1] == 0:
        guess = "utf-16-le"
    else:
        return None
    try:
        text = codecs.getincrementaldecoder(guess)().decode(head, final=False)
        check_text(text)
    except (UnicodeDecodeError, InputError):
        return None
    return guess


def _decode(data: bytes, encoding: str) -> tuple[str, str]:
    if encoding.startswith(("utf-16", "utf-32", "utf-8-sig")):  # a BOM or the NULs of wide characters
        return data.decode(encoding, errors=RECOVER), encoding
    for name in (encoding, "utf-8") if encoding else ("utf-8",):
        try:
            return data.decode(name, errors="strict"), name
        except UnicodeDecodeError:
            pass
    if mostly_utf8(data[:1 << 16]):
        return data.decode("utf-8", errors=RECOVER), "utf-8"
    name = detect_encoding(data)
    return data.decode(name, errors="strict"), name


# charset-normalizer names these for short Latin-1/cp1252 text (measured: an Indonesian sentence with
# "café" came out cp1250, "Café" alone utf_16_be); Western European news is far more common than
# Central European, and utf-16 without a BOM or NUL bytes is not plausible.
LATIN_LOOKALIKES = ("cp1250", "cp1254", "cp1257", "iso8859_2", "iso8859_3", "iso8859_4", "iso8859_9",
                    "iso8859_10", "iso8859_13", "iso8859_14", "iso8859_16", "mac_", "utf_16", "utf_32")


def _western(data: bytes) -> str:
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return "latin_1"  # decodes any byte sequence
    return "cp1252"


def _controls(pattern: re.Pattern[Any], head: Any) -> int:
    return 0 if pattern.search(head) is None else len(pattern.findall(head))


def _too_many(controls: int, length: int) -> bool:
    return controls > MIN_CONTROLS and controls > MAX_CONTROL_SHARE * length


def _recover(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start : error.end]
    if error.encoding.replace("_", "-").lower() in ("utf-8", "utf8", "utf-8-sig"):
        if _encoded_surrogate(error.object, error.start):
            return "\ufffd", error.start + 3  # a surrogate written as UTF-8 (CESU-8): as a lone surrogate
        return "".join(_cp1252_byte(byte) for byte in bad), error.end
    return "\ufffd", error.end


def _encoded_surrogate(data: bytes, at: int) -> bool:
    tail = data[at : at + 3]
    return len(tail) == 3 and tail[0] == 0xED and 0xA0 <= tail[1] <= 0xBF and 0x80 <= tail[2] <= 0xBF


def _cp1252_byte(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


codecs.register_error(RECOVER, _recover)
