"""Give every page of a built site its Content-Security-Policy (macros/csp.py).

    python scripts/csp.py SITE_DIR

MkDocs does this itself after the build (on_post_build); Zensical has no
on_post_build, so `make build-zensical` runs this after its build.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.csp import PolicyError, secure_site  # noqa: E402


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not Path(argv[0]).is_dir():
        print("usage: python scripts/csp.py SITE_DIR (a built site)", file=sys.stderr)
        return 2
    try:
        count = secure_site(Path(argv[0]))
    except PolicyError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"Gave {count} pages in {argv[0]} their Content-Security-Policy.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
