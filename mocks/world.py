"""The state all imitation agencies share: their filings, the ledger, faults and the clock."""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import httpx

from mocks.callbacks import CallbackSender
from mocks.config import MockConfig
from mocks.faults import FaultBoard
from mocks.ledger import Ledger
from mocks.outbox import Outbox
from mocks.reckoning import CST
from mocks.traffic import Traffic


@dataclass
class Filing:
    """One piece of work an agency took in, finished at `ready_at` (done at once if already past)."""

    agency: str
    kind: str  # the gateway's ItemKind name, for the ledger and for rendering
    reference: str
    id_number: str
    form: dict[str, Any]
    filed_at: datetime
    ready_at: datetime
    item_id: str | None = None
    callback_url: str | None = None
    rejection: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def done(self, now: datetime) -> bool:
        return now >= self.ready_at


class World:
    def __init__(self, config: MockConfig, http: httpx.AsyncClient) -> None:
        self.config = config
        self.rng = random.Random(config.seed)
        self.tokens = dict(config.agency_tokens)
        self.faults = FaultBoard()
        self.ledger = Ledger()
        self.sms = Outbox()  # the SMS gateway's messages sent
        self.traffic = Traffic()
        self.callbacks = CallbackSender(http, config.time_scale)
        self.filings: dict[str, Filing] = {}
        self.sealed_at: dict[str, datetime] = {}  # housing-fund accounts the employer is about to seal
        self._serial = itertools.count(1)  # survives resets so a reference never names two filings

    def now(self) -> datetime:
        return datetime.now(CST)

    def latency(self) -> float:
        low, high = self.config.latency_ms
        return self.rng.randint(low, high) / 1000 * self.config.time_scale

    def work_time(self, low: float = 1.0, high: float = 4.0) -> timedelta:
        return timedelta(seconds=self.rng.uniform(low, high) * self.config.time_scale)

    def reference(self, prefix: str, region: str) -> str:
        return f"{prefix}-{region}-{self.now():%Y%m%d}-{next(self._serial):05d}"

    def file(self, filing: Filing) -> Filing:
        self.filings[filing.reference] = filing
        return filing

    def filing(self, reference: str, agency: str) -> Filing | None:
        filing = self.filings.get(reference)
        return filing if filing is not None and filing.agency == agency else None

    def call_back_when_done(self, filing: Filing, outcome: Callable[[Filing], dict[str, Any]]) -> None:
        """Report `outcome(filing)` to the gateway once the work is done, if it told us how."""
        delay = (filing.ready_at - self.now()).total_seconds()
        self.callbacks.schedule(delay, lambda: self._call_back(filing, outcome))

    async def _call_back(self, filing: Filing, outcome: Callable[[Filing], dict[str, Any]]) -> None:
        url = filing.callback_url or self.config.gateway_graphql_url
        token = self.tokens.get(filing.agency)
        if not (url and token and filing.item_id):
            return  # nobody to tell: the gateway's polling finds the outcome
        copies = 2 if self.faults.of(filing.agency).duplicateCallback else 1
        for _ in range(copies):
            await self.callbacks.deliver(url, token, filing.item_id, outcome(filing))

    def reset(self) -> None:
        self.callbacks.cancel_all()
        self.faults.clear()
        self.ledger.clear()
        self.sms.clear()
        self.traffic.clear()
        self.filings.clear()
        self.sealed_at.clear()
