"""Write book/api.md from the packages' public names and their docstrings.

Run from the repository root: ``python .ci/make_api_page.py``. The page lists every name
of each package's ``__all__`` (tests/test_layers.py requires it), grouped as the layers
run. Each paper's section gives its entry points, then a map from each chapter to the
module that holds its tables and figures (the package's ``CHAPTERS``), then each of
those modules' names.
"""
import importlib
import pathlib

GROUPS = [
    ("Samplers and region typing", ["imbdiff", "imbdiff.regions", "imbdiff.over_sampling",
                                    "imbdiff.combine", "imbdiff.cluster", "imbdiff.diffusion"]),
    ("Datasets, metrics and statistics", ["imbdiff.datasets", "imbdiff.metrics", "imbdiff.stats"]),
    ("The study engine", ["imbdiff.experiments", "imbdiff.claims", "imbdiff.report",
                          "imbdiff.profiles", "imbdiff.paper"]),
    ("One package per paper", ["imbdiff.lreddpm", "imbdiff.isodf_enn", "imbdiff.beyond"]),
]
PAPERS = {"imbdiff.lreddpm", "imbdiff.isodf_enn", "imbdiff.beyond"}
#: Descriptions where a package docstring's first line says less than the page needs.
DESCRIPTIONS = {
    "imbdiff.experiments": "The experiment runner: cells read from the results store in "
                           "`book/results`, else the local cache, else computed; the method "
                           "registry and the splits.",
    "imbdiff.claims": "The claim rules and `check`: each claim a declared test, checked on "
                      "the paper's numbers and on ours; the readings and their verdicts.",
    "imbdiff.lreddpm": "LReDDPM (JAIR 2026): its grids, claims, readings and scorecard, and "
                       "one module per chapter with that chapter's tables and figures.",
    "imbdiff.isodf_enn": "ISODF-ENN (J. Intell. Fuzzy Syst. 2024): its grids, claims and "
                         "readings, and one module per chapter with that chapter's tables "
                         "and figures.",
    "imbdiff.beyond": "Both papers' methods side by side on one protocol, and what each "
                      "costs as the data grow: one module per chapter.",
}
#: Methods worth listing beside a class.
EXTRA = {"imbdiff.experiments": ["Results.wide", "Results.per_fold", "Results.errors"]}

INTRO = """# API reference

The public names of the `imbdiff` package in four groups: the samplers and region typing
a practitioner uses in an imbalanced-learn pipeline; the datasets, metrics and
statistics; the study engine (the runner and its results store, the claim rules and
`claims.check`, the report helpers); and one package per paper. Imports run in that
order only: the core imports nothing above it, the engine no paper
(`tests/test_layers.py`). Each name has the first line of its docstring; the full
numpydoc docstrings are in the source and in Python's `help()`.

A paper's package names its entry points (its claims, readings and grids) and one module
per chapter: every table and figure of chapter `notebooks/lreddpm/06_auc.md` comes from
`imbdiff.lreddpm.auc`. Each paper's section below maps its chapters to those modules.
Everything else is private.
"""


def first_line(text):
    return (text or "").strip().splitlines()[0] if (text or "").strip() else ""


def names_block(name, module, extra=()):
    """An autosummary of a module's public callables and a line naming its constants."""
    names = [n for n in getattr(module, "__all__", []) if n != "__version__"]
    values = {n: getattr(module, n) for n in names}
    functions = [n for n, v in values.items() if callable(v) and not hasattr(v, "__path__")
                 and type(v).__name__ != "module"]
    constants = [n for n, v in values.items() if not callable(v) and type(v).__name__ != "module"]
    lines = ["```{eval-rst}", f".. currentmodule:: {name}", "", ".. autosummary::",
             "   :nosignatures:", ""] + [f"   {n}" for n in functions + list(extra)] + ["```", ""]
    if constants:
        lines += ["Constants: " + ", ".join(f"`{c}`" for c in constants) + ".", ""]
    return lines


def label(module):
    """The page's target for a chapter module's section."""
    return "api-" + module.__name__.replace(".", "-").replace("_", "-")


def paper_section(name, package):
    paper = name.split(".")[1]
    lines = names_block(name, package)
    lines += ["| module | chapter |", "|---|---|"]
    for stem, module in package.CHAPTERS.items():
        short = module.__name__.partition(".")[2]
        lines.append(f"| {{ref}}`{short} <{label(module)}>` | {{doc}}`{paper}/{stem}` |")
    lines.append("")
    for stem, module in package.CHAPTERS.items():
        lines += [f"({label(module)})=", f"#### `{module.__name__}`", "",
                  f"Every table and figure of {{doc}}`{paper}/{stem}`.", ""]
        lines += names_block(module.__name__, module)
    return lines


def page():
    out = [INTRO]
    for title, names in GROUPS:
        out += [f"## {title}", ""]
        for name in names:
            module = importlib.import_module(name)
            out += [f"### `{name}`", "", DESCRIPTIONS.get(name, first_line(module.__doc__)), ""]
            if name in PAPERS:
                out += paper_section(name, module)
            else:
                out += names_block(name, module, EXTRA.get(name, ()))
    return "\n".join(out).rstrip() + "\n"


if __name__ == "__main__":
    pathlib.Path("book/api.md").write_text(page())
