"""A small GraphQL client speaking only contract.graphql, as an outside client would."""

from __future__ import annotations

from typing import Any

import httpx

CASE_FIELDS = """
  id reference status version channel submittedAt updatedAt
  deceased { name idNumberMasked deathDate deathType disposal householdRegionCode }
  applicant { name idNumberMasked phoneMasked relationship }
  progress { total completed inProgress rejected failed notApplicable }
  items { id kind title agency status attempts lastError rejectionReason agencyReference deadline overdue
          result { summary amount deduction effectiveDate data } certificate { number verificationCode } }
  certificates { id kind number issuer issuedAt holderName verificationCode }
  timeline { at actor type message itemKind }
"""
SUBMIT = f"""mutation($input: ApplicationInput!, $key: String) {{
  submitApplication(input: $input, idempotencyKey: $key) {{ case {{ {CASE_FIELDS} }} errors {{ field code message }} }}
}}"""
CASE = f"query($id: ID!) {{ case(id: $id) {{ {CASE_FIELDS} }} }}"
RESUBMIT = f"""mutation($id: ID!, $c: CorrectionInput, $items: [ItemKind!]) {{
  resubmitApplication(caseId: $id, corrections: $c, items: $items) {{ case {{ {CASE_FIELDS} }} errors {{ field code message }} }}
}}"""
VERIFY = """query($n: String!, $c: String!) { verifyCertificate(number: $n, verificationCode: $c) {
  valid kind holderName issuedAt } }"""
CASE_COUNT = "{ cases(first: 1) { totalCount } }"


class GraphQL:
    def __init__(self, http: httpx.AsyncClient, url: str, token: str | None = None) -> None:
        self.http, self.url, self.token = http, url, token

    def as_(self, token: str | None) -> GraphQL:
        return GraphQL(self.http, self.url, token)

    async def post(self, query: str, variables: dict[str, Any] | None = None) -> httpx.Response:
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        return await self.http.post(self.url, json={"query": query, "variables": variables or {}}, headers=headers)

    async def __call__(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        response = await self.post(query, variables)
        body: dict[str, Any] = response.json()
        assert "errors" not in body, body["errors"]
        return body["data"]  # type: ignore[no-any-return]


def application_for(person: dict[str, Any], channel: str = "APP") -> dict[str, Any]:
    """The unified application form for a person of the mocks' population."""
    fields = ("name", "idNumber", "deathDate", "deathPlace", "deathType", "diedInMedicalInstitution")
    deceased = {k: person[k] for k in (*fields, "householdRegionCode", "disposal")}
    return {
        "channel": channel,
        "deceased": deceased,
        "applicant": person["applicant"],
        "payoutAccount": person["payoutAccount"],
        "optionalItems": person["optionalItems"],
    }
