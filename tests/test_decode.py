from __future__ import annotations

import pytest

from kabar.errors import InputError
from kabar.read.decode import decode_bytes

LATIN = "Kafe di Jakarta menjual crème brûlée, kata José Müller kepada wartawan."


def test_utf8_is_read_as_is() -> None:
    assert decode_bytes("Zelenskyy “kata” 8.000".encode())[0] == "Zelenskyy “kata” 8.000"


def test_latin1_is_read_correctly() -> None:
    text, encoding = decode_bytes(LATIN.encode("latin-1"))
    assert text == LATIN
    assert encoding in ("cp1252", "latin_1")


def test_short_latin1_word() -> None:
    assert decode_bytes("Café".encode("latin-1"))[0] == "Café"


def test_cyrillic_code_page_is_kept() -> None:
    russian = "Министр обороны заявил, что в Курской области находятся войска."
    assert decode_bytes(russian.encode("cp1251"))[0] == russian


def test_newlines_and_bom_are_normalised() -> None:
    assert decode_bytes(b"\xef\xbb\xbfa\r\nb\rc")[0] == "a\nb\nc"


@pytest.mark.parametrize(("data", "reason"), [(b"", "empty"), (b" \n\t ", "empty"),
                                              (bytes(range(256)) * 4, "binary"),
                                              (b"\x01\x02\x03abc\x04\x05\x06" * 50, "binary")])
def test_bad_bytes_are_refused_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(InputError) as info:
        decode_bytes(data)
    assert info.value.reason == reason


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_with_or_without_a_bom(encoding: str) -> None:
    text, used = decode_bytes(LATIN.encode(encoding))
    assert text == LATIN
    assert used.startswith(encoding[:6])


def test_a_declared_charset_is_used_when_the_bytes_fit_it_and_a_bom_wins() -> None:
    assert decode_bytes("Café".encode("cp1252"), "cp1252") == ("Café", "cp1252")
    assert decode_bytes(LATIN.encode("utf-16"), "utf-8")[0] == LATIN
    assert decode_bytes(LATIN.encode(), "no-such-charset")[0] == LATIN


def test_a_stray_nul_is_dropped_and_many_make_binary() -> None:
    assert decode_bytes(b"Isi\x00 berita yang panjang.")[0] == "Isi berita yang panjang."
    with pytest.raises(InputError) as info:
        decode_bytes(b"Isi\x00\x00\x00\x00 berita")
    assert info.value.reason == "binary"


def test_valid_unicode_repairs_surrogates_and_drops_nuls() -> None:
    from kabar.read.decode import is_valid_unicode, valid_unicode

    assert valid_unicode("Berita \ud83d") == "Berita \ufffd"
    assert valid_unicode("a\ud83d\ude00b") == "a😀b"  # a split pair is its character
    assert valid_unicode("x\x00y\udfff") == "xy\ufffd"
    same = "Berita “biasa” tanpa masalah."
    assert valid_unicode(same) is same and is_valid_unicode(same)
    assert not is_valid_unicode("a\x00") and not is_valid_unicode("\udc80")


def test_stray_bytes_of_a_utf8_stream_are_read_as_cp1252() -> None:
    from kabar.read.decode import RECOVER

    assert b"caf\xe9 \xe2\x80\x9cok\xe2\x80\x9d \x81".decode("utf-8", RECOVER) == "café “ok” \x81"
    assert b"a\xed\xa0\xbdb".decode("utf-8", RECOVER) == "a\ufffdb"  # a surrogate in UTF-8 (CESU-8)
    assert b"\x00a\x00".decode("utf-16-be", RECOVER) == "a\ufffd"


def test_mostly_utf8_text_with_a_stray_byte_stays_utf8() -> None:
    data = "Kata “José” – “Müller” dan crème brûlée. ".encode() * 3 + b"\x80 akhir"
    text, used = decode_bytes(data)
    assert used == "utf-8" and text.endswith("€ akhir") and "crème brûlée" in text
