"""Interface words in the build's language (macros/language.py): the macros,
the partials, the theme (extra.atn_words) and the scripts (data-atn-w-* words)
all answer in it, and the English site reads exactly as it did."""

import re
from pathlib import Path

import pytest

from macros import language, render
from macros.language import Catalogue, _, ngettext
from macros.theme_words import THEME_WORDS, theme_words
from scripts.config import with_theme_words

ROOT = Path(__file__).resolve().parent.parent

SPANISH = Catalogue(
    "es",
    {
        "Copy link": "Copiar enlace",
        "Stage {n} of {total}": "Etapa {n} de {total}",
        "{count} minute": "{count} minuto",
        "{count} minutes": "{count} minutos",
        "{count} hour": "{count} hora",
        "{count} hours": "{count} horas",
        "{hours} {minutes}": "{hours} y {minutes}",
        "December": "diciembre",
        "{month} {year}": "{month} de {year}",
        "Get help now": "Ayuda ahora",
    },
)


@pytest.fixture
def spanish():
    language.use(SPANISH)
    try:
        yield
    finally:
        language.use(language.ENGLISH)


def test_underscore_answers_from_the_catalogue_in_use_then_english_again(spanish):
    assert _("Copy link") == "Copiar enlace"
    assert _("Stage {n} of {total}", n=2, total=10) == "Etapa 2 de 10"
    assert ngettext("{count} minute", "{count} minutes", 1) == "1 minuto"
    assert render.minutes_text(90) == "1 hora y 30 minutos"
    from datetime import date

    assert render.month_year(date(2026, 12, 2)) == "diciembre de 2026"
    assert theme_words()["help_now"] == "Ayuda ahora"
    # Words the catalogue does not hold stay English.
    assert _("Checklist") == "Checklist"
    language.use(language.ENGLISH)
    assert _("Copy link") == "Copy link"
    assert render.minutes_text(90) == "1 hour 30 minutes"


def test_a_partial_fills_blanks_escaped_and_keeps_a_translations_quotes_out_of_attributes(spanish):
    language.use(Catalogue("es", {"Copy link": 'Copiar "enlace"', "{action}: {name}": "{action}: {name}"}))
    control = render.ENVIRONMENT.get_template("share.html.j2").module.share("#steps", "<b>Qué hacer</b>")
    assert 'aria-label="Copiar &quot;enlace&quot;: &lt;b&gt;Qué hacer&lt;/b&gt;"' in str(control)


def test_plural_forms_are_read_from_a_po_file(tmp_path):
    po = tmp_path / "es.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: es\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
        'msgid "{count} minute"\nmsgid_plural "{count} minutes"\nmsgstr[0] "{count} minuto"\nmsgstr[1] "{count} minutos"\n',
        encoding="utf-8",
    )
    catalogue = language.read_catalogue(po, "es")
    language.use(catalogue)
    try:
        assert render.minutes_text(1) == "1 minuto"
        assert render.minutes_text(45) == "45 minutos"
    finally:
        language.use(language.ENGLISH)


def test_a_spanish_question_or_capital_starts_a_new_sentence():
    assert render.first_sentence("Úsala tras la entrevista. ¿No hubo respuesta? Espera.") == "Úsala tras la entrevista."
    assert render.first_sentence("Escribe hoy. Él te dirá.") == "Escribe hoy."


def test_the_zensical_config_carries_the_theme_words_in_its_language(tmp_path):
    (tmp_path / "translations").mkdir()
    (tmp_path / "translations" / "es.po").write_text(
        'msgid ""\nmsgstr ""\n"Language: es\\n"\n\nmsgid "Get help now"\nmsgstr "Ayuda ahora"\n', encoding="utf-8"
    )
    config = with_theme_words({"theme": {"name": "material", "language": "es"}}, tmp_path)
    words = config["extra"]["atn_words"]
    assert set(words) == set(THEME_WORDS)
    assert words["help_now"] == "Ayuda ahora"
    assert words["accessibility"] == "Accessibility statement"  # not translated yet
    english = with_theme_words({"theme": {"name": "material"}, "extra": {}}, tmp_path)
    assert english["extra"]["atn_words"]["help_now"] == "Get help now"


# Strings in the scripts that are words a reader would see: two or more words
# of letters (selectors, keys, event names and file names are single tokens).
# An Error's message is for the code that catches it, never shown; a class
# list is made of atn- names.
_STRING = re.compile(r"""(new Error\()?(["'])((?:(?!\2)[^\\\n]|\\.)*)\2""")
_COMMENT = re.compile(r"/\*.*?\*/|(?<![:\\])//[^\n]*", re.DOTALL)


def test_the_scripts_hold_no_english_words():
    found = []
    for script in sorted((ROOT / "assets" / "javascripts").glob("*.js")):
        code = _COMMENT.sub("", script.read_text(encoding="utf-8"))
        for error, _quote, text in _STRING.findall(code):
            words = re.findall(r"[A-Za-z][\w-]*", text)
            if error or text == "use strict" or all(word.startswith("atn-") for word in words):
                continue
            if re.search(r"[A-Za-z]{2,} [A-Za-z]{2,}", text):
                found.append(f"{script.name}: {text!r}")
    # The calendar file's product id names the app; it is not shown to a reader.
    assert [f for f in found if "PRODID" not in f] == []


ENGLISH_WORDS = {
    # The first stage page: words from the partials, the macros and the theme.
    "stages/{first}/index.html": [
        '<p class="atn-progress__text">Stage 1 of 10</p>',
        'aria-label="Copy link: this page, {title}">Copy link</a>',
        '<h2 id="steps">What to do</h2>',
        '<span class="atn-summary__label">Time:</span> about 20 minutes</p>',
        'aria-label="Urgent help"',
        ">Get help now</a></aside>",
        '<span class="atn-page-address__label">The address of this page:</span>',
        ">Accessibility statement</a>",
        ">Tick each one when it is done</legend>",
        'data-atn-w-confirm="Clear all your ticks on this checklist? This cannot be undone."',
        'data-atn-w-copied="Link copied"',
    ],
    "templates/index.html": [
        ">Which message do you need?</h2>",
        "<strong>When to use it:</strong>",
        ">Copy the message</button>",
        'data-atn-w-copied="Copied. Paste it into your message and change the parts in [brackets]."',
    ],
}


def test_the_english_site_shows_the_same_interface_words(site):
    from macros.model import load_guide

    first = load_guide(ROOT / "data" / "guide.yml").stages[0]
    for page, expected in ENGLISH_WORDS.items():
        html = (site / page.format(first=first.slug)).read_text(encoding="utf-8")
        for words in expected:
            words = words.format(title=first.title)
            assert words in html, f"{page}: {words!r} is not on the page"
