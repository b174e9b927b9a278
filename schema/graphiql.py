"""GraphiQL, served whole from the gateway's own origin, opening on a working example.

Every file the page loads is in schema/static/graphiql/: the page's own boot script and styles,
and under vendor/ React, GraphiQL and its explorer plugin at pinned versions with their licences.
They are in the repository (fetched once from the npm registry by `scripts/vendor_graphiql.py`,
which checks each against its pinned hash) and in the package data, so a checkout, an installed
wheel and the Docker image all serve them with no network: the page works on an intranet that
reaches no CDN. That is also why the page's content policy can allow this origin only.

The assets are mounted beside the GraphQL path (`/graphql` -> `/graphiql/`) and referred to
relatively, so a proxy that serves the gateway under a prefix serves them under it too.
"""

from __future__ import annotations

import json
import os
import posixpath
from functools import cache
from html import escape
from pathlib import Path

from starlette.responses import HTMLResponse, Response

from gateway.edge.static import PageFiles

STATIC = Path(__file__).parent / "static" / "graphiql"
ASSETS = "graphiql"  # the folder name, both on disk and in the URL

# The one inline style GraphiQL writes: while a dialog is open, its dialog library (radix-ui, via
# react-remove-scroll-bar) adds a <style> that locks the page's scrolling. On this page (no body
# margin, no scroll bar) its text is always the same, so the policy admits exactly that text by its
# hash, not inline styles at large. Were it ever different, the browser would refuse it (the page
# would only lose the scroll lock), name the new text's hash on the console, and
# tests/clients/test_graphiql_browser.py, which opens the dialogs, would fail.
SCROLL_LOCK_STYLE = "'sha256-Y/huXlwoYkVyQlxwSVcCi1RCDGDCSVBzDt0hYP9qlTc='"

# This origin only, for everything: no inline script, no data: URL, no frames, no other host.
POLICY = (
    f"default-src 'self'; script-src 'self'; style-src 'self' {SCROLL_LOCK_STYLE}; img-src 'self'; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'"
)

EXAMPLE = """# 个人身后“一件事” GraphQL 网关 / the after-death combined-service gateway
#
# 按 Ctrl-Enter 运行下面的查询（无需登录）/ Press Ctrl-Enter to run the query below (no token needed).
#
# 其余操作需要令牌 / Everything else needs a token, e.g. for a family member:
#   .venv/bin/python -m gateway token --role applicant --subject <申请人身份证号>
# 然后在下方 Headers 填写 / then put it in Headers below:
#   {"Authorization": "Bearer <token>"}
# 试试 submitApplication、case(id)、cases、subscription caseUpdated；人员样例见 http://127.0.0.1:8001/people
# Try submitApplication, case(id), cases and the caseUpdated subscription; sample people at :8001/people.

query Catalogue {
  itemCatalogue {
    kind
    title
    agency
    requires
    timeLimitWorkingDays
    optional
    appliesWhen
  }
}
"""

STYLES = ["vendor/graphiql-3.8.3/graphiql.min.css", "vendor/graphiql-plugin-explorer-1.0.2/style.css", "page.css"]
SCRIPTS = [
    "vendor/react-18.2.0/react.production.min.js",
    "vendor/react-dom-18.2.0/react-dom.production.min.js",
    "vendor/graphiql-3.8.3/graphiql.min.js",
    "vendor/graphiql-plugin-explorer-1.0.2/index.umd.js",
    "boot.js",
]


def assets_path(graphql_path: str) -> str:
    """Where the assets are mounted: beside the GraphQL path, as the page's relative links expect."""
    parent = posixpath.dirname(graphql_path.rstrip("/")) or "/"
    return posixpath.join(parent, ASSETS)


@cache
def graphiql_html() -> str:
    links = "\n".join(f'    <link rel="stylesheet" href="{ASSETS}/{escape(s)}">' for s in STYLES)
    scripts = "\n".join(f'    <script src="{ASSETS}/{escape(s)}"></script>' for s in SCRIPTS)
    example = json.dumps(EXAMPLE, ensure_ascii=False).replace("<", "\\u003c")  # a data block, never executed
    return f"""<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="utf-8">
    <title>GraphiQL · 个人身后“一件事”网关</title>
    <link rel="icon" href="{ASSETS}/favicon.svg" type="image/svg+xml">
{links}
  </head>
  <body>
    <div id="graphiql" class="graphiql-container">Loading…</div>
    <script type="application/json" id="graphiql-example">{example}</script>
{scripts}
  </body>
</html>
"""


def graphiql_response() -> Response:
    return HTMLResponse(graphiql_html(), headers={"Content-Security-Policy": POLICY})


class GraphiQLAssets(PageFiles):
    """The page's files. Vendored ones sit under a versioned folder, so they never change in place:
    a browser may keep them for a year. The page's own files are revalidated (ETag) on each load."""

    def __init__(self) -> None:
        super().__init__(STATIC, _cache_control)


def _cache_control(path: str) -> str:
    return "public, max-age=31536000, immutable" if path.startswith(f"vendor{os.sep}") else "no-cache"
