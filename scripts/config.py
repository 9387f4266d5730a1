"""A config file as MkDocs reads it, for the scripts and for Zensical.

    python scripts/config.py flatten CONFIG OUT   # make build-zensical

MkDocs' own loader reads the file: ``!ENV`` from the environment, and a
copy's ``INHERIT: mkdocs.yml`` merged under it (mappings key by key, lists
replaced). Zensical merges an inherited file's lists into the parent's
instead, so a branded copy built with it would show the default support
lines beside its own; ``flatten`` writes the config MkDocs would see, with no
``INHERIT`` left, for Zensical to read.
"""

import argparse
import os
import sys
from pathlib import Path
from typing import Any

import yaml
from mkdocs.utils.yaml import yaml_load

ROOT = Path(__file__).resolve().parent.parent


def read_config(root: Path = ROOT, name: str = "mkdocs.yml") -> dict[str, Any]:
    """The config as the build sees it, ``INHERIT`` and ``!ENV`` resolved."""
    with open(root / name, encoding="utf-8") as file:
        return yaml_load(file) or {}


def with_theme_words(config: dict[str, Any], project: Path = ROOT) -> dict[str, Any]:
    """``extra.atn_words``, the words overrides/main.html shows, in the
    config's language (theme.language, from translations/<lang>.po when the
    project has one), unless the config sets them itself. A macro's change to
    config.extra never reaches Zensical's theme, so they are written here."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from macros import language
    from macros.theme_words import CONFIG_KEY, theme_words

    theme = config.get("theme")
    lang = (theme.get("language") if isinstance(theme, dict) else None) or language.SOURCE_LANGUAGE
    path = language.po_path(project, lang)
    catalogue = language.read_catalogue(path, lang) if lang != language.SOURCE_LANGUAGE and path.exists() else language.ENGLISH
    extra = config.get("extra")
    if not isinstance(extra, dict):
        extra = config["extra"] = {}
    extra.setdefault(CONFIG_KEY, theme_words(catalogue))
    return config


def flatten(config_file: Path, out: Path) -> Path:
    """Write ``config_file`` resolved into ``out``, which must sit in the same
    folder: docs_dir, custom_dir and site_dir stay relative to it."""
    if out.resolve().parent != config_file.resolve().parent:
        raise ValueError(f"{out}: the flat config must sit beside {config_file}")
    config = read_config(config_file.resolve().parent, config_file.name)
    with_theme_words(config)
    out.write_text(
        f"# Written by scripts/config.py from {config_file.name}: edit that file, not this one.\n"
        + yaml.safe_dump(config, sort_keys=False, allow_unicode=True),
        encoding="utf-8",
    )
    return out


def flat_config(config_file: Path, out: Path, site_dir: Path | None = None) -> Path:
    """``flatten``, building into ``site_dir`` (inside the project: Zensical
    writes only there) instead of the config's own."""
    flatten(config_file, out)
    if site_dir is not None:
        config = yaml.safe_load(out.read_text(encoding="utf-8"))
        project = config_file.resolve().parent
        config["site_dir"] = os.path.relpath(Path(site_dir).resolve(), project)
        out.write_text(out.read_text(encoding="utf-8").split("\n", 1)[0] + "\n"
                       + yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=("flatten",))
    parser.add_argument("config", type=Path)
    parser.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    print(f"Wrote {flatten(args.config, args.out)}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
