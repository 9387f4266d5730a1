"""Build every edition of the guide: English at the site's root, each other
language in its own folder (/es/), with either engine.

    python scripts/editions.py build [--config mkdocs.yml] [--engine mkdocs|zensical] [--site-dir DIR]

The editions are the languages in the config's ``extra.alternate`` (Material's
language switcher) other than ``theme.language``. Each is its own build, from a
config written beside CONFIG (``.atn-edition-<lang>-<process>.yml``, removed
after the build, so two builds of one project never share one): the config as
MkDocs reads it (scripts/config.py), with the edition's language, folder,
address, search language and switcher links, and its words (site name, nav
titles, support lines) from translations/<lang>.po. Its docs folder is the
English one with the edition's hand-written pages laid over it
(translations/<lang>/docs/): page stubs such as ``{{ stage_page("debrief") }}``
are shared, so every edition has every page at the same path.

Zensical does not run MkDocs' i18n plugins; per-language builds into one
site work the same way with both engines.
"""

import argparse
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros import language  # noqa: E402
from macros.links import link_twins  # noqa: E402
from scripts.config import flat_config, read_config  # noqa: E402

BIN = Path(sys.executable).parent
ZENSICAL_BIN = ROOT / ".venv-zensical" / "bin"
QUIET = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


@dataclass(frozen=True)
class Edition:
    lang: str
    name: str
    folder: str  # "es/": where it lives under the site's root
    regions_first: tuple[str, ...] = ()


def source_language(config: dict[str, Any]) -> str:
    theme = config.get("theme") or {}
    return (theme.get("language") if isinstance(theme, dict) else None) or language.SOURCE_LANGUAGE


def editions(config: dict[str, Any]) -> list[Edition]:
    """The other languages the config publishes (extra.alternate), in its order."""
    found = []
    for entry in (config.get("extra") or {}).get("alternate") or []:
        if entry.get("lang") == source_language(config):
            continue
        link = str(entry.get("link") or "")
        if not link or link.startswith(("/", "http")) or not link.endswith("/"):
            raise SystemExit(
                f"extra.alternate, {entry.get('name')!r}: 'link' must be the edition's folder under the site, "
                f"such as {entry.get('lang')}/ (found {link!r})"
            )
        found.append(Edition(entry["lang"], entry.get("name") or entry["lang"], link, tuple(entry.get("regions_first") or ())))
    return found


# --- The config's own words ---------------------------------------------------

def _nav_titles(nav: Any) -> list[str]:
    titles: list[str] = []
    for item in nav or []:
        if isinstance(item, dict):
            for title, value in item.items():
                titles.append(title)
                if isinstance(value, list):
                    titles += _nav_titles(value)
    return titles


SUPPORT_LINE_WORDS = ("region", "name", "how")


def _line_place(line: dict[str, Any]) -> str:
    return f"mkdocs.yml/extra/support_lines/{line.get('region')}: {line.get('name')}"


def config_words(config: dict[str, Any]) -> list[tuple[str, str]]:
    """The words of a config a reader sees, with their place (the message context)."""
    words = [(f"mkdocs.yml/{key}", config[key]) for key in ("site_name", "site_description", "copyright") if config.get(key)]
    words += [(f"mkdocs.yml/nav/{title}", title) for title in dict.fromkeys(_nav_titles(config.get("nav")))]
    for scheme in ((config.get("theme") or {}).get("palette") or []):
        toggle = scheme.get("toggle") or {}
        if toggle.get("name"):
            words.append((f"mkdocs.yml/theme/palette/{scheme.get('scheme')}/toggle/name", toggle["name"]))
    for line in (config.get("extra") or {}).get("support_lines") or []:
        words += [(f"{_line_place(line)}/{key}", str(line[key]).strip()) for key in SUPPORT_LINE_WORDS if line.get(key)]
    return words


def _translate_config(config: dict[str, Any], catalogue: language.Catalogue, missing: list[str]) -> dict[str, Any]:
    def say(place: str, english: str) -> str:
        entry = catalogue.data.get(place)
        if entry is None or not entry.translated:
            missing.append(f"{place} ({english!r}): not translated yet")
            return english
        if entry.fuzzy or entry.english != english.strip():
            missing.append(f"{place}: the English changed; review the translation")
            return english
        return entry.translated

    for key in ("site_name", "site_description", "copyright"):
        if config.get(key):
            config[key] = say(f"mkdocs.yml/{key}", config[key])

    def nav(items: Any) -> Any:
        out = []
        for item in items or []:
            if isinstance(item, dict):
                out.append({say(f"mkdocs.yml/nav/{title}", title): nav(value) if isinstance(value, list) else value for title, value in item.items()})
            else:
                out.append(item)
        return out

    config["nav"] = nav(config.get("nav"))
    for scheme in ((config.get("theme") or {}).get("palette") or []):
        toggle = scheme.get("toggle") or {}
        if toggle.get("name"):
            toggle["name"] = say(f"mkdocs.yml/theme/palette/{scheme.get('scheme')}/toggle/name", toggle["name"])
    for line in (config.get("extra") or {}).get("support_lines") or []:
        place = _line_place(line)
        for key in SUPPORT_LINE_WORDS:
            if line.get(key):
                line[key] = say(f"{place}/{key}", str(line[key]).strip())
    return config


# --- One edition's config and docs -------------------------------------------

def _search_plugin(plugins: Any, lang: str) -> list[Any]:
    out = []
    for plugin in plugins or []:
        name = plugin if isinstance(plugin, str) else next(iter(plugin))
        if name == "search":
            options = {} if isinstance(plugin, str) else dict(plugin["search"] or {})
            options["lang"] = lang
            out.append({"search": options})
        else:
            out.append(plugin)
    return out


def _docs_dir(project: Path, config: dict[str, Any], edition: Edition) -> Path:
    """The English docs with the edition's own pages over them, beside the config."""
    english = project / config.get("docs_dir", "docs")
    out = project / f".atn-docs-{edition.lang}-{os.getpid()}"
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(english, out)
    translated = project / language.TRANSLATIONS_DIR / edition.lang / "docs"
    if translated.is_dir():
        shutil.copytree(translated, out, dirs_exist_ok=True)
    return out


def edition_config(config_file: Path, edition: Edition, site_dir: Path) -> tuple[Path, list[str]]:
    """Write the config of ``edition`` beside ``config_file``; the words it lacks."""
    project = config_file.resolve().parent
    config = read_config(project, config_file.name)
    source = source_language(config)
    catalogue = language.read_catalogue(language.po_path(project, edition.lang), edition.lang)
    missing: list[str] = []
    extra = config.setdefault("extra", {})
    if edition.regions_first:
        # Matched on the English region names, before they are translated.
        lines = extra.get("support_lines") or []
        first = [line for line in lines if any(region in str(line.get("region", "")) for region in edition.regions_first)]
        extra["support_lines"] = first + [line for line in lines if line not in first]
    config = _translate_config(config, catalogue, missing)
    config["docs_dir"] = _docs_dir(project, config, edition).name
    config["site_dir"] = str(site_dir)
    site_url = config.get("site_url") or ""
    if site_url:
        config["site_url"] = site_url.rstrip("/") + "/" + edition.folder
    config.setdefault("theme", {})["language"] = edition.lang
    config["plugins"] = _search_plugin(config.get("plugins"), edition.lang)
    extra = config.setdefault("extra", {})
    depth = "../" * edition.folder.count("/")
    extra["alternate"] = [
        dict(entry, link=depth if entry.get("lang") == source else ("./" if entry.get("lang") == edition.lang else depth + entry["link"]))
        for entry in extra.get("alternate") or []
    ]
    out = project / f".atn-edition-{edition.lang}-{os.getpid()}.yml"
    out.write_text(
        f"# Written by scripts/editions.py from {config_file.name} and translations/{edition.lang}.po: edit those, not this.\n"
        + yaml.safe_dump(config, sort_keys=False, allow_unicode=True),
        encoding="utf-8",
    )
    return out, missing


# --- Building ----------------------------------------------------------------

def _run(command: list[str], cwd: Path, env: dict[str, str]) -> None:
    result = subprocess.run(command, cwd=cwd, env=env)
    if result.returncode != 0:
        raise SystemExit(result.returncode)


def _after_zensical(site_dir: Path, config_file: Path, env: dict[str, str]) -> None:
    """What MkDocs' on_post_build does, for a Zensical build (README, "guide.json")."""
    python = str(BIN / "python")
    config = read_config(config_file.resolve().parent, config_file.name)
    skip = [e.folder for e in editions(config)] if not config_file.name.startswith(".atn-edition-") else []
    link_twins(site_dir, skip)
    _run([python, "scripts/public_links.py", "guide-json", str(site_dir), "--config", str(config_file)], ROOT, env)
    _run([python, "scripts/csp.py", str(site_dir)], ROOT, env)
    _run([python, "scripts/public_links.py", "offline", str(site_dir), "--config", str(config_file)], ROOT, env)


def build_one(config_file: Path, site_dir: Path, engine: str, env: dict[str, str]) -> None:
    project = config_file.resolve().parent
    if engine == "mkdocs":
        _run([str(BIN / "mkdocs"), "build", "--strict", "-f", str(config_file), "-d", str(site_dir)], project, env)
        return
    flat = project / (f".atn-zensical-{os.getpid()}.yml" if not config_file.name.startswith(".atn-edition-") else config_file.name.replace(".atn-edition-", ".atn-zensical-"))
    flat_config(config_file, flat, site_dir=site_dir)
    try:
        _run([str(ZENSICAL_BIN / "zensical"), "build", "--clean", "--strict", "-f", str(flat)], project, env)
    finally:
        flat.unlink(missing_ok=True)
    _after_zensical(site_dir, config_file, env)


def build(config_file: Path, engine: str = "mkdocs", site_dir: Path | None = None) -> Path:
    """Every edition of ``config_file`` into ``site_dir`` (default: the config's site_dir)."""
    config_file = config_file.resolve()
    project = config_file.parent
    config = read_config(project, config_file.name)
    if site_dir is None:
        default = "site" if engine == "mkdocs" else os.environ.get("ZENSICAL_SITE", "site-zensical")
        site_dir = project / (config.get("site_dir") if engine == "mkdocs" else default)
    site_dir = Path(site_dir).resolve()
    env = dict(os.environ, **QUIET)
    build_one(config_file, site_dir, engine, env)
    publishing = os.environ.get("ATN_PUBLISH") == "1"
    for edition in editions(config):
        out = site_dir / edition.folder
        edition_file, missing = edition_config(config_file, edition, out)
        if missing:
            # One line: the list is `make translations-check`'s to give.
            print(
                f"WARNING - the {edition.name} edition shows {len(missing)} words of {config_file.name} in English "
                f"(its support lines, nav or site name): `make translations-check CONFIG={config_file.name}` lists them.",
                file=sys.stderr,
            )
        if missing and publishing:
            raise SystemExit(
                f"The {edition.name} edition is not complete ({len(missing)} words missing or changed): "
                "run `make translations-check` and finish it before publishing."
            )
        try:
            build_one(edition_file, out, engine, env)
        finally:
            shutil.rmtree(project / read_config(project, edition_file.name)["docs_dir"], ignore_errors=True)
            edition_file.unlink(missing_ok=True)
    return site_dir


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("build",))
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml")
    parser.add_argument("--engine", choices=("mkdocs", "zensical"), default="mkdocs")
    parser.add_argument("--site-dir", type=Path)
    args = parser.parse_args(argv)
    build(args.config, args.engine, args.site_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
