"""The stories of ``synoptic batch``: folders and JSON Lines, bad ones reported, not fatal."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.corpus import make_folder, write_jsonl
from tui.batch.inputs import BadStory, SourceSpec, StorySpec, count_stories, read_stories
from tui.batch.tables import part_key
from tui.errors import InputError


def test_a_folder_of_story_folders(tmp_path: Path) -> None:
    root = make_folder(tmp_path / "in", 2)
    (root / ".hidden").mkdir()
    (root / "README.txt").write_text("not a story")
    (root / "story-000" / ".DS_Store").write_text("x")
    (root / "empty").mkdir()
    items = list(read_stories(root))
    assert [item.id for item in items] == ["empty", "story-000", "story-001"]
    assert isinstance(items[0], BadStory) and "no source files" in items[0].problem
    story = items[1]
    assert isinstance(story, StorySpec)
    assert [source.name for source in story.sources] == ["alpha", "beta", "gamma"]
    assert story.sources[0].path == str(root / "story-000" / "alpha.txt")
    assert count_stories(root) == 3


def test_two_files_with_one_stem_keep_their_whole_names(tmp_path: Path) -> None:
    story = tmp_path / "in" / "s"
    story.mkdir(parents=True)
    for name in ("fox.html", "fox.txt", "nyt.txt"):
        (story / name).write_text("Text.")
    (item,) = read_stories(tmp_path / "in")
    assert isinstance(item, StorySpec)
    assert [source.name for source in item.sources] == ["fox.html", "fox.txt", "nyt"]


def test_the_output_folder_inside_the_input_is_not_a_story(tmp_path: Path) -> None:
    root = make_folder(tmp_path / "in", 1)
    (root / "out").mkdir()
    assert [item.id for item in read_stories(root, exclude=root / "out")] == ["story-000"]


def test_json_lines_every_kind_of_source_and_every_kind_of_mistake(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "stories.jsonl",
        [
            {
                "id": "a",
                "sources": [
                    {"name": "fox", "path": "texts/fox.txt"},
                    {"name": "nyt", "text": "Some text."},
                    {"name": "web", "url": "http://127.0.0.1:9/story"},
                ],
            },
            "{not json",
            "",
            {"id": "", "sources": []},
            {"id": "b", "sources": [{"name": "x", "path": "p", "text": "t"}]},
            {"id": "c", "sources": [{"name": "x", "url": "ftp://host/x"}]},
            {"id": "d", "sources": [{"name": "x", "text": "A."}, {"name": "x", "text": "B."}]},
            {"id": "a", "sources": [{"name": "x", "text": "again"}]},
            [1, 2],
        ],
    )
    items = list(read_stories(path))
    first = items[0]
    assert first == StorySpec(
        "a",
        (
            SourceSpec("fox", path=str(tmp_path / "texts" / "fox.txt")),
            SourceSpec("nyt", text="Some text."),
            SourceSpec("web", url="http://127.0.0.1:9/story"),
        ),
    )
    bad = [(item.id, item.problem) for item in items[1:]]
    assert all(isinstance(item, BadStory) for item in items[1:])
    assert bad[0][0] == "line 2" and "is not JSON" in bad[0][1]
    assert bad[1] == ("line 4", 'has no "id" (a non-empty string)')
    assert bad[2][0] == "b" and "exactly one of" in bad[2][1]
    assert bad[3][0] == "c" and "not an http(s) URL" in bad[3][1]
    assert bad[4] == ("d", "two sources have the same name")
    assert bad[5] == ("a", "line 8 repeats a story id given before")
    assert bad[6] == ("line 9", "is not a JSON object")
    assert count_stories(path) == 8


def test_a_missing_input_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such folder or JSON Lines file"):
        read_stories(tmp_path / "nothing")


def test_part_names_are_safe_and_distinct() -> None:
    keys = {part_key(story) for story in ("a/b", "a_b", "../x", "", "é" * 200)}
    assert len(keys) == 5
    assert all("/" not in key and not key.startswith(".") and len(key) < 100 for key in keys)


def test_the_output_folder_inside_the_input_is_not_counted_either(tmp_path: Path) -> None:
    """Issue 30, case 16: the progress total counted OUTDIR as a story."""
    root = make_folder(tmp_path / "in", 2)
    (root / "out").mkdir()
    assert count_stories(root, exclude=root / "out") == 2


def test_json_lines_that_cannot_be_read_are_named_by_their_line(tmp_path: Path) -> None:
    """Issue 30, case 8: a deep nesting or a 5,000-digit number stopped the run
    (RecursionError, UnboundLocalError) or was blamed on the story before."""
    good = (
        '{"id": "good", "sources": [{"name": "a", "text": "One."}, {"name": "b", "text": "Two."}]}'
    )
    path = tmp_path / "stories.jsonl"
    lines = [
        '{"id": ' + "9" * 5000 + "}",
        good,
        "[" * 100_000 + "]" * 100_000,
        '{"id": "late", "n": ' + "9" * 5000 + "}",
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_stories(path))
    assert [item.id for item in items] == ["line 1", "good", "line 3", "line 4"]
    assert all(isinstance(items[n], BadStory) for n in (0, 2, 3))
    assert "number too long" in items[0].problem and "nested" in items[2].problem


def test_names_that_are_not_valid_unicode_make_a_bad_story_not_a_stop(tmp_path: Path) -> None:
    """Issue 30, case 7: a lone surrogate in an id, a source name or a path, or
    a folder or file name that is not UTF-8, stopped every run while writing."""
    import os

    path = tmp_path / "stories.jsonl"
    path.write_text(
        '{"id": "b\\ud800", "sources": [{"name": "a", "text": "x"}, {"name": "b", "text": "y"}]}\n'
        '{"id": "n", "sources": [{"name": "a\\ud800", "text": "x"}, {"name": "b", "text": "y"}]}\n'
        '{"id": "p", "sources": [{"name": "a", "path": "x\\ud800"}, {"name": "b", "text": "y"}]}\n',
        encoding="utf-8",
    )
    items = list(read_stories(path))
    assert all(isinstance(item, BadStory) for item in items)
    assert [item.id for item in items] == ["b\ufffd", "n", "p"]
    for item in items:
        item.id.encode("utf-8")  # what is written and said is valid Unicode
    root = tmp_path / "in"
    os.makedirs(os.fsencode(root) + b"/caf\xe9")
    os.makedirs(os.fsencode(root) + b"/files")
    for folder in (b"/caf\xe9/", b"/files/"):
        (Path(os.fsdecode(os.fsencode(root) + folder + b"a.txt"))).write_text("One.")
    Path(os.fsdecode(os.fsencode(root) + b"/files/n\xffws.txt")).write_text("Two.")
    folders = list(read_stories(root))
    assert [type(item) for item in folders] == [BadStory, BadStory]
    assert folders[0].id == "caf\ufffd" and "not valid UTF-8" in folders[0].problem
    assert "n\ufffdws.txt" in folders[1].problem


def test_inline_text_with_nul_or_a_lone_surrogate_is_a_failed_story() -> None:
    """Issue 30, case 6: inline text with NULs was decoded as UTF-16 ('扡c敤f')."""
    from tui.batch.story import StoryFailure, process_story

    for text, said in (("abc\x00def ghi jkl", "NUL"), ("The bridge \ud800 reopened.", "surrogate")):
        story = StorySpec("s", (SourceSpec("a", text=text), SourceSpec("b", text="abc def")))
        result = process_story(story, 50.0)
        assert isinstance(result, StoryFailure) and said in result.problem, result


def test_workers_are_capped_by_the_cores_and_the_memory() -> None:
    """Issue 30, case 12: --workers 10000 started a process per story."""
    from tui.batch.command import capped_workers, default_workers

    workers, note = capped_workers(10_000)
    assert 1 <= workers <= 2 * default_workers() and note.startswith("--workers 10000: using")
    assert capped_workers(1) == (1, "")


def test_a_json_line_path_stays_under_its_folder_unless_allowed(tmp_path: Path) -> None:
    """Issue 30, case 17: `../x` or an absolute path put any readable file into
    the sentences table."""
    corpus = tmp_path / "corpus"
    (corpus / "texts").mkdir(parents=True)
    secret = tmp_path / "secret.txt"
    secret.write_text("Private.")
    (corpus / "texts" / "link.txt").symlink_to(secret)
    paths = ["texts/fine.txt", "../secret.txt", str(secret), "texts/link.txt"]
    path = write_jsonl(
        corpus / "stories.jsonl",
        [
            {"id": f"s{n}", "sources": [{"name": "a", "path": p}, {"name": "b", "text": "B."}]}
            for n, p in enumerate(paths)
        ],
    )
    items = list(read_stories(path))
    assert isinstance(items[0], StorySpec)
    for item in items[1:]:
        assert isinstance(item, BadStory) and "--allow-paths" in item.problem, item
    assert all(isinstance(item, StorySpec) for item in read_stories(path, allow_paths=True))
