"""Opening input files: `.gz`, `.bz2` and `.xz` decompressed as a stream (the inner extension decides the
format: `x.jsonl.gz` is JSONL), every read bounded, and text streams in the file's own encoding.

A bound that is passed raises InputError('too-large') at the read that passes it, so a streamed reader
keeps the records before it; a damaged compressed stream raises InputError('bad-compression').
"""

from __future__ import annotations

import bz2
import codecs
import gzip
import io
import lzma
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, AnyStr, BinaryIO

from kabar.errors import InputError
from kabar.read.decode import RECOVER, SNIFF_BYTES, detect_encoding, sniff_encoding
from kabar.read.raw import megabytes

COMPRESSED = {".gz": gzip.open, ".bz2": bz2.open, ".xz": lzma.open}
MAGIC = ((b"\x1f\x8b", ".gz"), (b"BZh", ".bz2"), (b"\xfd7zXZ\x00", ".xz"))
BUFFER = 1 << 16
# A record line longer than this many times --max-bytes cannot hold a text under the limit even in JSON
# with every character escaped (\u00e9 is 6 bytes for a 2-byte character); the 1 MB is for metadata.
ESCAPE_FACTOR = 6
RECORD_SLACK = 1_000_000
CHUNK = 1 << 20


def compression(path: Path) -> str | None:
    """".gz", ".bz2", ".xz" when the file's name says it is compressed, else None."""
    suffix = path.suffix.lower()
    return suffix if suffix in COMPRESSED else None


def inner_path(path: Path) -> Path:
    """The name that decides the format: `x.jsonl.gz` -> `x.jsonl`."""
    return path.with_suffix("") if compression(path) else path


def record_cap(max_bytes: int) -> int:
    """The most characters one line or row of a record file may have before it is refused unread."""
    return ESCAPE_FACTOR * max_bytes + RECORD_SLACK


class Bounded(io.RawIOBase):
    """A readable stream over a file, decompressed if it is compressed, that raises InputError('too-large')
    once more than `limit` bytes were read (`limit_name` says which option sets it)."""

    def __init__(self, path: Path, limit: int, limit_name: str,
                 decompress: tuple[str, ...] = tuple(COMPRESSED)) -> None:
        super().__init__()
        self.path = path
        self.limit = limit
        self.limit_name = limit_name
        self.total = 0
        self._pending = b""
        try:
            handle = self._file = path.open("rb")
            self.kind = compression(path) or _magic(handle.peek(8)[:8])
            self.inner: BinaryIO = handle
            if self.kind in decompress:
                self.inner = COMPRESSED[self.kind](handle)  # type: ignore[operator]
            else:
                self.kind = None
        except OSError as exc:
            raise InputError("unreadable", f"{exc.strerror or exc}") from exc

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self._pending:
            size = min(len(buffer), len(self._pending))
            buffer[:size] = self._pending[:size]
            self._pending = self._pending[size:]
            return size
        try:
            n: int = self.inner.readinto(buffer)  # type: ignore[attr-defined]
        except (OSError, EOFError, zlib.error, lzma.LZMAError) as exc:
            if self.kind is None:
                raise InputError("unreadable", str(exc)) from exc
            raise InputError("bad-compression", f"the {self.kind} data is damaged after "
                                                f"{self.total:,} bytes: {exc}") from exc
        self.total += n
        if self.total > self.limit:
            raise InputError("too-large", f"over the limit of {megabytes(self.limit)} ({self.limit_name})"
                             + (" when decompressed" if self.kind else ""))
        return n

    def head(self, size: int = SNIFF_BYTES) -> bytes:
        """The first `size` bytes (fewer at the end of the file); they are read again afterwards."""
        chunks = [self._pending]
        have = len(self._pending)
        self._pending = b""
        while have < size:
            chunk = bytearray(size - have)
            n = self.readinto(memoryview(chunk))
            if not n:
                break
            chunks.append(bytes(chunk[:n]))
            have += n
        self._pending = b"".join(chunks)
        return self._pending

    def read_all(self) -> bytes:
        out = [self._pending]
        self._pending = b""
        while True:
            chunk = bytearray(BUFFER)
            n = self.readinto(memoryview(chunk))
            if not n:
                return b"".join(out)
            out.append(bytes(chunk[:n]))

    def close(self) -> None:
        if not self.closed:
            self.inner.close()
            self._file.close()
        super().close()


def open_text(raw: Bounded, newline: str) -> IO[str]:
    """A text stream over `raw` in the encoding its first bytes show (BOM, UTF-16/32, UTF-8, else a
    detected code page); bytes that do not decode are recovered (decode.RECOVER), never fatal."""
    head = raw.head()
    encoding = sniff_encoding(head)
    if encoding is None:
        raise InputError("binary", "NUL bytes or control characters: not a text file")
    if encoding == "":
        encoding = detect_encoding(head)
    elif encoding == "utf-8" and head.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    return io.TextIOWrapper(io.BufferedReader(raw, BUFFER), encoding=encoding, errors=RECOVER, newline=newline)


def read_lines(stream: IO[AnyStr], cap: int) -> Iterator[AnyStr | None]:
    """The lines of a text or binary stream (with their ending); a line over `cap` characters is skipped
    without being held in memory and given as None, so it can be refused while the next are read."""
    while True:
        line = stream.readline(cap + 1)
        if not line:
            return
        if len(line) > cap and line[-1:] not in ("\n", b"\n"):
            while line and line[-1:] not in ("\n", b"\n"):
                line = stream.readline(CHUNK)
            yield None
        else:
            yield line


def _magic(head: bytes) -> str | None:
    """The compression of a file whose name does not say it (a `.jsonl` that is gzip data)."""
    for magic, kind in MAGIC:
        if head.startswith(magic) and (kind != ".bz2" or head[3:4].isdigit()):
            return kind
    return None
