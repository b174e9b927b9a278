"""The database: engine, tables, queries, case versions, change events, NOTIFY, the sole-writer lock, migrations."""
