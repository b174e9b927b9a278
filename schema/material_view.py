"""A paper the family provided, as a case shows it: its description, never its bytes."""

from __future__ import annotations

from datetime import datetime

import strawberry

from gateway.ids import to_global
from gateway.store.family_rows import MaterialRow
from schema.enums import MaterialKind
from schema.node import shown


@strawberry.type(description="已提交的材料（内容加密保存，仅推送给需要它的部门）/ a paper the family provided")
class Material:
    row: strawberry.Private[MaterialRow]

    @strawberry.field(description="材料 ID / the material's id")
    def id(self) -> strawberry.ID:
        return strawberry.ID(to_global("Material", self.row.id))

    @strawberry.field(description="材料种类 / which paper")
    def kind(self) -> MaterialKind:
        return MaterialKind(self.row.kind)

    @strawberry.field(description="按内容识别的文件类型 / the content type its bytes prove")
    def content_type(self) -> str:
        return self.row.content_type

    @strawberry.field(description="字节数 / size in bytes")
    def size(self) -> int:
        return self.row.size

    @strawberry.field(description="上传时间 / uploaded at")
    def uploaded_at(self) -> datetime:
        return shown(self.row.uploaded_at)
