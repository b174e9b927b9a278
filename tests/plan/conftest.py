"""The real gateway and the real mocks, as the end-to-end tests run them (SQLite and PostgreSQL)."""

from tests.e2e.conftest import admin, gateway, graphql, http, people

__all__ = ["admin", "gateway", "graphql", "http", "people"]
