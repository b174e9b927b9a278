"""Files a page loads, served from this origin with a Cache-Control chosen per file."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from starlette.responses import Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope


class PageFiles(StaticFiles):
    """`cache_control` gets the file's path inside `directory` and says how long a browser may keep it."""

    def __init__(self, directory: Path, cache_control: Callable[[str], str]) -> None:
        super().__init__(directory=directory)
        self.cache_control = cache_control

    def file_response(
        self, full_path: str | os.PathLike[str], stat_result: os.stat_result, scope: Scope, status_code: int = 200
    ) -> Response:
        response = super().file_response(full_path, stat_result, scope, status_code)
        response.headers["Cache-Control"] = self.cache_control(self.get_path(scope))
        return response
