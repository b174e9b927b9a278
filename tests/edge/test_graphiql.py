"""GraphiQL opens on an example that works as it stands."""

from __future__ import annotations

import re

from tests.edge.conftest import Gateway


async def test_graphiql_opens_on_the_catalogue_example_and_that_example_runs(gateway: Gateway) -> None:
    page = await gateway.http.get("/graphql", headers={"Accept": "text/html"})
    assert page.status_code == 200 and "query Catalogue" in page.text and "python -m gateway token" in page.text
    example = re.search(r"(query Catalogue \{.*?\n\})", page.text, re.S)
    assert example is not None
    answer = await gateway.http.post("/graphql", json={"query": example.group(1)})
    items = answer.json()["data"]["itemCatalogue"]
    assert len(items) == 23 and all(i["title"] for i in items)
