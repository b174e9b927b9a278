"""An object's selection as one function of its own (schema/lean_execution.py): for the selections
a document fixes, the loop over its steps is written out once, each step's plan bound by name.

`_LeanRun.fields` walks the steps of a selection for every object it completes: per field a tuple
unpacked, a plan's attributes read, branches taken on what the plan is. A status read completes
about 70 objects of a handful of selections, so those loops were a tenth of its CPU. Here each
kept selection becomes a function that does only its own fields' work, in the same order, with
the same values and the same abandonments as the loop.

The generated text names nothing from the document: response keys (aliases a client chose) and
plans are passed in the function's namespace under names made here (`K0`, `P0`, …).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from graphql import GraphQLObjectType
from graphql.pyutils import Path

from schema.lean_plans import Abandon, Plan, shown

# (the run, the source object, its path, its place in a list or None) -> its fields, or an awaitable of them.
# The object's own path is made only by a selection with a field to await, the one use it has.
Fill = Callable[[Any, Any, Any, int | None], Any]


def compiled(parent: GraphQLObjectType, steps: list[tuple[str, Any, Plan | None]]) -> Fill:
    namespace: dict[str, Any] = {"Abandon": Abandon, "shown": shown, "PARENT": parent, "TYPENAME": parent.name}
    lines = ["def fill(run, source, path, index):", "    results = {}"]
    deferred = any(plan is not None and not plan.sync_leaf for _key, _details, plan in steps)
    if deferred:
        namespace["Path"] = Path
        lines += ["    pending = []", "    if index is not None:", "        path = Path(path, index, None)"]
    for i, (key, details, plan) in enumerate(steps):
        namespace |= {f"K{i}": key, f"D{i}": details, f"P{i}": plan}
        lines += _step(i, plan, namespace)
    lines.append(
        "    return run.gathered(results, pending) if pending else results" if deferred else "    return results"
    )
    exec("\n".join(lines), namespace)  # our own text: see the docstring
    fill: Fill = namespace["fill"]
    return fill


def _step(i: int, plan: Plan | None, namespace: dict[str, Any]) -> list[str]:
    if plan is None:
        return [f"    results[K{i}] = TYPENAME"]
    if not plan.sync_leaf:
        return [
            f"    value = results[K{i}] = run.field(PARENT, source, D{i}, path, K{i}, P{i})",
            "    if run.is_awaitable(value):",
            f"        pending.append(K{i})",
        ]
    if plan.get is not None:
        namespace[f"G{i}"] = plan.get
        got = f"G{i}(source)"
    else:
        namespace[f"R{i}"] = plan.resolve
        got = f"R{i}(run, source)"
    namespace[f"S{i}"], namespace[f"N{i}"] = plan.show, plan.native
    show = f"S{i}(value)" if plan.total else f"shown(S{i}(value))"  # a total show needs no check for none
    shown_value = f"value if type(value) is N{i} else {show}" if plan.native else show
    return [
        f"    value = {got}",
        "    if value is None:",
        "        raise Abandon" if plan.non_null else f"        results[K{i}] = None",
        "    else:",
        f"        results[K{i}] = {shown_value}",
    ]
