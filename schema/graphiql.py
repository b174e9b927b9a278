"""GraphiQL that opens on a working example (the catalogue needs no token) and says how to go on."""

from __future__ import annotations

import re
from functools import cache

from strawberry.http.ides import get_graphql_ide_html

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


@cache
def graphiql_html() -> str:
    html = get_graphql_ide_html(graphql_ide="graphiql")
    literal = EXAMPLE.replace("\\", "\\\\").replace("`", "\\`").replace("${", "\\${")
    replaced, count = re.subn(
        r"const EXAMPLE_QUERY = `.*?`;", lambda _: f"const EXAMPLE_QUERY = `{literal}`;", html, flags=re.S
    )
    return replaced if count == 1 else html
