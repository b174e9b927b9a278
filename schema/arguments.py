"""Arguments, described once (中文 first) and used wherever they appear."""

from __future__ import annotations

from typing import Annotated

import strawberry

from schema.enums import CaseOrder, ItemKind, ReviewDecision
from schema.inputs import (
    ApplicationInput,
    CaseFilter,
    CorrectionInput,
    ItemOutcomeInput,
    RegisterAgencyEndpointInput,
)


def _arg(description: str) -> object:
    return strawberry.argument(description=description)


AnyId = Annotated[strawberry.ID, _arg("全局 ID / a global id")]
CaseId = Annotated[strawberry.ID, _arg("申请的全局 ID / the case's global id")]
ItemId = Annotated[strawberry.ID, _arg("事项的全局 ID / the item's global id")]
SinceVersion = Annotated[
    int | None,
    _arg(
        "上次收到的 version；当前状态未变则不重复推送 / the version last received; the present state is sent only if newer"
    ),
]
EndpointId = Annotated[
    strawberry.ID, _arg("接口登记的全局 ID（见 agencies）/ the endpoint's global id, from `agencies`")
]
Reference = Annotated[str, _arg("受理编号，如 NX-SH-20261128-000123 / the case reference")]
Filter = Annotated[CaseFilter | None, _arg("筛选条件 / filter")]
First = Annotated[int | None, _arg("每页条数（1–100）/ page size, 1 to 100")]
OrderBy = Annotated[CaseOrder, _arg("排序（默认最新在前）/ order, newest first unless asked otherwise")]
After = Annotated[str | None, _arg("从此游标之后开始 / start after this cursor (pageInfo.endCursor)")]
DeceasedIdNumber = Annotated[str, _arg("逝者身份证号码 / the deceased's identity number")]
CertificateNumber = Annotated[str, _arg("证照编号 / certificate number")]
VerificationCode = Annotated[str, _arg("核验码 / verification code printed on the certificate")]
Application = Annotated[ApplicationInput, _arg("统一申请表 / the unified application")]
IdempotencyKey = Annotated[str | None, _arg("幂等键：重复提交返回同一申请 / repeat it to get the same case back")]
Corrections = Annotated[CorrectionInput | None, _arg("补正内容 / corrections")]
Items = Annotated[
    list[ItemKind] | None,
    _arg(
        "要重新提交的事项；不填则为全部未通过或失败的事项 / items to send again; default: every rejected or failed item"
    ),
]
Decision = Annotated[ReviewDecision, _arg("预审决定 / decision")]
ReviewReason = Annotated[str | None, _arg("退回原因（退回时必填）/ reason, required to return")]
WithdrawReason = Annotated[str, _arg("撤回原因 / why the family withdraws")]
NoticesEnabled = Annotated[bool, _arg("是否接收短信通知 / whether the family is told by SMS")]
Registration = Annotated[RegisterAgencyEndpointInput, _arg("接口登记信息 / the registration")]
Outcome = Annotated[ItemOutcomeInput, _arg("办理结果 / the outcome")]
