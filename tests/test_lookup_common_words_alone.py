"""A frequent word typed alone whose only readings are far villages that need context
(Пока, Nord, Dolu: issue 13's risky variants) is no place to lookup; the same word with a
generic word or a qualifier, a rarer word, and a village of the conflict region keep their
answers. Checked through the API (the Python matcher) and the command's batch (where the
compiled early answer leaves such words to the matcher)."""

from __future__ import annotations

import json

import pytest

from gazetteer import early

FREQUENT_WORDS_OF_FAR_VILLAGES = ["Пока", "Nord", "Dolu", "Papa"]


def _id(gz, name: str) -> str | None:
    m = gz.lookup(name)
    return m.id if m else None


@pytest.mark.parametrize("word", FREQUENT_WORDS_OF_FAR_VILLAGES)
def test_a_frequent_word_alone_names_no_far_village(gz, word):
    assert _id(gz, word) is None


@pytest.mark.parametrize("word", FREQUENT_WORDS_OF_FAR_VILLAGES)
def test_the_readings_are_villages_that_need_context(gz, word):
    # the rule is about these readings only: without it each word would be a village
    got = gz.matcher._lookup(word)
    assert got and early.alone_as_context_name(word, got)


def test_the_word_with_its_generic_word_names_the_village(gz):
    assert _id(gz, "Dolu kəndi") == "dolu"


def test_the_word_before_a_qualifier_names_the_village(gz):
    m = gz.lookup("Kut (Vardenis)")
    assert m is not None and m.id == "kut"
    assert _id(gz, "Kut") is None


def test_a_village_of_the_conflict_region_keeps_its_answer_and_its_flag(gz):
    m = gz.lookup("Sus")
    assert m is not None and m.id == "sus" and m.needs_context


def test_a_rarer_word_keeps_its_place(gz):
    assert _id(gz, "Zod") == "sotk"


def test_the_commands_batch_answers_as_the_api_does(run_cli):
    words = [*FREQUENT_WORDS_OF_FAR_VILLAGES, "Sus", "Zod", "Dolu kəndi"]
    proc = run_cli("lookup", "--format", "jsonl", input="\n".join(words) + "\n")
    ids = [json.loads(line)["id"] for line in proc.stdout.decode().splitlines()]
    assert ids == [None] * len(FREQUENT_WORDS_OF_FAR_VILLAGES) + ["sus", "sotk", "dolu"]
