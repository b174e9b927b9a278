"""Agencies register where their systems are; the gateway checks the address, then routes to it.

One active endpoint per agency and item kind: a registration takes its kinds over from the agency's
earlier endpoints, and one left with no kinds is dropped, so registrations cannot pile up (at most
one active and one disabled endpoint per kind). An endpoint that fails its health check is refused
unless registered disabled: kept, shown, never routed to, until registered again enabled.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlsplit

from sqlalchemy.ext.asyncio import AsyncSession

from adapters.kinds import Agency, ItemKind
from gateway.domain.catalogue import AGENCY_NAMES, kinds_of
from gateway.errors import Problem, Refused, not_found
from gateway.security.policy import own_agency, permit
from gateway.security.tokens import Principal, Role
from gateway.services import Services
from gateway.store import queries
from gateway.store.models import EndpointRow

MAX_URL = 300
DEFAULT_PORTS = {"http": 80, "https": 443}


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
    port = port or DEFAULT_PORTS[parts.scheme]  # an entry "host:443" allows https://host/
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
    services: Services,
    principal: Principal | None,
    agency: Agency,
    base_url: str,
    kinds: Sequence[ItemKind],
    *,
    disabled: bool = False,
) -> EndpointRow:
    principal = permit(principal, "registerAgencyEndpoint")
    base_url = base_url.strip().rstrip("/")
    problems = registration_problems(principal, agency, base_url, kinds, services.settings.endpoint_allow_list)
    if problems:
        raise Refused(*problems)
    healthy = await services.endpoints.probe_now(agency, base_url)
    if not healthy and not disabled:
        message = "接口健康检查未通过，未登记；如需先行登记，请以停用状态登记（disabled: true），启用时再次登记"
        raise Refused(Problem("input.baseUrl", "ENDPOINT_UNHEALTHY", message))
    now, wanted = services.clock(), sorted(k.value for k in set(kinds))
    async with services.db.writing() as session:
        rows = [r for r in await queries.endpoints(session) if r.agency == agency.value]
        row = next((r for r in rows if r.base_url == base_url), None) or EndpointRow(
            agency=agency.value, base_url=base_url
        )
        for other in rows:
            if other is not row and other.enabled == (not disabled):  # in the same state: active or disabled
                await _give_up_kinds(session, other, wanted)
        row.item_kinds, row.registered_at, row.registered_by = wanted, now, principal.actor
        row.healthy, row.checked_at, row.enabled = healthy, now, not disabled
        session.add(row)
    return row  # committing reloaded the routes (gateway/app.py: on_signals)


async def _give_up_kinds(session: AsyncSession, row: EndpointRow, kinds: Sequence[str]) -> None:
    row.item_kinds = [k for k in row.item_kinds if k not in kinds]
    if not row.item_kinds:
        await session.delete(row)


async def remove(services: Services, principal: Principal | None, endpoint_id: int) -> EndpointRow:
    """An admin, or the agency whose endpoint it is; another agency's is answered like a missing one."""
    agency = own_agency(permit(principal, "removeAgencyEndpoint"))
    async with services.db.writing() as session:
        row = await session.get(EndpointRow, endpoint_id)
        if row is None or (agency is not None and row.agency != agency.value):
            raise not_found("id")
        await session.delete(row)
    return row


async def reload_endpoints(services: Services) -> None:
    """Routing follows what was committed, never a registration that failed to commit: run after a
    commit that wrote endpoints, here or (through NOTIFY) in another process."""
    async with services.db.reading() as session:
        services.endpoints.load(await queries.endpoints(session))


async def listed(services: Services, principal: Principal | None) -> list[EndpointRow]:
    agency = own_agency(permit(principal, "agencies"))
    async with services.db.reading() as session:
        rows = await queries.endpoints(session)
    # An agency sees where its own systems are registered, not where the others' are.
    return [r for r in rows if agency is None or r.agency == agency.value]
