"""Layer 2: the reference reading of "Where am I getting stuck?" (macros/diagnosis.py)
over a table of cases. The browser test (test_browser_pages.py) holds the page's
script to the same table, so screen, paper and this module give one answer.

The rules of thumb in data/guide.yml at the time of writing, which the
boundaries below sit on (a test checks they still hold):

    step       rate                                 weak below  healthy from  min cases
    reply      replies / applications               10%         20%           20
    interview  interviews / replies                 20%         35%           10
    final      max(final rounds, offers) / interv.  25%         40%            5
    offer      offers / max(final rounds, offers)   25%         50%            4
"""

import pytest

from conftest import ROOT
from macros.diagnosis import PHRASES, diagnose, funnel, impossible, percent, share_text
from macros.model import COUNTS, load_guide

GUIDE = load_guide(ROOT / "data" / "guide.yml")
DIAGNOSIS = GUIDE.diagnosis

# (applications, replies, interviews, final rounds, offers) -> the answer:
# a weak step's id, "fine" (no step with enough cases is weak) or "too-early".
CASES = [
    # The three patterns quoted in the issue.
    ((40, 3, 2, 0, 0), "reply"),  # 7.5% replies; 2 interviews too few to judge
    ((100, 1, 0, 0, 0), "reply"),  # 1 reply in 100: replies, not "people answer"
    ((200, 60, 3, 0, 0), "interview"),  # 30% replies are fine; 3 of 60 replies led on
    # Reply step: the rate on its line is not weak, just under it is.
    ((40, 4, 2, 0, 0), "fine"),  # exactly 10%
    ((41, 4, 2, 0, 0), "reply"),  # 9.8%
    # Reply step: fewest cases to judge.
    ((19, 0, 0, 0, 0), "too-early"),  # 19 applications, none answered: too few
    ((20, 1, 0, 0, 0), "reply"),  # 20 is enough: 5% is weak
    # Interview step: the line, then the fewest cases.
    ((100, 30, 6, 2, 0), "fine"),  # exactly 20%
    ((100, 30, 5, 2, 0), "interview"),  # 16.7%
    ((40, 9, 0, 0, 0), "fine"),  # 9 replies, none led on: too few to judge
    ((40, 10, 0, 0, 0), "interview"),  # 10 replies are enough
    # Final step: the line, then the fewest cases.
    ((50, 20, 8, 2, 0), "fine"),  # exactly 25%
    ((50, 20, 8, 1, 0), "final"),  # 12.5%
    ((50, 20, 4, 0, 0), "fine"),  # 4 interviews: too few
    ((50, 20, 5, 0, 0), "final"),  # 5 interviews are enough
    # Offer step: the line, then the fewest cases.
    ((60, 30, 12, 4, 1), "fine"),  # exactly 25%
    ((60, 30, 12, 5, 1), "offer"),  # 20%
    ((60, 30, 12, 3, 0), "fine"),  # 3 final rounds: too few
    ((60, 30, 12, 4, 0), "offer"),  # 4 final rounds are enough
    # Several weak steps: the earliest wins, the next is named as the next check.
    ((200, 15, 0, 0, 0), "reply"),
    # An earlier step with too few cases does not hide a later weak one.
    ((15, 12, 10, 0, 0), "final"),
    # Offers without a final round count as getting through both last steps.
    ((30, 10, 5, 0, 2), "fine"),
    # Nothing yet, a handful, everything fine, and every count the same.
    ((0, 0, 0, 0, 0), "too-early"),
    ((5, 0, 0, 0, 0), "too-early"),
    ((50, 20, 10, 5, 3), "fine"),
    ((12, 12, 12, 12, 12), "fine"),
    ((30, 10, 6, 2, 1), "fine"),
]


def numbers(case: tuple[int, ...]) -> dict[str, int]:
    return dict(zip(COUNTS, case))


def case_id(case: tuple[int, ...]) -> str:
    return "-".join(map(str, case))


def test_the_boundaries_above_match_the_data():
    rules = {s.id: (share_text(s.weak_below), share_text(s.healthy_from), s.min_cases) for s in DIAGNOSIS.steps}
    assert rules == {
        "reply": ("10%", "20%", 20),
        "interview": ("20%", "35%", 10),
        "final": ("25%", "40%", 5),
        "offer": ("25%", "50%", 4),
    }


def test_the_table_has_every_answer_and_at_least_twenty_cases():
    assert len(CASES) >= 20
    assert {answer for _, answer in CASES} == {"reply", "interview", "final", "offer", "fine", "too-early"}
    assert all(not impossible(numbers(case)) for case, _ in CASES)


@pytest.mark.parametrize(("case", "answer"), CASES, ids=[case_id(c) for c, _ in CASES])
def test_each_case_gets_its_answer(case, answer):
    assert diagnose(DIAGNOSIS, numbers(case)).answer == answer


def test_forty_applications_three_replies_names_replies_and_says_interviews_are_too_few():
    reading = diagnose(DIAGNOSIS, numbers((40, 3, 2, 0, 0)))
    assert reading.title == "Where to look first: getting a reply"
    assert reading.why.startswith("Only 3 of your 40 applications got a reply (7.5%), below the 10%")
    assert "2 interviews are too few to judge how your interviews go." in reading.too_few


def test_one_reply_in_a_hundred_is_about_replies_not_invitations():
    reading = diagnose(DIAGNOSIS, numbers((100, 1, 0, 0, 0)))
    assert "1 of your 100 applications got a reply (1%)" in reading.why
    assert "1 reply is too few to judge how often a reply turns into an interview." in reading.too_few


def test_sixty_replies_three_interviews_is_the_step_from_reply_to_interview():
    reading = diagnose(DIAGNOSIS, numbers((200, 60, 3, 0, 0)))
    assert reading.title == "Where to look first: from reply to interview"
    assert "3 of your 60 replies led to an interview (5%)" in reading.why
    assert "3 interviews are too few to judge how your interviews go." in reading.too_few


def test_with_two_weak_steps_the_next_check_names_the_later_one():
    reading = diagnose(DIAGNOSIS, numbers((200, 15, 0, 0, 0)))
    assert reading.answer == "reply"
    assert reading.next_check.startswith("Next check: the step \u201cFrom reply to interview\u201d is below its line too (0 of 15, 0%)")


def test_when_all_judged_steps_are_fine_it_says_so_and_what_to_count_next():
    reading = diagnose(DIAGNOSIS, numbers((40, 9, 0, 0, 0)))
    assert reading.title == "No step stands out in the numbers you have"
    assert reading.why.endswith("rule of thumb: getting a reply (22.5%).")
    assert reading.next_check == (
        "Next check: count again when you have at least 10 replies, "
        "so this page can judge how often a reply turns into an interview."
    )
    healthy = diagnose(DIAGNOSIS, numbers((50, 20, 10, 5, 3)))
    assert healthy.too_few == () and healthy.next_check == PHRASES["next_again"]


def test_close_to_the_line_is_named_as_the_next_check():
    reading = diagnose(DIAGNOSIS, numbers((40, 4, 2, 0, 0)))
    assert reading.answer == "fine"
    assert reading.next_check.startswith("Next check: the step \u201cGetting a reply\u201d is close to the line (4 of 40, 10%)")


def test_too_few_says_so_with_the_readers_own_numbers():
    reading = diagnose(DIAGNOSIS, numbers((5, 0, 0, 0, 0)))
    assert reading.answer == "too-early"
    assert reading.too_few[0] == "5 applications are too few to judge how often your applications get a reply."
    assert "With no replies yet, it is too soon to judge how often a reply turns into an interview." in reading.too_few
    assert reading.next_check.startswith("Next check: count again when you have at least 20 applications")


def test_different_weak_steps_get_different_advice_and_links():
    answers = {answer: diagnose(DIAGNOSIS, numbers(case)) for case, answer in CASES}
    advice = {answer: reading.advice for answer, reading in answers.items()}
    assert len({a.advice for a in advice.values()}) == len(advice)
    assert len({a.this_week for a in advice.values()}) == len(advice)
    assert len({tuple(a.read) for a in advice.values()}) == len(advice)
    for reading in answers.values():
        assert 2 <= len(reading.advice.read) <= 3


def test_the_funnel_says_every_count_and_rate():
    reading = diagnose(DIAGNOSIS, numbers((40, 3, 2, 0, 0)))
    assert funnel(reading.steps) == [
        "Applications: 40",
        "Replies: 3 of 40 applications (7.5%), below the line",
        "Interviews: 2 of 3 replies (66.7%), too few to judge",
        "Final rounds or offers: 0 of 2 interviews (0%), too few to judge",
        "Offers: 0, too few to judge",
    ]


@pytest.mark.parametrize(
    ("passed", "base", "text"),
    [(3, 40, "7.5%"), (1, 3, "33.3%"), (2, 3, "66.7%"), (1, 8, "12.5%"), (1, 16, "6.3%"), (0, 5, "0%"), (5, 5, "100%")],
)
def test_rates_round_half_up_to_one_decimal(passed, base, text):
    assert percent(passed, base) == text


@pytest.mark.parametrize(
    ("case", "fields"),
    [
        ((5, 9, 0, 0, 0), {"replies"}),
        ((12, 2, 3, 0, 0), {"interviews"}),
        ((12, 6, 2, 3, 0), {"final_rounds"}),
        ((12, 6, 2, 0, 3), {"offers"}),
        ((12, 6, 2, 2, 2), set()),
    ],
)
def test_impossible_numbers_are_named_by_field(case, fields):
    problems = impossible(numbers(case))
    assert set(problems) == fields
    if "replies" in problems:
        assert problems["replies"] == "You have more replies (9) than applications (5). Every reply answers an application."


def test_every_answer_reads_at_grade_8_or_lower():
    import textstat

    for case, _ in CASES:
        reading = diagnose(DIAGNOSIS, numbers(case))
        text = " ".join([reading.title + ".", reading.why, reading.advice.advice, reading.advice.this_week,
                         *reading.too_few, reading.next_check])
        assert textstat.flesch_kincaid_grade(text) <= 8, (case, text)


def test_a_weak_step_with_nobody_through_says_none_not_only_zero():
    reading = diagnose(DIAGNOSIS, numbers((40, 10, 0, 0, 0)))
    assert reading.why.startswith("None of your 10 replies led to an interview (0%), below the 20%")
