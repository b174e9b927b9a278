"""A certificate's verification code cannot be worked out from its number, nor guessed."""

from __future__ import annotations

import hashlib
import math
import string

from gateway.cases.certificates import verify
from mocks.certificates import verification_code
from tests.security.world import World

BASE32 = set(string.ascii_uppercase + "234567")


def test_a_verification_code_carries_at_least_100_bits() -> None:
    code = verification_code("NX-MZ-2026-000001")
    assert set(code) <= BASE32
    assert len(code) * math.log2(len(BASE32)) >= 100


def test_a_verification_code_is_not_a_public_function_of_the_number() -> None:
    number = "NX-MZ-2026-000001"
    unkeyed = hashlib.sha256(f"houshi:{number}".encode()).hexdigest().upper()
    assert not unkeyed.startswith(verification_code(number)[:8])
    assert verification_code(number) == verification_code(number), "one certificate, one code"


async def test_a_code_issued_before_the_longer_ones_still_verifies(world: World) -> None:
    row = await verify(world.services, "YXZM-640104-0001", "VC-1234")  # recorded as the agency issued it
    assert row is not None and row.holder_name == "张建国"
    assert await verify(world.services, "YXZM-640104-0001", "VC-1235") is None
