"""Who is asking: bearer JWTs carrying a role and a subject (and a region or an agency)."""

from __future__ import annotations

import functools
import re
import time
from collections import OrderedDict
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import jwt

from adapters.kinds import Agency
from gateway.errors import Forbidden, Unauthenticated
from gateway.settings import Settings

ALGORITHM = "HS256"
# A clerk's, committee's or supervisor's region is a division-code prefix: 2 (province), 4 (city) or 6 (county) ASCII digits.
REGION = re.compile(r"[0-9]{2}(?:[0-9]{2}){0,2}")


class Role(StrEnum):
    APPLICANT = "applicant"
    CLERK = "clerk"
    COMMITTEE = "committee"  # a village or residents' committee (村(居)委会): reports deaths at home
    AGENCY = "agency"
    ADMIN = "admin"
    SUPERVISOR = "supervisor"  # 监督: reads statistics of a region, never a case


# Roles scoped by a division-code prefix: their token must carry one.
REGIONAL = frozenset({Role.CLERK, Role.COMMITTEE, Role.SUPERVISOR})


REGIONAL_NAMES = {Role.CLERK: "窗口人员", Role.COMMITTEE: "村(居)委会", Role.SUPERVISOR: "监督人员"}


@dataclass(frozen=True)
class Principal:
    role: Role
    subject: str  # an applicant's identity number, a clerk's staff id, an agency's system id
    region: str | None = (
        None  # a clerk's, committee's or supervisor's division code prefix, e.g. "6401"; their tokens have one
    )
    agency: Agency | None = None
    expires_at: float | None = None  # the token's `exp` (seconds since the epoch); None: not from a token

    def expired(self, now: float, leeway: float) -> bool:
        """Past its `exp` by more than the clock-skew leeway: the same line a fresh request is held to."""
        return self.expires_at is not None and now >= self.expires_at + leeway

    @property
    def actor(self) -> str:
        """How the timeline names this caller: never an applicant's identity number."""
        if self.role == Role.APPLICANT:
            return "applicant"
        return f"{self.role.value}:{self.agency.value if self.agency else self.subject}"


def issue_token(
    settings: Settings,
    role: Role,
    subject: str,
    *,
    region: str | None = None,
    agency: Agency | None = None,
    ttl_seconds: int | None = None,
) -> str:
    now = int(time.time())
    claims: dict[str, object] = {
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "sub": subject,
        "role": role.value,
        "iat": now,
        "exp": now + (ttl_seconds or settings.token_ttl_seconds),
    }
    if region:
        claims["region"] = region
    if agency:
        claims["agency"] = agency.value
    return jwt.encode(claims, settings.signing_secret(), algorithm=ALGORITHM)


# A verified token is remembered until it expires (re-verified at least every minute, so a key an
# identity provider withdraws stops working soon): a request checks its token several times.
_VERIFIED: OrderedDict[tuple[str, ...], tuple[Principal, float, float]] = OrderedDict()
_REMEMBERED = 8192
_REVERIFY_SECONDS = 60.0


def principal_from_token(settings: Settings, token: str) -> Principal:
    key = (
        settings.jwt_issuer,
        settings.jwt_audience,
        settings.jwt_secret or str(settings.data_dir),
        settings.jwks_url or "",
        token,
    )
    now = time.time()
    remembered = _VERIFIED.get(key)
    if remembered is not None and now < remembered[1] + settings.jwt_leeway_seconds and now < remembered[2]:
        return remembered[0]
    principal, expires = _verify(settings, token)
    _VERIFIED[key] = (principal, expires, now + _REVERIFY_SECONDS)
    if len(_VERIFIED) > _REMEMBERED:
        _VERIFIED.popitem(last=False)
    return principal


def _verify(settings: Settings, token: str) -> tuple[Principal, float]:
    try:
        key, algorithms = _verification_key(settings, token)
        claims = jwt.decode(
            token,
            key,
            algorithms=algorithms,
            audience=settings.jwt_audience,
            issuer=settings.jwt_issuer,
            leeway=settings.jwt_leeway_seconds,
            options={"require": ["exp", "iat", "sub", "iss", "aud"]},
        )
        role = Role(claims["role"])
        agency = Agency(claims["agency"]) if claims.get("agency") else None
    except (jwt.PyJWTError, KeyError, ValueError) as exc:
        raise Unauthenticated(f"令牌无效或已过期 (invalid token: {type(exc).__name__})") from None
    if role == Role.AGENCY and agency is None:
        raise Unauthenticated("部门令牌缺少部门标识 (agency token without agency)")
    region = claims.get("region")
    regional = role in REGIONAL
    if regional and not (isinstance(region, str) and REGION.fullmatch(region)):
        # Without a region a clerk would reach every region; a malformed one could widen a LIKE.
        raise Unauthenticated(
            f"{REGIONAL_NAMES[role]}令牌须含 2、4 或 6 位区划代码 ({role.value} token without a valid region)"
        )
    expires = float(claims["exp"])
    return Principal(role, str(claims["sub"]), region if regional else None, agency, expires), expires


def _verification_key(settings: Settings, token: str) -> tuple[Any, list[str]]:
    """The key is chosen by the token's algorithm, and each algorithm has exactly one source: an
    identity provider's public keys for RS256/ES256, our own secret for HS256. A token can never
    make us check an HMAC with a public key (algorithm confusion) or pick `none`."""
    algorithm = jwt.get_unverified_header(token).get("alg")
    if settings.jwks_url and algorithm in settings.jwks_algorithms:
        return jwks_client(settings.jwks_url, settings.jwks_cache_seconds).get_signing_key_from_jwt(token), [algorithm]
    if settings.local_tokens and algorithm == ALGORITHM:
        return settings.signing_secret(), [ALGORITHM]
    raise jwt.InvalidAlgorithmError(f"algorithm {algorithm!r} is not accepted")


@functools.lru_cache(maxsize=8)
def jwks_client(url: str, cache_seconds: int) -> jwt.PyJWKClient:
    """One client per identity provider: it caches the key set for `cache_seconds` and refetches an
    unknown key id at most once per cooldown, so forged key ids cannot make us hammer the provider.
    Its fetch is synchronous; with the cache warm that happens once per `cache_seconds`."""
    return jwt.PyJWKClient(url, cache_jwk_set=True, lifespan=cache_seconds, timeout=5, cooldown_duration=30)


def require(principal: Principal | None, *roles: Role) -> Principal:
    if principal is None:
        raise Unauthenticated("请先登录 (a bearer token is required)")
    if principal.role not in roles:
        raise Forbidden(f"当前身份无权执行此操作 (role {principal.role.value} may not do this)")
    return principal
