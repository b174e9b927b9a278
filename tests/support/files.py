"""Small real files of each kind an upload may be, and some that only pretend to be."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib


def png(width: int = 2, height: int = 2) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    rows = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def jpeg(width: int = 8, height: int = 8) -> bytes:
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    sof0 = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return b"\xff\xd8" + app0 + sof0 + b"\xff\xd9"


def pdf(text: str = "seal") -> bytes:
    body = f"1 0 obj <</Type /Catalog>> endobj\n% {text}\n".encode()
    return b"%PDF-1.7\n" + body + b"trailer <</Root 1 0 R>>\n%%EOF\n"


def zip_bomb_like() -> bytes:
    """A ZIP of one highly compressible member: what a zip bomb looks like, small enough for a test."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.pdf", b"\x00" * 1_000_000)
    return buffer.getvalue()
