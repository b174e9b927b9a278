"""短信平台 (SMS): the SMS gateway the notices go through, imitated. Aliyun-style flat JSON ("mobile",
"sign", "content"; answers "code" "0" with a "msgId"); an `Idempotency-Key` sends once, and its outbox
(the messages a phone would have received) is the proof: GET /admin/sms. Faults as for an agency,
under the name SMS."""

from __future__ import annotations

import re

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from mocks.intake import desk, world_of
from mocks.outbox import Sent

NAME = "SMS"
SLUG = "duanxin"
MOBILE = re.compile(r"1[3-9][0-9]{9}")
MAX_CONTENT = 500  # characters: a long SMS is split by carriers, but not without end


def _refuse(code: str, message: str) -> Response:
    return JSONResponse({"code": code, "msg": message}, status_code=400)


async def send(request: Request) -> Response:
    world = world_of(request)
    try:
        form = await request.json()
        mobile, sign, content = str(form["mobile"]), str(form["sign"]), str(form["content"])
    except (ValueError, KeyError, TypeError):
        return _refuse("isv.INVALID_PARAMETERS", "参数错误")
    if not MOBILE.fullmatch(mobile):
        return _refuse("isv.MOBILE_NUMBER_ILLEGAL", "非法手机号")
    if not content.strip() or len(content) > MAX_CONTENT:
        return _refuse("isv.CONTENT_ILLEGAL", "短信内容为空或过长")
    key = request.headers.get("Idempotency-Key")
    outbox = world.sms
    if key and (sent := outbox.sent.get(key)) is not None:
        sent.requests += 1  # a repeat: the phone does not ring twice
        return JSONResponse({"code": "0", "msgId": sent.msg_id})
    sent = Sent(f"DX{world.now():%Y%m%d}{len(outbox.sent) + 1:08d}", mobile, sign, content)
    outbox.sent[key or sent.msg_id] = sent
    return JSONResponse({"code": "0", "msgId": sent.msg_id})


def routes() -> list[Route]:
    return desk(NAME, ("POST", "/api/v1/messages", send))
