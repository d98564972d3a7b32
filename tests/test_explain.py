"""``Gazetteer.explain``: every candidate span of a text and what became of it — the
mentions ``extract`` gives, and the spans the rules turned down or left waiting, each with
its rule's reason. The sentences are written for these tests."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .test_engine_properties import names  # noqa: F401  (the fixture)
from .text_strategies import texts


def _verdicts(gz, text: str) -> list[tuple[str, str]]:
    return [(e["text"], e["verdict"]) for e in gz.explain(text)]


def test_found_mentions_are_extracts_records(gz):
    text = "Shells hit Füzulidə and в Гадруте; Gabriel sang."
    found = [
        {k: v for k, v in e.items() if k not in ("verdict", "reason")}
        for e in gz.explain(text)
        if e["verdict"] == "found"
    ]
    assert found == gz.extract(text)


def test_a_name_that_needs_a_cue_waits_and_says_so(gz):
    explained = gz.explain("Gabriel sang a song.")
    assert [(e["text"], e["verdict"]) for e in explained] == [("Gabriel", "waited")]
    assert "corroborated" in explained[0]["reason"]


def test_the_same_name_with_a_cue_is_found(gz):
    assert ("Gabriel", "found") in _verdicts(gz, "Mines were cleared in the Gabriel district.")


def test_a_rejected_span_names_its_rule(gz):
    # a village's name as part of a person's name: turned down by the persons rule
    explained = gz.explain("The minister met Ilham Soltanli in Baku yesterday.")
    rejected = [e for e in explained if e["verdict"] == "rejected"]
    assert rejected and all(e["reason"] for e in rejected)
    assert any("person" in e["reason"] for e in rejected)


def test_a_text_without_candidates_explains_nothing(gz):
    assert gz.explain("") == []
    assert gz.explain("the of and 123 ...") == []


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_explained_spans_slice_to_their_text_and_found_ones_are_the_mentions(gz, names, data):  # noqa: F811
    text = data.draw(texts(names))
    explained = gz.explain(text)
    for e in explained:
        assert text[e["start"] : e["end"]] == e["text"]
        assert e["verdict"] in {"found", "rejected", "waited"} and e["reason"]
    found = [(e["start"], e["end"], e["id"]) for e in explained if e["verdict"] == "found"]
    assert found == [(r["start"], r["end"], r["id"]) for r in gz.extract(text)]


def test_extract_explain_lists_spans_with_whole_file_offsets(run_cli, tmp_path):
    import json

    # two pieces' worth of lines: offsets count from the start of the file
    head = "filler line\n" * 30_000
    text = head + "Gabriel sang in Füzulidə.\nThe minister met Ilham Soltanli in Baku.\n"
    path = tmp_path / "news.txt"
    path.write_text(text, encoding="utf-8")
    proc = run_cli("extract", "--explain", "--format", "jsonl", path)
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [(r["text"], r["verdict"]) for r in rows] == [
        ("Gabriel", "waited"),
        ("Füzulidə", "found"),
        ("Soltanli", "rejected"),
        ("Baku", "found"),
    ]
    for r in rows:
        assert text[r["start"] : r["end"]] == r["text"]
        assert r["reason"] and r["path"] == str(path)
    assert rows[1]["id"] == "fuzuli" and rows[0]["id"] is None


def test_extract_explain_refuses_geojson_in_one_line(run_cli):
    proc = run_cli("extract", "--explain", "--format", "geojson", "-", input="Baku")
    assert proc.returncode == 2
    assert b"--explain lists text spans" in proc.stderr
