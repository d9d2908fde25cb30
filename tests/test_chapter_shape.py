"""The chapters read as prose first, and their visible code is the subject they teach.

Every finished table or figure comes from one call into the paper's package, so a
chapter styles and captions no table, defines no function, and keeps each cell short;
over all chapters, code is at most 40 % of the characters and hidden code at most 15 %
of the code (:mod:`imbdiff.book_shape`).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from imbdiff.book_shape import (
    MAX_CELL_LINES, MAX_CODE_SHARE, MAX_HIDDEN_SHARE, chapter_shape, chapter_shapes, shape_totals,
)

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = [s.chapter for s in chapter_shapes(ROOT)]
SOURCE = '''---
jupytext:
  text_representation:
    format_name: myst
---

# A chapter

Some prose here.

```{code-cell} ipython3
:tags: [parameters]

profile = "smoke"
```

```{code-cell} ipython3
:tags: [hide-input]

table.style.format("{:.1f}").set_caption("x")
def helper():
    return 1
```

More prose.
'''


def test_chapter_shape_measures_a_hand_written_source(tmp_path):
    path = tmp_path / "chapter.md"
    path.write_text(SOURCE)
    shape = chapter_shape(path)
    hidden = 'table.style.format("{:.1f}").set_caption("x")\ndef helper():\n    return 1\n'
    assert (shape.cells, shape.longest) == (2, 3)
    assert shape.code == len('profile = "smoke"\n') + len(hidden)
    assert shape.hidden == len(hidden)
    assert (shape.plumbing, shape.functions) == (2, 1)
    assert shape.prose == len("# A chapter\n\nSome prose here.\n\n\n\n\n\nMore prose.")
    assert shape.code_share == pytest.approx(shape.code / (shape.code + shape.prose))


def test_every_chapter_is_measured():
    assert len(CHAPTERS) == 27


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_a_chapter_leaves_table_plumbing_to_its_papers_package(chapter):
    shape = chapter_shape(ROOT / "notebooks" / f"{chapter}.md", chapter)
    assert shape.plumbing == 0, f"{shape.plumbing} .style / set_caption calls"
    assert shape.functions == 0, "a function or class defined in the chapter"
    assert shape.longest <= MAX_CELL_LINES, f"a cell of {shape.longest} lines"


def test_over_all_chapters_code_and_hidden_code_stay_within_the_books_targets():
    totals = shape_totals(chapter_shapes(ROOT))
    assert totals["code_share"] <= MAX_CODE_SHARE, totals
    assert totals["hidden_share"] <= MAX_HIDDEN_SHARE, totals
