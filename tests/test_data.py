"""Layer 1: the guide data. Every bad-input case stops with a message that
names the file, the item and the field."""

import copy
from pathlib import Path

import pytest
import yaml

from macros.model import GuideDataError, load_guide, parse_guide

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "guide.yml"
FILE = Path("data/guide.yml")


def minimal_stage() -> dict:
    """The smallest valid stage; other test files build on it."""
    return {
        "slug": "feel-it",
        "title": "Let yourself feel it",
        "summary": "Give it room.",
        "start_here": "Write down one word for how you feel.",
        "minutes": 10,
        "method": "Name it",
        "helps": "Words help.",
        "steps": [{"id": "name-it", "title": "Name it", "text": "Write it down."}],
        "checklist": [{"id": "named", "text": "I named it."}],
    }


def minimal() -> dict:
    stage = minimal_stage()
    second = dict(copy.deepcopy(stage), slug="debrief", title="Debrief")
    return {"title": "After the No", "stages": [stage, second]}


def error_for(raw: dict) -> str:
    with pytest.raises(GuideDataError) as caught:
        parse_guide(raw, FILE)
    return str(caught.value)


def test_real_data_loads():
    guide = load_guide(DATA)
    assert len(guide.stages) == 10


def test_minimal_data_loads():
    assert [s.slug for s in parse_guide(minimal(), FILE).stages] == ["feel-it", "debrief"]


def test_missing_file_is_named(tmp_path):
    with pytest.raises(GuideDataError, match=r"nope\.yml: the guide data file is missing"):
        load_guide(tmp_path / "nope.yml")


def test_broken_yaml_is_named(tmp_path):
    bad = tmp_path / "guide.yml"
    bad.write_text("stages: [\n", encoding="utf-8")
    with pytest.raises(GuideDataError, match=r"guide\.yml: not valid YAML"):
        load_guide(bad)


def test_missing_required_field():
    raw = minimal()
    del raw["stages"][1]["summary"]
    message = error_for(raw)
    assert "data/guide.yml" in message
    assert "stage 'debrief' (stages[1]), field 'summary': Field required" in message


def test_a_stage_needs_a_short_start_here():
    raw = minimal()
    del raw["stages"][1]["start_here"]
    assert "stage 'debrief' (stages[1]), field 'start_here': Field required" in error_for(raw)
    raw = minimal()
    raw["stages"][0]["start_here"] = "Write it down. " * 20
    assert "stage 'feel-it' (stages[0]), field 'start_here': String should have at most 220 characters" in error_for(raw)


@pytest.mark.parametrize(
    "moved, message",
    [
        ({"check-old": "step-name-it"}, None),
        ({"check-old": "step-gone"}, "field 'moved': 'check-old' points at 'step-gone', which is no step"),
        ({"check-named": "step-name-it"}, "field 'moved': 'check-named' is still on the page"),
        ({"why": "step-name-it"}, "field 'moved': 'why' is not a step or checklist anchor"),
    ],
    ids=["kept", "lands-nowhere", "still-there", "a-section"],
)
def test_a_removed_anchor_must_land_on_a_step_or_item(moved, message):
    raw = minimal()
    raw["stages"][0]["moved"] = moved
    if message is None:
        assert parse_guide(raw, FILE).stages[0].moved == moved
    else:
        assert message in error_for(raw)


def test_data_text_cannot_link_to_a_moved_anchor():
    raw = minimal()
    raw["stages"][0]["moved"] = {"check-old": "step-name-it"}
    raw["stages"][1]["summary"] = "See [[stage:feel-it#check-old]]."
    assert "[[stage:feel-it#check-old]] names no anchor on that stage page" in error_for(raw)


def test_wrong_type():
    raw = minimal()
    raw["stages"][0]["minutes"] = "ten"
    assert "stage 'feel-it' (stages[0]), field 'minutes': Input should be a valid integer" in error_for(raw)


def test_empty_list_where_items_are_required():
    raw = minimal()
    raw["stages"][1]["steps"] = []
    assert "stage 'debrief' (stages[1]), field 'steps': List should have at least 1 item" in error_for(raw)


def test_duplicate_slug():
    raw = minimal()
    raw["stages"][1]["slug"] = "feel-it"
    assert "stages: duplicate slug 'feel-it' (2 times)" in error_for(raw)


def test_duplicate_checklist_id():
    raw = minimal()
    raw["stages"][0]["checklist"].append({"id": "named", "text": "Again."})
    assert "stage 'feel-it' checklist: duplicate id 'named'" in error_for(raw)


def test_duplicate_step_id():
    raw = minimal()
    raw["stages"][0]["steps"].append({"id": "name-it", "title": "Again", "text": "Again."})
    assert "stage 'feel-it' steps: duplicate id 'name-it'" in error_for(raw)


def test_related_stage_that_does_not_exist():
    raw = minimal()
    raw["stages"][0]["related"] = ["debreif"]
    assert "stage 'feel-it', field 'related': 'debreif' does not exist" in error_for(raw)


def test_unknown_worksheet_reference():
    raw = minimal()
    raw["stages"][0]["worksheets"] = ["feelings-check-in"]
    assert "stage 'feel-it', field 'worksheets': 'feelings-check-in' does not exist" in error_for(raw)


@pytest.mark.parametrize("slug", ["Feel-It", "feel_it", "feel it", "-feel", "feel--it", ""])
def test_slug_must_be_lower_case_words_joined_by_hyphens(slug):
    raw = minimal()
    raw["stages"][0]["slug"] = slug
    message = error_for(raw)
    assert "stages[0]" in message and "field 'slug'" in message
    assert "String should match pattern" in message


def test_unknown_key_is_a_typo():
    raw = minimal()
    raw["stages"][1]["titel"] = "Debrief"
    assert "stage 'debrief' (stages[1]), field 'titel': unknown field (is it a typo?)" in error_for(raw)


def test_nested_item_is_named():
    raw = minimal()
    del raw["stages"][1]["steps"][0]["text"]
    assert "stage 'debrief' (stages[1]), step 'name-it' (steps[0]), field 'text': Field required" in error_for(raw)


def test_every_problem_is_listed_at_once():
    raw = minimal()
    del raw["stages"][0]["title"]
    raw["stages"][1]["minutes"] = -1
    message = error_for(raw)
    assert "field 'title'" in message and "field 'minutes'" in message


def test_two_cross_reference_problems_are_counted_and_listed_one_a_line():
    raw = minimal()
    raw["stages"][0]["related"] = ["no-such-stage"]
    raw["stages"][1]["worksheets"] = ["no-such-sheet"]
    head, *lines = error_for(raw).splitlines()
    assert head == "data/guide.yml: 2 problems in the guide data:"
    assert lines == [
        f"  - stage '{raw['stages'][0]['slug']}', field 'related': 'no-such-stage' does not exist",
        f"  - stage '{raw['stages'][1]['slug']}', field 'worksheets': 'no-such-sheet' does not exist",
    ]


def test_template_must_belong_to_exactly_one_stage():
    raw = minimal()
    raw["templates"] = [
        {"id": "reply", "title": "Reply", "when": "Now.", "body": "Hi.", "change": ["Name"], "avoid": ["Anger"]}
    ]
    assert "template 'reply': named by 0 stages" in error_for(raw)


def test_not_a_mapping():
    with pytest.raises(GuideDataError, match="must be a mapping"):
        parse_guide(["feel-it"], FILE)


def test_real_data_round_trips_through_yaml():
    # Guards against YAML surprises (a "no" read as False, a time read as a number).
    raw = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    assert parse_guide(raw, FILE).title == "After the No"


def answer(*links) -> dict:
    return {
        "advice": "Do this.",
        "this_week": "Do it this week.",
        "read": [{"stage": stage, "step": step} for stage, step in links or (("feel-it", "name-it"), ("debrief", "name-it"))],
    }


def diagnosis() -> dict:
    step = lambda step_id: {  # noqa: E731
        "id": step_id, "title": "Step", "passed": "got through", "judge": "how it goes",
        "weak_below": 0.1, "healthy_from": 0.2, "min_cases": 5, "answer": answer(),
    }
    return {"steps": [step(s) for s in ("reply", "interview", "final", "offer")], "fine": answer(), "too_early": answer()}


def with_diagnosis(change) -> str:
    raw = minimal()
    raw["diagnosis"] = diagnosis()
    change(raw["diagnosis"])
    return error_for(raw)


def test_minimal_diagnosis_loads_and_the_real_one_has_a_paper_place():
    raw = minimal()
    raw["diagnosis"] = diagnosis()
    assert [s.id for s in parse_guide(raw, FILE).diagnosis.steps] == ["reply", "interview", "final", "offer"]
    paper = load_guide(DATA).diagnosis.paper
    assert (paper.worksheet, paper.after) == ("momentum-plan", "tracker")


@pytest.mark.parametrize("value", [1.5, -0.1])
def test_a_rule_of_thumb_share_is_between_0_and_1(value):
    message = with_diagnosis(lambda d: d["steps"][1].update(weak_below=value))
    assert "field 'diagnosis', step 'interview' (steps[1]), field 'weak_below'" in message
    assert "data/guide.yml" in message


def test_weak_below_cannot_be_above_healthy_from():
    message = with_diagnosis(lambda d: d["steps"][0].update(weak_below=0.3, healthy_from=0.2))
    assert "step 'reply' (steps[0]): field 'healthy_from': 0.2 is below weak_below 0.3" in message


def test_min_cases_is_a_whole_number_of_at_least_one():
    message = with_diagnosis(lambda d: d["steps"][2].update(min_cases=0))
    assert "step 'final' (steps[2]), field 'min_cases'" in message
    message = with_diagnosis(lambda d: d["steps"][2].update(min_cases=2.5))
    assert "step 'final' (steps[2]), field 'min_cases'" in message


def test_every_step_is_present_once_and_in_funnel_order():
    message = with_diagnosis(lambda d: d["steps"].pop(2))
    assert "field 'diagnosis': field 'steps': needs exactly the steps reply, interview, final, offer" in message
    assert "(missing: final)" in message
    message = with_diagnosis(lambda d: d["steps"].reverse())
    assert "got offer, final, interview, reply" in message
    message = with_diagnosis(lambda d: d["steps"][0].update(id="callback"))
    assert "step 'callback' (steps[0]), field 'id'" in message


def test_unknown_diagnosis_fields_are_refused():
    message = with_diagnosis(lambda d: d["steps"][0].update(weak_bellow=0.1))
    assert "step 'reply' (steps[0]), field 'weak_bellow': unknown field (is it a typo?)" in message
    message = with_diagnosis(lambda d: d.update(rules=[]))
    assert "field 'diagnosis', field 'rules': unknown field" in message


def test_a_read_link_names_a_stage_and_a_step_that_exist():
    message = with_diagnosis(lambda d: d["steps"][3].update(answer=answer(("nowhere", "name-it"), ("feel-it", "nope"))))
    assert "diagnosis step 'offer', field 'answer', read[0], field 'stage': 'nowhere' does not exist" in message
    assert "diagnosis step 'offer', field 'answer', read[1], field 'step': stage 'feel-it' has no step 'nope'" in message
    message = with_diagnosis(lambda d: d.update(fine=answer(("feel-it", "name-it"), ("feel-it", "name-it"))))
    assert "diagnosis, field 'fine', field 'read': duplicate link 'feel-it#name-it'" in message


def test_an_answer_links_two_or_three_steps():
    message = with_diagnosis(lambda d: d.update(too_early=answer(("feel-it", "name-it"))))
    assert "field 'too_early', field 'read'" in message and "at least 2" in message
    four = (("feel-it", "name-it"), ("debrief", "name-it"), ("feel-it", "name-it"), ("debrief", "name-it"))
    assert "at most 3" in with_diagnosis(lambda d: d.update(too_early=answer(*four)))


def test_the_paper_place_names_a_worksheet_and_prompt_that_exist():
    message = with_diagnosis(lambda d: d.update(paper={"worksheet": "momentum-plan", "after": "tracker"}))
    assert "diagnosis, field 'paper', field 'worksheet': 'momentum-plan' does not exist" in message
    raw = minimal()
    raw["worksheets"] = [{"id": "plan", "title": "Plan", "purpose": "Plan.", "minutes": 5,
                          "prompts": [{"id": "tracker", "label": "Tracker", "kind": "line"}]}]
    raw["stages"][0]["worksheets"] = ["plan"]
    raw["diagnosis"] = dict(diagnosis(), paper={"worksheet": "plan", "after": "totals"})
    assert "diagnosis, field 'paper', field 'after': worksheet 'plan' has no prompt 'totals'" in error_for(raw)
    raw["diagnosis"]["paper"]["after"] = "tracker"
    assert parse_guide(raw, FILE).diagnosis.paper.after == "tracker"


# --- Data that would build but be wrong (issue 9) ------------------------------------------

from macros import checks  # noqa: E402
from macros.model import TEXT_MAX, TITLE_MAX  # noqa: E402
from macros.pages import rights_note_entries  # noqa: E402

DOCS = ROOT / "docs"


def test_a_key_given_twice_stops_with_its_line_and_name(tmp_path):
    data = tmp_path / "guide.yml"
    data.write_text("title: After the No\nstages:\n  - slug: feel-it\n    title: One\n    title: Two\n", encoding="utf-8")
    with pytest.raises(GuideDataError) as caught:
        load_guide(data)
    assert str(caught.value) == (
        f"{data}, line 5: duplicate key 'title' (first given on line 4); "
        "keep one, or the second would silently replace the first"
    )


def test_a_file_that_is_not_utf8_is_named(tmp_path):
    data = tmp_path / "guide.yml"
    data.write_bytes("title: After the No\nstages:\n  - slug: caf\xe9\n".encode("latin-1"))
    with pytest.raises(GuideDataError) as caught:
        load_guide(data)
    assert str(caught.value).startswith(f"{data}, line 3: the file is not UTF-8 text (byte 0xe9")


@pytest.mark.parametrize("field", ["related", "worksheets", "templates", "evidence"])
def test_a_stage_names_nothing_twice(field):
    raw = minimal()
    raw["stages"][0]["related"] = ["debrief"]
    name = {"related": "debrief", "worksheets": "w", "templates": "t", "evidence": "r"}[field]
    raw["stages"][0][field] = [name, name]
    assert f"stage 'feel-it', field '{field}': duplicate entry '{name}' (2 times)" in error_for(raw)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (("stages", 0, "title"), "stage 'feel-it' (stages[0]), field 'title'"),
        (("stages", 0, "steps", 0, "title"), "step 'name-it' (steps[0]), field 'title'"),
        (("title",), "field 'title'"),
    ],
    ids=["stage", "step", "guide"],
)
def test_a_title_with_a_line_break_stops(path, expected):
    raw = minimal()
    node = raw
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = "Let yourself\nfeel it"
    message = error_for(raw)
    assert f"{expected}: a title or label must be one line" in message


@pytest.mark.parametrize(
    ("path", "limit"),
    [(("stages", 1, "title"), TITLE_MAX), (("stages", 1, "summary"), TEXT_MAX), (("stages", 1, "steps", 0, "text"), TEXT_MAX)],
    ids=["title", "summary", "step-text"],
)
def test_an_oversized_text_stops_and_the_limit_is_named(path, limit):
    raw = minimal()
    node = raw
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = "x" * limit
    parse_guide(copy.deepcopy(raw), FILE)  # exactly at the limit is fine
    node[path[-1]] = "x" * (limit + 1)
    assert f"field '{path[-1]}': String should have at most {limit} characters" in error_for(raw)


def with_worksheets(*worksheets: dict) -> dict:
    raw = minimal()
    raw["worksheets"] = list(worksheets)
    raw["stages"][0]["worksheets"] = [w["id"] for w in worksheets]
    return raw


def sheet(worksheet_id: str, *prompts: dict) -> dict:
    return {"id": worksheet_id, "title": "A sheet", "purpose": "Write.", "minutes": 5, "prompts": list(prompts)}


def prompt(prompt_id: str, kind: str = "line", **more) -> dict:
    return {"id": prompt_id, "label": "Question", "kind": kind, **more}


def id_problems(raw: dict) -> str:
    return "\n".join(checks.page_id_problems(parse_guide(raw, FILE), DOCS))


def test_checklist_ids_that_make_the_same_element_id_stop():
    raw = minimal()
    raw["stages"][0]["checklist"].append({"id": "named-box", "text": "Another."})
    assert (
        "data/guide.yml: stage 'feel-it': the id 'check-named-box' would be used twice on one page, "
        "by checklist item 'named' (field 'checklist'), its tick box and by checklist item 'named-box' (field 'checklist')"
    ) in id_problems(raw)


@pytest.mark.parametrize("template_id", ["stage-feel-it", "message-reply"])
def test_a_template_id_equal_to_an_anchor_of_the_templates_page_stops(template_id):
    raw = minimal()
    template = {"title": "Reply", "when": "Now.", "body": "Hi.", "change": ["Name"], "avoid": ["Anger"]}
    raw["templates"] = [dict(template, id="reply"), dict(template, id=template_id)]
    raw["stages"][0]["templates"] = ["reply", template_id]
    assert f"templates page (docs/templates.md): the id '{template_id}' would be used twice" in id_problems(raw)


def test_a_field_id_equal_to_another_fields_hint_stops():
    raw = with_worksheets(sheet("plan", prompt("goal", hint="One line."), prompt("goal-hint")))
    assert "worksheet 'plan': the id 'ws-plan-goal-hint' would be used twice on one page, by worksheet 'plan', prompt 'goal', its hint and by worksheet 'plan', prompt 'goal-hint'" in id_problems(raw)


def test_a_field_id_equal_to_a_table_cell_stops():
    table = prompt("people", "table", columns=["Name", "How"], rows=2)
    raw = with_worksheets(sheet("plan", table, prompt("people-r2-c1")))
    assert "the id 'ws-plan-people-r2-c1' would be used twice on one page, by worksheet 'plan', prompt 'people', row 2 column 1" in id_problems(raw)


def test_a_template_id_equal_to_a_fixed_heading_id_of_the_templates_page_stops(tmp_path):
    (tmp_path / "templates.md").write_text("# Message templates\n\n## Before you write {#before}\n", encoding="utf-8")
    raw = minimal()
    raw["templates"] = [{"id": "before", "title": "Reply", "when": "Now.", "body": "Hi.", "change": ["N"], "avoid": ["A"]}]
    raw["stages"][0]["templates"] = ["before"]
    problems = checks.page_id_problems(parse_guide(raw, FILE), tmp_path)
    assert problems == [
        "data/guide.yml: templates page (docs/templates.md): the id 'before' would be used twice on one page, "
        "by a heading in docs/templates.md and by template 'before' (field 'id'); rename one of them"
    ]


def test_two_worksheets_whose_answers_collide_in_the_workbook_stop():
    raw = with_worksheets(sheet("support", prompt("map-who")), sheet("support-map", prompt("who")))
    problems = id_problems(raw)
    assert "the workbook (worksheets/workbook/): the id 'ws-support-map-who' would be used twice" in problems
    assert "worksheet 'support', prompt 'map-who'" in problems and "worksheet 'support-map', prompt 'who'" in problems


@pytest.mark.parametrize("worksheet_id", ["workbook", "index"])
def test_a_worksheet_cannot_take_a_name_the_site_uses(worksheet_id):
    raw = with_worksheets(sheet(worksheet_id, prompt("goal")))
    assert f"worksheet '{worksheet_id}', field 'id': the site uses '{worksheet_id}' itself" in id_problems(raw)


def test_the_real_data_has_no_id_collisions():
    assert checks.page_id_problems(load_guide(DATA), DOCS) == []


def test_rights_notes_each_get_their_own_stable_anchor():
    notes = rights_note_entries([
        {"region": "Ελλάδα", "text": "Note."},
        {"region": "日本", "text": "Note."},
        {"region": "Île-de-France", "text": "Note."},
    ])
    anchors = [note.anchor for note in notes]
    assert anchors[2] == "local-ile-de-france"
    assert len(set(anchors)) == 3 and all(a.startswith("local-") and len(a) > len("local-") for a in anchors)
    # Stable: an anchor depends on its region's name only, not on order or text.
    reordered = rights_note_entries([{"region": n.region, "text": "Other."} for n in reversed(notes)])
    assert [n.anchor for n in reversed(reordered)] == anchors


def test_two_rights_notes_for_one_region_stop():
    with pytest.raises(GuideDataError) as caught:
        rights_note_entries([{"region": "Wales", "text": "A."}, {"region": "wales", "text": "B."}])
    assert "mkdocs.yml: extra.rights_notes[1], field 'region': 'wales' gives the anchor 'local-wales', like extra.rights_notes[0]" in str(caught.value)


@pytest.mark.parametrize(
    ("setting", "extra"),
    [
        ("extra.organisation.url", {"organisation": {"name": "Org", "url": "javascript:alert(1)"}}),
        ("extra.organisation.url", {"organisation": {"name": "Org", "url": " JavaScript:alert(1)"}}),
        ("extra.organisation.url", {"organisation": {"name": "Org", "url": "data:text/html,hi"}}),
        ("extra.support_lines[0].url", {"support_lines": [{"region": "X", "name": "Y", "how": "Z", "url": "vbscript:x"}]}),
        ("extra.rights_notes[0].url", {"rights_notes": [{"region": "X", "text": "Y", "url": "javascript:x"}]}),
    ],
)
def test_a_configured_address_must_be_web_mail_or_phone(setting, extra):
    problems = checks.address_problems(extra)
    assert len(problems) == 1
    assert problems[0].startswith(f"mkdocs.yml: {setting} must start with https:, http:, mailto: or tel:; got ")


@pytest.mark.parametrize("url", ["", "https://careers.example.ac.uk/", "http://x.example", "mailto:a@example.org", "tel:+441234"])
def test_web_mail_and_phone_addresses_are_fine(url):
    assert checks.address_problems({"organisation": {"name": "Org", "url": url}}) == []


def test_a_page_the_data_promises_needs_its_stub_and_nav_line(tmp_path):
    (tmp_path / "stages").mkdir()
    (tmp_path / "stages" / "feel-it.md").write_text('{{ stage_page("feel-it") }}\n', encoding="utf-8")
    pages = [checks.DataPage("stage", "feel-it", "stages/feel-it.md", "stage_page"),
             checks.DataPage("route", "after-an-interview", "paths/after-an-interview.md", "path_page")]
    nav = [{"Stages": ["stages/feel-it.md"]}, {"Routes": ["paths/after-an-interview.md"]}]
    assert checks.route_problems(pages, nav, tmp_path) == [
        "data/guide.yml: route 'after-an-interview' has no page: add docs/paths/after-an-interview.md "
        'holding the one line {{ path_page("after-an-interview") }}'
    ]
    assert checks.route_problems(pages[:1], [{"Stages": []}], tmp_path) == [
        "data/guide.yml: stage 'feel-it' is not in the nav: add the line '- stages/feel-it.md' to nav in mkdocs.yml"
    ]
    (tmp_path / "stages" / "feel-it.md").write_text('{{ stage_page("debrief") }}\n', encoding="utf-8")
    assert checks.route_problems(pages[:1], nav, tmp_path) == [
        """data/guide.yml: stage 'feel-it': docs/stages/feel-it.md should hold the one line {{ stage_page("feel-it") }}"""
    ]


def test_the_real_pages_are_all_there():
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert checks.route_problems(checks.data_pages(load_guide(DATA)), config["nav"], DOCS) == []


# Links written in data text: [[kind:id#anchor]] (README, "Links in data text").


def with_step_text(text: str) -> dict:
    raw = minimal()
    raw["stages"][0]["steps"][0]["text"] = text
    return raw


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("See [[person:debrief]].", "'[[person:debrief]]' is not a link"),
        ("See [[debrief]].", "'[[debrief]]' is not a link"),
        ("See [[stage:debreif]].", "[[stage:debreif]] names no stage (known: feel-it, debrief)"),
        ("See [[stage:debrief#step-nope]].", "[[stage:debrief#step-nope]] names no anchor on that stage page"),
        ("See [[stage:debrief#why]].", "[[stage:debrief#why]] names no anchor on that stage page"),
        ("See [[template:reply]].", "[[template:reply]] names no template"),
        ("See [[worksheet:log]].", "[[worksheet:log]] names no worksheet"),
    ],
    ids=["unknown-kind", "no-kind", "unknown-stage", "unknown-step", "absent-section", "unknown-template", "unknown-worksheet"],
)
def test_a_link_in_data_text_that_points_nowhere_names_file_item_and_field(text, problem):
    message = error_for(with_step_text(text))
    assert str(FILE) in message
    assert f"stage 'feel-it', step 'name-it', field 'text': {problem}" in message


def test_links_to_real_targets_load():
    text = "See [[stage:debrief]], [[stage:debrief#step-name-it]], [[stage:debrief#check-named]] and [[page:your-rights#uk]]."
    guide = parse_guide(with_step_text(text), FILE)
    assert [(link.kind, link.target, link.anchor) for _, _, link in guide.text_links()] == [
        ("stage", "debrief", None),
        ("stage", "debrief", "step-name-it"),
        ("stage", "debrief", "check-named"),
        ("page", "your-rights", "uk"),
    ]


def test_a_title_cannot_hold_a_link():
    raw = minimal()
    raw["stages"][1]["steps"][0]["title"] = "Read [[stage:feel-it]]"
    assert "stage 'debrief', step 'name-it', field 'title': a title cannot hold a [[...]] link" in error_for(raw)



def with_template(**fields) -> dict:
    raw = minimal()
    template = {"id": "reply", "title": "Reply", "when": "Now.", "body": "Hi [Name].", "change": ["x"], "avoid": ["y"]}
    raw["templates"] = [dict(template, **fields)]
    raw["stages"][0]["templates"] = ["reply"]
    return raw


def test_template_versions_load_with_the_main_one_first():
    raw = with_template(subject="Re: [role]", variants=[{"channel": "phone", "body": "Say hi."}])
    template = parse_guide(raw, FILE).template("reply")
    assert [(v.channel, v.subject) for v in template.versions] == [("email", "Re: [role]"), ("phone", None)]


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"variants": [{"channel": "phone", "subject": "Hi", "body": "Say hi."}]}, "field 'subject': only an email has a subject, this one is a 'phone'"),
        ({"channel": "message", "subject": "Hi"}, "field 'subject': only an email has a subject, this one is a 'message'"),
        ({"variants": [{"channel": "email", "body": "Again."}]}, "field 'variants': one version per channel; 'email' comes twice"),
        ({"variants": [{"channel": "letter", "body": "Dear."}]}, "field 'channel': Input should be 'email', 'message' or 'phone'"),
        ({"keywords": ["x"] * 9}, "field 'keywords': List should have at most 8 items"),
    ],
    ids=["phone-subject", "message-subject", "two-emails", "unknown-channel", "too-many-keywords"],
)
def test_bad_template_versions_are_named(fields, problem):
    message = error_for(with_template(**fields))
    assert "template 'reply' (templates[0])" in message and problem in message


def _with_reminders(prompt_kind: str = "date", reminder: str = "follow-up", date_label: bool = True) -> dict:
    raw = minimal()
    raw["stages"][0]["worksheets"] = ["log"]
    raw["worksheets"] = [{"id": "log", "title": "Log", "purpose": "Keep a log.", "minutes": 5,
                          "prompts": [{"id": "asked-on", "label": "Date you asked", "kind": prompt_kind,
                                       "reminder": reminder}]}]
    rule = {"id": "follow-up", "summary": "Follow up once", "description": "Send one reminder.", "after_days": 7}
    if date_label:
        rule["date_label"] = "The date you applied"
    raw["reminders"] = [rule]
    return raw


def test_reminders_load_and_a_bad_one_is_named_with_its_item_and_field():
    assert parse_guide(_with_reminders(), FILE).reminder("follow-up").after_days == 7
    assert "prompt 'asked-on', field 'reminder': 'nope' does not exist" in error_for(_with_reminders(reminder="nope"))
    assert "field 'reminder': only date prompts have a reminder" in error_for(_with_reminders(prompt_kind="line"))
    raw = _with_reminders(date_label=False)
    raw["stages"][0]["templates"] = ["t"]
    raw["templates"] = [{"id": "t", "title": "T", "when": "Now.", "body": "Hello.", "change": ["a"], "avoid": ["b"],
                         "reminder": "follow-up"}]
    assert "template 't', field 'reminder': reminder 'follow-up' needs a 'date_label'" in error_for(raw)


# --- One validation pass: every problem of the data and the settings at once ----------

from macros import edition as edition_module, language  # noqa: E402
from macros.model import read_yaml  # noqa: E402
from macros.site import load_site  # noqa: E402
from scripts.config import read_config  # noqa: E402


def fresh_day() -> str:
    """A day on which every dated thing is fresh and none in the future: fixed by the data, not the calendar."""
    guide = load_guide(DATA)
    lines = read_config(ROOT)["extra"]["support_lines"]
    days = [f.checked.isoformat() for f in guide.facts] + [guide.time_limits.checked.isoformat()]
    return max(days + [str(line["checked"]) for line in lines])


def site_config(**extra) -> dict:
    """The real config as a build sees it (folders absolute), with ``extra`` settings changed."""
    config = read_config(ROOT)
    config["extra"] = {**config["extra"], **extra}
    return {**config, "docs_dir": str(ROOT / "docs"), "config_file_path": str(ROOT / "mkdocs.yml")}


def editions_of(raw: dict):
    """A loader of the edition from ``raw`` in place of data/guide.yml: no file is written."""
    return lambda project, lang: edition_module.Edition(
        language.catalogue_for(ROOT, lang), parse_guide(raw, FILE), ()
    )


def two_bad_settings() -> dict:
    config = read_config(ROOT)
    lines = [dict(line) for line in config["extra"]["support_lines"]]
    lines[2]["phone"] = "call us"
    return site_config(support_lines=lines, organisation={"name": "Careers", "url": "javascript:alert(1)"})


def site_problems(config: dict, raw: dict) -> list[str]:
    with pytest.raises(GuideDataError) as stopped:
        load_site(ROOT, config, {"ATN_TODAY": fresh_day()}, load_edition=editions_of(raw))
    head, *lines = str(stopped.value).splitlines()
    assert [line.removeprefix("  - ") for line in lines] == list(stopped.value.problems)
    return [head, *lines]


def test_every_problem_of_the_data_and_the_settings_is_named_in_one_message():
    raw = read_yaml(DATA)
    raw["stages"][0]["titel"] = "A typo"
    head, *lines = site_problems(two_bad_settings(), raw)
    slug = raw["stages"][0]["slug"]
    assert head == "The site cannot be built (3 problems):"
    assert lines == [
        f"  - data/guide.yml: stage '{slug}' (stages[0]), field 'titel': unknown field (is it a typo?)",
        "  - mkdocs.yml: extra.organisation.url must start with https:, http:, mailto: or tel:; got 'javascript:alert(1)'",
        "  - mkdocs.yml: extra.support_lines[2] (Emergency services), field 'phone': a phone number is digits, "
        "with spaces between them if you like, such as 116 123",
    ]


def test_problems_found_once_the_data_loads_join_the_settings_problems():
    """A link to no page is found against the nav, after the data loads; it
    is named with the settings' problems, not instead of them."""
    raw = read_yaml(DATA)
    raw["stages"][0]["steps"][0]["text"] += " See [[page:nowhere]]."
    head, *lines = site_problems(two_bad_settings(), raw)
    assert head == "The site cannot be built (3 problems):"
    assert lines[0].startswith(f"  - data/guide.yml: stage '{raw['stages'][0]['slug']}', step "
                               f"'{raw['stages'][0]['steps'][0]['id']}', field 'text': [[page:nowhere]] names no page")
    assert [line.split(":")[0] for line in lines] == ["  - data/guide.yml", "  - mkdocs.yml", "  - mkdocs.yml"]


def test_the_real_site_loads_with_no_problem():
    site = load_site(ROOT, site_config(), {"ATN_TODAY": fresh_day()})
    assert site.guide.stages and site.lang == "en" and site.config_name == "mkdocs.yml"
