"""Rewrite datacard/model/spdx.json from an SPDX License List release.

The list comes from the `json/licenses.json` and `json/exceptions.json` files that the SPDX
project publishes in its license-list-data repository, either downloaded for a release tag or
read from local copies:

    python scripts/refresh_spdx.py 3.27.0
    python scripts/refresh_spdx.py --licenses licenses.json --exceptions exceptions.json
    python scripts/refresh_spdx.py 3.27.0 --check      # exit 1 if spdx.json is not that release

The JSON Schemas spell the list out: regenerate them afterwards (`datacard schema -o schemas`
and `datacard schema -o datacard/schemas`); the schema tests fail until then.

SPDX publishes no replacement for a deprecated id, so the replacements in spdx.json are kept
from the current file; for a newly deprecated id one is derived where the rule is plain
(`GPL-2.0` -> `GPL-2.0-only`, `GPL-2.0+` -> `GPL-2.0-or-later`) and the rest are listed for
a person to fill in by hand. Standard library only: it runs before datacard is installed.
"""

from __future__ import annotations

import argparse
import json
import sys
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA_FILE = ROOT / "datacard" / "model" / "spdx.json"
RELEASE_URL = "https://raw.githubusercontent.com/spdx/license-list-data/v{version}/json/{name}.json"
SOURCE = "SPDX License List, https://github.com/spdx/license-list-data"


class InputError(Exception):
    """A list file that is not what SPDX publishes."""


def _entries(doc: Any, key: str, id_key: str, origin: str) -> list[tuple[str, bool]]:
    """(id, deprecated) pairs of a licenses.json or exceptions.json document."""
    if not isinstance(doc, dict) or not isinstance(doc.get(key), list):
        raise InputError(f"{origin}: no {key!r} list; is this SPDX's json/{key}.json?")
    out = []
    for entry in doc[key]:
        ident = entry.get(id_key) if isinstance(entry, dict) else None
        if not isinstance(ident, str) or not ident or any(c.isspace() or c in "()" for c in ident):
            raise InputError(f"{origin}: an entry of {key!r} has no usable {id_key!r}: {entry!r:.120}")
        out.append((ident, bool(entry.get("isDeprecatedLicenseId", False))))
    return out


def _release(doc: dict[str, Any], origin: str) -> tuple[str, str]:
    version, date = doc.get("licenseListVersion"), doc.get("releaseDate")
    if not isinstance(version, str) or not version:
        raise InputError(f"{origin}: no licenseListVersion")
    return version, date[:10] if isinstance(date, str) else ""


def _derived(ident: str, current: set[str]) -> str | None:
    """The replacement of a newly deprecated id where SPDX's renaming rule is plain."""
    if ident.endswith("+") and f"{ident[:-1]}-or-later" in current:
        return f"{ident[:-1]}-or-later"
    if f"{ident}-only" in current:
        return f"{ident}-only"
    return None


def build(licenses_doc: Any, exceptions_doc: Any, previous: dict[str, Any] | None = None,
          origin: tuple[str, str] = ("licenses.json", "exceptions.json")) -> tuple[dict[str, Any], list[str]]:
    """The spdx.json document for one release, and the deprecated ids left without a replacement."""
    licenses = _entries(licenses_doc, "licenses", "licenseId", origin[0])
    exceptions = _entries(exceptions_doc, "exceptions", "licenseExceptionId", origin[1])
    version, date = _release(licenses_doc, origin[0])
    other_version, _ = _release(exceptions_doc, origin[1])
    if other_version != version:
        raise InputError(f"the licence list is release {version} but the exception list is {other_version}")
    current = {i for i, dep in licenses if not dep} | {i for i, dep in exceptions if not dep}
    kept: dict[str, Any] = (previous or {}).get("deprecated", {})
    deprecated: dict[str, str | None] = {}
    for ident in sorted((i for i, dep in [*licenses, *exceptions] if dep), key=str.lower):
        deprecated[ident] = kept.get(ident) or _derived(ident, current)
    doc = {
        "source": SOURCE,
        "version": version,
        "release_date": date,
        "licenses": sorted((i for i, dep in licenses if not dep), key=str.lower),
        "exceptions": sorted((i for i, dep in exceptions if not dep), key=str.lower),
        "deprecated": deprecated,
    }
    return doc, [i for i, r in deprecated.items() if r is None]


def text(doc: dict[str, Any]) -> str:
    """One id per line, so that a refresh reads as a short diff."""
    return json.dumps(doc, indent=1, ensure_ascii=False) + "\n"


def _read_json(source: str) -> Any:
    try:
        if source.startswith("https://"):
            with urllib.request.urlopen(source, timeout=60) as response:
                return json.load(response)
        return json.loads(Path(source).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"{source}: {exc}") from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("version", nargs="?", help="SPDX License List release to download, such as 3.27.0")
    parser.add_argument("--licenses", help="a local json/licenses.json instead of downloading")
    parser.add_argument("--exceptions", help="a local json/exceptions.json instead of downloading")
    parser.add_argument("-o", "--output", type=Path, default=DATA_FILE, help="file to write (default: %(default)s)")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if the file differs")
    args = parser.parse_args(argv)
    if bool(args.licenses) != bool(args.exceptions) or bool(args.version) == bool(args.licenses):
        parser.error("give a release version, or both --licenses and --exceptions")
    sources = (args.licenses, args.exceptions) if args.licenses else tuple(
        RELEASE_URL.format(version=args.version.removeprefix("v"), name=n) for n in ("licenses", "exceptions"))
    try:
        previous = json.loads(args.output.read_text(encoding="utf-8")) if args.output.is_file() else None
        doc, unreplaced = build(_read_json(sources[0]), _read_json(sources[1]), previous, sources)
    except InputError as exc:
        print(f"refresh_spdx: error: {exc}", file=sys.stderr)
        return 2
    if args.version and doc["version"] != args.version.removeprefix("v"):
        print(f"refresh_spdx: error: asked for {args.version}, the files say {doc['version']}", file=sys.stderr)
        return 2
    new = text(doc)
    current = args.output.read_text(encoding="utf-8") if args.output.is_file() else None
    if args.check:
        print(f"{args.output}: {'up to date' if new == current else 'differs from'} SPDX {doc['version']}")
        return 0 if new == current else 1
    tmp = args.output.with_name(args.output.name + ".tmp")
    tmp.write_text(new, encoding="utf-8")
    tmp.replace(args.output)
    print(f"{args.output}: SPDX License List {doc['version']} ({doc['release_date']}), "
          f"{len(doc['licenses'])} licences, {len(doc['exceptions'])} exceptions, {len(doc['deprecated'])} deprecated")
    for ident in unreplaced:
        print(f"  no replacement known for deprecated {ident}; add one by hand in 'deprecated' if there is one")
    print("now regenerate the schemas: datacard schema -o schemas && datacard schema -o datacard/schemas")
    return 0


if __name__ == "__main__":
    sys.exit(main())
