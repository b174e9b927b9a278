"""A small world to walk the authorization matrix: two cases in two regions, every kind of caller.

Case A (银川 640104, applicant 1): in progress (so its relationship is verified); its death
certificate issued by HEALTH, its pension refund dispatched to HRSS, a clerk's note. Case B
(石嘴山 640202, applicant 2): under review, not verified.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jwt
from sqlalchemy import select

from adapters.kinds import Agency
from gateway.cases.applications import submit
from gateway.ids import to_global
from gateway.security.tokens import ALGORITHM, Principal, Role, issue_token
from gateway.services import Services
from gateway.store.models import CaseRow, CertificateRow, ItemRow
from mocks.people import as_json, population
from tests.support.cases import form_of
from tests.support.inprocess import InProcess, gateway_in_process

DECEASED_A, APPLICANT_1 = "640104194803120515", "640104197506220337"
DECEASED_B, APPLICANT_2 = "640202195006020156", "640202197801200390"
PHONE_A, ACCOUNT_A = "13954121870", "6247922448509993677"
ADMIN = Principal(Role.ADMIN, "tests")


def person(id_number: str) -> dict[str, Any]:
    return next(as_json(p) for p in population() if as_json(p)["idNumber"] == id_number)


CALLERS = (
    "applicant_1", "applicant_2", "clerk_here", "clerk_elsewhere", "agency_owning", "agency_other", "admin",
    "anonymous", "forged", "expired", "wrong_audience", "wrong_issuer",
)  # fmt: skip
INVALID = ("forged", "expired", "wrong_audience", "wrong_issuer")


@dataclass
class World:
    gateway: InProcess
    case_a: CaseRow
    case_b: CaseRow
    hrss_item: ItemRow
    certificate: CertificateRow
    tokens: dict[str, str | None] = field(default_factory=dict)

    @property
    def services(self) -> Services:
        return self.gateway.services

    def gid(self, type_name: str, key: str) -> str:
        return to_global(type_name, key)

    async def ask(self, caller: str, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        response = await self.gateway.graphql(query, variables, self.tokens[caller])
        if response.status_code == 401:
            return {"data": None, "errors": [{"extensions": {"code": "UNAUTHENTICATED"}}]}
        body: dict[str, Any] = response.json()
        return body


def tokens_for(services: Services) -> dict[str, str | None]:
    s = services.settings
    issue = issue_token
    now = int(time.time())
    forged_claims = {
        "iss": s.jwt_issuer,
        "aud": s.jwt_audience,
        "sub": "x",
        "role": "admin",
        "iat": now,
        "exp": now + 600,
    }
    return {
        "applicant_1": issue(s, Role.APPLICANT, APPLICANT_1),
        "applicant_2": issue(s, Role.APPLICANT, APPLICANT_2),
        "clerk_here": issue(s, Role.CLERK, "staff-01", region="6401"),
        "clerk_elsewhere": issue(s, Role.CLERK, "staff-02", region="6402"),
        "agency_owning": issue(s, Role.AGENCY, "hrss-system", agency=Agency.HRSS),
        "agency_other": issue(s, Role.AGENCY, "justice-system", agency=Agency.JUSTICE),
        "admin": issue(s, Role.ADMIN, "ops"),
        "anonymous": None,
        "forged": jwt.encode(forged_claims, "not-our-secret-" * 4, algorithm=ALGORITHM),
        "expired": issue(s, Role.ADMIN, "ops", ttl_seconds=-3600),
        "wrong_audience": issue(s.model_copy(update={"jwt_audience": "someone-else"}), Role.ADMIN, "ops"),
        "wrong_issuer": issue(s.model_copy(update={"jwt_issuer": "evil-idp"}), Role.ADMIN, "ops"),
    }


async def _arrange_case_a(services: Services, case_id: str) -> tuple[ItemRow, CertificateRow]:
    now = datetime.now(UTC)
    async with services.db.writing() as session:
        case = (await session.scalars(select(CaseRow).where(CaseRow.id == case_id))).one()
        case.status, case.review_note, case.relationship_verified = "IN_PROGRESS", "窗口备注：材料齐全", True
        items = {i.kind: i for i in await session.scalars(select(ItemRow).where(ItemRow.case_id == case_id))}
        health, hrss = items["MEDICAL_DEATH_CERTIFICATE"], items["PENSION_ACCOUNT_REFUND"]
        health.status, hrss.status, hrss.dispatched_at = "COMPLETED", "DISPATCHED", now
        certificate = CertificateRow(
            id=str(uuid.uuid4()), case_id=case_id, item_id=health.id, kind="MEDICAL_DEATH_CERTIFICATE",
            number="YXZM-640104-0001", issuer="宁夏医科大学总医院", issued_at=now, holder_name="张建国",
            verification_code="VC-1234",
        )  # fmt: skip
        session.add(certificate)
    return hrss, certificate


async def _arrange_case_b(services: Services, case_id: str) -> None:
    async with services.db.writing() as session:
        case = (await session.scalars(select(CaseRow).where(CaseRow.id == case_id))).one()
        case.status = "UNDER_REVIEW"


@asynccontextmanager
async def world_in(data_dir: Path, **settings: Any) -> AsyncIterator[World]:
    async with gateway_in_process(data_dir, **settings) as gateway:
        services = gateway.services
        case_a = await submit(services, Principal(Role.APPLICANT, APPLICANT_1), form_of(person(DECEASED_A)), None)
        case_b = await submit(services, Principal(Role.APPLICANT, APPLICANT_2), form_of(person(DECEASED_B)), None)
        hrss, certificate = await _arrange_case_a(services, case_a.id)
        await _arrange_case_b(services, case_b.id)
        yield World(gateway, case_a, case_b, hrss, certificate, tokens_for(services))
