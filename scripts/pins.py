"""Write or check the hashes of the pinned Python packages.

Every pin in requirements/*.txt and requirements-zensical.txt carries the
sha256 of each file PyPI holds for that exact version, so `pip install` (which
checks hashes as soon as one is given) installs exactly the files that were
pinned, or stops. The hashes come from PyPI's JSON API; the check needs no
network.

    python scripts/pins.py          add or refresh every pin's hashes (make pins)
    python scripts/pins.py --check  exit 1 when a pin has no hash (make test)
"""

import argparse
import json
import re
import sys
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PIN_FILES = (ROOT / "requirements" / "site.txt", ROOT / "requirements" / "test.txt", ROOT / "requirements-zensical.txt")
PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[^\s\\;]+)")


def pins(text: str) -> list[tuple[str, str, list[str]]]:
    """(name, version, hashes) for each pin of a requirements file, in order."""
    found: list[tuple[str, str, list[str]]] = []
    for line in text.splitlines():
        stripped = line.strip()
        if (match := PIN.match(stripped)) is not None:
            found.append((match["name"], match["version"], []))
        elif stripped.startswith("--hash=") and found:
            found[-1][2].append(stripped.removeprefix("--hash=").rstrip(" \\"))
    return found


def unhashed(path: Path) -> list[str]:
    return [f"{path.relative_to(ROOT)}: {name}=={version} has no --hash"
            for name, version, hashes in pins(path.read_text(encoding="utf-8")) if not hashes]


def normalised(name: str) -> str:
    """A project's name as PyPI's index spells it (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def release_files(name: str, version: str, files: list[str]) -> list[str]:
    """Which of a project's file names are this version's (wheels and sdists)."""
    stem = re.compile(re.escape(normalised(name)).replace("\\-", "[-_.]") + "-" + re.escape(version) + r"(-|\.tar\.gz$|\.zip$)",
                      re.IGNORECASE)
    return [file for file in files if stem.match(file)]


def pypi_hashes(name: str, version: str) -> list[str]:
    """The sha256 of every file of one release, from PyPI's simple index (PEP 691)."""
    request = urllib.request.Request(f"https://pypi.org/simple/{normalised(name)}/",
                                     headers={"Accept": "application/vnd.pypi.simple.v1+json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        index = json.load(response)
    by_name = {file["filename"]: file["hashes"]["sha256"] for file in index["files"] if "sha256" in file["hashes"]}
    return sorted(f"sha256:{by_name[file]}" for file in release_files(name, version, list(by_name)))


def with_hashes(text: str) -> str:
    """The file with each pin followed by its hashes, comments and -r lines kept."""
    out: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("--hash="):
            continue  # written again below, fresh
        if (match := PIN.match(stripped)) is None:
            out.append(line)
            continue
        hashes = pypi_hashes(match["name"], match["version"])
        if not hashes:
            raise SystemExit(f"PyPI has no files for {match['name']}=={match['version']}")
        out.append(f"{match['name']}=={match['version']} \\")
        out += [f"    --hash={digest}" + (" \\" if n < len(hashes) - 1 else "") for n, digest in enumerate(hashes)]
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail when a pin has no hash")
    args = parser.parse_args(argv)
    if args.check:
        problems = [problem for path in PIN_FILES for problem in unhashed(path)]
        for problem in problems:
            print(problem, file=sys.stderr)
        if problems:
            print("run `make pins` to add them", file=sys.stderr)
            return 1
        print(f"every pin carries its hashes ({', '.join(str(p.relative_to(ROOT)) for p in PIN_FILES)})")
        return 0
    for path in PIN_FILES:
        path.write_text(with_hashes(path.read_text(encoding="utf-8")), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
