"""Request ids the gateway makes up are 32 hex digits, never repeated, and a forked worker does not
repeat its parent's; a sane id the client sent is kept."""

from __future__ import annotations

import os
import re

from gateway.edge.middleware import new_request_id, request_id_of

HEX32 = re.compile(r"^[0-9a-f]{32}$")


def test_made_up_ids_are_32_hex_digits_and_distinct() -> None:
    ids = [new_request_id() for _ in range(10_000)]
    assert all(HEX32.match(i) for i in ids)
    assert len(set(ids)) == len(ids)


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
