"""Development sign-in: a short-lived token for a family member or a window clerk, for the demo.

The identity provider is out of scope: in development (and the embedded demo) the portal's sign-in
page asks this route for a token. It mints only applicant and clerk tokens, for two hours, and it is
not mounted at all unless GATEWAY_PORTAL_DEV_SIGN_IN is on; production refuses to start with it on
(gateway/production_checks.py). A real deployment signs people in with its identity provider
(GATEWAY_JWKS_URL) and hands the portal the token instead.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from gateway.domain.identity import ID_PROBLEM_MESSAGES, id_number_problem, normalize_id_number
from gateway.security.tokens import REGION, Role, issue_token
from gateway.settings import Settings

log = logging.getLogger(__name__)
TTL_SECONDS = 2 * 3600
STAFF_ID_LIMIT = 64


def dev_sign_in(settings: Settings) -> Callable[[Request], Awaitable[Response]]:
    async def sign_in(request: Request) -> Response:
        if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
            return _refused("content", "CONTENT_TYPE", "请以 JSON 提交 (send application/json)", 415)
        try:
            body = json.loads(await request.body())
        except ValueError:
            body = None
        if not isinstance(body, dict):
            return _refused("body", "BAD_REQUEST", "请求格式不正确 (a JSON object is expected)")
        return _token_for(settings, body)

    return sign_in


def _token_for(settings: Settings, body: dict[str, object]) -> Response:
    role, subject, region = body.get("role"), body.get("subject"), body.get("region")
    if not isinstance(subject, str) or not subject.strip():
        return _refused("subject", "REQUIRED", "请填写身份证号码或工号")
    if role == Role.APPLICANT.value:
        subject = normalize_id_number(subject)
        if (code := id_number_problem(subject)) is not None:
            return _refused("subject", code, ID_PROBLEM_MESSAGES[code])
        token = issue_token(settings, Role.APPLICANT, subject, ttl_seconds=TTL_SECONDS)
    elif role == Role.CLERK.value:
        if len(subject) > STAFF_ID_LIMIT or not subject.isascii() or not subject.isprintable():
            return _refused("subject", "STAFF_ID_FORMAT", "工号应为不超过 64 位的字母、数字或符号")
        if not isinstance(region, str) or not REGION.fullmatch(region):
            return _refused("region", "REGION_FORMAT", "区划代码应为 2、4 或 6 位数字，如 6401（银川市）")
        token = issue_token(settings, Role.CLERK, subject.strip(), region=region, ttl_seconds=TTL_SECONDS)
    else:
        return _refused("role", "ROLE_NOT_OFFERED", "开发登录只提供家属（applicant）和窗口人员（clerk）身份")
    log.info("portal development sign-in as %s", role)
    return JSONResponse({"token": token, "expiresIn": TTL_SECONDS}, headers={"Cache-Control": "no-store"})


def _refused(field: str, code: str, message: str, status: int = 400) -> Response:
    log.info("portal development sign-in refused: %s %s", field, code)
    return JSONResponse({"errors": [{"field": field, "code": code, "message": message}]}, status_code=status)
