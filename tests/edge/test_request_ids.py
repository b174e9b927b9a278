"""Request ids the gateway makes up are 32 hex digits, never repeated, never masked in a log line,
and a forked worker does not repeat its parent's; a sane id the client sent is kept."""

from __future__ import annotations

import os
import re

from gateway.edge.middleware import _RequestIds, new_request_id, request_id_of
from gateway.security.redaction import redact

HEX32 = re.compile(r"^[0-9a-f]{32}$")


def test_made_up_ids_are_32_hex_digits_and_distinct() -> None:
    ids = [new_request_id() for _ in range(10_000)]
    assert all(HEX32.match(i) for i in ids)
    assert len(set(ids)) == len(ids)


def test_no_made_up_id_is_masked_as_an_identity_number_in_a_log_line() -> None:
    ids = _RequestIds()
    for prefix in ("0123456789012345", "abcdefabcdefab29", "9999999999999999"):
        ids.prefix = prefix  # the prefix is random: digits all the way is possible
        for _ in range(3):
            line = f"client error UNAUTHENTICATED [request {ids()}]"
            assert redact(line) == line


def test_a_forked_worker_makes_ids_of_its_own() -> None:
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: report its first id, then leave without running the parent's cleanup
        os.write(write, new_request_id().encode())
        os._exit(0)
    os.close(write)
    child = os.read(read, 64).decode()
    os.waitpid(pid, 0)
    parent = new_request_id()
    assert HEX32.match(child)
    assert child[:16] != parent[:16]


def test_a_sane_client_id_is_kept_and_a_hostile_one_replaced() -> None:
    kept = request_id_of({"headers": [(b"x-request-id", b"app-7f3a-0001")]})
    replaced = request_id_of({"headers": [(b"x-request-id", b"<script>alert(1)</script>")]})
    assert kept == "app-7f3a-0001"
    assert HEX32.match(replaced)
