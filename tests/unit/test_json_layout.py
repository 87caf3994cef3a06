"""The JSON export's text: what ``json.dumps`` of the contract means, a record a line.

Issue 10, case 9: ``json.dumps(indent=1)`` of two million sentences took 40 s;
the export is now written in chunks. These tests hold it to the contract.
"""

from __future__ import annotations

import json
import math
from operator import itemgetter

import pytest

from tui.export import json_layout
from tui.export.formats import to_dict, to_json
from tui.export.json_layout import Records, dumps
from tui.model import Alignment, Comparison, Document, Link, Sentence


def test_the_export_means_what_the_contract_says(news: Comparison) -> None:
    text = to_json(news)
    assert json.loads(text) == to_dict(news)
    assert to_dict(news)["flags"], "the sample has disagreements: they are exported too"


def test_every_record_is_one_line_and_the_outside_is_indented(news: Comparison) -> None:
    lines = to_json(news).splitlines()
    first = news.documents[0].sentences[0]
    assert lines[:3] == ["{", ' "version": 1,', f' "threshold": {news.threshold!r},']
    opening = lines.index('   "sentences": [') + 1
    assert lines[opening].startswith(f'    {{"start": 0, "end": {first.end}, ')
    sentences = sum(len(document.sentences) for document in news.documents)
    links = len(news.alignment.links)
    assert sum('"paragraph": ' in line for line in lines) == sentences
    assert sum(line.startswith('  {"source_a": ') for line in lines) == links


def test_chunks_join_into_one_list(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(json_layout, "CHUNK", 3)
    items = list(range(10))
    text = dumps({"n": Records(items, lambda n: {"n": n, "odd": n % 2 == 1})})
    assert json.loads(text) == {"n": [{"n": n, "odd": n % 2 == 1} for n in items]}
    assert len(text.splitlines()) == 10 + 4
    fields = {"n": lambda n: n, "half": lambda n: n / 2, "name %s": lambda n: f'n{n}"%'}
    text = dumps([Records.of_fields(items, fields)])
    made = [{"n": n, "half": n / 2, "name %s": f'n{n}"%'} for n in items]
    assert json.loads(text) == [made] == [list(Records.of_fields(items, fields))]
    assert len(text.splitlines()) == 10 + 4


@pytest.mark.parametrize(
    "value",
    [
        'a "quoted" %s %(x)s \\ back\x1b[31m\ttab\nnewline \u2028 é 👨\u200d👩',
        10**30,
        -1,
        2.5,
        math.inf,
        None,
        True,
        [1, [2, "x"]],
        {"nested": {"deep": [1]}},
    ],
)
def test_any_field_value_reads_back_the_same(value: object) -> None:
    records = [{"key %": value, "n": 1}, {"key %": value, "n": 2}]
    expected = json.dumps(records, ensure_ascii=False)
    text = dumps({"r": Records(records, lambda record: record), "empty": Records([], str)})
    assert json.loads(text) == {"r": json.loads(expected), "empty": []}


def test_records_of_other_kinds_and_mixed_keys() -> None:
    mixed = [{"a": 1}, {"b": 2}, [3, 4], "five", [True, 1]]
    text = dumps({"mixed": Records(mixed, lambda item: item), "pairs": Records([(0, 1)], list)})
    assert json.loads(text) == {"mixed": mixed, "pairs": [[0, 1]]}


def test_a_hand_built_comparison_exports_the_same_data() -> None:
    text = "One. Two."
    documents = [
        Document("a", None, text, "utf-8", "", [Sentence(0, 4, 0, "One.")], [], []),
        Document("b", None, text, "utf-8", "T", [Sentence(5, 9, 0, "Two.")], [], []),
    ]
    alignment = Alignment(links=[Link(0, 0, 1, 0, 80.0, manual=True)], groups=[], unique=[])
    comparison = Comparison(documents, alignment, 35.0)
    assert json.loads(to_json(comparison)) == to_dict(comparison)


@pytest.mark.parametrize(
    "column",
    [
        [0.0, -0.0],
        [-0.0, -0.0],
        [100.0, 100.0],
        [1, 1],
        [1, True],
        [True, True],
        [None, None],
        ["5%", "5%"],
        ["a", "b"],
        [2.5, 1],
        [math.nan, math.nan],
    ],
)
def test_each_line_is_what_json_dumps_writes(column: list[object]) -> None:
    """Byte for byte, with columns of one value written into the template."""
    records = [{"v%": value, "k": 7, "n": number} for number, value in enumerate(column)]
    fields = {key: itemgetter(key) for key in ("v%", "k", "n")}
    text = dumps({"r": Records.of_fields(records, fields)})
    lines = [line.strip().rstrip(",") for line in text.splitlines()[2 : 2 + len(records)]]
    assert lines == [json.dumps(record, ensure_ascii=False) for record in records]


def test_a_chunk_of_constant_columns_only() -> None:
    records = [{"score": 100.0, "manual": False}] * 3
    text = dumps({"r": Records(records, lambda record: record)})
    assert json.loads(text) == {"r": records}
    assert text.count('{"score": 100.0, "manual": false}') == 3
