"""lookup --column: a table's column resolved, the table written back as it was with the
place fields appended (issue 14, Tables). Every test runs the CLI in a subprocess on
real files."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .tabledata import GOOD_ROWS, write_table

FIELDS = ["id", "name", "kind", "district", "lat", "lon", "score", "method", "needs_context"]

# A table as a spreadsheet exports it: a BOM, CRLF line ends, quoted cells with commas,
# doubled quotes and a line break, spaces kept inside a cell, and no line end at the end.
EVENTS = (
    b"\xef\xbb\xbfevent_id,location,notes,fatalities\r\n"
    b'1,"Hadrut, Khojavend district","shelling, ""heavy""",3\r\n'
    b'2,Fizuli,"two\nlines",0\r\n'
    b"3,Peter Gabriel,concert,0\r\n"
    b"4,,no location,1\r\n"
    b'5,  Shusha ,=1+2,"7"\r\n'
    b"6,Sofulu,-x,2"
)


def rows_of(data: bytes, delimiter: str = ",", encoding: str = "utf-8-sig") -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode(encoding), newline=""), delimiter=delimiter))


def records(data: bytes, delimiter: str = ",") -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=delimiter))


def raw_records(data: bytes) -> list[bytes]:
    """The raw bytes of each CSV record of EVENTS-like data (a record may span lines)."""
    out, current, quotes = [], b"", 0
    for line in data.splitlines(keepends=True):
        current += line
        quotes += line.count(b'"')
        if quotes % 2 == 0:
            out.append(current)
            current, quotes = b"", 0
    if current:
        out.append(current)
    return out


def line_end(raw: bytes) -> bytes:
    for end in (b"\r\n", b"\n", b"\r"):
        if raw.endswith(end):
            return end
    return b""


@pytest.fixture()
def events(tmp_path) -> Path:
    f = tmp_path / "events.csv"
    f.write_bytes(EVENTS)
    return f


def test_original_cells_quoting_and_line_ends_are_kept_byte_for_byte(run_cli, events):
    proc = run_cli("lookup", "--column", "location", events)
    out = proc.stdout
    src_rows, out_rows = raw_records(EVENTS), raw_records(out)
    assert len(out_rows) == len(src_rows)
    for src, got in zip(src_rows, out_rows):
        end = line_end(src)
        body = src[: len(src) - len(end)]
        assert got.startswith(body + b","), (src, got)  # the row as read, then our cells
        assert line_end(got) == end  # CRLF stays CRLF, and no line end is added at the end
    assert out.startswith(b"\xef\xbb\xbf")  # the BOM stays
    assert b"\r\n" in out and not out.endswith(b"\n")


def test_quoted_cell_with_a_comma_is_one_name_and_resolves(run_cli, events):
    proc = run_cli("lookup", "--column", "location", events)
    rec = records(proc.stdout)[0]
    assert rec["location"] == "Hadrut, Khojavend district"
    assert rec["notes"] == 'shelling, "heavy"'  # the other columns read as before
    assert rec["location_id"] == "hadrut"
    assert rec["location_district"] == "Khojavend District"
    assert float(rec["location_lat"]) == pytest.approx(39.52, abs=0.05)


def test_header_gets_the_record_fields_prefixed_by_the_column_name(run_cli, events):
    proc = run_cli("lookup", "--column", "location", events)
    header = rows_of(proc.stdout)[0]
    assert header == ["event_id", "location", "notes", "fatalities"] + [f"location_{f}" for f in FIELDS]


def test_prefix_option_names_the_added_columns(run_cli, events):
    proc = run_cli("lookup", "--column", "location", "--prefix", "geo", events)
    assert rows_of(proc.stdout)[0][4:] == [f"geo_{f}" for f in FIELDS]


def test_column_by_one_based_index_is_the_same_as_by_name(run_cli, events):
    by_name = run_cli("lookup", "--column", "location", events)
    by_index = run_cli("lookup", "--column", "2", events)
    assert by_index.stdout == by_name.stdout
    assert by_index.returncode == by_name.returncode == 1


def test_rows_resolve_and_unresolved_rows_get_empty_cells(run_cli, events):
    proc = run_cli("lookup", "--column", "location", events)
    recs = records(proc.stdout)
    ids = [r["location_id"] for r in recs]
    assert ids[0] == "hadrut" and ids[1] == "fuzuli" and ids[4] == "shusha"
    assert ids[2] == ""  # Peter Gabriel: no place
    assert all(recs[2][f"location_{f}"] == "" for f in FIELDS)
    assert ids[3] == ""  # an empty cell is left alone
    assert recs[0]["location_needs_context"] in ("true", "false")
    assert recs[0]["location_method"] and float(recs[0]["location_score"]) > 50


def test_an_unresolved_row_exits_1_with_a_summary_on_stderr(run_cli, events):
    proc = run_cli("lookup", "--column", "location", events)
    assert proc.returncode == 1
    err = proc.stderr.decode("utf-8")
    assert "1 unresolved" in err and "resolved" in err and "ambiguous" in err
    assert "1 empty" in err and "'Peter Gabriel'" in err
    # the counts add up to the rows: resolved + ambiguous + unresolved + empty = 6
    import re

    m = re.search(r"(\d+) rows: (\d+) resolved, (\d+) ambiguous, (\d+) unresolved, (\d+) empty", err)
    assert m, err
    total, *parts = map(int, m.groups())
    assert total == 6 and sum(parts) == 6
    assert int(m.group(3)) >= 1  # Sofulu: three villages of that name in Azerbaijan


def test_all_rows_resolved_exits_0(run_cli, tmp_path):
    f = tmp_path / "ok.csv"
    f.write_text("place\nShusha\nAghdam\n", encoding="utf-8")
    proc = run_cli("lookup", "--column", "place", f)
    assert proc.returncode == 0, proc.stderr
    assert "0 unresolved" in proc.stderr.decode()


def test_lookup_options_apply_to_the_column(run_cli, tmp_path):
    f = tmp_path / "t.csv"
    f.write_text("place\nShusha\n", encoding="utf-8")
    ru = records(run_cli("lookup", "--column", "place", "--naming", "ru", f).stdout)[0]
    assert ru["place_id"] == "shusha" and ru["place_name"] == "Шуша"
    district = records(run_cli("lookup", "--column", "place", "--kind", "district", f).stdout)[0]
    assert district["place_id"].startswith("shusha_") and district["place_kind"] == "district"
    nowhere = run_cli("lookup", "--column", "place", "--country", "BR", f)
    assert nowhere.returncode == 1 and records(nowhere.stdout)[0]["place_id"] == ""


def test_no_header_takes_a_column_number_and_adds_no_header_row(run_cli, tmp_path):
    f = tmp_path / "bare.csv"
    f.write_bytes(b"1,Shusha\n2,Aghdam\n")
    proc = run_cli("lookup", "--column", "2", "--no-header", f)
    assert proc.returncode == 0, proc.stderr
    rows = rows_of(proc.stdout)
    assert [r[:3] for r in rows] == [["1", "Shusha", "shusha"], ["2", "Aghdam", "aghdam"]]
    refused = run_cli("lookup", "--column", "place", "--no-header", f)
    assert refused.returncode == 2 and b"column number" in refused.stderr


def test_unknown_column_is_a_usage_error_that_lists_the_header(run_cli, events):
    proc = run_cli("lookup", "--column", "town", events)
    assert proc.returncode == 2
    assert b"'location'" in proc.stderr and b"town" in proc.stderr
    assert proc.stdout == b""
    out_of_range = run_cli("lookup", "--column", "9", events)
    assert out_of_range.returncode == 2 and b"out of range" in out_of_range.stderr


def test_tsv_by_extension_keeps_tabs_and_appends_tab_separated_fields(run_cli, tmp_path):
    f = tmp_path / "events.tsv"
    f.write_bytes(b"id\tlocation\tnote\n1\tHadrut, Khojavend district\ta, b\n")
    proc = run_cli("lookup", "--column", "location", f)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.split(b"\n")
    assert lines[1].startswith(b"1\tHadrut, Khojavend district\ta, b\thadrut\tHadrut\t")
    assert lines[0].split(b"\t")[3] == b"location_id"


def test_stdin_with_a_delimiter_option(run_cli):
    proc = run_cli("lookup", "--column", "where", "--delimiter", ";", "-", input="n;where\n1;Aghdam\n")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode().splitlines()[1].startswith("1;Aghdam;aghdam;Aghdam;")
    tab = run_cli("lookup", "--column", "where", "--delimiter", "tab", input="n\twhere\n1\tAghdam\n")
    assert tab.stdout.decode().splitlines()[1].startswith("1\tAghdam\taghdam\t")


def test_a_cell_we_write_that_starts_like_a_formula_is_quoted_but_the_users_cells_are_not(run_cli, tmp_path):
    rows = list(GOOD_ROWS)
    rows[2] = "zorkavan,@Zorkavan,village,BR,,-12.50000,-45.25000,300,test:3,,,,,"
    table = write_table(tmp_path / "table", rows)
    f = tmp_path / "t.csv"
    f.write_bytes(b"place,formula\nZorkavan,=1+2\n")
    proc = run_cli("lookup", "--no-bundled", "--places", table, "--column", "place", f)
    assert proc.returncode == 0, proc.stderr
    rec = records(proc.stdout)[0]
    assert rec["formula"] == "=1+2"  # the table's own cell, untouched
    assert rec["place_name"] == "'@Zorkavan"
    assert rec["place_lat"] == "-12.5" and rec["place_lon"] == "-45.25"  # numbers stay numbers


def test_output_file_is_written_atomically_and_matches_stdout(run_cli, events, tmp_path):
    out = tmp_path / "out" / "resolved.csv"
    out.parent.mkdir()
    out.write_bytes(b"old content")
    proc = run_cli("lookup", "--column", "location", events, "-o", out)
    assert proc.returncode == 1  # Peter Gabriel
    assert out.read_bytes() == run_cli("lookup", "--column", "location", events).stdout
    assert proc.stdout == b""
    assert os.listdir(out.parent) == ["resolved.csv"]  # no temporary file left


def test_output_that_is_the_input_is_refused_before_writing(run_cli, events, tmp_path):
    proc = run_cli("lookup", "--column", "location", events, "-o", events)
    assert proc.returncode == 2 and b"input" in proc.stderr
    assert events.read_bytes() == EVENTS
    link = tmp_path / "link.csv"
    link.symlink_to(events)
    proc = run_cli("lookup", "--column", "location", events, "-o", link)
    assert proc.returncode == 2
    assert events.read_bytes() == EVENTS


def test_output_with_several_tables_is_refused(run_cli, events, tmp_path):
    proc = run_cli("lookup", "--column", "location", events, events, "-o", tmp_path / "x.csv")
    assert proc.returncode == 2 and not (tmp_path / "x.csv").exists()


def test_table_options_without_column_are_usage_errors(run_cli, tmp_path):
    proc = run_cli("lookup", "-o", tmp_path / "x.csv", "Shusha")
    assert proc.returncode == 2 and b"--column" in proc.stderr


def test_cp1251_table_keeps_its_bytes_and_resolves_cyrillic(run_cli, tmp_path):
    f = tmp_path / "ru.csv"
    data = "место;примечание\r\nШуша;обстрел\r\n".encode("cp1251")
    f.write_bytes(data)
    proc = run_cli("lookup", "--column", "1", "--delimiter", ";", "--encoding", "cp1251", f)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.split(b"\r\n")
    assert lines[1].startswith("Шуша;обстрел;shusha;".encode("cp1251"))
    assert lines[0].startswith("место;примечание;место_id".encode("cp1251"))


def test_utf16_table_with_bom_is_written_back_in_utf16(run_cli, tmp_path):
    f = tmp_path / "u16.csv"
    f.write_bytes("\ufeffplace,n\r\nAghdam,1\r\n".encode("utf-16-le"))
    proc = run_cli("lookup", "--column", "place", f)
    assert proc.returncode == 0, proc.stderr
    text = proc.stdout.decode("utf-16-le")
    assert text.startswith("\ufeffplace,n,place_id,")
    assert text.splitlines()[1].startswith("Aghdam,1,aghdam,")


def test_blank_lines_and_short_rows_are_kept(run_cli, tmp_path):
    f = tmp_path / "gaps.csv"
    f.write_bytes(b"a,place\n1,Aghdam\n\n2\n")
    proc = run_cli("lookup", "--column", "place", f)
    lines = proc.stdout.split(b"\n")
    assert lines[2] == b""  # the blank line, as it was
    assert lines[3].startswith(b"2,")  # a row without the column: empty, fields left empty
    assert lines[3] == b"2" + b"," * len(FIELDS)
    assert proc.returncode == 0


# ---------------------------------------------------------------- Excel workbooks
def _workbook(path: Path) -> Path:
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "events"
    ws.append(["date", "location", "fatalities"])
    ws.append(["2020-10-01", "Hadrut, Khojavend district", 3])
    ws.append(["2020-10-02", "Fizuli", 1])
    ws.append(["2020-10-03", "Peter Gabriel", 0])
    other = wb.create_sheet("other")
    other.append(["where"])
    other.append(["Shusha"])
    wb.active = 0
    wb.save(path)
    return path


def test_xlsx_round_trip_appends_fields_to_the_active_sheet(run_cli, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    src = _workbook(tmp_path / "events.xlsx")
    out = tmp_path / "resolved.xlsx"
    proc = run_cli("lookup", "--column", "location", src, "-o", out)
    assert proc.returncode == 1, proc.stderr  # Peter Gabriel
    assert b"1 unresolved" in proc.stderr
    wb = openpyxl.load_workbook(out)
    rows = list(wb["events"].values)
    assert rows[0] == ("date", "location", "fatalities", *(f"location_{f}" for f in FIELDS))
    assert rows[1][:3] == ("2020-10-01", "Hadrut, Khojavend district", 3)  # the original cells
    assert rows[1][3] == "hadrut" and isinstance(rows[1][7], float)  # lat is a number
    assert rows[1][11] is False  # needs_context is a boolean
    assert rows[3][3:] == (None,) * len(FIELDS)
    assert list(wb["other"].values) == [("where",), ("Shusha",)]  # other sheets untouched


def test_xlsx_sheet_option_picks_the_sheet(run_cli, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    src = _workbook(tmp_path / "events.xlsx")
    out = tmp_path / "other.xlsx"
    proc = run_cli("lookup", "--column", "where", "--sheet", "other", src, "-o", out)
    assert proc.returncode == 0, proc.stderr
    assert list(openpyxl.load_workbook(out)["other"].values)[1][:2] == ("Shusha", "shusha")
    missing = run_cli("lookup", "--column", "where", "--sheet", "nope", src, "-o", out)
    assert missing.returncode == 2 and b"'other'" in missing.stderr


def test_xlsx_needs_an_output_file_and_is_never_written_over_itself(run_cli, tmp_path):
    pytest.importorskip("openpyxl")
    src = _workbook(tmp_path / "events.xlsx")
    before = src.read_bytes()
    proc = run_cli("lookup", "--column", "location", src)
    assert proc.returncode == 2 and b"-o" in proc.stderr and proc.stdout == b""
    proc = run_cli("lookup", "--column", "location", src, "-o", src)
    assert proc.returncode == 2 and src.read_bytes() == before


def test_a_formula_like_name_goes_into_xlsx_as_text_not_a_formula(run_cli, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    rows = list(GOOD_ROWS)
    rows[2] = "zorkavan,=Zorkavan,village,BR,,-12.50000,-45.25000,300,test:3,,,,,"
    table = write_table(tmp_path / "table", rows)
    wb = openpyxl.Workbook()
    wb.active.append(["place"])
    wb.active.append(["Zorkavan"])
    wb.save(tmp_path / "in.xlsx")
    proc = run_cli(
        "lookup",
        "--no-bundled",
        "--places",
        table,
        "--column",
        "place",
        tmp_path / "in.xlsx",
        "-o",
        tmp_path / "o.xlsx",
    )
    assert proc.returncode == 0, proc.stderr
    cell = openpyxl.load_workbook(tmp_path / "o.xlsx").active["C2"]
    assert cell.value == "'=Zorkavan" and cell.data_type == "s"


def test_without_openpyxl_one_line_says_what_to_install(cli_env, gz, tmp_path):
    fake = tmp_path / "fake"
    (fake / "openpyxl").mkdir(parents=True)
    (fake / "openpyxl" / "__init__.py").write_text("raise ImportError('no openpyxl here')\n")
    src = tmp_path / "events.xlsx"
    src.write_bytes(b"PK not really a workbook")
    env = dict(cli_env)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(fake), env.get("PYTHONPATH", "")]))
    proc = subprocess.run(
        [sys.executable, "-m", "gazetteer", "lookup", "--column", "1", str(src), "-o", str(tmp_path / "o.xlsx")],
        capture_output=True,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert len(err.strip().splitlines()) == 1 and "pip install 'gazetteer[xlsx]'" in err
    assert not (tmp_path / "o.xlsx").exists()


def test_a_quote_never_closed_is_an_error_naming_the_line_and_writes_no_output(run_cli, tmp_path):
    f = tmp_path / "broken.csv"
    f.write_bytes(b'a,place\n1,"Shusha\n2,Aghdam\n')
    out = tmp_path / "out.csv"
    proc = run_cli("lookup", "--column", "place", f, "-o", out)
    assert proc.returncode == 2
    assert b"line 3" in proc.stderr and b"well-formed" in proc.stderr
    assert not out.exists()


def test_online_answers_the_names_the_table_cannot(run_cli, tmp_path):
    from .test_online import AGENT, SHUSHA, FakeNominatim

    fake = FakeNominatim()
    try:
        fake.places["qqzx column town"] = [dict(SHUSHA, name="Qqzx Column Town", osm_id=99)]
        f = tmp_path / "t.csv"
        f.write_text("place\nAghdam\nQqzx Column Town\n", encoding="utf-8")
        url = f"http://127.0.0.1:{fake.port}"
        proc = run_cli("lookup", "--column", "place", "--online", "--geocoder-url", url, "--user-agent", AGENT, f)
        assert proc.returncode == 0, proc.stderr
        recs = records(proc.stdout)
        assert recs[0]["place_id"] == "aghdam" and recs[0]["place_method"] != "online"
        assert recs[1]["place_id"] == "online:relation/99" and recs[1]["place_method"] == "online"
        assert fake.searches() == 1  # only the name the table could not resolve
    finally:
        fake.close()


def test_a_formula_in_the_column_is_looked_up_by_its_computed_value_and_kept(run_cli, tmp_path):
    import zipfile

    openpyxl = pytest.importorskip("openpyxl")
    plain = tmp_path / "plain.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["a", "place"])
    wb.active.append(["Shu", '=A2&"sha"'])
    wb.save(plain)
    # what a spreadsheet saves: the formula with the value it last computed
    src = tmp_path / "computed.xlsx"
    with zipfile.ZipFile(plain) as zin, zipfile.ZipFile(src, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b'<c r="B2"><f>', b'<c r="B2" t="str"><f>').replace(b"<v />", b"<v>Shusha</v>")
            zout.writestr(item, data)
    out = tmp_path / "out.xlsx"
    proc = run_cli("lookup", "--column", "place", src, "-o", out)
    assert proc.returncode == 0, proc.stderr
    ws = openpyxl.load_workbook(out).active
    assert ws["B2"].value == '=A2&"sha"'  # the formula stays a formula
    assert ws["C2"].value == "shusha"
