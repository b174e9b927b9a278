"""A read of a document the operation pipeline has already prepared, executed without it.

strawberry runs every operation through four stages of nine extensions' hooks (each entered and
left through an exit stack of context managers), an execution context and a result made for
them: about a tenth of a read that misses the response cache, spent deciding the same things for
every request of a document. The first request of a document goes through that whole pipeline:
parsed within the token limit at the edge, validated with every rule the extensions add
(depth, aliases, introspection where it is off). Once it has validated cleanly
(`schema/validation.py`), a later read of the same parsed document is executed here directly,
doing what the extensions do for a successful read, through the functions they call:

- its cost and inputs checked with its variables (`schema/cost.py`, `refusal_of`);
- its name on every line logged meanwhile and on its span (`schema/observe.py`, `named`);
- the cases its answer carries written to the access log, their versions handed to the response
  cache (`schema/accounting.py`, `cases_shown` and `account`).

Anything else goes through the whole pipeline, which words every error as before: a document not
yet validated cleanly, a mutation or subscription, an operation it cannot name, a refusal, and an
answer with any error at all (its root fields only read: running them again changes nothing; the
trace then holds both runs, the first marked `gateway.prepared`).
`tests/schema/test_lean_execution.py` compares the answers of both for every role.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from graphql import ExecutionResult as GraphQLExecutionResult
from graphql import OperationType as Kind
from graphql import get_operation_ast
from strawberry.execution import optimized_is_awaitable
from strawberry.types import ExecutionResult
from strawberry.types.graphql import OperationType

from gateway.observability.tracing import operation_span
from schema.accounting import account, cases_shown
from schema.cost import refusal_of
from schema.lean_execution import LeanExecutionContext, reads_only
from schema.observe import named
from schema.validation import validated_cleanly

if TYPE_CHECKING:
    import strawberry


async def prepared_read(
    schema: strawberry.Schema,
    variables: dict[str, Any] | None,
    context: Any,
    root_value: Any,
    operation_name: str | None,
    allowed: Iterable[OperationType],
    operation_extensions: dict[str, Any] | None,
) -> ExecutionResult | None:
    """The answer, or None: the pipeline answers."""
    document = getattr(context, "document", None)
    executor = schema.execution_context_class
    if getattr(context, "prepared_tried", False):  # by the endpoint, without an answer (schema/http_prepared.py)
        return None
    if document is None or executor is None or not issubclass(executor, LeanExecutionContext):
        return None
    operation = get_operation_ast(document, operation_name)
    if operation is None or operation.operation is not Kind.QUERY or OperationType.QUERY not in allowed:
        return None
    graphql_schema = schema._schema
    if not validated_cleanly(graphql_schema, document) or not reads_only(operation.selection_set.selections):
        return None
    if refusal_of(graphql_schema, document, operation_name, variables, getattr(context, "services", None)):
        return None
    with operation_span() as span:
        named(span, OperationType.QUERY.value, operation_name or (operation.name.value if operation.name else None))
        try:
            with cases_shown() as shown:
                result = schema._get_execute_function()(
                    graphql_schema,
                    document,
                    root_value=root_value,
                    variable_values=variables,
                    operation_name=operation_name,
                    context_value=context,
                    is_awaitable=optimized_is_awaitable,
                    executor_class=executor,
                    operation_extensions=operation_extensions,
                )
                if optimized_is_awaitable(result):
                    result = await result
        except Exception:  # the pipeline runs it again, and words and logs what went wrong
            result = None
        answered = isinstance(result, GraphQLExecutionResult) and not result.errors
        span.set_attribute("gateway.prepared", "answered" if answered else "run again by the pipeline")
        if not answered:
            return None
        await account(context, OperationType.QUERY, document, operation_name, shown)
    return ExecutionResult(data=result.data, errors=None, extensions={})
