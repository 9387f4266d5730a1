"""The editions: the Spanish guide at /es/ is the English guide's twin (the same
pages, paths and fixed anchors, so an adviser swaps the language in any deep
link), in Spanish (lang, Material's own words, search), with its switcher
leading to the same page; and the translations check names what is missing."""

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from macros import language
from macros.model import Guide, load_guide, load_translated_guide, read_yaml
from scripts import translations
from scripts.editions import editions
from scripts.public_links import read_config, read_list
from scripts.site_files import built_pages, soup

CONFIG = read_config()
SPANISH = next(e for e in editions(CONFIG) if e.lang == "es")
SITE_URL = CONFIG["site_url"]


def spanish(site: Path) -> Path:
    return site / SPANISH.folder


def test_the_config_publishes_a_spanish_edition_at_es():
    assert SPANISH.folder == "es/" and SPANISH.name == "Español"


def test_every_page_has_its_twin_at_the_same_path_in_the_other_language(site):
    english = set(built_pages(site))
    assert len(english) > 40
    assert set(built_pages(spanish(site))) == english


def test_the_link_contract_holds_every_address_in_spanish_too():
    listed = read_list()
    english = [line for line in listed if not line.startswith("/es/")]
    missing = [line for line in english if "/es" + line not in listed]
    assert not missing, missing
    assert "/es/stages/ask-for-feedback/#steps" in listed


def test_every_spanish_page_says_it_is_spanish_and_every_english_one_english(site):
    wrong = []
    for page in built_pages(site):
        for root, lang in ((site, "en"), (spanish(site), "es")):
            html = soup(root / page).html
            if html.get("lang") != lang:
                wrong.append(f"{root.name}/{page}: lang={html.get('lang')}")
    assert not wrong, wrong[:10]


def test_spanish_pages_are_in_spanish_with_materials_own_spanish_words(site):
    page = soup(spanish(site) / "stages" / "ask-for-feedback" / "index.html")
    assert page.select_one("h1").get_text(strip=True) == "Pide comentarios"
    # Material's interface strings come in Spanish with theme.language: es.
    assert page.select_one("a.md-skip").get_text(strip=True) == "Saltar a contenido"
    assert page.select_one("title").get_text().endswith("Después del no")


def switcher(root: Path, page: Path) -> dict[str, str]:
    return {a["hreflang"]: a["href"] for a in soup(root / page).select("a.md-select__link[hreflang]")}


def test_the_language_switcher_leads_to_the_same_page_both_ways(site):
    for page in [Path("index.html"), Path("stages/debrief/index.html"), Path("worksheets/workbook/index.html")]:
        for root, other, lang in ((site, spanish(site), "es"), (spanish(site), site, "en")):
            href = switcher(root, page)[lang]
            assert (root / page).parent.joinpath(href, "index.html").resolve() == (other / page).resolve(), (page, lang, href)


def test_spanish_search_is_spanish(site):
    index = json.loads((spanish(site) / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["es"]
    interview = [doc for doc in index["docs"] if "entrevista" in doc["text"].lower()]
    assert any(doc["location"].startswith("stages/debrief/") for doc in interview)
    english = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not any(doc["location"].startswith("es/") for doc in english["docs"])


def test_the_spanish_guide_json_gives_the_spanish_editions_addresses(site):
    data = json.loads((spanish(site) / "guide.json").read_text(encoding="utf-8"))
    text = json.dumps(data, ensure_ascii=False)
    assert SITE_URL + "es/stages/debrief/" in text
    assert "Repasa la entrevista" in text
    assert SITE_URL + "stages/debrief/" not in text.replace(SITE_URL + "es/", "")


def test_the_stored_answer_keys_are_the_same_in_both_languages(site):
    """A reader who switches keeps what they typed: the same fields, the same keys."""
    for page in [Path("worksheets/interview-debrief/index.html"), Path("stages/feel-it/index.html")]:
        keys = [
            [(e.get("id"), e.get("name"), e.get("data-atn-key")) for e in soup(root / page).select("input, textarea, select")]
            for root in (site, spanish(site))
        ]
        assert keys[0] == keys[1] and keys[0], page


# --- The translations check --------------------------------------------------------


def test_the_spanish_translation_is_complete():
    """What `make translations-check` says: nothing missing, nothing to review."""
    assert translations.problems(ROOT) == []


def copy_project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    for folder in ("data", "docs", "macros", "translations"):
        shutil.copytree(ROOT / folder, project / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    return project


def test_a_changed_english_step_is_named_for_review_and_missing_words_are_named(tmp_path):
    project = copy_project(tmp_path)
    data = project / "data" / "guide.yml"
    raw = yaml.safe_load(data.read_text(encoding="utf-8"))
    stage = next(s for s in raw["stages"] if s["slug"] == "debrief")
    step = stage["steps"][0]
    step["text"] = step["text"] + " Then rest."
    stage["steps"].append({"id": "a-new-step", "title": "A new step", "text": "Something new to do."})
    data.write_text(yaml.safe_dump(raw, sort_keys=False, allow_unicode=True), encoding="utf-8")
    (project / "docs" / "methods.md").write_text(
        (project / "docs" / "methods.md").read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8"
    )
    found = translations.problems(project)
    assert f"es: stages/debrief/steps/{step['id']}/text: the English changed; review the es translation" in found
    assert "es: stages/debrief/steps/a-new-step/title: not translated into es yet" in found
    assert any(line.startswith("es: page docs/methods.md: the English changed") for line in found)
    # `make translations` keeps the old Spanish, marked fuzzy with the old English beside it.
    source = translations.template(project)
    po = project / "translations" / "es.po"
    merged = translations.updated(translations.read(po), source, "es")
    kept = merged.get(step["text"], context=f"stages/debrief/steps/{step['id']}/text")
    assert kept.fuzzy and kept.string and kept.previous_id


def test_a_build_shows_english_for_a_missing_translation_and_names_it():
    raw = read_yaml(ROOT / "data" / "guide.yml")
    catalogue = language.Catalogue("es", data={})
    translated, missing = language.translate_data(Guide, raw, catalogue)
    assert translated == raw
    assert "stages/debrief/title: not translated yet" in missing


@pytest.mark.parametrize("place", ["stages/debrief/steps", "worksheets/interview-debrief/prompts"])
def test_every_data_sentence_has_a_stable_place_for_translators(place):
    places = [p for p, _ in language.data_words(Guide, read_yaml(ROOT / "data" / "guide.yml"))]
    assert len(places) == len(set(places)), "two sentences share a place"
    assert any(p.startswith(place + "/") for p in places)


MARKDOWN_LINK = re.compile(r"\[([^\]]+)\]\((?:\.\./)*((?:stages|worksheets|paths)/[a-z0-9-]+\.md)(?:#[^)]*)?\)")


def titles_by_doc(guide: Guide) -> dict[str, str]:
    return (
        {f"stages/{s.slug}.md": s.title for s in guide.stages}
        | {f"worksheets/{w.id}.md": w.title for w in guide.worksheets}
        | {f"paths/{r.id}.md": r.title for r in guide.paths}
    )


def test_hand_written_spanish_pages_name_pages_by_their_spanish_titles():
    """Where an English page links a stage, worksheet or route by its title,
    the Spanish page uses the title the Spanish edition shows (one name each)."""
    english = titles_by_doc(load_guide(ROOT / "data" / "guide.yml"))
    catalogue = language.read_catalogue(language.po_path(ROOT, "es"), "es")
    spanish_titles = titles_by_doc(load_translated_guide(ROOT / "data" / "guide.yml", catalogue)[0])
    wrong = []
    for page in translations.written_pages(ROOT):
        ours = ROOT / "translations" / "es" / "docs" / page
        for doc, title in english.items():
            named = [t for t, d in MARKDOWN_LINK.findall((ROOT / "docs" / page).read_text(encoding="utf-8")) if d == doc and t == title]
            theirs = [t for t, d in MARKDOWN_LINK.findall(ours.read_text(encoding="utf-8")) if d == doc and t == spanish_titles[doc]]
            if len(named) != len(theirs):
                wrong.append(f"{page}: links {doc} by title {len(named)} times in English, as '{spanish_titles[doc]}' {len(theirs)} times")
    assert not wrong, "\n".join(wrong)


def test_the_spanish_edition_gives_us_numbers_first_and_keeps_the_others(site):
    """Written for Spanish speakers in the US first: 911 and 988 lead; every
    other country's numbers stay."""
    english = soup(site / "stages" / "debrief" / "index.html").select(".atn-support-line a[href^='tel:']")
    ours = soup(spanish(site) / "stages" / "debrief" / "index.html").select(".atn-support-line a[href^='tel:']")
    numbers = [a["href"] for a in ours]
    # Emergency numbers come first, then the other lines: 988 leads those.
    assert numbers[0] == "tel:911" and numbers.index("tel:988") < min(numbers.index("tel:111"), numbers.index("tel:116123")), numbers
    assert sorted(numbers) == sorted(a["href"] for a in english)


# Fernández-Huerta reading ease, Spanish's Flesch: 70 and above reads as
# "fairly easy", near the English pages' grade 8 ceiling; the Spanish stage
# pages score about 80 to 92.
SPANISH_EASE = 70


def spanish_ease(text: str) -> float:
    from textstat.textstat import textstatistics

    reader = textstatistics()  # its own, so the English tests keep their language
    reader.set_lang("es")
    return reader.fernandez_huerta(text)


def test_every_spanish_stage_page_reads_easily(site):
    from test_content import stage_body_text

    scores = {stage.slug: spanish_ease(stage_body_text(spanish(site), stage.slug)) for stage in load_guide(ROOT / "data" / "guide.yml").stages}
    hard = {slug: score for slug, score in scores.items() if score < SPANISH_EASE}
    assert not hard, hard


@pytest.mark.parametrize("page", ["index", "friends-and-family", "situations", "your-rights", "more-than-disappointment", "stuck", "advisers", "templates", "methods", "accessibility", "workshop"])
def test_spanish_support_pages_read_easily(site, page):
    path = spanish(site) / ("index.html" if page == "index" else f"{page}/index.html")
    article = soup(path).article
    # Tables, forms and lists of addresses are not prose (as in the English test).
    text = "\n".join(
        el.get_text(" ", strip=True) for el in article.select("p, li")
        if not el.find_parent(["table", "form"]) and not el.find_parent(class_=["atn-addresses__list", "atn-page-address"])
    )
    assert spanish_ease(text) >= SPANISH_EASE, page
