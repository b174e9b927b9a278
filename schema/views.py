"""Building GraphQL views of gateway results that need the services (live circuit state)."""

from __future__ import annotations

import strawberry

from adapters.kinds import Agency as AgencyValue
from gateway.cases.eligibility import Report
from gateway.ids import to_global
from gateway.services import Services
from gateway.store.models import EndpointRow
from schema.enums import Agency, ItemKind
from schema.node import shown
from schema.reference import AgencyEndpoint, EligibilityReport, ItemEligibility


def endpoint_view(services: Services, row: EndpointRow) -> AgencyEndpoint:
    checked = services.endpoints.last_check(row.base_url) or row.checked_at
    return AgencyEndpoint(
        id=strawberry.ID(to_global("AgencyEndpoint", str(row.id))),
        agency=Agency(AgencyValue(row.agency)),
        base_url=row.base_url,
        item_kinds=[ItemKind(k) for k in row.item_kinds],
        enabled=row.enabled,
        healthy=row.healthy,
        checked_at=shown(checked) if checked else None,
        circuit_open=services.endpoints.is_open(row.base_url),
        registered_at=shown(row.registered_at),
    )


def report_view(report: Report) -> EligibilityReport:
    items = [ItemEligibility(kind=ItemKind(e.kind), applicable=e.applicable, reason=e.reason) for e in report.items]
    return EligibilityReport(items=items, unavailable_agencies=[Agency(a) for a in report.unavailable])
