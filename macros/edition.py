"""One edition of the guide: its language and the guide data in it, loaded the
same way by the build (define_env) and by the scripts that finish a Zensical
build (guide.json), so both speak the same language."""

from dataclasses import dataclass
from pathlib import Path

from . import language
from .checks import DATA_FILE
from .model import Guide, load_translated_guide


@dataclass(frozen=True)
class Edition:
    catalogue: language.Catalogue
    guide: Guide
    # Sentences shown in English for want of a translation, by their place.
    untranslated: tuple[str, ...]

    @property
    def lang(self) -> str:
        return self.catalogue.lang


def config_language(config: dict) -> str:
    """A config's language (MkDocs' theme object and a plain mapping both answer ``get``)."""
    return (config.get("theme") or {}).get("language") or language.SOURCE_LANGUAGE


def load_edition(project_dir: Path, lang: str) -> Edition:
    """The edition in ``lang``; the macros answer in it from now on in this process."""
    catalogue = language.catalogue_for(project_dir, lang)
    language.use(catalogue)
    guide, untranslated = load_translated_guide(project_dir / DATA_FILE, catalogue)
    return Edition(catalogue, guide, tuple(untranslated))
