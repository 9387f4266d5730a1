"""Layer 3: strict builds of the real site and of fixture sites, and what a
reader finds in the built HTML."""

import re
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, BuildFailed, build_site, make_fixture_project
from macros.model import load_guide
from macros.render import present_sections

GUIDE = load_guide(ROOT / "data" / "guide.yml")


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def nav_stage_files() -> list[str]:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)

    def walk(items):
        for item in items:
            if isinstance(item, dict):
                for value in item.values():
                    yield from walk(value if isinstance(value, list) else [value])
            else:
                yield item

    return [entry for entry in walk(config["nav"]) if entry.startswith("stages/")]


def test_nav_lists_the_stages_in_data_order():
    assert nav_stage_files() == [f"stages/{stage.slug}.md" for stage in GUIDE.stages]


def test_every_stage_has_a_one_line_stub_and_every_stub_a_stage():
    stubs = {path.stem: path.read_text(encoding="utf-8") for path in (ROOT / "docs" / "stages").glob("*.md")}
    assert sorted(stubs) == sorted(stage.slug for stage in GUIDE.stages)
    for slug, text in stubs.items():
        assert text == f'{{{{ stage_page("{slug}") }}}}\n', f"docs/stages/{slug}.md should hold only its macro call"


@pytest.mark.parametrize("stage", GUIDE.stages, ids=lambda s: s.slug)
def test_stage_page_has_its_title_and_section_ids_in_order(site, stage):
    page = soup(site / "stages" / stage.slug / "index.html")
    article = page.select_one("article")
    assert article.h1.get_text(strip=True) == stage.title
    ids = [el["id"] for el in article.select("[id]") if el["id"] in present_sections(stage)]
    assert ids == present_sections(stage)


@pytest.mark.parametrize("stage", GUIDE.stages, ids=lambda s: s.slug)
def test_stage_page_title_tag_names_the_stage(site, stage):
    page = soup(site / "stages" / stage.slug / "index.html")
    assert page.title.get_text().startswith(stage.title)


def test_site_navigation_follows_data_order(site):
    page = soup(site / "index.html")
    hrefs = [a["href"] for a in page.select("nav.md-nav--primary a.md-nav__link[href]")]
    stage_links = [h for h in hrefs if h.startswith("stages/")]
    assert stage_links == [f"stages/{stage.slug}/" for stage in GUIDE.stages]


def test_methods_table_has_one_row_per_stage(site):
    table = soup(site / "methods" / "index.html").select_one("table.atn-table--methods")
    assert table.caption.get_text(strip=True)
    rows = table.select("tbody tr")
    assert [row.th.get_text(strip=True) for row in rows] == [stage.title for stage in GUIDE.stages]
    assert all(row.th["scope"] == "row" for row in rows)


def test_no_built_page_points_at_another_host(site):
    own_host = urlparse(yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)["site_url"]).netloc
    offenders = []
    for path in site.rglob("*.html"):
        for element in soup(path).select("[href], [src], [srcset], [action], [poster], [data]"):
            for attribute in ("href", "src", "srcset", "action", "poster", "data"):
                value = element.get(attribute)
                if value and urlparse(value.split()[0]).netloc not in ("", own_host):
                    offenders.append(f"{path.relative_to(site)}: <{element.name} {attribute}={value}>")
    for path in list(site.rglob("*.css")):
        for url in re.findall(r"url\(\s*['\"]?(https?:)?//[^)]+\)|@import\s+['\"]?https?:", path.read_text(encoding="utf-8")):
            offenders.append(f"{path.relative_to(site)}: {url}")
    assert not offenders, "\n".join(offenders)


def test_own_assets_name_no_other_host():
    for path in (ROOT / "docs" / "assets").rglob("*"):
        if path.suffix in (".css", ".js"):
            assert not re.search(r"https?://", path.read_text(encoding="utf-8")), path


def _drop_title(raw):
    del raw["stages"][4]["title"]


def _misspell_title(raw):
    raw["stages"][9]["titel"] = raw["stages"][9].pop("title")


def _bad_slug(raw):
    raw["stages"][8]["slug"] = "Keep_Momentum"


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (_drop_title, "stage 'debrief' (stages[4]), field 'title': Field required"),
        (_misspell_title, "stage 'check-direction' (stages[9]), field 'titel': unknown field"),
        (_bad_slug, "stage 'Keep_Momentum' (stages[8]), field 'slug'"),
    ],
    ids=["missing-field", "unknown-key", "bad-slug"],
)
def test_bad_data_stops_the_build_naming_file_item_and_field(tmp_path, edit, expected):
    project = make_fixture_project(tmp_path)
    data = project / "data" / "guide.yml"
    raw = yaml.safe_load(data.read_text(encoding="utf-8"))
    edit(raw)
    data.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")
    with pytest.raises(BuildFailed) as failed:
        build_site(project, tmp_path / "site")
    assert "data/guide.yml" in failed.value.output
    assert expected in failed.value.output
    assert not (tmp_path / "site" / "index.html").exists()


def test_a_missing_data_file_stops_the_build(tmp_path):
    project = make_fixture_project(tmp_path)
    (project / "data" / "guide.yml").unlink()
    with pytest.raises(BuildFailed) as failed:
        build_site(project, tmp_path / "site")
    assert "guide.yml: the guide data file is missing" in failed.value.output


def test_an_undefined_macro_variable_stops_the_build(tmp_path):
    project = make_fixture_project(tmp_path)
    (project / "docs" / "methods.md").write_text("# Methods\n\n{{ methods_tabel }}\n", encoding="utf-8")
    with pytest.raises(BuildFailed) as failed:
        build_site(project, tmp_path / "site")
    assert "methods_tabel" in failed.value.output


def test_a_stub_naming_an_unknown_stage_stops_the_build(tmp_path):
    project = make_fixture_project(tmp_path)
    (project / "docs" / "stages" / "debrief.md").write_text('{{ stage_page("debreif") }}\n', encoding="utf-8")
    with pytest.raises(BuildFailed) as failed:
        build_site(project, tmp_path / "site")
    assert "no stage with slug 'debreif'" in failed.value.output


def test_markdown_in_a_data_title_shows_as_typed(tmp_path):
    project = make_fixture_project(tmp_path)
    data = project / "data" / "guide.yml"
    raw = yaml.safe_load(data.read_text(encoding="utf-8"))
    title = "[Click](javascript:alert(1)) *now* #1 {#x} 2. Go!"
    raw["stages"][0]["title"] = title
    raw["templates"][0]["title"] = title
    data.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")
    site = build_site(project, tmp_path / "site")
    stage = soup(site / "stages" / raw["stages"][0]["slug"] / "index.html").article
    assert stage.h1.get_text(strip=True) == title
    assert not stage.h1.select("a[href^='javascript']")
    template = soup(site / "templates" / "index.html").select_one(f"h3#{raw['templates'][0]['id']}")
    assert template.get_text(strip=True).startswith(title)


def test_a_data_link_to_a_missing_page_stops_the_build_naming_file_item_and_field(tmp_path):
    project = make_fixture_project(tmp_path)
    data = project / "data" / "guide.yml"
    raw = yaml.safe_load(data.read_text(encoding="utf-8"))
    stage = raw["stages"][2]
    stage["steps"][0]["text"] += " Read [[page:your-rigths]]."
    data.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")
    with pytest.raises(BuildFailed) as failed:
        build_site(project, tmp_path / "site")
    expected = f"stage '{stage['slug']}', step '{stage['steps'][0]['id']}', field 'text': [[page:your-rigths]] names no page"
    assert "data/guide.yml" in failed.value.output and expected in failed.value.output


def test_no_stage_worksheet_or_template_id_shows_as_plain_text(site):
    """Named things are links with their titles ([[template:advice-chat]]), never
    a bare id such as "the advice-chat template". Addresses shown as code on the
    adviser page are fine."""
    ids = [s.slug for s in GUIDE.stages] + [w.id for w in GUIDE.worksheets] + [t.id for t in GUIDE.templates]
    # One-word ids ("debrief") are ordinary words; ids with a hyphen are not.
    mention = re.compile(r"(?<![\w/#.-])(" + "|".join(re.escape(i) for i in ids if "-" in i) + r")(?![\w-])")
    found = []
    for path in sorted(site.rglob("*.html")):
        article = soup(path).article
        if article is None:
            continue
        for hidden in article.select("code, pre, script, style, template, [hidden]"):
            hidden.decompose()
        text = article.get_text(" ")
        found += [f"{path.relative_to(site)}: ...{text[max(0, m.start() - 30):m.end() + 10]!r}" for m in mention.finditer(text)]
        assert "[[" not in text, f"{path.relative_to(site)}: a [[...]] link was not resolved"
    assert not found, "\n".join(found)


def support_lines(site: Path, path: str) -> list:
    return soup(site / path / "index.html").article.select("[data-atn-support-line]")


DATA_PAGES = [f"stages/{s.slug}" for s in GUIDE.stages] + [f"worksheets/{w.id}" for w in GUIDE.worksheets]


def test_every_stage_and_worksheet_page_names_the_support_lines_in_its_body(site):
    configured = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["extra"]["support_lines"]
    for path in DATA_PAGES:
        found = support_lines(site, path)
        assert len(found) == 1, path
        line = found[0]
        text = line.get_text(" ", strip=True)
        for entry in configured:
            assert entry["name"] in text, path
        assert "local emergency number" in text, path
        link = line.select_one("a")
        assert link.get_text() == "If it's more than disappointment", path
        assert (site / path / link["href"] / "index.html").resolve() == (site / "more-than-disappointment" / "index.html").resolve()
        # A stage handout prints it; a printed worksheet leaves it off.
        assert ("atn-support-line--screen" in line["class"]) == path.startswith("worksheets/"), path


def test_with_no_support_lines_configured_the_line_names_a_doctor_and_emergency_services(tmp_path):
    project = make_fixture_project(tmp_path)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    start = text.index("  support_lines:")
    end = text.index("  # Local notes")
    config.write_text(text[:start] + "  support_lines: []\n" + text[end:], encoding="utf-8")
    site = build_site(project, tmp_path / "site")
    for path in (DATA_PAGES[0], DATA_PAGES[-1]):
        text = support_lines(site, path)[0].get_text(" ", strip=True).lower()
        assert "samaritans" not in text and "988" not in text
        assert "talk to a doctor" in text and "call your local emergency number" in text
