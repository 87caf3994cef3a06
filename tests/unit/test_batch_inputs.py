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
