"""Layer 2: "Where am I getting stuck?" has one reading, the page's own
(assets/javascripts/diagnosis.js). Node's test runner holds it to the shared
table of cases (tests/fixtures/diagnosis-cases.json; tests/js/, with
store.js's tests); this runs them on the page data the macros make, so
`make test` runs them too, and gives the other tests (the words' reading
grade here, the page in test_browser_pages.py) the same reading."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT
from macros.model import load_guide
from macros.pages import stuck_data

GUIDE = load_guide(ROOT / "data" / "guide.yml")
TABLE = json.loads((ROOT / "tests" / "fixtures" / "diagnosis-cases.json").read_text(encoding="utf-8"))
# (applications, replies, interviews, final rounds, offers) -> the answer:
# a weak step's id, "fine" (no step with enough cases is weak) or "too-early".
CASES = [(tuple(case["counts"]), case["answer"]) for case in TABLE["answers"]]
NODE = shutil.which("node")


def case_id(case: tuple[int, ...]) -> str:
    return "-".join(map(str, case))


def node(args: list[str], data_dir: Path) -> subprocess.CompletedProcess:
    """Run node in the repository on the English page data, as stuck.js gets it."""
    if NODE is None:
        pytest.fail("node is missing: the diagnosis's tests run with node's own test runner")
    data = data_dir / "stuck-data.json"
    data.write_text(json.dumps(stuck_data(GUIDE)), encoding="utf-8")
    return subprocess.run([NODE, *args], cwd=ROOT, env={**os.environ, "ATN_STUCK_DATA": str(data)},
                          capture_output=True, text=True, timeout=120)


def readings(cases: list[tuple[int, ...]], data_dir: Path) -> dict[str, dict]:
    """What diagnosis.js reads for each case, by case_id."""
    result = node(["tests/js/read-cases.mjs", *map(case_id, cases)], data_dir)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_diagnosis_passes_its_table_of_cases(tmp_path):
    result = node(["--test", "tests/js/"], tmp_path)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "# fail 0" in result.stdout


def test_every_answer_reads_at_grade_8_or_lower(tmp_path):
    import textstat

    for case, reading in readings([case for case, _ in CASES], tmp_path).items():
        text = " ".join([reading["title"] + ".", reading["why"], reading["advice"]["advice"], reading["advice"]["this_week"],
                         *reading["too_few"], reading["next"]])
        assert textstat.flesch_kincaid_grade(text) <= 8, (case, text)
