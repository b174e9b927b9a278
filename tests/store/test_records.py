"""Read records (gateway/store/records.py) unpack a row of their table: their fields are its columns,
in order, so a column added to a table and not to its record fails here, not in a status read."""

from datetime import UTC, datetime
from typing import Any

import pytest

from gateway.store.models import ItemRow
from gateway.store.records import RECORD_OF, ItemRecord


@pytest.mark.parametrize("record", list(RECORD_OF), ids=lambda r: r.__name__)
def test_a_records_fields_are_its_tables_columns_in_order(record: Any) -> None:
    table = RECORD_OF[record].__table__
    assert list(record._fields) == [c.key for c in table.columns]


def test_a_written_row_becomes_the_record_a_read_would_give() -> None:
    now = datetime(2026, 12, 5, tzinfo=UTC)
    row = ItemRow(id="i", case_id="c", kind="HUKOU_CANCELLATION", agency="PUBLIC_SECURITY", status="READY",
                  generation=0, deadline_estimated=False, attempts=0, updated_at=now)  # fmt: skip
    record = ItemRecord.of(row)
    assert (record.id, record.kind, record.status, record.updated_at, record.result_data) == (
        "i",
        "HUKOU_CANCELLATION",
        "READY",
        now,
        None,
    )
    with pytest.raises(AttributeError):  # a record is read, never changed
        record.status = "COMPLETED"  # type: ignore[misc]
