"""`python -m mocks --host 127.0.0.1 --port 8001`: serve every imitation agency on one port."""

from __future__ import annotations

import argparse

import uvicorn

from mocks.app import create_app
from mocks.config import MockConfig


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m mocks", description="Imitation agency systems (模拟部门系统)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8001)
    parser.add_argument("--gateway-url", default=None, help="the gateway's GraphQL URL, for call-backs")
    parser.add_argument("--time-scale", type=float, default=1.0, help="multiplies every artificial delay")
    args = parser.parse_args()
    config = MockConfig(gateway_graphql_url=args.gateway_url, time_scale=args.time_scale)
    uvicorn.run(create_app(config), host=args.host, port=args.port)


if __name__ == "__main__":
    main()
