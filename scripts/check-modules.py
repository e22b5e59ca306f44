#!/usr/bin/env python3
"""Structure gates of `make test` (ARCHITECTURE.md, "Invariants"):

1. No import cycles between modules. For each crate the modules are the .rs files; an edge
   A -> B is a path `crate::…` or `super::…` in A that names module B or an item in it. Edges
   between a module and its own ancestors are left out (a parent re-exporting its children
   and children using their parent's items is how Rust modules are built). A cycle is
   reported between files, and between the crate's top-level parts (the first path segment,
   or the first two under `features`, `routes` and `shared`), so two folders cannot lean on
   each other through different files.
2. No source file over the line limit (data tables and generated code are listed below).
3. No API path spelled outside the SPA's REST client (`src/api/`).

Written by hand because no maintained cargo subcommand checks this without building the
whole rust-analyzer (cargo-modules does, at minutes of compile time per run on 2 cores).
"""
import os
import re
import sys

ROOT = os.environ.get("STRUCTURE_ROOT") or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CRATES = {
    "storefront": "src",
    "storefront-api-types": "crates/api-types/src",
    "storefront-server": "crates/server/src",
    "storefront-demo": "crates/demo/src",
    "storefront-tour-view": "crates/tour-view/src",
}
LINE_LIMIT = 520
# Data tables and generated text, exempt from the line limit (say why in the file itself).
LONG_OK = {
    "crates/demo/src/data.rs",  # the demo brand's names, prices and descriptions
}
# Test folders are held to the same limit.
TEST_DIRS = ["tests", "crates/api-types/tests", "crates/server/tests"]
GROUPED = {"features", "routes", "shared"}

PATH_RE = re.compile(r"\b(crate|super)((?:::\w+)+)")
USE_GROUP_RE = re.compile(r"\buse\s+(crate|super)((?:::\w+)*)::\{", re.S)


def module_files(src):
    mods = {}
    for dirpath, _, files in os.walk(src):
        for f in files:
            if not f.endswith(".rs"):
                continue
            rel = os.path.relpath(os.path.join(dirpath, f), src)
            parts = rel[:-3].split(os.sep)
            if parts[-1] in ("mod", "lib", "main"):
                parts = parts[:-1]
            mods[tuple(parts)] = os.path.join(dirpath, f)
    return mods


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    return "\n".join(line.split("//")[0] for line in text.splitlines())


def test_free(text):
    """The file without its `#[cfg(test)] mod tests { … }` block (tests may reach anywhere)."""
    m = re.search(r"#\[cfg\(test\)\]\s*(pub\s+)?mod\s+\w+\s*\{", text)
    return text[: m.start()] if m else text


def resolve(mods, here, kind, segs):
    if kind == "crate":
        base = ()
    else:
        base = here
        while segs and segs[0] == "super":
            segs = segs[1:]
            base = base[:-1]
        base = base[:-1] if kind == "super" else base
    full = base + tuple(segs)
    for n in range(len(full), 0, -1):
        if full[:n] in mods:
            return full[:n]
    return None


def group_of(mod):
    if not mod:
        return ()
    return mod[:2] if mod[0] in GROUPED and len(mod) > 1 else mod[:1]


def find_cycle(graph):
    WHITE, GREY, BLACK = 0, 1, 2
    colour = {n: WHITE for n in graph}
    stack = []

    def visit(n):
        colour[n] = GREY
        stack.append(n)
        for m in sorted(graph.get(n, ())):
            if colour.get(m, WHITE) == GREY:
                return stack[stack.index(m):] + [m]
            if colour.get(m, WHITE) == WHITE:
                found = visit(m)
                if found:
                    return found
        stack.pop()
        colour[n] = BLACK
        return None

    for n in sorted(graph):
        if colour[n] == WHITE:
            found = visit(n)
            if found:
                return found
    return None


def is_ancestor(a, b):
    return len(a) < len(b) and b[: len(a)] == a


def check_cycles(name, src):
    problems = []
    mods = module_files(src)
    files_graph = {m: set() for m in mods}
    groups_graph = {}
    for mod, path in mods.items():
        text = test_free(strip_comments(open(path, encoding="utf-8").read()))
        refs = [(k, [s for s in p.split("::") if s]) for k, p in PATH_RE.findall(text)]
        for k, p in USE_GROUP_RE.findall(text):
            refs.append((k, [s for s in p.split("::") if s]))
        for kind, segs in refs:
            target = resolve(mods, mod, kind, segs)
            if target is None or target == mod or is_ancestor(target, mod) or is_ancestor(mod, target):
                continue
            files_graph[mod].add(target)
            g1, g2 = group_of(mod), group_of(target)
            if g1 and g2 and g1 != g2 and not is_ancestor(g1, g2) and not is_ancestor(g2, g1):
                groups_graph.setdefault(g1, set()).add(g2)
                groups_graph.setdefault(g2, set())
    for label, graph in (("modules", files_graph), ("parts", groups_graph)):
        cycle = find_cycle(graph)
        if cycle:
            problems.append(f"{name}: import cycle between {label}: " + " -> ".join("::".join(m) or "crate" for m in cycle))
    return problems


def check_lengths():
    problems = []
    for src in list(CRATES.values()) + TEST_DIRS:
        for dirpath, _, files in os.walk(os.path.join(ROOT, src)):
            for f in files:
                if not f.endswith(".rs"):
                    continue
                path = os.path.join(dirpath, f)
                rel = os.path.relpath(path, ROOT)
                n = sum(1 for _ in open(path, encoding="utf-8"))
                if n > LINE_LIMIT and rel not in LONG_OK:
                    problems.append(f"{rel}: {n} lines (limit {LINE_LIMIT})")
    return problems


API_PATH_RE = re.compile(r'"/(?:api/)?(?:v1/)?(?:me|auth|coupons|products|stores|variants|search|categories|reservations|appointments|pos|staff|demo)(?:/|\?|")')


def check_api_paths():
    problems = []
    src = os.path.join(ROOT, "src")
    for dirpath, _, files in os.walk(src):
        for f in files:
            if not f.endswith(".rs"):
                continue
            path = os.path.join(dirpath, f)
            rel = os.path.relpath(path, ROOT)
            if rel.startswith(os.path.join("src", "api") + os.sep):
                continue
            # App routes (/stores, /search, …) are spelled in routes.rs and its tests: they are the
            # app's own URLs, which share some first segments with the API's.
            if "routes" in rel.split(os.sep)[1:2] or rel.startswith(os.path.join("src", "routes")):
                continue
            text = test_free(strip_comments(open(path, encoding="utf-8").read()))
            for m in API_PATH_RE.finditer(text):
                line = text[: m.start()].count("\n") + 1
                problems.append(f"{rel}:{line}: API path {m.group(0)} outside src/api/")
    return problems


def main():
    problems = []
    for name, src in CRATES.items():
        full = os.path.join(ROOT, src)
        if os.path.isdir(full):
            problems += check_cycles(name, full)
    problems += check_lengths()
    problems += check_api_paths()
    for p in problems:
        print(p)
    if problems:
        print(f"structure: {len(problems)} problem(s)")
        return 1
    print("structure: no import cycles, no file over the limit, no API path outside src/api/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
