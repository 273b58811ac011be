"""The sentence beside a chart (issue 12, item 10): a reason someone wrote is a sentence of
its own, so it is quoted after the figures, never run into them ("…properly. had the most:
8 of 15")."""

from __future__ import annotations

from putright.reports.layout.common import top_sentence

SURVEY = "The complaint needs a specialist survey before we can answer it properly."


def test_a_written_reason_is_quoted_after_the_figures():
    sentence = top_sentence({SURVEY: 8, "Several service areas are involved.": 7}, None)

    assert sentence == f"Most often (8 of 15): “{SURVEY}”"
    assert ". had the most" not in sentence


def test_an_extensions_reason_is_quoted_even_without_a_full_stop():
    sentence = top_sentence(
        {"Waiting for a survey": 3, "Staff on leave": 1}, None, "extensions", quoted=True
    )

    assert sentence == "Most often (3 of 4 extensions): “Waiting for a survey”."


def test_a_name_still_reads_as_the_subject_of_the_sentence():
    assert (
        top_sentence({"Repairs": 9, "Estates": 3}, None, "stage 1 complaints")
        == "Repairs had the most stage 1 complaints: 9 of 12."
    )
    assert (
        top_sentence({"partly_upheld": 4, "upheld": 2}, "outcome")
        == "Partly upheld had the most: 4 of 6."
    )
