"""What an uploaded file really is, judged by its bytes, never by its name or declared type.

Only PDF, JPEG and PNG are taken, and only when the header parses as one: a ZIP (or a zip bomb)
named `.pdf`, or a PNG sent as `image/jpeg`, is refused. Nothing here decompresses anything, so a
bomb costs no more than its (bounded) upload.
"""

from __future__ import annotations

import re
import struct

PDF, JPEG, PNG = "application/pdf", "image/jpeg", "image/png"
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PDF_HEADER = re.compile(rb"%PDF-(\d)\.(\d)")
# The PDF specification lets a header sit within the first 1024 bytes; its trailer ends the file.
_PDF_HEADER_WINDOW = 1024
_PDF_TAIL_WINDOW = 2048
_JPEG_START_OF_FRAME = frozenset({0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF})


def sniff(data: bytes) -> str | None:
    """The content type the bytes prove, or None: not a PDF, JPEG or PNG that parses."""
    if _is_png(data):
        return PNG
    if _is_jpeg(data):
        return JPEG
    if _is_pdf(data):
        return PDF
    return None


def _is_png(data: bytes) -> bool:
    # The signature, then an IHDR chunk of 13 bytes whose width, height and bit depth make sense.
    if not data.startswith(_PNG_SIGNATURE) or len(data) < 33:
        return False
    length, chunk = struct.unpack(">I4s", data[8:16])
    width, height, depth = struct.unpack(">IIB", data[16:25])
    return length == 13 and chunk == b"IHDR" and width > 0 and height > 0 and depth in (1, 2, 4, 8, 16)


def _is_jpeg(data: bytes) -> bool:
    """Start of image, then well-formed segments up to a frame header with a size."""
    if not data.startswith(b"\xff\xd8"):
        return False
    at = 2
    while at + 4 <= len(data):
        if data[at] != 0xFF:
            return False
        marker = data[at + 1]
        if marker == 0xFF:  # fill bytes before a marker
            at += 1
            continue
        (length,) = struct.unpack(">H", data[at + 2 : at + 4])
        if length < 2:
            return False
        if marker in _JPEG_START_OF_FRAME:
            if at + 9 > len(data):
                return False
            height, width = struct.unpack(">HH", data[at + 5 : at + 9])
            return bool(width > 0 and height > 0)
        if marker == 0xDA:  # image data before any frame header: not a JPEG we can read
            return False
        at += 2 + length
    return False


def _is_pdf(data: bytes) -> bool:
    header = _PDF_HEADER.search(data[:_PDF_HEADER_WINDOW])
    if header is None or header.start() != data.find(b"%PDF-") or int(header.group(1)) not in (1, 2):
        return False
    # Something else with a PDF header glued on (a ZIP is read from its end) still fails here.
    return b"%%EOF" in data[-_PDF_TAIL_WINDOW:] and data[: header.start()].strip(b"\x00\r\n\t ") == b""
