"""Serving the portal: its page, its files, and nothing from any other origin.

The page is at `/portal/` and refers to its files and to GraphQL relatively, so a proxy that serves
the gateway under a prefix serves the portal under it too. The page's policy allows this origin only
(`connect-src 'self'` covers the same-origin WebSocket for `caseUpdated` as well as fetch).
"""

from __future__ import annotations

import posixpath
from collections.abc import Awaitable, Callable
from functools import cache
from html import escape
from pathlib import Path

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route

from gateway.edge.static import PageFiles
from gateway.portal.sign_in import dev_sign_in
from gateway.settings import Settings

STATIC = Path(__file__).parent / "static"
PATH = "/portal"
POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


def portal_routes(settings: Settings) -> list[BaseRoute]:
    """The portal's routes, when it is on; the development sign-in only where it is allowed."""
    if not settings.portal:
        return []
    routes: list[BaseRoute] = [
        Route(PATH, lambda request: RedirectResponse("portal/", status_code=308), methods=["GET"]),
        Route(f"{PATH}/", _page(settings), methods=["GET"]),
        Mount(f"{PATH}/assets", PortalAssets(), name="portal-assets"),
    ]
    if settings.portal_dev_sign_in_enabled:
        routes.append(Route(f"{PATH}/dev-sign-in", dev_sign_in(settings), methods=["POST"]))
    return routes


def _page(settings: Settings) -> Callable[[Request], Awaitable[Response]]:
    html = portal_html(graphql_url(settings.graphql_path), settings.portal_dev_sign_in_enabled)

    async def page(request: Request) -> Response:
        return HTMLResponse(html, headers={"Content-Security-Policy": POLICY, "Cache-Control": "no-cache"})

    return page


def graphql_url(graphql_path: str) -> str:
    """GraphQL relative to the page at /portal/, so the portal follows the gateway behind a prefix."""
    return posixpath.relpath(graphql_path, f"{PATH}/")


@cache
def portal_html(graphql: str, dev_sign_in_on: bool) -> str:
    template = (STATIC / "index.html").read_text(encoding="utf-8")
    return template.replace("{{graphql}}", escape(graphql)).replace("{{devSignIn}}", "on" if dev_sign_in_on else "off")


class PortalAssets(PageFiles):
    """The page's scripts and styles, revalidated on each load (ETag): they are small, and a fix
    must reach a family's phone at once."""

    def __init__(self) -> None:
        super().__init__(STATIC, lambda path: "no-cache")
