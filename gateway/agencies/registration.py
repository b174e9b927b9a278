"""Agencies register where their systems are; the gateway checks the address, then routes to it."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlsplit

from adapters.kinds import Agency, ItemKind
from gateway.domain.catalogue import AGENCY_NAMES, kinds_of
from gateway.errors import Problem, Refused
from gateway.security.policy import own_agency, permit
from gateway.security.tokens import Principal, Role
from gateway.services import Services
from gateway.store import queries
from gateway.store.models import EndpointRow

MAX_URL = 300


def url_problem(base_url: str, allow_list: Sequence[str]) -> Problem | None:
    """Only http(s) to hosts (and ports) an operator allowed: a registration must not aim us elsewhere."""
    field = "input.baseUrl"
    if any(ch.isspace() or ord(ch) < 0x20 or ord(ch) == 0x7F for ch in base_url):
        # urlsplit drops tabs and newlines silently: the host checked would not be the one stored
        return Problem(field, "INVALID_URL", "接口地址不能包含空白或控制字符")
    try:
        parts = urlsplit(base_url)
        port = parts.port
    except ValueError:
        return Problem(field, "INVALID_URL", "接口地址格式不正确")
    if len(base_url) > MAX_URL or parts.scheme not in ("http", "https") or not parts.hostname:
        return Problem(field, "INVALID_URL", "接口地址须为 http 或 https 地址")
    if parts.username or parts.password or parts.query or parts.fragment:
        return Problem(field, "INVALID_URL", "接口地址不能包含用户信息、查询参数或片段")
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    allowed = {entry.lower() for entry in allow_list}
    if host.lower() not in allowed and f"{host}:{port}".lower() not in allowed:
        return Problem(field, "HOST_NOT_ALLOWED", f"接口主机 {host} 不在运维允许的地址清单中")
    return None


def registration_problems(
    principal: Principal, agency: Agency, base_url: str, kinds: Sequence[ItemKind], allow_list: Sequence[str]
) -> list[Problem]:
    problems = []
    if principal.role == Role.AGENCY and principal.agency != agency:
        problems.append(Problem("input.agency", "NOT_YOUR_AGENCY", "只能登记本部门的接口"))
    if (problem := url_problem(base_url, allow_list)) is not None:
        problems.append(problem)
    if not kinds:
        problems.append(Problem("input.itemKinds", "REQUIRED", "请至少登记一个事项"))
    foreign = [k.value for k in kinds if k not in kinds_of(agency)]
    if foreign:
        message = f"{AGENCY_NAMES[agency]}不办理这些事项：{', '.join(foreign)}"
        problems.append(Problem("input.itemKinds", "ITEM_NOT_OF_AGENCY", message))
    return problems


async def register(
    services: Services, principal: Principal | None, agency: Agency, base_url: str, kinds: Sequence[ItemKind]
) -> EndpointRow:
    principal = permit(principal, "registerAgencyEndpoint")
    base_url = base_url.strip().rstrip("/")
    problems = registration_problems(principal, agency, base_url, kinds, services.settings.endpoint_allow_list)
    if problems:
        raise Refused(*problems)
    healthy = await services.endpoints.probe(agency, base_url)
    now = services.clock()
    async with services.db.writing() as session:
        existing = [r for r in await queries.endpoints(session) if r.agency == agency.value and r.base_url == base_url]
        row = existing[0] if existing else EndpointRow(agency=agency.value, base_url=base_url)
        row.item_kinds, row.registered_at, row.registered_by = sorted(k.value for k in set(kinds)), now, principal.actor
        row.healthy, row.checked_at = healthy, now
        session.add(row)
        await session.flush()
        services.endpoints.load(await queries.endpoints(session))
    return row


async def listed(services: Services, principal: Principal | None) -> list[EndpointRow]:
    agency = own_agency(permit(principal, "agencies"))
    async with services.db.reading() as session:
        rows = await queries.endpoints(session)
    # An agency sees where its own systems are registered, not where the others' are.
    return [r for r in rows if agency is None or r.agency == agency.value]
