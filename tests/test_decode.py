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
