#!/usr/bin/env python3
"""Fill the [%%expect{|...|}] blocks of tests/expect/NAME.ml with what real OCaml prints.

Each chunk (the phrases before a block) is fed to `ocaml -noinit -no-version -noprompt` in
one session, chunks separated by a phrase that prints a marker, and the block gets a newline
followed by the chunk's output, trailing spaces removed: the format of OCaml's expect tests.
Locations in OCaml's toplevel count lines from the phrase, in expect tests from the chunk:
so a chunk whose output shows a location must hold a single phrase. Chunks must not print
to stdout themselves. Run where OCaml is installed; commit what it writes.

Usage: tests/expect/regen.py NAME...   (NAME.ml in tests/expect)
"""
import os
import re
import subprocess
import sys

BLOCK = re.compile(r"\[%%expect\{\|.*?\|\}\](;;)?", re.S)
MARK = "%%CHUNK%%"


def regen(path):
    text = open(path).read()
    blocks = list(BLOCK.finditer(text))
    chunks, pos = [], 0
    for b in blocks:
        chunks.append(text[pos:b.start()])
        pos = b.end()
    session = ""
    for c in chunks:
        c = c.strip()
        if c and not c.endswith(";;"):
            c += ";;"
        session += c + '\nlet () = print_string "\\n' + MARK + '\\n";;\n'
    out = subprocess.run(["ocaml", "-noinit", "-no-version", "-noprompt"], input=session,
                         capture_output=True, text=True).stdout
    parts = out.split("\n" + MARK + "\n")[: len(chunks)]
    result, pos = "", 0
    for b, p in zip(blocks, parts):
        p = "\n".join(line.rstrip(" \t") for line in p.split("\n"))
        body = "\n" + p
        if not body.endswith("\n"):
            body += "\n"
        result += text[pos:b.start()] + "[%%expect{|" + body + "|}]" + (b.group(1) or "")
        pos = b.end()
    result += text[pos:]
    open(path, "w").write(result)


if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    for name in sys.argv[1:]:
        regen(os.path.join(here, name + ".ml"))
        print("regenerated expect/" + name)
