"""GraphiQL: every file from this origin, pinned and licensed, under a policy that allows only it.

The page itself in a browser is tested in tests/clients/test_graphiql_browser.py.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

import httpx
import pytest

from schema.graphiql import POLICY, STATIC
from tests.edge.conftest import Gateway, running

VENDOR = STATIC / "vendor"
MANIFEST = json.loads((VENDOR / "manifest.json").read_text())
REFERENCE = re.compile(r'\b(?:src|href)="([^"]+)"')
CSS_URL = re.compile(r"url\(([^)]*)\)")


async def page(gateway: Gateway) -> httpx.Response:
    return await gateway.http.get("/graphql", headers={"Accept": "text/html"})


def example_of(html: str) -> str:
    block = re.search(r'<script type="application/json" id="graphiql-example">(.*?)</script>', html, re.S)
    assert block is not None
    return str(json.loads(block.group(1)))


async def test_graphiql_opens_on_the_catalogue_example_and_that_example_runs(gateway: Gateway) -> None:
    example = example_of((await page(gateway)).text)
    assert "python -m gateway token" in example and "query Catalogue" in example
    answer = await gateway.http.post("/graphql", json={"query": example})
    items = answer.json()["data"]["itemCatalogue"]
    assert len(items) == 23 and all(i["title"] for i in items)


async def test_graphiql_page_allows_only_its_own_origin_and_no_inline_script(gateway: Gateway) -> None:
    response = await page(gateway)
    policy = dict(d.strip().split(" ", 1) for d in response.headers["content-security-policy"].split(";"))
    assert response.headers["content-security-policy"] == POLICY
    assert policy["default-src"] == policy["script-src"] == policy["connect-src"] == "'self'"
    assert policy["font-src"] == policy["img-src"] == "'self'" and policy["style-src"].startswith("'self' 'sha256-")
    assert policy["object-src"] == policy["base-uri"] == policy["frame-ancestors"] == "'none'"
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", response.text, re.S)
    executable = [(attrs, body) for attrs, body in scripts if "application/json" not in attrs]
    assert executable and all("src=" in attrs and not body.strip() for attrs, body in executable)
    assert "style=" not in response.text and "<style" not in response.text


async def test_every_file_the_page_names_is_served_from_here(gateway: Gateway) -> None:
    references = REFERENCE.findall((await page(gateway)).text)
    assert len(references) == 9 and all(r.startswith("graphiql/") for r in references)
    kinds = {".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml"}
    for reference in references:
        answer = await gateway.http.get(f"/{reference}")
        assert answer.status_code == 200, reference
        assert answer.headers["content-type"].startswith(kinds[Path(reference).suffix]), reference
        vendored = reference.startswith("graphiql/vendor/")
        assert answer.headers["cache-control"] == ("public, max-age=31536000, immutable" if vendored else "no-cache")


async def test_a_stylesheet_refers_only_to_files_beside_it_never_to_a_data_url(gateway: Gateway) -> None:
    for css in VENDOR.rglob("*.css"):
        urls = CSS_URL.findall(css.read_text())
        assert all(not u.strip("'\"").startswith(("data:", "http:", "https:", "//")) for u in urls), css
        for url in urls:
            answer = await gateway.http.get(f"/graphiql/{css.parent.relative_to(STATIC).as_posix()}/{url}")
            assert answer.status_code == 200 and answer.headers["content-type"].startswith(("font/", "image/"))


def test_vendored_files_are_as_fetched_and_each_package_keeps_its_licence() -> None:
    files = {p.relative_to(VENDOR).as_posix() for p in VENDOR.rglob("*") if p.is_file()} - {"manifest.json"}
    assert files == set(MANIFEST["files"]), "a vendored file was added or removed by hand: run scripts.vendor_graphiql"
    for name, expected in MANIFEST["files"].items():
        digest = base64.b64encode(hashlib.sha384((VENDOR / name).read_bytes()).digest()).decode()
        assert f"sha384-{digest}" == expected, f"{name} changed since it was vendored"
    for package in MANIFEST["packages"]:
        folder = VENDOR / f"{package['name'].replace('@', '').replace('/', '-')}-{package['version']}"
        assert "Permission is hereby granted" in (folder / "LICENSE").read_text(), folder
    assert (VENDOR / "THIRD-PARTY-LICENSES.txt").read_text().count("\n== ") >= 50


async def test_a_missing_asset_is_a_404_and_nothing_outside_the_folder_is_served(gateway: Gateway) -> None:
    assert (await gateway.http.get("/graphiql/nothing.js")).status_code == 404
    assert (await gateway.http.get("/graphiql/../../gateway/settings.py")).status_code == 404
    assert (await gateway.http.get("/graphiql/%2e%2e/graphiql.py")).status_code == 404


@pytest.mark.parametrize("path", ["/api/graphql", "/graphql"])
async def test_assets_sit_beside_the_graphql_path_where_the_relative_links_lead(tmp_path: Path, path: str) -> None:
    async with running(tmp_path, graphql_path=path) as gateway:
        html = (await gateway.http.get(path, headers={"Accept": "text/html"})).text
        first = REFERENCE.findall(html)[0]
        served = await gateway.http.get(str(httpx.URL(f"http://gateway.test{path}").join(first)))
    assert served.status_code == 200


async def test_production_serves_no_graphiql_assets(tmp_path: Path) -> None:
    async with running(tmp_path, graphiql=False) as gateway:
        assert (await gateway.http.get("/graphiql/boot.js")).status_code == 404
