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


def minimal() -> dict:
    stage = {
        "slug": "feel-it",
        "title": "Let yourself feel it",
        "summary": "Give it room.",
        "minutes": 10,
        "method": "Name it",
        "helps": "Words help.",
        "steps": [{"id": "name-it", "title": "Name it", "text": "Write it down."}],
        "checklist": [{"id": "named", "text": "I named it."}],
    }
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


def rule(rule_id: str, when: list, stages=("feel-it",)) -> dict:
    return {"id": rule_id, "when": when, "weak_step": "Step", "advice": "Do this.", "stages": list(stages)}


def test_diagnosis_last_rule_must_always_fit():
    raw = minimal()
    raw["diagnosis"] = [rule("only", [{"count": "offers", "at_least": 1}])]
    assert "diagnosis rule 'only', field 'when': the last rule must have no conditions" in error_for(raw)


def test_diagnosis_rule_names_a_stage_that_does_not_exist():
    raw = minimal()
    raw["diagnosis"] = [rule("fallback", [], stages=["nowhere"])]
    assert "diagnosis rule 'fallback', field 'stages': 'nowhere' does not exist" in error_for(raw)


def test_diagnosis_condition_needs_a_known_count_and_a_bound():
    raw = minimal()
    raw["diagnosis"] = [rule("a", [{"count": "callbacks", "at_least": 1}]), rule("b", [{"count": "offers"}]), rule("z", [])]
    message = error_for(raw)
    assert "diagnosis rule 'a' (diagnosis[0]), condition when[0], field 'count'" in message
    assert "diagnosis rule 'b' (diagnosis[1]), condition when[0]: field 'at_least' or 'at_most': a condition needs at least one bound" in message


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
