"""The SMS gateway's outbox: every message sent, once per idempotency key (the mock's ledger)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Sent:
    msg_id: str
    mobile: str
    sign: str
    content: str
    requests: int = 1

    def as_json(self, key: str) -> dict[str, Any]:
        return {"key": key, "msgId": self.msg_id, "mobile": self.mobile, "sign": self.sign,
                "content": self.content, "requests": self.requests}  # fmt: skip


@dataclass
class Outbox:
    """Every message sent, by idempotency key, in the order sent."""

    sent: dict[str, Sent] = field(default_factory=dict)

    def clear(self) -> None:
        self.sent.clear()

    def as_json(self) -> list[dict[str, Any]]:
        return [message.as_json(key) for key, message in self.sent.items()]
