import pytest

from adapters.kinds import Agency, ItemKind
from gateway.agencies.registration import MAX_URL, registration_problems, url_problem
from gateway.errors import Problem
from gateway.security.tokens import Principal, Role

ALLOW = ("mock-hrss", "mock-gongan:9101", "[::1]", "agency.nx.gov.cn")
HRSS = Principal(Role.AGENCY, "hrss-system", agency=Agency.HRSS)
ADMIN = Principal(Role.ADMIN, "admin-1")
HRSS_KINDS = [ItemKind.FUNERAL_GRANT, ItemKind.PENSION_ACCOUNT_REFUND]


def code(url: str, allow: tuple[str, ...] = ALLOW) -> str | None:
    problem = url_problem(url, allow)
    assert problem is None or problem.field == "input.baseUrl"
    return None if problem is None else problem.code


@pytest.mark.parametrize(
    "url",
    [
        "http://mock-hrss",
        "http://mock-hrss/",
        "https://mock-hrss/api/v1",
        "http://mock-hrss:9103",
        "http://MOCK-HRSS:80/api",
        "https://agency.nx.gov.cn:8443/houshi",
        "http://[::1]:8000/",
    ],
)
def test_an_allowed_host_is_accepted_on_any_port_when_its_entry_names_no_port(url: str) -> None:
    assert code(url) is None


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://mock-hrss/",
        "gopher://mock-hrss:70/_GET",
        "javascript:alert(1)",
        "data:text/plain,mock-hrss",
        "mock-hrss:9103",
        "//mock-hrss/",
        "http://",
        "",
    ],
)
def test_anything_but_http_or_https_is_refused(url: str) -> None:
    assert code(url) == "INVALID_URL"


@pytest.mark.parametrize(
    "url",
    [
        "http://10.0.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://127.0.0.1:9103/",
        "http://localhost/",
        "http://localhost.evil.com/",
        "http://127.0.0.1.nip.io/",
        "http://mock-hrss.evil.com/",
        "http://evil-mock-hrss/",
        "http://mock-hrss./",
        "http://[::2]/",
    ],
)
def test_a_host_not_in_the_allow_list_is_refused(url: str) -> None:
    problem = url_problem(url, ALLOW)
    assert problem is not None
    assert problem.code == "HOST_NOT_ALLOWED"
    assert "允许" in problem.message


def test_a_host_allowed_by_ip_literal_is_not_reached_through_a_name_that_resolves_to_it() -> None:
    assert code("http://127.0.0.1.nip.io/", ("127.0.0.1",)) == "HOST_NOT_ALLOWED"
    assert code("http://localhost.evil.com/", ("localhost",)) == "HOST_NOT_ALLOWED"


@pytest.mark.parametrize(
    "url",
    [
        "http://user@mock-hrss/",
        "http://user:secret@mock-hrss/",
        "http://mock-hrss@10.0.0.1/",
        "http://:secret@mock-hrss/",
        "http://mock-hrss/?next=http://10.0.0.1",
        "http://mock-hrss/#fragment",
    ],
)
def test_userinfo_query_and_fragment_are_refused(url: str) -> None:
    assert code(url) == "INVALID_URL"


@pytest.mark.parametrize("url", ["http://mock-gongan:9101", "https://mock-gongan:9101/api"])
def test_a_host_and_port_entry_allows_that_port(url: str) -> None:
    assert code(url) is None


@pytest.mark.parametrize("url", ["http://mock-gongan:9102/", "http://mock-gongan/", "https://mock-gongan/"])
def test_a_host_and_port_entry_refuses_other_ports(url: str) -> None:
    assert code(url) == "HOST_NOT_ALLOWED"


@pytest.mark.parametrize("url", ["http://mock-hrss:99999/", "http://mock-hrss:port/", "http://[::1/"])
def test_an_unparseable_url_is_refused(url: str) -> None:
    assert code(url) == "INVALID_URL"


def test_an_overlong_url_is_refused() -> None:
    url = "http://mock-hrss/" + "a" * MAX_URL
    assert code(url) == "INVALID_URL"


def test_an_empty_allow_list_allows_nothing() -> None:
    assert code("http://mock-hrss/", ()) == "HOST_NOT_ALLOWED"


@pytest.mark.parametrize("url", ["http://mock-h\trss/", "http://mock-hrss\n/", "http://mock-hrss/a\rb"])
def test_a_url_with_control_characters_is_refused(url: str) -> None:
    assert code(url) == "INVALID_URL"


def test_an_agency_registering_its_own_items_at_an_allowed_host_has_no_problems() -> None:
    assert registration_problems(HRSS, Agency.HRSS, "http://mock-hrss:9103", HRSS_KINDS, ALLOW) == []


def test_an_agency_cannot_register_another_agencys_endpoint() -> None:
    found = registration_problems(
        HRSS, Agency.PUBLIC_SECURITY, "http://mock-gongan:9101", [ItemKind.HUKOU_CANCELLATION], ALLOW
    )
    assert found == [Problem("input.agency", "NOT_YOUR_AGENCY", "只能登记本部门的接口")]


def test_an_administrator_may_register_any_agencys_endpoint() -> None:
    kinds = [ItemKind.HUKOU_CANCELLATION]
    assert registration_problems(ADMIN, Agency.PUBLIC_SECURITY, "http://mock-gongan:9101", kinds, ALLOW) == []


def test_item_kinds_not_handled_by_the_agency_are_refused_by_name() -> None:
    kinds = [ItemKind.FUNERAL_GRANT, ItemKind.HUKOU_CANCELLATION, ItemKind.SMALL_DEPOSIT_WITHDRAWAL]
    found = registration_problems(HRSS, Agency.HRSS, "http://mock-hrss", kinds, ALLOW)
    assert [(p.field, p.code) for p in found] == [("input.itemKinds", "ITEM_NOT_OF_AGENCY")]
    assert "HUKOU_CANCELLATION" in found[0].message
    assert "SMALL_DEPOSIT_WITHDRAWAL" in found[0].message
    assert "FUNERAL_GRANT" not in found[0].message
    assert "人力资源社会保障部门" in found[0].message


def test_at_least_one_item_kind_is_required() -> None:
    found = registration_problems(HRSS, Agency.HRSS, "http://mock-hrss", [], ALLOW)
    assert [(p.field, p.code) for p in found] == [("input.itemKinds", "REQUIRED")]


def test_every_problem_is_reported_together() -> None:
    found = registration_problems(HRSS, Agency.HEALTH, "http://10.0.0.1", [ItemKind.FUNERAL_GRANT], ALLOW)
    assert [p.code for p in found] == ["NOT_YOUR_AGENCY", "HOST_NOT_ALLOWED", "ITEM_NOT_OF_AGENCY"]
