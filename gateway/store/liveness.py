"""Whether a pooled PostgreSQL connection still works before the pool lends it (a restarted
server, a backend an operator ended), at as little cost as that takes.

SQLAlchemy's pre-ping asks the server on every loan, and its asyncpg ping wraps the question in
BEGIN … ROLLBACK (three round trips) for pgbouncer's transaction mode, which asyncpg's prepared
statements rule out anyway. A status read borrows four connections, so that was a dozen round
trips per read. Here:
- a connection asyncpg already knows is closed is replaced at once;
- one that came back to the pool in the last half second is lent as it is, as HikariCP does
  (its aliveBypassWindowMs, 500 ms by default): a busy gateway asks nothing;
- any other is asked `;` in one round trip, outside any transaction.
A connection that fails the check is replaced before it is lent (the pool's DisconnectionError).
"""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import event
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.asyncio import AsyncEngine

LIVELY_SECONDS = 0.5
_BACK_AT = "gateway_back_at"  # in the pool's record of the connection: when it last came back


def watch(engine: AsyncEngine) -> None:
    pool = engine.sync_engine.pool
    event.listen(pool, "connect", _came_back)
    event.listen(pool, "checkin", _came_back)
    event.listen(pool, "checkout", _check_before_lending)


def _came_back(_connection: Any, record: Any) -> None:
    if record is not None:
        record.info[_BACK_AT] = time.monotonic()


def _check_before_lending(connection: Any, record: Any, _proxy: Any) -> None:
    if connection.driver_connection.is_closed():  # asyncpg saw the server end it
        raise DisconnectionError("the server closed this connection")
    if time.monotonic() - record.info.get(_BACK_AT, 0.0) >= LIVELY_SECONDS:
        _ask(connection)


def _ask(connection: Any) -> None:
    lent_as = connection.isolation_level
    connection.isolation_level = "autocommit"  # the question alone: no BEGIN … ROLLBACK around it
    try:
        connection.ping()
    except Exception as error:  # the driver's own error, whatever it is: the connection is not usable
        raise DisconnectionError(str(error)) from error
    finally:
        connection.isolation_level = lent_as
