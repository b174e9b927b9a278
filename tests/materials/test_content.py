"""Uploads are judged by their bytes: PDF, JPEG and PNG that parse, nothing else."""

from __future__ import annotations

from gateway.cases.content import JPEG, PDF, PNG, sniff
from tests.support import files


def test_real_pdf_jpeg_and_png_are_recognised() -> None:
    assert sniff(files.pdf()) == PDF
    assert sniff(files.jpeg()) == JPEG
    assert sniff(files.png()) == PNG


def test_a_zip_is_no_pdf_even_with_a_pdf_header_glued_on() -> None:
    bomb = files.zip_bomb_like()
    assert sniff(bomb) is None
    assert sniff(b"%PDF-1.7\n" + bomb) is None


def test_magic_bytes_alone_do_not_make_an_image() -> None:
    assert sniff(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40) is None  # no IHDR
    assert sniff(b"\xff\xd8\xff\xd9") is None  # start and end, no frame
    assert sniff(files.png(width=0)) is None
    assert sniff(b"") is None


def test_a_truncated_pdf_without_its_trailer_is_refused() -> None:
    assert sniff(files.pdf()[:-7]) is None
