"""The guide in the reader's language (README, "Adding a language").

One gettext PO file per language, ``translations/<lang>.po``, holds both kinds
of words a page shows, so a translator opens one file in Poedit or Weblate:

- the data's words (data/guide.yml), each with its place in the data as its
  message context (``msgctxt "stages/debrief/steps/write-it-down/text"``): the
  translator sees what it is, and a changed English sentence keeps its place,
  so its translation is marked for review instead of lost;
- the interface words the macros write, ``_("Copy link")`` in Python and in
  the Jinja partials, with no context.

English is the source and needs no file. The build of a language reads its
file once (``read_catalogue``), turns the data into that language before it is
validated (``translate_data``: a translation that breaks a data link or a
length limit stops the build like a typo in the English), and makes ``_``
answer in it (``use``).
"""

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import NoneType, UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

SOURCE_LANGUAGE = "en"
TRANSLATIONS_DIR = Path("translations")


class Translated:
    """Marks a type in the model whose words are translated (model.Text and
    its kin); ids, addresses, numbers and cited titles are not."""

    def __repr__(self) -> str:
        return "Translated()"


WORDS = Translated()


@dataclass(frozen=True)
class DataEntry:
    """One data sentence in a PO file: the English it was translated from and its translation."""

    english: str
    translated: str
    fuzzy: bool


@dataclass(frozen=True)
class Catalogue:
    """A language's words: interface words by their English, data words by their place."""

    lang: str
    interface: Mapping[str, str] = field(default_factory=dict)
    data: Mapping[str, DataEntry] = field(default_factory=dict)
    # Interface words whose translation waits for review (fuzzy), by their English.
    unreviewed: frozenset[str] = frozenset()

    @property
    def is_source(self) -> bool:
        return self.lang == SOURCE_LANGUAGE


ENGLISH = Catalogue(SOURCE_LANGUAGE)


class TranslationError(Exception):
    """A language the build cannot speak; the message is meant for the translator."""


def po_path(project_dir: Path, lang: str) -> Path:
    return project_dir / TRANSLATIONS_DIR / f"{lang}.po"


def catalogue_for(project_dir: Path, lang: str) -> Catalogue:
    """The catalogue of a build whose theme.language is ``lang``."""
    if lang == SOURCE_LANGUAGE:
        return ENGLISH
    path = po_path(project_dir, lang)
    if not path.is_file():
        raise TranslationError(
            f"theme.language is '{lang}', but {TRANSLATIONS_DIR / path.name} does not exist: "
            "the guide has no words in that language yet (README, \"Adding a language\")"
        )
    return read_catalogue(path, lang)


_warned: set[str] = set()


def warn_untranslated(lang: str, missing: list[str]) -> None:
    """Name each sentence a build shows in English for want of a translation,
    once per process (Zensical loads the macros for every page). Printed, not
    logged through MkDocs: with --strict a logged warning would stop the
    build, and an unfinished translation is for ``make translations-check``."""
    import sys

    for line in missing:
        if line not in _warned:
            _warned.add(line)
            print(f"WARNING - {lang} edition, still in English: {line}", file=sys.stderr)


def read_catalogue(path: Path, lang: str) -> Catalogue:
    """The PO file of ``lang``; a missing file is an error the caller words."""
    # Imported here: an English build reads no PO file (and the Zensical
    # environment need not have Babel for it).
    from babel.messages.pofile import read_po

    with open(path, "rb") as file:
        catalog = read_po(file, locale=None, domain=None)
    interface: dict[str, str] = {}
    data: dict[str, DataEntry] = {}
    unreviewed: set[str] = set()
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            # ngettext's two forms: each English form answers with its own
            # (msgstr[0] for one, msgstr[1] for more), as ``ngettext`` asks.
            forms = message.string if isinstance(message.string, tuple) else ()
            if message.fuzzy:
                unreviewed.update(message.id)
            elif len(forms) >= 2 and all(forms[:2]):
                interface[message.id[0]], interface[message.id[1]] = forms[0], forms[1]
            continue
        if message.context:
            data[message.context] = DataEntry(message.id, message.string or "", message.fuzzy)
        elif message.string and not message.fuzzy:
            interface[message.id] = message.string
        elif message.fuzzy:
            unreviewed.add(message.id)
    return Catalogue(lang, interface, data, frozenset(unreviewed))


# The language the macros write in for this build. One build is one language
# (each edition is its own build process), so this is set once, at the start,
# the way Jinja's own i18n extension installs its gettext on an environment.
_active: Catalogue = ENGLISH


def use(catalogue: Catalogue) -> None:
    global _active
    _active = catalogue


def current() -> Catalogue:
    return _active


def _(message: str, **values: object) -> str:
    """``message`` in the build's language; ``{name}`` placeholders filled from ``values``."""
    words = _active.interface.get(message, message)
    return words.format(**values) if values else words


def N_(message: str) -> str:
    """Marks words for translation where they are defined (a table built when
    the module is imported, before the build's language is known); ``_`` turns
    them into the build's language where they are used."""
    return message


def ngettext(singular: str, plural: str, count: int, **values: object) -> str:
    """The singular or plural form, for languages that have two (English, Spanish, Welsh's
    plural forms are richer: its translator writes the general form in ``plural``)."""
    words = _(singular if count == 1 else plural, count=count, **values)
    return words


# --- The data's words -------------------------------------------------------


def _unwrap(annotation: Any) -> tuple[Any, tuple[Any, ...]]:
    """A type without its Annotated layers, and their metadata."""
    metadata: tuple[Any, ...] = ()
    while get_origin(annotation) is Annotated:
        annotation, *extra = get_args(annotation)
        metadata += tuple(extra)
    return annotation, metadata


def _item_key(item: Any, index: int) -> str:
    if isinstance(item, dict):
        for key in ("id", "slug"):
            if isinstance(item.get(key), str):
                return item[key]
    return str(index)


def _walk(annotation: Any, metadata: tuple[Any, ...], value: Any, place: str) -> Iterator[tuple[str, str]]:
    annotation, more = _unwrap(annotation)
    metadata = metadata + more
    if value is None:
        return
    if annotation is str:
        if WORDS in metadata and isinstance(value, str):
            yield place, value.strip()
        return
    origin = get_origin(annotation)
    if origin in (Union, UnionType):
        for option in get_args(annotation):
            if option is not NoneType:
                yield from _walk(option, metadata, value, place)
        return
    if origin is list and isinstance(value, list):
        (item_type,) = get_args(annotation)
        for index, item in enumerate(value):
            yield from _walk(item_type, (), item, f"{place}/{_item_key(item, index)}")
        return
    if isinstance(annotation, type) and issubclass(annotation, BaseModel) and isinstance(value, dict):
        for name, info in annotation.model_fields.items():
            if name in value:
                yield from _walk(info.annotation, tuple(info.metadata), value[name], f"{place}/{name}" if place else name)


def data_words(model: type[BaseModel], raw: Any) -> list[tuple[str, str]]:
    """Every translated sentence of ``raw`` (data shaped as ``model``), with its place."""
    return list(_walk(model, (), raw, ""))


_PLACEHOLDERS = re.compile(r"\[\[[^\]]*\]\]|\{[a-z_]+\}")


def placeholders(text: str) -> list[str]:
    """The parts a translation must keep as they are: data links and ``{name}`` blanks."""
    return sorted(_PLACEHOLDERS.findall(text))


def translate_data(model: type[BaseModel], raw: Any, catalogue: Catalogue) -> tuple[Any, list[str]]:
    """``raw`` with its words in the catalogue's language, and what is missing.

    A sentence with no translation, or whose English changed since it was
    translated, keeps its English and is named in the list."""
    if catalogue.is_source:
        return raw, []
    found = dict(data_words(model, raw))
    missing: list[str] = []

    def swap(value: Any, place: str) -> Any:
        if isinstance(value, dict):
            return {key: swap(item, f"{place}/{key}" if place else key) for key, item in value.items()}
        if isinstance(value, list):
            return [swap(item, f"{place}/{_item_key(item, index)}") for index, item in enumerate(value)]
        if place in found and isinstance(value, str):
            entry = catalogue.data.get(place)
            if entry is None or not entry.translated:
                missing.append(f"{place}: not translated yet")
            elif entry.fuzzy or entry.english != value.strip():
                missing.append(f"{place}: the English changed; review the translation")
            else:
                return entry.translated
        return value

    return swap(raw, ""), missing
