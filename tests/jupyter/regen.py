#!/usr/bin/env python3
"""Runs the cells of cells.ml through real OCaml (`ocaml`, the oracle) as one session and
writes what the toplevel printed for each cell to cells.expected.json, which test_kernel.py
compares with what the kernel publishes. Usage: python3 tests/jupyter/regen.py"""
import json
import os
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
MARK = "<<<cell>>>"


def read_cells():
    """The cells of cells.ml: (code, send_without_final_semisemi)."""
    cells = []
    for chunk in open(os.path.join(HERE, "cells.ml"), encoding="utf-8").read().split("(* cell")[1:]:
        header, _, code = chunk.partition("*)\n")
        cells.append((code, "without its final ;;" in header))
    return cells


def main():
    cells = read_cells()
    session = "".join(code + 'print_string "%s";;\n' % MARK for code, _ in cells)
    out = subprocess.run(["ocaml", "-noprompt", "-no-version", "-color", "never"], input=session.encode(),
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, check=True).stdout
    texts = out.decode("utf-8", "replace").split(MARK + "- : unit = ()\n")
    assert len(texts) == len(cells) + 1, texts
    expected = [{"code": code, "no_semisemi": bare, "output": text} for (code, bare), text in zip(cells, texts)]
    with open(os.path.join(HERE, "cells.expected.json"), "w", encoding="utf-8") as f:
        json.dump(expected, f, indent=1, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
