"""Translations: write the template, update each language's file, check them.

    python scripts/translations.py extract [--check]   # translations/guide.pot from the data and the macros
    python scripts/translations.py update              # every translations/<lang>.po follows the template
    python scripts/translations.py check               # make translations-check: fail naming what is missing

The template (guide.pot) holds every word a translator translates: the data's
sentences, with their place in data/guide.yml as context, and the interface
words the macros write (``_("...")`` in macros/*.py and macros/templates/).
``update`` keeps each translation whose English is unchanged, marks one whose
English changed as fuzzy (the old English is kept beside it, ``#| msgid``, so
the translator sees what changed) and adds the new ones empty. Hand-written
pages are translated as pages (translations/<lang>/docs/), each carrying the
``source_version`` of the English page it was written from.
"""

import argparse
import hashlib
import io
import re
import sys
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.language import TRANSLATIONS_DIR, data_words, placeholders  # noqa: E402
from macros.model import Guide, read_yaml  # noqa: E402
from scripts.config import read_config  # noqa: E402
from scripts.editions import config_words  # noqa: E402

TEMPLATE = "guide.pot"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
METHODS = [("**.py", "python"), ("templates/**.j2", "jinja2.ext:babel_extract")]
JINJA_OPTIONS = {"trim_blocks": "true", "lstrip_blocks": "true"}
# Printed on one page: a longer translation can push a worksheet onto two.
PRINTED = ("worksheets/",)


HEADER = """\
# {what} of After the No: the data's sentences (msgctxt: their place in
# data/guide.yml or mkdocs.yml) and the interface words the macros write.
# `make translations` rewrites it; a translator edits msgstr lines only.
# Text licensed under CC BY 4.0."""


def _catalog(lang: str | None = None) -> Catalog:
    what = f"The {lang} words" if lang else "The translation template"
    return Catalog(
        locale=lang, project="After the No", version="1", charset="utf-8", fuzzy=False,
        header_comment=HEADER.format(what=what), copyright_holder="After the No contributors", msgid_bugs_address="",
    )


def template(root: Path = ROOT, config_name: str = "mkdocs.yml") -> Catalog:
    """Every translated word of the guide, as a gettext template."""
    catalog = _catalog()
    words = data_words(Guide, read_yaml(root / "data" / "guide.yml")) + config_words(read_config(root, config_name))
    for place, english in words:
        comments = ["Keep [[...]] links and {name} blanks exactly as they are."] if placeholders(english) else []
        if place.startswith(PRINTED):
            comments.append("Printed on one page: keep it as short as the English.")
        catalog.add(english, context=place, auto_comments=comments, locations=[("data/guide.yml", None)])
    for filename, _line, message, comments, _context in extract_from_dir(
        root / "macros", METHODS, keywords=KEYWORDS, comment_tags=("Translators:",),
        options_map={"templates/**.j2": JINJA_OPTIONS},
    ):
        catalog.add(message, locations=[(f"macros/{filename}", None)], auto_comments=comments)
    return catalog


def render(catalog: Catalog) -> str:
    out = io.BytesIO()
    write_po(out, catalog, width=0, omit_header=False, sort_output=False, include_previous=True, no_location=False)
    # The header's creation date would change the file on every run.
    return re.sub(r'"POT-Creation-Date: [^"]*"\n', "", out.getvalue().decode("utf-8"))


def languages(root: Path = ROOT) -> list[str]:
    return sorted(path.stem for path in (root / TRANSLATIONS_DIR).glob("*.po"))


def read(path: Path) -> Catalog:
    with open(path, "rb") as file:
        return read_po(file)


def updated(old: Catalog, source: Catalog, lang: str) -> Catalog:
    """``source`` with ``old``'s translations: kept, marked for review, or empty."""
    by_place = {message.context: message for message in old if message.id and message.context}
    new = _catalog(lang)
    for message in source:
        if not message.id:
            continue
        before = old.get(message.id, context=message.context)
        string, flags, previous = "", set(), []
        if before is not None and before.string:
            string, flags = before.string, set(before.flags) & {"fuzzy"}
            previous = list(before.previous_id) if before.fuzzy else []
        elif message.context in by_place and by_place[message.context].string:
            moved = by_place[message.context]
            string, flags, previous = moved.string, {"fuzzy"}, [moved.id]
        new[message.id] = Message(
            message.id, string, locations=message.locations, flags=flags, auto_comments=message.auto_comments,
            previous_id=previous, context=message.context,
        )
    return new


def _hash(path: Path) -> str:
    return hashlib.sha1(path.read_bytes()).hexdigest()[:12]


def written_pages(root: Path = ROOT) -> list[Path]:
    """The English pages with words of their own, relative to docs/ (a page
    that only calls a macro, such as a stage stub, is shared by every language)."""
    docs = root / "docs"
    pages = []
    for page in sorted(docs.rglob("*.md")):
        lines = [line for line in page.read_text(encoding="utf-8").splitlines() if line.strip()]
        if any(not re.fullmatch(r"\s*\{\{.*\}\}\s*", line) for line in lines):
            pages.append(page.relative_to(docs))
    return pages


_VERSION = re.compile(r"^source_version:\s*['\"]?([0-9a-f]{12})['\"]?\s*$", re.MULTILINE)


def page_problems(root: Path, lang: str) -> list[str]:
    problems = []
    for page in written_pages(root):
        translated = root / TRANSLATIONS_DIR / lang / "docs" / page
        if not translated.exists():
            problems.append(f"page docs/{page}: no {lang} page yet (write {translated.relative_to(root)})")
            continue
        found = _VERSION.search(translated.read_text(encoding="utf-8").split("\n---", 1)[0])
        english = _hash(root / "docs" / page)
        if not found:
            problems.append(f"page docs/{page}: the {lang} page has no source_version (set it to {english})")
        elif found.group(1) != english:
            problems.append(
                f"page docs/{page}: the English changed since the {lang} page was written "
                f"(source_version {found.group(1)}, now {english}); review it, then set source_version: {english}"
            )
    return problems


def _forms(text: str | tuple[str, ...]) -> tuple[str, ...]:
    """A message's forms: one, or the singular and plural of an ngettext entry."""
    return text if isinstance(text, tuple) else (text,)


def message_problems(catalog: Catalog, source: Catalog, lang: str) -> list[str]:
    problems = []
    for message in source:
        if not message.id:
            continue
        english = _forms(message.id)
        name = message.context or f"interface words '{english[0]}'"
        found = catalog.get(message.id, context=message.context)
        translated = _forms(found.string) if found is not None else ()
        if not translated or not all(translated):
            moved = next((m for m in catalog if message.context and m.context == message.context and m.string), None)
            if moved is not None:
                problems.append(f"{name}: the English changed; review the {lang} translation")
            else:
                problems.append(f"{name}: not translated into {lang} yet")
        elif found.fuzzy:
            problems.append(f"{name}: marked for review (fuzzy) in {lang}")
        else:
            # A plural form may leave out the count ("1 minute"); links and other blanks stay.
            kept = set(p for form in english for p in placeholders(form))
            wanted = placeholders(english[-1])
            if any(not set(placeholders(form)) <= kept for form in translated) or (
                len(english) == 1 and placeholders(translated[0]) != wanted
            ):
                problems.append(f"{name}: the {lang} translation must keep {', '.join(wanted) or 'no links'}")
    return problems


def problems(root: Path = ROOT, config_name: str = "mkdocs.yml") -> list[str]:
    """Everything a language lacks. A copy's own config (``config_name``) adds
    its own words (support lines, nav titles) to what is checked."""
    source = template(root, config_name)
    found = []
    pot = root / TRANSLATIONS_DIR / TEMPLATE
    if config_name == "mkdocs.yml" and (not pot.exists() or pot.read_text(encoding="utf-8") != render(source)):
        found.append(f"{pot.relative_to(root)} is stale: run `make translations`")
    for lang in languages(root):
        catalog = read(root / TRANSLATIONS_DIR / f"{lang}.po")
        found += [f"{lang}: {p}" for p in message_problems(catalog, source, lang) + page_problems(root, lang)]
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    extract = commands.add_parser("extract")
    extract.add_argument("--check", action="store_true")
    commands.add_parser("update")
    check = commands.add_parser("check")
    check.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml", help="a copy's own config adds its words")
    args = parser.parse_args(argv)
    pot = ROOT / TRANSLATIONS_DIR / TEMPLATE
    if args.command == "extract":
        text = render(template())
        if args.check:
            if not pot.exists() or pot.read_text(encoding="utf-8") != text:
                print(f"{pot.relative_to(ROOT)} is stale: run `make translations`", file=sys.stderr)
                return 1
            return 0
        pot.write_text(text, encoding="utf-8")
        return 0
    if args.command == "update":
        source = template()
        pot.write_text(render(source), encoding="utf-8")
        for lang in languages():
            path = ROOT / TRANSLATIONS_DIR / f"{lang}.po"
            path.write_text(render(updated(read(path), source, lang)), encoding="utf-8")
        return 0
    config = args.config.resolve()
    found = problems(config.parent, config.name)
    if found:
        print(f"{len(found)} translation problem{'s' if len(found) != 1 else ''}:", file=sys.stderr)
        print("\n".join(f"  - {line}" for line in found), file=sys.stderr)
        return 1
    print(f"Translations complete: {', '.join(languages()) or 'no languages yet'}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
