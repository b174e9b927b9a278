"""Tokens: signature, expiry (with leeway), issuer, audience; an identity provider's JWKS."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
import time
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from jwt.algorithms import ECAlgorithm, RSAAlgorithm

from gateway.errors import Unauthenticated
from gateway.security.tokens import Role, principal_from_token
from gateway.settings import Settings

SECRET = "s" * 48


def settings(tmp_path: Path, **overrides: Any) -> Settings:
    return Settings(data_dir=tmp_path, jwt_secret=SECRET, **overrides)


def claims(s: Settings, **overrides: Any) -> dict[str, Any]:
    now = int(time.time())
    base = {"iss": s.jwt_issuer, "aud": s.jwt_audience, "sub": "ops", "role": "admin", "iat": now, "exp": now + 600}
    return base | overrides


def test_expiry_allows_the_configured_clock_skew(tmp_path: Path) -> None:
    s = settings(tmp_path, jwt_leeway_seconds=30)
    now = int(time.time())
    assert principal_from_token(s, jwt.encode(claims(s, exp=now - 10), SECRET)).role == Role.ADMIN
    with pytest.raises(Unauthenticated):
        principal_from_token(s, jwt.encode(claims(s, exp=now - 60), SECRET))


@pytest.mark.parametrize(
    "change",
    [{"iss": "evil"}, {"aud": "other"}, {"role": "root"}, {"role": "agency"}, {"role": "agency", "agency": "NOPE"}],
    ids=["issuer", "audience", "unknown-role", "agency-without-agency", "unknown-agency"],
)
def test_wrong_claims_are_refused(tmp_path: Path, change: dict[str, Any]) -> None:
    s = settings(tmp_path)
    with pytest.raises(Unauthenticated):
        principal_from_token(s, jwt.encode(claims(s, **change), SECRET))


def test_missing_claims_and_the_none_algorithm_are_refused(tmp_path: Path) -> None:
    s = settings(tmp_path)
    without_exp = {k: v for k, v in claims(s).items() if k != "exp"}
    with pytest.raises(Unauthenticated):
        principal_from_token(s, jwt.encode(without_exp, SECRET))
    with pytest.raises(Unauthenticated):
        principal_from_token(s, jwt.encode(claims(s), "", algorithm="none"))


class Provider:
    """A local identity provider: an RSA and an EC key, published as a JWKS over HTTP."""

    def __init__(self) -> None:
        self.rsa = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.ec = ec.generate_private_key(ec.SECP256R1())
        keys = [
            RSAAlgorithm.to_jwk(self.rsa.public_key(), as_dict=True) | {"kid": "r1", "alg": "RS256", "use": "sig"},
            ECAlgorithm.to_jwk(self.ec.public_key(), as_dict=True) | {"kid": "e1", "alg": "ES256", "use": "sig"},
        ]
        self.body, self.fetches = json.dumps({"keys": keys}).encode(), 0
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                provider.fetches += 1
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(provider.body)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/{uuid.uuid4().hex}/jwks.json"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def idp() -> Iterator[Provider]:
    provider = Provider()
    yield provider
    provider.server.shutdown()
    provider.server.server_close()


def test_identity_provider_tokens_verify_against_its_jwks(tmp_path: Path, idp: Provider) -> None:
    s = settings(tmp_path, jwks_url=idp.url)
    rs = jwt.encode(claims(s, sub="idp-ops"), idp.rsa, algorithm="RS256", headers={"kid": "r1"})
    es = jwt.encode(
        claims(s, sub="staff-9", role="clerk", region="6401"), idp.ec, algorithm="ES256", headers={"kid": "e1"}
    )
    assert principal_from_token(s, rs).subject == "idp-ops"
    assert principal_from_token(s, es).region == "6401"
    principal_from_token(s, rs)
    assert idp.fetches == 1, "the key set is cached"


def test_identity_provider_tokens_signed_by_anyone_else_are_refused(tmp_path: Path, idp: Provider) -> None:
    s = settings(tmp_path, jwks_url=idp.url)
    stranger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    with pytest.raises(Unauthenticated):
        principal_from_token(s, jwt.encode(claims(s), stranger, algorithm="RS256", headers={"kid": "r1"}))
    with pytest.raises(Unauthenticated):
        principal_from_token(s, jwt.encode(claims(s), stranger, algorithm="RS256", headers={"kid": "unknown"}))


def test_a_public_key_cannot_serve_as_an_hmac_secret(tmp_path: Path, idp: Provider) -> None:
    """Algorithm confusion: HS256 "signed" with the provider's public key must not pass."""
    s = settings(tmp_path, jwks_url=idp.url)
    public = idp.rsa.public_key().public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo)
    segments = [_b64(json.dumps(part).encode()) for part in ({"alg": "HS256", "typ": "JWT", "kid": "r1"}, claims(s))]
    signing_input = ".".join(segments).encode()
    forged = f"{signing_input.decode()}.{_b64(hmac.new(public, signing_input, hashlib.sha256).digest())}"
    with pytest.raises(Unauthenticated):
        principal_from_token(s, forged)


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def test_local_tokens_can_be_switched_off_for_an_external_provider(tmp_path: Path, idp: Provider) -> None:
    s = settings(tmp_path, jwks_url=idp.url, local_tokens=False)
    with pytest.raises(Unauthenticated):
        principal_from_token(s, jwt.encode(claims(s), SECRET))
