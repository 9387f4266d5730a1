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
