"""The plotly.js bundle the site serves: a partial bundle pinned in package-lock.json.

plotly's full plotly.js is 4.8 MB (1.5 MB gzipped); every chart here is a scatter or bar trace,
which the "basic" distribution (bar, pie, scatter) draws at a quarter of that. The version and
the sha512 integrity are pinned in package-lock.json; `make setup` runs `python -m briefing.site.vendor`,
which downloads the tarball from the npm registry (no npm needed), checks the integrity and that
the bundle's plotly.js version is the one the installed plotly package was made for, and
installs the bundle with a manifest (version, trace types) under the virtual environment.

The Sphinx extension refuses to build without it, and a figure using a trace type the bundle
lacks is a build warning (so the strict build fails) rather than a blank chart.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import io
import json
import os
import re
import sys
import tarfile
import urllib.request
from pathlib import Path

import plotly.offline

PACKAGE = "plotly.js-basic-dist-min"
BUNDLE = "plotly-basic.min.js"
DEFAULT_REGISTRY = "https://registry.npmjs.org"


class VendorError(RuntimeError):
    pass


def install_dir() -> Path:
    """Inside the active environment, so it lives and dies with the locked Python packages."""
    return Path(sys.prefix) / "share" / "briefing" / PACKAGE


def bundle_path() -> Path:
    return install_dir() / BUNDLE


def manifest_path() -> Path:
    return install_dir() / "manifest.json"


def pin(lockfile: Path) -> dict:
    """{'version', 'integrity'} of the bundle in package-lock.json."""
    entry = json.loads(lockfile.read_text(encoding="utf-8")).get("packages", {}).get(f"node_modules/{PACKAGE}")
    if not entry or not entry.get("version") or not str(entry.get("integrity", "")).startswith("sha512-"):
        raise VendorError(f"{lockfile}: no version and sha512 integrity for {PACKAGE}")
    return {"version": entry["version"], "integrity": entry["integrity"]}


def expected_plotly_js_version() -> str:
    """The plotly.js version the installed plotly (Python) package bundles and was tested with."""
    return plotly.offline.get_plotlyjs_version()


def bundle_version(text: str) -> str | None:
    match = re.search(r"plotly\.js(?: \([^)]*\))? v(\d+\.\d+\.\d+)", text[:400])
    return match.group(1) if match else None


def trace_types(readme: str) -> list[str]:
    """The README of a plotly.js dist package names its trace modules: 'Contains trace modules `bar`, ...'."""
    line = next((ln for ln in readme.splitlines() if ln.startswith("Contains trace modules")), "")
    found = re.findall(r"`([a-z0-9]+)`", line)
    if not found:
        raise VendorError(f"{PACKAGE}: README does not list its trace modules")
    return sorted(found)


def verify(tarball: bytes, integrity: str) -> None:
    algorithm, _, expected = integrity.partition("-")
    actual = base64.b64encode(hashlib.new(algorithm, tarball).digest()).decode()
    if actual != expected:
        raise VendorError(f"{PACKAGE}: integrity mismatch: package-lock.json pins {integrity}, download is {algorithm}-{actual}")


def install(lockfile: Path) -> Path:
    """Download, verify and install the pinned bundle (idempotent); returns the bundle's path."""
    wanted = pin(lockfile)
    manifest = read_manifest()
    if manifest and manifest.get("integrity") == wanted["integrity"] and bundle_path().is_file():
        return bundle_path()
    if wanted["version"] != expected_plotly_js_version():
        raise VendorError(f"package-lock.json pins {PACKAGE} {wanted['version']}, but the installed plotly "
                          f"package is built for plotly.js {expected_plotly_js_version()}: pin that version")
    # npm reads either spelling; a mirror set for npm is used here too.
    registry = os.environ.get("NPM_CONFIG_REGISTRY") or os.environ.get("npm_config_registry") or DEFAULT_REGISTRY  # noqa: SIM112
    url = f"{registry.rstrip('/')}/{PACKAGE}/-/{PACKAGE}-{wanted['version']}.tgz"
    with urllib.request.urlopen(url, timeout=120) as response:
        tarball = response.read()
    verify(tarball, wanted["integrity"])
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
        bundle = archive.extractfile(f"package/{BUNDLE}").read()
        readme = archive.extractfile("package/README.md").read().decode("utf-8")
    version = bundle_version(bundle.decode("utf-8", errors="replace"))
    if version != wanted["version"]:
        raise VendorError(f"{url}: bundle says plotly.js {version}, expected {wanted['version']}")
    install_dir().mkdir(parents=True, exist_ok=True)
    temporary = bundle_path().with_suffix(".part")
    temporary.write_bytes(bundle)
    temporary.replace(bundle_path())
    manifest = {"package": PACKAGE, "version": version, "integrity": wanted["integrity"],
                "sha256": hashlib.sha256(bundle).hexdigest(), "traces": trace_types(readme), "url": url}
    manifest_path().write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    _checked_manifest.cache_clear()
    return bundle_path()


def read_manifest() -> dict | None:
    path = manifest_path()
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def installed() -> dict:
    """The installed bundle's manifest, checked against the bundle and the plotly package.

    Checked once per environment and process: the build asks at start-up and for every figure."""
    return _checked_manifest(sys.prefix)


@functools.cache
def _checked_manifest(prefix: str) -> dict:  # the environment is the cache key; paths follow sys.prefix
    manifest = read_manifest()
    if not manifest or not bundle_path().is_file():
        raise VendorError(f"the plotly.js bundle ({PACKAGE}) is not installed in {sys.prefix}: run `make setup` "
                          "(or `python -m briefing.site.vendor package-lock.json`)")
    if hashlib.sha256(bundle_path().read_bytes()).hexdigest() != manifest["sha256"]:
        raise VendorError(f"{bundle_path()} differs from the file installed from the registry: run `make setup` again")
    if manifest["version"] != expected_plotly_js_version():
        raise VendorError(f"installed {PACKAGE} is plotly.js {manifest['version']}, the plotly package expects "
                          f"{expected_plotly_js_version()}: update package-lock.json and run `make setup`")
    return manifest


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    lockfile = Path(args[0] if args else "package-lock.json")
    try:
        path = install(lockfile)
        manifest = installed()
    except (VendorError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"{PACKAGE} {manifest['version']} ({', '.join(manifest['traces'])}): {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
