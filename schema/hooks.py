"""strawberry's extension hooks, entered as strawberry enters them, without working out anew on
every request how each extension wrote each hook.

strawberry makes the extensions per request and, for each of its four stages, asks of every one
(nine here) whether it has the hook, whether the hook is a generator, an async generator or a plain
function, and wraps it in a new context-manager function (`functools.wraps` and all): about forty
such inquiries a request, for answers fixed by the extension's class. They are worked out once per
class and stage here; the hooks are still entered and left through strawberry's own exit stacks,
in the same order, so an error inside a stage reaches each hook as before.
"""

from __future__ import annotations

import contextlib
import inspect
from collections.abc import AsyncIterator, Callable, Iterator
from functools import lru_cache, partial
from typing import Any

from strawberry.extensions import SchemaExtension
from strawberry.extensions.context import (
    ExecutingContextManager,
    ExtensionContextManagerBase,
    OperationContextManager,
    ParsingContextManager,
    ValidationContextManager,
    WrappedHook,
)
from strawberry.extensions.runner import SchemaExtensionsRunner

Entered = Callable[[SchemaExtension], Any]  # the extension -> a context manager, sync or async


class HookRunner(SchemaExtensionsRunner):
    """What `GatewaySchema.create_extensions_runner` hands strawberry."""

    def operation(self) -> OperationContextManager:
        return _Operation(self.extensions)

    def validation(self) -> ValidationContextManager:
        return _Validation(self.extensions)

    def parsing(self) -> ParsingContextManager:
        return _Parsing(self.extensions)

    def executing(self) -> ExecutingContextManager:
        return _Executing(self.extensions)


class _Known(ExtensionContextManagerBase):
    __slots__ = ()

    def get_hook(self, extension: SchemaExtension) -> WrappedHook | None:
        extension_class: type = type(extension)
        way = way_of(extension_class, self.HOOK_NAME)
        if way is None:
            return None
        entered, is_async = way
        return WrappedHook(extension=extension, hook=partial(entered, extension), is_async=is_async)


class _Operation(_Known, OperationContextManager):
    __slots__ = ()


class _Validation(_Known, ValidationContextManager):
    __slots__ = ()


class _Parsing(_Known, ParsingContextManager):
    __slots__ = ()


class _Executing(_Known, ExecutingContextManager):
    __slots__ = ()


@lru_cache(maxsize=256)
def way_of(extension_class: type, hook_name: str) -> tuple[Entered, bool] | None:
    """(how the class's hook is entered, whether asynchronously), as strawberry's `get_hook` decides;
    None where the class leaves the hook as SchemaExtension has it."""
    hook = getattr(extension_class, hook_name)
    if hook is getattr(SchemaExtension, hook_name):
        return None
    if inspect.isgeneratorfunction(hook):
        return contextlib.contextmanager(hook), False
    if inspect.isasyncgenfunction(hook):
        return contextlib.asynccontextmanager(hook), True
    if not callable(hook):
        raise ValueError(f"Hook {hook_name} on {extension_class} must be callable, received {hook!r}")
    if inspect.iscoroutinefunction(hook):
        return partial(_awaited_first, hook), True
    return partial(_called_first, hook), False


@contextlib.asynccontextmanager
async def _awaited_first(hook: Callable[[SchemaExtension], Any], extension: SchemaExtension) -> AsyncIterator[None]:
    await hook(extension)
    yield


@contextlib.contextmanager
def _called_first(hook: Callable[[SchemaExtension], Any], extension: SchemaExtension) -> Iterator[None]:
    hook(extension)
    yield
