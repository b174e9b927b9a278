"""Fetch GraphiQL and what it needs from the npm registry, once, into schema/static/graphiql/vendor/.

The gateway serves GraphiQL from its own origin so the page works where no CDN is reachable (a
government intranet). The files live in the repository: a build or an install needs no network,
and a review sees exactly what is served. Run this only to change a version:

    .venv/bin/python -m scripts.vendor_graphiql

Each package is `npm pack`ed at a pinned version and its tarball checked against the pinned
integrity; each served file is checked against the sha384 the upstream CDN's SRI attributes name
(the same ones strawberry's GraphiQL page pins). Stylesheets carry their fonts and images as
data: URLs, which a content policy of 'self' refuses: they are written out as files beside the
stylesheet and the URLs pointed there (the only change made to upstream files). The licence of
each package, and of every package bundled inside graphiql's UMD build, is kept beside them.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENDOR = ROOT / "schema" / "static" / "graphiql" / "vendor"
DATA_URL = re.compile(r"url\((['\"]?)data:([a-z]+/[a-z0-9.+-]+);base64,([A-Za-z0-9+/=]+)\1\)")
EXTENSIONS = {"font/woff2": "woff2", "font/woff": "woff", "image/png": "png", "image/svg+xml": "svg"}
BUNDLED_PATH = re.compile(r"node_modules/((?:@[\w.-]+/)?[\w.-]+)/")


@dataclass(frozen=True)
class Package:
    name: str
    version: str
    integrity: str  # of the registry tarball (npm's sha512)
    files: dict[str, str]  # path inside the tarball -> sha384 (SRI) of the upstream file
    licence_file: str | None = "LICENSE"
    bundles: list[str] = field(default_factory=list)  # what its UMD build bundles, when no path tells

    @property
    def folder(self) -> str:
        return f"{self.name.replace('@', '').replace('/', '-')}-{self.version}"


PACKAGES = [
    Package(
        "react",
        "18.2.0",
        "sha512-/3IjMdb2L9QbBdWiW5e3P2/npwMBaU9mHCSCUzNln0ZCYbcfTsGbTJrU/kGemdH2IWmB2ioZ+zkxtmq6g09fGQ==",
        {"umd/react.production.min.js": "sha384-tMH8h3BGESGckSAVGZ82T9n90ztNXxvdwvdM6UoR56cYcf+0iGXBliJ29D+wZ/x8"},
    ),
    Package(
        "react-dom",
        "18.2.0",
        "sha512-6IMTriUmvsjHUjNtEDudZfuDQUoWXVxKHhlEGSk81n4YFS+r/Kl99wXiwlVXtPBtJenozv2P+hxDsw9eA7Xo6g==",
        {"umd/react-dom.production.min.js": "sha384-bm7MnzvK++ykSwVJ2tynSE5TRdN+xL418osEVF2DE/L/gfWHj91J2Sphe582B1Bh"},
    ),
    Package(
        "graphiql",
        "3.8.3",
        "sha512-cuPDYtXVKV86Pu5PHBX642Odi/uVEE2y1Jxq5rGO/Qy1G2lRp7ZZ7a/T30RzxhuLSWo9zUbzq0P3U49//H0Ugw==",
        {
            "graphiql.min.js": "sha384-HbRVEFG0JGJZeAHCJ9Xm2+tpknBQ7QZmNlO/DgZtkZ0aJSypT96YYGRNod99l9Ie",
            "graphiql.min.css": "sha384-Mq3vbRBY71jfjQAt/DcjxUIYY33ksal4cgdRt9U/hNPvHBCaT2JfJ/PTRiPKf0aM",
        },
    ),
    Package(
        "@graphiql/plugin-explorer",
        "1.0.2",
        "sha512-9j+kg2UjtLZD5EBmGjeWHkoVVxtbShYg2DzbUVebibnZYZM/iMBEF4vaccXJIAm5KaomIPLx0aoNs4LbODyc3Q==",
        {
            "dist/index.umd.js": "sha384-2oonKe47vfHIZnmB6ZZ10vl7T0Y+qrHQF2cmNTaFDuPshpKqpUMGMc9jgj9MLDZ9",
            "dist/style.css": "sha384-5DFJlDPW2tSATRbM8kzoP1j194jexLswuNmClWoRr2Q0x7R68JIQzPHZ02Faktwi",
        },
        licence_file=None,  # ships none; its repository's is graphiql's (the same monorepo)
        bundles=["graphiql-explorer"],
    ),
]


def sri(data: bytes) -> str:
    return "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode()


def npm(*args: str, cwd: Path) -> str:
    return subprocess.run(["npm", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


def fetch(package: Package, work: Path) -> Path:
    """The package's tarball contents, after npm checked the tarball against the pinned integrity."""
    packed = json.loads(npm("pack", f"{package.name}@{package.version}", "--json", cwd=work))[0]
    if packed["integrity"] != package.integrity:
        sys.exit(f"{package.name}@{package.version}: tarball integrity {packed['integrity']} is not the pinned one")
    target = work / package.folder
    with tarfile.open(work / packed["filename"]) as tar:
        tar.extractall(target, filter="data")
    return target / "package"


def externalise_data_urls(css: str, assets: Path) -> str:
    """Each data: URL written to assets/<digest>.<ext> and referred to there ('self' refuses data:)."""

    def write(match: re.Match[str]) -> str:
        data = base64.b64decode(match.group(3))
        name = f"{hashlib.sha256(data).hexdigest()[:16]}.{EXTENSIONS[match.group(2)]}"
        assets.mkdir(exist_ok=True)
        (assets / name).write_bytes(data)
        return f"url(assets/{name})"

    return DATA_URL.sub(write, css)


def vendor(package: Package, unpacked: Path) -> list[str]:
    """Copy the served files; return the names of the packages their bundles contain."""
    out = VENDOR / package.folder
    out.mkdir(parents=True)
    bundled = set(package.bundles)
    for path, expected in package.files.items():
        data = (unpacked / path).read_bytes()
        if sri(data) != expected:
            sys.exit(f"{package.name}/{path}: {sri(data)} is not the pinned {expected}")
        name = Path(path).name
        if name.endswith(".css"):
            (out / name).write_text(externalise_data_urls(data.decode(), out / "assets"))
        else:
            (out / name).write_bytes(data)
            bundled |= set(BUNDLED_PATH.findall(data.decode(errors="replace")))
    licence = (unpacked / package.licence_file) if package.licence_file else None
    if licence is not None:
        shutil.copyfile(licence, out / "LICENSE")
    return sorted(bundled - {package.name})


def third_party(names: set[str], work: Path) -> str:
    """Licences of the bundled packages, read from an install of the same pinned tops.

    A few are bundled without being in that tree (graphiql's build adds @babel/runtime, and its
    optional graphql-ws): for those the current release's licence text is taken.
    """
    npm("init", "-y", cwd=work)
    npm(
        "install", "--ignore-scripts", "--no-audit", "--no-fund", *(f"{p.name}@{p.version}" for p in PACKAGES), cwd=work
    )
    missing = [name for name in names if _installed(work, name) is None]
    if missing:
        npm("install", "--ignore-scripts", "--no-audit", "--no-fund", *missing, cwd=work)
    sections = []
    for name in sorted(names):
        folder = _installed(work, name)
        if folder is None:
            sys.exit(f"{name}: bundled, but npm could not install it to read its licence")
        meta = json.loads((folder / "package.json").read_text())
        texts = sorted(folder.glob("LICEN[CS]E*")) + sorted(folder.glob("licen[cs]e*"))
        body = (
            texts[0].read_text().strip() if texts else f"(ships no licence file; package.json: {meta.get('license')})"
        )
        sections.append(f"== {name} {meta['version']} ({meta.get('license')})\n\n{body}\n")
    return "\n".join(sections)


def _installed(work: Path, name: str) -> Path | None:
    found = sorted(work.glob(f"node_modules/**/node_modules/{name}/package.json"), key=lambda p: len(p.parts))
    top = work / "node_modules" / name / "package.json"
    return top.parent if top.exists() else (found[0].parent if found else None)


def main() -> None:
    shutil.rmtree(VENDOR, ignore_errors=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        bundled: set[str] = set()
        unpacked = {p.name: fetch(p, work) for p in PACKAGES}
        for package in PACKAGES:
            bundled |= set(vendor(package, unpacked[package.name]))
        explorer = VENDOR / next(p.folder for p in PACKAGES if p.licence_file is None) / "LICENSE"
        shutil.copyfile(unpacked["graphiql"] / "LICENSE", explorer)
        install = work / "licences"
        install.mkdir()
        (VENDOR / "THIRD-PARTY-LICENSES.txt").write_text(
            "Packages bundled inside the files served from here, with their licences.\n\n"
            + third_party(bundled, install)
        )
    files = {str(f.relative_to(VENDOR)): sri(f.read_bytes()) for f in sorted(VENDOR.rglob("*")) if f.is_file()}
    manifest = {
        "packages": [{"name": p.name, "version": p.version, "integrity": p.integrity} for p in PACKAGES],
        "files": files,
    }
    (VENDOR / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    print(f"{len(files)} files in {VENDOR.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
