"""How the imitation agencies are run: where they call back, how fast they pretend to work."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class MockConfig:
    gateway_graphql_url: str | None = None  # where call-back agencies report outcomes
    public_url: str | None = None  # how the gateway reaches these mocks; set: each agency registers itself
    agency_tokens: dict[str, str] = field(default_factory=dict)  # Agency name -> bearer token
    time_scale: float = 1.0  # multiplies every artificial delay; tests run at ~0.05
    latency_ms: tuple[int, int] = (10, 80)
    seed: int = 7  # seeds latency and failure-rate draws so a run replays
