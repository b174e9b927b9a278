"""Text a client controls reaches log lines (a query's values, an operation name, a path): a newline
in it must not start a line of its own that reads like ours."""

from __future__ import annotations

from pathlib import Path

import httpx

from tests.support.processes import running_gateway
from tests.support.waiting import wait_for

FORGED = "2026-01-01 ERROR forged"


async def test_client_text_with_newlines_cannot_forge_a_log_line(tmp_path: Path) -> None:
    with running_gateway(tmp_path, GATEWAY_SERVE_MOCKS="false") as gateway:
        async with httpx.AsyncClient() as http:
            await http.post(gateway.graphql, json={"query": f'{{ cases(first: """x\n{FORGED}""") {{ totalCount }} }}'})
            await http.post(gateway.graphql, json={"query": f"{{ casez }}\n{FORGED}"})
            await http.post(
                gateway.graphql, json={"query": "query A { itemCatalogue { kind } }", "operationName": f"A\n{FORGED}"}
            )
            await http.post(
                gateway.graphql,
                json={
                    "query": "query($n: Int) { cases(first: $n) { totalCount } }",
                    "variables": {"n": f"x\n{FORGED}"},
                },
            )
            await http.get(f"{gateway.url}/graphql%0A{FORGED.replace(' ', '%20')}")
            last = await http.post(gateway.graphql, json={"query": "{ itemCatalogue { kind } }"})
        log = gateway.data_dir / "gateway.log"

        async def text() -> str:
            return log.read_text(errors="replace")

        # The last request's access line: every earlier request has been logged by then.
        written = await wait_for(text, lambda t: last.headers["x-request-id"] in t, within=10)
    lines = written.splitlines()
    assert [line for line in lines if line.lstrip().startswith(FORGED)] == []
    assert f"\\n{FORGED}" in written  # logged, escaped, not dropped
