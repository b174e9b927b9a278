"""The portal's page and files: served from this origin under a self-only policy, off when turned off."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from gateway.portal.page import POLICY, STATIC, graphql_url
from tests.support.inprocess import gateway_in_process


async def test_the_page_brings_a_policy_that_allows_this_origin_only(tmp_path: Path) -> None:
    async with gateway_in_process(tmp_path) as gw:
        moved = await gw.http.get("/portal")
        page = await gw.http.get("/portal/")
    assert moved.status_code == 308 and moved.headers["location"] == "portal/"
    assert page.status_code == 200 and page.headers["content-security-policy"] == POLICY
    assert "default-src 'self'" in POLICY and "connect-src 'self'" in POLICY and "'unsafe-inline'" not in POLICY
    assert '<meta name="graphql" content="../graphql">' in page.text
    assert '<meta name="dev-sign-in" content="on">' in page.text
    assert page.headers["x-frame-options"] == "DENY"


async def test_every_file_the_page_loads_is_served_here_and_names_no_other_host(tmp_path: Path) -> None:
    files = sorted(p.name for p in STATIC.iterdir() if p.suffix in (".js", ".css", ".svg"))
    async with gateway_in_process(tmp_path) as gw:
        answers = {name: await gw.http.get(f"/portal/assets/{name}") for name in files}
    assert {n: a.status_code for n, a in answers.items()} == dict.fromkeys(files, 200)
    assert answers["app.js"].headers["content-type"].startswith(("text/javascript", "application/javascript"))
    for name, answer in answers.items():
        assert "http://" not in answer.text.replace("http://www.w3.org/2000/svg", ""), name
        assert "https://" not in answer.text, name


@pytest.mark.parametrize(("graphql_path", "relative"), [("/graphql", "../graphql"), ("/api/graphql", "../api/graphql")])
def test_graphql_is_named_relative_to_the_page_so_a_prefix_proxy_keeps_working(
    graphql_path: str, relative: str
) -> None:
    assert graphql_url(graphql_path) == relative


async def test_a_gateway_with_the_portal_off_serves_none_of_it(tmp_path: Path) -> None:
    async with gateway_in_process(tmp_path, portal=False) as gw:
        answers = [await gw.http.get(path) for path in ("/portal", "/portal/", "/portal/assets/app.js")]
        sign_in = await gw.http.post("/portal/dev-sign-in", json={"role": "applicant", "subject": "x"})
    assert [a.status_code for a in answers] == [404, 404, 404] and sign_in.status_code == 404


async def test_a_copy_of_the_portal_on_a_listed_origin_may_send_the_upload_preflight_header(tmp_path: Path) -> None:
    asked = {
        "Origin": "https://portal.nx.gov.cn",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization,graphql-preflight",
    }
    async with gateway_in_process(tmp_path, cors_origins=["https://portal.nx.gov.cn"]) as gw:
        answer = await gw.http.options("/graphql", headers=asked)
    assert answer.status_code == 200
    assert "graphql-preflight" in answer.headers["access-control-allow-headers"].lower()


def test_the_portals_files_are_package_data_so_a_wheel_serves_them_too() -> None:
    pyproject = tomllib.loads((Path(__file__).resolve().parents[2] / "pyproject.toml").read_text(encoding="utf-8"))
    assert "portal/static/**/*" in pyproject["tool"]["setuptools"]["package-data"]["gateway"]
