"""The lean read path (schema/lean_execution.py) answers exactly as plain strawberry execution does.

Both schemas run the same operations for every role over the same data: a few real applications
sent to the in-process mocks, so items stand in every state with results, certificates and a
timeline. The corpus: the README's and the portal's queries, hand-written ones that reach for every kind of field
(fragments, aliases, directives, abstract types, errors), and generated ones (hypothesis-graphql,
as the fuzzer makes them). Answers are compared as data and as formatted errors.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import graphql
import pytest
import strawberry
from hypothesis import HealthCheck, given, seed, settings
from hypothesis_graphql import from_schema
from strawberry.types import ExecutionResult

from adapters.kinds import Agency
from gateway.dispatch.dispatcher import Dispatcher
from gateway.ids import to_global
from gateway.security.tokens import Principal, Role
from gateway.services import Services
from schema import build_schema, lean_execution
from schema.context import Context
from tests.fuzz.budget import SEED
from tests.fuzz.test_graphql_fuzz import SCALARS
from tests.support.agencies import agencies_in_process, in_process_urls
from tests.support.cases import local_people
from tests.support.client import SUBMIT, application_for
from tests.support.inprocess import gateway_in_process

ROOT = Path(__file__).resolve().parents[2]
LEAN, PLAIN = build_schema(lean_reads=True), build_schema(lean_reads=False)
CASE_WIDE = """id reference status channel version noticesEnabled reviewNote submittedAt updatedAt missingMaterials
  deceased { name idNumberMasked } applicant { name } payoutAccount { bankName accountNumberMasked }
  progress { total completed inProgress rejected failed notApplicable }
  items { id kind title agency status dependsOn agencyReference deadline deadlineEstimated overdue attempts
          lastError rejectionReason updatedAt result { summary amount deduction effectiveDate data }
          certificate { id kind number issuer issuedAt holderName verificationCode } }
  certificates { kind number } materials { kind } timeline { at actor type message itemKind }"""
HAND_WRITTEN = [
    f"query($id: ID!) {{ case(id: $id) {{ {CASE_WIDE} }} }}",
    """query($id: ID!) { case(id: $id) { ...Head first: items { kind } again: items { kind status }
       items { ... on CaseItem { __typename status } } } }
       fragment Head on Case { __typename reference status }""",
    """query($id: ID!, $yes: Boolean!) { case(id: $id) { reference @include(if: $yes) status @skip(if: $yes)
       timeline { type @skip(if: $yes) message } } }""",
    "query($id: ID!) { node(id: $id) { id ... on Case { reference items { kind } } } }",
    "query($ref: String!) { caseByReference(reference: $ref) { id status items { kind status } } }",
    f"{{ cases(first: 3) {{ totalCount pageInfo {{ hasNextPage endCursor }} edges {{ cursor node {{ {CASE_WIDE} }} }} }} }}",
    "{ cases(first: 2, filter: {status: [COMPLETED, IN_PROGRESS]}) { edges { node { reference status } } } }",
    '{ case(id: "not-a-global-id") { id } }',
    '{ case(id: "Q2FzZTpub3BlIQ") { id reference } }',
    "{ itemCatalogue { kind title agency } }",
    "{ homeDeathReports { id status } }",
    "{ agencies { agency baseUrl } }",
    '{ statistics(from: "2026-01-01", to: "2026-12-31", groupBy: AGENCY) { key casesReceived } }',
    "{ ratings { score } }",
    "query($id: ID!) { case(id: $id) { reference } __typename }",
]


@dataclass
class Scene:
    services: Services
    case_ids: list[str]
    references: list[str]
    applicant: str


@pytest.fixture
async def scene(tmp_path: Path) -> AsyncIterator[Scene]:
    people = local_people()[:3]
    async with (
        agencies_in_process() as agencies,
        gateway_in_process(tmp_path, agencies=agencies, agency_base_urls=in_process_urls()) as gateway,
    ):
        admin = gateway.token(Role.ADMIN, "ops")
        ids, references = [], []
        for person in people:
            answer = (await gateway.graphql(SUBMIT, {"input": application_for(person)}, admin)).json()
            case = answer["data"]["submitApplication"]["case"]
            ids.append(case["id"])
            references.append(case["reference"])
        await Dispatcher(gateway.services).drain(max_rounds=4)
        yield Scene(gateway.services, ids, references, people[0]["applicant"]["idNumber"])


def principals(scene: Scene) -> dict[str, Principal | None]:
    return {
        "anonymous": None,
        "family": Principal(Role.APPLICANT, scene.applicant),
        "stranger": Principal(Role.APPLICANT, "110101199003074578"),
        "clerk": Principal(Role.CLERK, "staff-01", region="64"),
        "clerk elsewhere": Principal(Role.CLERK, "staff-02", region="6505"),
        "health": Principal(Role.AGENCY, "health-system", agency=Agency.HEALTH),
        "housing fund": Principal(Role.AGENCY, "hf-system", agency=Agency.HOUSING_FUND),
        "committee": Principal(Role.COMMITTEE, "c-01", region="640104"),
        "supervisor": Principal(Role.SUPERVISOR, "s-01", region="64"),
        "admin": Principal(Role.ADMIN, "ops"),
    }


async def answer(schema: strawberry.Schema, scene: Scene, who: Principal | None, query: str, variables: Any) -> Any:
    """As over HTTP: the document the edge parsed, one per text (schema/prepared.py answers a read of
    one the pipeline has validated; test_a_read_is_prepared_once_the_pipeline_has_validated_it checks it does)."""
    context = Context(services=scene.services, principal=who, request_id="lean-test", document=parsed(query))
    result = await schema.execute(query, variable_values=variables, context_value=context)
    return result.data, [e.formatted for e in result.errors or []]


def parsed(query: str) -> graphql.DocumentNode | None:
    if query not in _DOCUMENTS:
        try:
            _DOCUMENTS[query] = graphql.parse(query)
        except graphql.GraphQLError:
            _DOCUMENTS[query] = None
    return _DOCUMENTS[query]


_DOCUMENTS: dict[str, graphql.DocumentNode | None] = {}


async def assert_same(scene: Scene, query: str, variables: dict[str, Any] | None = None) -> None:
    for role, who in principals(scene).items():
        lean = await answer(LEAN, scene, who, query, variables)
        plain = await answer(PLAIN, scene, who, query, variables)
        assert lean == plain, f"{role} differs on:\n{query}\nlean: {lean}\nplain: {plain}"


def readme_queries() -> list[str]:
    blocks = re.findall(r"```graphql\n(.*?)```", (ROOT / "README.md").read_text(), re.S)
    return [b for b in blocks if _is_query(b)]


def portal_queries() -> list[str]:
    """The portal's documents (gateway/portal/static), the case's fields put where the page puts them."""
    static = ROOT / "gateway" / "portal" / "static"
    sources = "\n".join(p.read_text() for p in sorted(static.glob("*.js")))
    fields = re.search(r"CASE_FIELDS = `(.*?)`", sources, re.S)
    texts = re.findall(r"[`\"]((?:query|subscription) .*?)[`\"]", sources, re.S)
    filled = [re.sub(r"\$\{[^}]*\}", fields.group(1) if fields else "", t) for t in texts]
    return [t for t in filled if _is_query(t)]


def _is_query(text: str) -> bool:
    try:
        operation = graphql.parse(text).definitions[0]
    except graphql.GraphQLError:
        return False
    return isinstance(operation, graphql.OperationDefinitionNode) and operation.operation.value == "query"


async def test_every_role_gets_the_same_answers_and_errors_from_both_paths(scene: Scene) -> None:
    assert readme_queries(), "the README's Follow query is part of the corpus"
    assert len(portal_queries()) >= 4, "the portal's reads are part of the corpus"
    for case_id, reference in zip(scene.case_ids, scene.references, strict=True):
        variables = {"id": case_id, "ref": reference, "yes": True, "f": {"status": ["UNDER_REVIEW"]}}
        for query in [*readme_queries(), *portal_queries(), *HAND_WRITTEN]:
            used = {k: v for k, v in variables.items() if f"${k}" in query}
            await assert_same(scene, query, used)


async def test_an_items_global_id_as_a_case_id_is_refused_alike(scene: Scene) -> None:
    await assert_same(scene, "query($id: ID!) { case(id: $id) { id } }", {"id": to_global("CaseItem", "x")})


QUERIES = from_schema(LEAN._schema, fields=None, custom_scalars=SCALARS)


@seed(SEED)
@settings(max_examples=60, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(query=QUERIES)
async def test_generated_queries_are_answered_alike(scene: Scene, query: str) -> None:
    await assert_same(scene, query)


@pytest.fixture
def lean_runs(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """One entry per operation the lean path answered (not abandoned)."""
    taken: list[bool] = []
    run = lean_execution._LeanRun.run

    async def counted(self: lean_execution._LeanRun) -> Any:
        result = await run(self)
        taken.append(True)
        return result

    monkeypatch.setattr(lean_execution._LeanRun, "run", counted)
    return taken


async def test_the_readme_status_read_takes_the_lean_path_for_whoever_may_read_it(
    scene: Scene, lean_runs: list[bool]
) -> None:
    follow = next(q for q in readme_queries() if "Follow" in q)
    answered = 0
    for who in principals(scene).values():
        _data, errors = await answer(LEAN, scene, who, follow, {"id": scene.case_ids[0]})
        answered += not errors  # a refusal is an error: graphql-core's run words it
    assert answered >= 5 and len(lean_runs) == answered


async def first_push(schema: strawberry.Schema, scene: Scene, who: Principal | None, query: str) -> Any:
    context = Context(services=scene.services, principal=who, request_id="lean-test")
    stream = await schema.subscribe(query, variable_values={"id": scene.case_ids[0]}, context_value=context)
    if isinstance(stream, ExecutionResult):  # refused before it streamed
        return stream.data, [e.formatted for e in stream.errors or []]
    try:
        first = await asyncio.wait_for(anext(stream), 10)  # the case as it is now
    finally:
        await stream.aclose()
    return first.data, [e.formatted for e in first.errors or []]


async def test_a_subscriptions_pushes_are_the_same_from_both_paths(scene: Scene, lean_runs: list[bool]) -> None:
    query = f"subscription($id: ID!) {{ caseUpdated(caseId: $id) {{ {CASE_WIDE} }} }}"
    for role, who in principals(scene).items():
        lean, plain = await first_push(LEAN, scene, who, query), await first_push(PLAIN, scene, who, query)
        assert lean == plain, f"{role} differs:\nlean: {lean}\nplain: {plain}"
    assert lean_runs, "pushes take the lean path"


@pytest.fixture
def through_pipeline(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """One entry per operation strawberry's pipeline ran (not answered by schema/prepared.py)."""
    ran: list[str] = []
    execute = strawberry.Schema.execute

    async def counted(self: strawberry.Schema, query: str | None, *args: Any, **kwargs: Any) -> Any:
        ran.append(query or "")
        return await execute(self, query, *args, **kwargs)

    monkeypatch.setattr(strawberry.Schema, "execute", counted)
    return ran


async def test_a_read_is_prepared_once_the_pipeline_has_validated_it(scene: Scene, through_pipeline: list[str]) -> None:
    follow = "query Prepared($id: ID!) { case(id: $id) { reference status items { kind status } } }"
    family = principals(scene)["family"]
    answers = [await answer(LEAN, scene, family, follow, {"id": scene.case_ids[0]}) for _ in range(3)]
    assert answers[0][0] is not None and answers.count(answers[0]) == 3
    assert through_pipeline == [follow]


async def test_what_the_pipeline_words_is_never_prepared(scene: Scene, through_pipeline: list[str]) -> None:
    refused = "query($id: ID!) { case(id: $id) { id } }"  # for nobody: an error in the answer
    invalid = "{ case { id } }"  # a required argument missing: never validated cleanly
    for query in (refused, invalid, refused, invalid):
        _data, errors = await answer(LEAN, scene, None, query, {"id": scene.case_ids[0]} if "$id" in query else None)
        assert errors
    assert through_pipeline == [refused, invalid, refused, invalid]


async def test_an_exception_escaping_a_prepared_read_leaves_the_read_to_the_pipeline(
    scene: Scene, through_pipeline: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    query = "query Escapes($id: ID!) { case(id: $id) { reference status } }"
    family, variables = principals(scene)["family"], {"id": scene.case_ids[0]}
    first = await answer(LEAN, scene, family, query, variables)  # the pipeline's: validated cleanly
    real, asked = LEAN._get_execute_function, []

    def failing_once() -> Any:
        asked.append(True)
        return real() if len(asked) > 1 else _raises

    monkeypatch.setattr(LEAN, "_get_execute_function", failing_once)
    assert await answer(LEAN, scene, family, query, variables) == first
    assert through_pipeline == [query, query] and len(asked) == 2


def _raises(*_args: Any, **_kwargs: Any) -> Any:
    raise RuntimeError("an execution that fails outside any resolver")
