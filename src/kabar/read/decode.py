"""Bytes to text: UTF-8 first, then a detected encoding; empty and binary inputs refused with a reason.

Newlines are normalised (CRLF and CR become LF, as Python's text mode reads files) and a BOM dropped;
the result is the stored text that every offset refers to.
"""

from __future__ import annotations

import codecs

from kabar.errors import InputError

# Share of control characters (other than tab/newline) above which decoded text is binary.
MAX_CONTROL_SHARE = 0.02
SNIFF_BYTES = 8192
BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def decode_bytes(data: bytes) -> tuple[str, str]:
    """(text, encoding) of `data`; raises InputError('empty'|'binary'|'undecodable')."""
    if not data.strip():
        raise InputError("empty", "no content")
    encoding = _bom_encoding(data)
    if encoding is None and b"\x00" in data[:SNIFF_BYTES]:
        raise InputError("binary", "NUL bytes: not a text file")
    text, encoding = _decode(data, encoding)
    text = normalise_newlines(text.lstrip("\ufeff"))
    if _control_share(text[:SNIFF_BYTES]) > MAX_CONTROL_SHARE:
        raise InputError("binary", f"mostly control characters when read as {encoding}")
    if not text.strip():
        raise InputError("empty", "only whitespace")
    return text, encoding


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _bom_encoding(data: bytes) -> str | None:
    for bom, name in BOMS:
        if data.startswith(bom):
            return name
    return None


def _decode(data: bytes, encoding: str | None) -> tuple[str, str]:
    if encoding:
        return data.decode(encoding, errors="strict"), encoding
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    name = str(best.encoding) if best is not None else ""
    if not name or name.startswith(LATIN_LOOKALIKES):
        name = _western(data)
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


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(1 for c in text if ord(c) < 32 and c not in "\n\t\f\v")
    return bad / len(text)
