"""The contract's scalars, strawberry's own implementations with bilingual descriptions, and a
quicker way to DateTime's same text."""

from __future__ import annotations

import dataclasses
import datetime as dt
import decimal
from typing import Any

import orjson
from strawberry.file_uploads import Upload
from strawberry.scalars import JSON
from strawberry.schema.types.scalar import DEFAULT_SCALAR_REGISTRY
from strawberry.types.scalar import ScalarDefinition

from gateway.clock import CHINA

DESCRIPTIONS: dict[object, str] = {
    dt.datetime: "带时区的时间（ISO 8601，北京时间 +08:00）/ date and time with offset, ISO 8601",
    dt.date: "日期（ISO 8601，如 2026-11-28）/ a calendar date, ISO 8601",
    decimal.Decimal: '金额（元，两位小数的字符串，如 "1234.50"）/ money in yuan, as a string with two decimals',
    JSON: "任意 JSON 值（部门自有字段）/ any JSON value, e.g. agency-specific extras",
    Upload: "上传的文件（GraphQL multipart 请求规范）/ a file, sent as the GraphQL multipart request spec says",
}


def scalar_map() -> dict[object, ScalarDefinition]:
    scalars = {
        kind: dataclasses.replace(DEFAULT_SCALAR_REGISTRY[kind], description=text)
        for kind, text in DESCRIPTIONS.items()
    }
    scalars[dt.datetime] = dataclasses.replace(scalars[dt.datetime], serialize=moment_text)
    return scalars


def moment_text(value: Any) -> Any:
    """`value.isoformat()`, as strawberry's DateTime writes it. A status read shows about sixty
    moments, each in China's time (schema/node.py), and orjson writes those in RFC 3339, the
    same text, in half the time (tests/schema/test_scalars.py holds the two equal)."""
    if type(value) is dt.datetime and value.tzinfo is CHINA:
        return orjson.dumps(value)[1:-1].decode()
    return value.isoformat()
