"""The family's papers on a case (一套材料): what was attached, what is still missing, and attaching one."""

from __future__ import annotations

from typing import Annotated

import strawberry
from starlette.datastructures import UploadFile
from strawberry.file_uploads import Upload

from gateway.cases.materials import Upload as Uploaded
from gateway.errors import Problem, Refused
from schema.enums import MaterialKind
from schema.material_view import Material
from schema.payloads import FieldError
from schema.types import Case

File = Annotated[Upload, strawberry.argument(description="文件：PDF、JPEG 或 PNG / the file: PDF, JPEG or PNG")]
RequestMaterial = Annotated[
    MaterialKind | None,
    strawberry.argument(description="退回时要求补充的材料 / a paper the family must provide (when returning)"),
]
Kind = Annotated[MaterialKind, strawberry.argument(description="材料种类 / which paper it is")]
NOT_A_FILE = Problem("file", "FILE_REQUIRED", "请以 multipart 请求上传文件 (send the file in a multipart request)")


@strawberry.type(description="提交材料的结果 / result of attaching a paper")
class AttachMaterialPayload:
    material: Material | None = strawberry.field(default=None, description="成功时返回材料 / the material")
    case: Case | None = strawberry.field(default=None, description="成功时返回申请 / the case")
    errors: list[FieldError] = strawberry.field(
        default_factory=list, description="字段错误；为空表示成功 / field errors; empty on success"
    )


async def read_upload(file: object, limit: int) -> Uploaded:
    """At most one byte past the limit is read: enough to tell that it is over."""
    if not isinstance(file, UploadFile):
        raise Refused(NOT_A_FILE)
    data = await file.read(limit + 1)
    return Uploaded(data, file.filename, file.content_type)
