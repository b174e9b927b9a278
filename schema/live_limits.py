"""How much one WebSocket may hold open: a bounded number of subscriptions at a time.

Each subscription holds a listener on the change bus and a task; strawberry's own bound (100, an
English error without a code) is far more than a mobile app following a family's cases needs.
An extra `subscribe` is refused with a GraphQL error on that id; the socket and the others stay.
"""

from __future__ import annotations

import logging

from graphql import GraphQLError
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import BaseGraphQLTransportWSHandler
from strawberry.subscriptions.protocols.graphql_transport_ws.types import SubscribeMessage

from schema.context import Context

log = logging.getLogger("gateway.http")
TOO_MANY = "TOO_MANY_SUBSCRIPTIONS"


class BoundedSubscriptions(BaseGraphQLTransportWSHandler[Context, None]):
    async def handle_subscribe(self, message: SubscribeMessage) -> None:
        limit = self.context.services.settings.max_subscriptions_per_connection
        # Unacknowledged sockets and repeated ids keep strawberry's answers (close 4401, 4409).
        if self.connection_acknowledged and message["id"] not in self.operations and len(self.operations) >= limit:
            log.info(
                "client error %s: %d subscriptions already open [request %s]", TOO_MANY, limit, self.context.request_id
            )
            text = f"同一连接最多同时订阅 {limit} 项，请先取消不再需要的订阅 (at most {limit} subscriptions per connection)"
            await self.refuse_operation(message["id"], TOO_MANY, text)
            return
        await super().handle_subscribe(message)

    async def refuse_operation(self, operation_id: str, code: str, text: str) -> None:
        """The one operation ends with an error; the socket and its other operations carry on."""
        error = GraphQLError(text, extensions={"code": code, "requestId": self.context.request_id})
        await self.send_message({"id": operation_id, "type": "error", "payload": [error.formatted]})
