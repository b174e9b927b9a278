"""A home-death report's sealed values rotate with the cases': its family contact still reads it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet

from gateway.__main__ import rotate
from gateway.security.tokens import Role
from gateway.settings import Settings
from tests.cases.test_home_deaths import CONTACT, ONE, REPORT, report_input
from tests.support.inprocess import gateway_in_process


async def test_rotation_reseals_reports_and_recomputes_the_contacts_digest(tmp_path: Path) -> None:
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    async with gateway_in_process(tmp_path, encryption_keys=[old], digest_key="d" * 48) as gateway:
        committee = gateway.token(Role.COMMITTEE, "committee-6401", region="6401")
        body = (await gateway.graphql(REPORT, {"input": report_input()}, committee)).json()
        report_id = body["data"]["reportHomeDeath"]["report"]["id"]
    both: dict[str, Any] = {"serve_mocks": False, "dispatcher": False, "encryption_keys": [new, old]}
    assert await rotate(Settings(data_dir=tmp_path, digest_key="e" * 48, **both)) == 1

    async with gateway_in_process(tmp_path, encryption_keys=[new], digest_key="e" * 48) as gateway:
        contact = gateway.token(Role.APPLICANT, CONTACT["idNumber"])
        shown = (await gateway.graphql(ONE, {"id": report_id}, contact)).json()["data"]["homeDeathReport"]
    assert shown is not None and shown["familyContactName"] == CONTACT["name"]
