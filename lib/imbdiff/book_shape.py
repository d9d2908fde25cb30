"""What the chapters are made of: prose against code, hidden code, plumbing, cell sizes.

A chapter teaches when it reads as prose first and its visible code is the subject
(a sampler fit, region typing, the guidance, the claim), with every finished table or
figure coming from one call into the paper's package. :func:`chapter_shapes` measures
that on the jupytext sources; ``imbdiff book shape`` prints it, and
``tests/test_chapter_shape.py`` holds the chapters to the book's style: no table styled
or captioned in a chapter, no function defined there, no cell over
:data:`MAX_CELL_LINES` lines, code at most :data:`MAX_CODE_SHARE` of a chapter's
characters and hidden code at most :data:`MAX_HIDDEN_SHARE` of all chapter code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

__all__ = ["MAX_CELL_LINES", "MAX_CODE_SHARE", "MAX_HIDDEN_SHARE", "ChapterShape", "chapter_shape",
           "chapter_shapes", "shape_totals"]

#: The longest code cell a chapter keeps, in lines (its options excluded).
MAX_CELL_LINES = 20
#: The largest share of a chapter's characters that is code (over all chapters).
MAX_CODE_SHARE = 0.40
#: The largest share of all chapter code that is hidden (over all chapters).
MAX_HIDDEN_SHARE = 0.15
#: Table plumbing a chapter leaves to its paper's package.
PLUMBING = re.compile(r"\.style\b|\bset_caption\(")

_CELL = re.compile(r"^```\{code-cell\}[^\n]*\n(.*?)^```[ \t]*$", re.M | re.S)
_OPTIONS = re.compile(r"\A(?:---\n.*?\n---\n|(?::[^\n]*\n)+)", re.S)
_HIDDEN = ("hide-input", "remove-input", "hide-cell", "remove-cell")


@dataclass(frozen=True)
class ChapterShape:
    """The measures of one chapter's source.

    Attributes
    ----------
    chapter : str
        Its path under ``notebooks/`` without suffix (``"lreddpm/06_auc"``).
    prose, code, hidden : int
        Characters of Markdown, of code (every code cell, options excluded) and of
        code in cells whose input the book hides.
    cells, longest : int
        Code cells, and the lines of the longest one.
    plumbing : int
        ``.style`` and ``set_caption`` calls.
    functions : int
        Functions and classes defined in code cells.
    """

    chapter: str
    prose: int
    code: int
    hidden: int
    cells: int
    longest: int
    plumbing: int
    functions: int

    @property
    def code_share(self) -> float:
        total = self.prose + self.code
        return self.code / total if total else 0.0


def _front_matter_end(text: str) -> int:
    if not text.startswith("---\n"):
        return 0
    end = text.find("\n---\n", 4)
    return end + 5 if end >= 0 else 0


def chapter_shape(path, chapter: str | None = None) -> ChapterShape:
    """Measure one jupytext MyST source (:class:`ChapterShape`)."""
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    body = text[_front_matter_end(text):]
    code = hidden = cells = longest = plumbing = functions = 0
    for match in _CELL.finditer(body):
        cell = match.group(1)
        options = _OPTIONS.match(cell)
        source = (cell[options.end():] if options else cell).lstrip("\n")
        is_hidden = bool(options) and any(tag in options.group(0) for tag in _HIDDEN)
        cells += 1
        code += len(source)
        hidden += len(source) if is_hidden else 0
        longest = max(longest, len(source.rstrip("\n").splitlines()))
        plumbing += len(PLUMBING.findall(source))
        functions += len(re.findall(r"^\s*(?:def|class) \w+", source, re.M))
    prose = len(_CELL.sub("", body).strip())
    return ChapterShape(chapter or path.stem, prose, code, hidden, cells, longest, plumbing, functions)


def chapter_shapes(root=".") -> list[ChapterShape]:
    """:func:`chapter_shape` of every chapter under ``root/notebooks`` (front page included)."""
    source_dir = Path(root) / "notebooks"
    return [chapter_shape(p, p.relative_to(source_dir).with_suffix("").as_posix())
            for p in sorted(source_dir.rglob("*.md"))]


def shape_totals(shapes) -> dict:
    """Over all chapters: code share of the characters, hidden share of the code, and the
    counts of plumbing calls, functions defined and cells over :data:`MAX_CELL_LINES`."""
    prose = sum(s.prose for s in shapes)
    code = sum(s.code for s in shapes)
    hidden = sum(s.hidden for s in shapes)
    return {
        "chapters": len(shapes),
        "code_share": code / (prose + code) if prose + code else 0.0,
        "hidden_share": hidden / code if code else 0.0,
        "plumbing": sum(s.plumbing for s in shapes),
        "functions": sum(s.functions for s in shapes),
        "long_cells": sum(s.longest > MAX_CELL_LINES for s in shapes),
    }
