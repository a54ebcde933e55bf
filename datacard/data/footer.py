"""A Parquet file's footer: its key-value metadata, read and rewritten without the data.

A Parquet file is ``PAR1``, the column chunks (and page indexes, bloom filters), the footer
(a Thrift ``FileMetaData`` struct in the compact protocol), the footer's length (4 bytes, little
endian) and ``PAR1`` again. Every offset in the footer points before it, so a new footer after
the same bytes is a valid file whose data is the same by construction: codecs, encodings, row
groups, sorting columns, page indexes, statistics and physical types (INT96 timestamps too)
are those of the original, byte for byte.

The footer is read field by field without a schema: the compact protocol names each value's
type, so every field is kept as the bytes it was, and only ``key_value_metadata`` (field 5) is
decoded and written anew. Encrypted footers are refused: rewriting them needs the key.
"""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass
from typing import BinaryIO

MAGIC = b"PAR1"
_ENCRYPTED_MAGIC = b"PARE"
_KEY_VALUE_FIELD = 5
_ENCRYPTION_FIELD = 8  # FileMetaData.encryption_algorithm: a plaintext footer with a signature
_MAX_DEPTH = 64
# Compact protocol types.
_TRUE, _FALSE, _BYTE, _I16, _I32, _I64, _DOUBLE, _BINARY, _LIST, _SET, _MAP, _STRUCT, _UUID = range(1, 14)


class FooterError(ValueError):
    """Not a Parquet footer datacard can read or rewrite."""


class _Reader:
    """Reads compact-protocol values from bytes, skipping what it need not understand."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def take(self, n: int) -> bytes:
        start = self.pos
        self.advance(n)
        return self.data[start : self.pos]

    def advance(self, n: int) -> None:
        """Move past ``n`` bytes without copying them (values skipped, not read)."""
        if n < 0 or self.pos + n > len(self.data):
            raise FooterError("the footer ends in the middle of a value")
        self.pos += n

    def byte(self) -> int:
        pos = self.pos
        if pos >= len(self.data):
            raise FooterError("the footer ends in the middle of a value")
        self.pos = pos + 1
        return self.data[pos]

    def varint(self) -> int:
        # Indexed in place: a footer of many row groups holds thousands of these.
        data, pos, end = self.data, self.pos, len(self.data)
        result = shift = 0
        for _ in range(10):
            if pos >= end:
                raise FooterError("the footer ends in the middle of a value")
            b = data[pos]
            pos += 1
            result |= (b & 0x7F) << shift
            if not b & 0x80:
                self.pos = pos
                return result
            shift += 7
        raise FooterError("a number in the footer is too long")

    def binary(self) -> bytes:
        return self.take(self.varint())

    def field_header(self, last: int) -> tuple[int, int] | None:
        """(field id, type), or None at the end of a struct."""
        b = self.byte()
        if b == 0:
            return None
        kind, delta = b & 0x0F, b >> 4
        if delta:
            return last + delta, kind
        return _unzigzag(self.varint()), kind

    def skip(self, kind: int, depth: int, in_container: bool = False) -> None:
        if depth > _MAX_DEPTH:
            raise FooterError("the footer is nested too deeply")
        if kind in (_TRUE, _FALSE):
            if in_container:
                self.advance(1)
        elif kind == _BYTE:
            self.advance(1)
        elif kind in (_I16, _I32, _I64):
            self.varint()
        elif kind == _DOUBLE:
            self.advance(8)
        elif kind == _BINARY:
            self.advance(self.varint())
        elif kind == _UUID:
            self.advance(16)
        elif kind in (_LIST, _SET):
            size, element = self.list_header()
            for _ in range(size):
                self.skip(element, depth + 1, in_container=True)
        elif kind == _MAP:
            self.skip_map(depth)
        elif kind == _STRUCT:
            self.skip_struct(depth + 1)
        else:
            raise FooterError(f"unknown value type {kind} in the footer")

    def list_header(self) -> tuple[int, int]:
        head = self.byte()
        size = head >> 4
        if size == 15:
            size = self.varint()
        if size > len(self.data) - self.pos:  # every element takes at least one byte
            raise FooterError("a list in the footer is longer than the footer")
        return size, head & 0x0F

    def skip_map(self, depth: int) -> None:
        size = self.varint()
        if size > len(self.data) - self.pos:
            raise FooterError("a map in the footer is longer than the footer")
        if size:
            types = self.byte()
            for _ in range(size):
                self.skip(types >> 4, depth + 1, in_container=True)
                self.skip(types & 0x0F, depth + 1, in_container=True)

    def skip_struct(self, depth: int) -> None:
        last = 0
        while (header := self.field_header(last)) is not None:
            last, kind = header
            self.skip(kind, depth)


def _unzigzag(n: int) -> int:
    return (n >> 1) ^ -(n & 1)


def _varint(n: int) -> bytes:
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def _field_header(field_id: int, kind: int, last: int) -> bytes:
    delta = field_id - last
    if 0 < delta <= 15:
        return bytes([(delta << 4) | kind])
    return bytes([kind]) + _varint(field_id << 1)  # zigzag of a positive id


@dataclass(frozen=True)
class Field:
    """One field of the footer's FileMetaData, as the bytes of its value."""

    id: int
    kind: int
    value: bytes


@dataclass(frozen=True)
class Footer:
    """Where the footer starts (the data before it is kept as it is) and its fields."""

    start: int
    fields: tuple[Field, ...]

    def key_values(self) -> list[tuple[bytes, bytes | None]]:
        """The key-value metadata, in the file's order."""
        for f in self.fields:
            if f.id == _KEY_VALUE_FIELD:
                return _decode_key_values(f.value)
        return []

    def rewritten(self, pairs: list[tuple[bytes, bytes | None]]) -> bytes:
        """The footer with ``pairs`` as its key-value metadata, with its length and magic."""
        new = Field(_KEY_VALUE_FIELD, _LIST, _encode_key_values(pairs))
        fields = [f for f in self.fields if f.id != _KEY_VALUE_FIELD] + [new]
        out = bytearray()
        last = 0
        for f in sorted(fields, key=lambda f: f.id):  # ids ascend in every Parquet writer's footer
            out += _field_header(f.id, f.kind, last) + f.value
            last = f.id
        out.append(0)
        return bytes(out) + struct.pack("<I", len(out)) + MAGIC


def _decode_key_values(value: bytes) -> list[tuple[bytes, bytes | None]]:
    reader = _Reader(value)
    size, element = reader.list_header()
    if element != _STRUCT:
        raise FooterError("the footer's key-value metadata is not a list of pairs")
    pairs: list[tuple[bytes, bytes | None]] = []
    for _ in range(size):
        key: bytes | None = None
        val: bytes | None = None
        last = 0
        while (header := reader.field_header(last)) is not None:
            last, kind = header
            if last in (1, 2) and kind == _BINARY:
                if last == 1:
                    key = reader.binary()
                else:
                    val = reader.binary()
            else:
                reader.skip(kind, 1)
        if key is None:
            raise FooterError("a key-value pair in the footer has no key")
        pairs.append((key, val))
    return pairs


def _encode_key_values(pairs: list[tuple[bytes, bytes | None]]) -> bytes:
    n = len(pairs)
    out = bytearray([(n << 4) | _STRUCT] if n < 15 else [0xF0 | _STRUCT])
    if n >= 15:
        out += _varint(n)
    for key, value in pairs:
        out += bytes([0x10 | _BINARY]) + _varint(len(key)) + key
        if value is not None:
            out += bytes([0x10 | _BINARY]) + _varint(len(value)) + value
        out.append(0)
    return bytes(out)


def read_footer(handle: BinaryIO) -> Footer:
    """The footer of the Parquet file open in ``handle``."""
    size = handle.seek(0, os.SEEK_END)
    if size < 12:
        raise FooterError("the file is too short to be Parquet")
    handle.seek(size - 8)
    tail = handle.read(8)
    if tail[4:] == _ENCRYPTED_MAGIC:
        raise FooterError("the file's footer is encrypted; datacard cannot rewrite it without the key")
    if tail[4:] != MAGIC:
        raise FooterError("the file does not end with PAR1")
    length = struct.unpack("<I", tail[:4])[0]
    start = size - 8 - length
    if start < 4:
        raise FooterError("the footer length is larger than the file")
    handle.seek(start)
    data = handle.read(length)
    reader = _Reader(data)
    fields: list[Field] = []
    last = 0
    while (header := reader.field_header(last)) is not None:
        last, kind = header
        begin = reader.pos
        reader.skip(kind, 0)
        fields.append(Field(last, kind, data[begin : reader.pos]))
    if any(f.id == _ENCRYPTION_FIELD for f in fields):
        raise FooterError("the file has encrypted columns and a signed footer; datacard cannot rewrite it")
    if reader.pos != len(data):
        raise FooterError("the footer has bytes after its end")
    return Footer(start, tuple(fields))


def read_value(path: str | os.PathLike[str], key: bytes, limit: int) -> bytes | int | None:
    """The value under ``key`` in the file's key-value metadata: None when absent, and its
    length in bytes, unread into any decoder, when it is over ``limit``."""
    with open(path, "rb") as handle:
        footer = read_footer(handle)
    for name, value in footer.key_values():
        if name == key and value is not None:
            return len(value) if len(value) > limit else value
    return None
