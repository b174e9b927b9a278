"""Building GraphQL views of gateway results that need the services (live circuit state)."""

from __future__ import annotations

from adapters.kinds import Agency as AgencyValue
from gateway.cases.eligibility import Report
from gateway.services import Services
from gateway.store.models import EndpointRow
from schema.enums import Agency, ItemKind
from schema.node import shown
from schema.reference import AgencyEndpoint, EligibilityReport, ItemEligibility


def endpoint_view(services: Services, row: EndpointRow) -> AgencyEndpoint:
    return AgencyEndpoint(
        agency=Agency(AgencyValue(row.agency)),
        base_url=row.base_url,
        item_kinds=[ItemKind(k) for k in row.item_kinds],
        healthy=row.healthy,
        circuit_open=services.endpoints.is_open(row.base_url),
        registered_at=shown(row.registered_at),
    )


def report_view(report: Report) -> EligibilityReport:
    items = [ItemEligibility(kind=ItemKind(e.kind), applicable=e.applicable, reason=e.reason) for e in report.items]
    return EligibilityReport(items=items, unavailable_agencies=[Agency(a) for a in report.unavailable])
