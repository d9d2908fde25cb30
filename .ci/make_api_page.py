"""Write book/api.md from the packages' public names and their docstrings.

Run from the repository root: ``python .ci/make_api_page.py``. The page lists every
name of each package's ``__all__`` (tests/test_layers.py requires it), grouped as the
layers run, with each paper package's chapter -> module table taken from its docstring.
"""
import importlib, re, pathlib
old = pathlib.Path("book/api.md").read_text()
# keep each old section's description line(s)
desc = {}
for m in re.finditer(r"^## `([\w.]+)`\n\n(.*?)\n\n```", old, re.M | re.S):
    desc[m.group(1)] = m.group(2).strip()
desc["imbdiff.experiments"] = ("The experiment runner: cells read from the results store in `book/results`, "
                               "else the local cache, else computed; the method registry and the splits.")
desc["imbdiff.claims"] = ("The claim rules and `check`: each claim a declared test, checked on the paper's "
                          "numbers and on ours; the readings and their verdicts.")
desc["imbdiff.lreddpm"] = ("LReDDPM (JAIR 2026): its grids, claims, readings, scorecard, tables and figures.")
desc["imbdiff.isodf_enn"] = ("ISODF-ENN (J. Intell. Fuzzy Syst. 2024): its grids, claims, readings, tables "
                             "and figures.")
desc["imbdiff.beyond"] = ("Both papers' methods side by side on one protocol, and what each costs as the "
                          "data grow.")
extra = {"imbdiff.experiments": ["Results.wide", "Results.per_fold", "Results.errors"]}
def chapter_map(doc):
    """The package docstring's chapter -> module table, as (chapter, module) rows."""
    lines = doc.splitlines()
    rulers = [i for i, line in enumerate(lines) if line.startswith("=====")]
    if len(rulers) < 3:
        return []
    width = lines[rulers[0]].index(" ") + 2
    rows = []
    for line in lines[rulers[1] + 1:rulers[2]]:
        chapter, module = line[:width].strip(), line[width:].strip()
        if chapter:
            rows.append([chapter, module])
        elif rows:
            rows[-1][1] += " " + module
    return [(c.replace("``", "`"), m.replace("``", "`")) for c, m in rows]


GROUPS = [
 ("Samplers and region typing", ["imbdiff", "imbdiff.regions", "imbdiff.over_sampling", "imbdiff.combine",
                                 "imbdiff.cluster", "imbdiff.diffusion"]),
 ("Datasets, metrics and statistics", ["imbdiff.datasets", "imbdiff.metrics", "imbdiff.stats"]),
 ("The study engine", ["imbdiff.experiments", "imbdiff.claims", "imbdiff.report", "imbdiff.profiles",
                       "imbdiff.paper"]),
 ("One package per paper", ["imbdiff.lreddpm", "imbdiff.isodf_enn", "imbdiff.beyond"]),
]
out = ["# API reference", "",
 "The public names of the `imbdiff` package in four groups: the samplers and region typing",
 "a practitioner uses in an imbalanced-learn pipeline; the datasets, metrics and",
 "statistics; the study engine (the runner and its results store, the claim rules and",
 "`claims.check`, the report helpers); and one package per paper, which holds that",
 "paper's grids, claims, readings, tables and figures. Imports run in that order only:",
 "the core imports nothing above it, the engine no paper (`tests/test_layers.py`).",
 "Each name has the first line of its docstring; the full numpydoc docstrings are in",
 "the source and in Python's `help()`.", "",
 "From a chapter to the code behind its tables: each paper's section below maps its",
 "chapters to the module of `lib/imbdiff/<paper>/` that builds them.", ""]
for title, modules in GROUPS:
    out += [f"## {title}", ""]
    for name in modules:
        module = importlib.import_module(name)
        names = list(getattr(module, "__all__", []))
        functions = [n for n in names if callable(getattr(module, n)) and n != "__version__"]
        constants = [n for n in names if not callable(getattr(module, n)) and n != "__version__"]
        out += [f"### `{name}`", "", desc.get(name, (module.__doc__ or "").strip().splitlines()[0]), ""]
        rows = chapter_map(module.__doc__ or "") if name.count(".") == 1 and name.split(".")[1] in ("lreddpm", "isodf_enn", "beyond") else []
        if rows:
            out += ["| chapter | module |", "|---|---|"] + [f"| {c} | {m} |" for c, m in rows] + [""]
        out += ["```{eval-rst}", f".. currentmodule:: {name}", "", ".. autosummary::", "   :nosignatures:", ""]
        out += [f"   {n}" for n in functions + extra.get(name, [])]
        out += ["```", ""]
        if constants:
            out += ["Constants: " + ", ".join(f"`{c}`" for c in constants) + ".", ""]
pathlib.Path("book/api.md").write_text("\n".join(out).rstrip() + "\n")
