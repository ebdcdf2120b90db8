#!/usr/bin/env python3
"""Print the declarations of an OCaml .mli without its comments (names and types only).

Used to start this project's interfaces from the installed OCaml's documented API; the
comments (OCaml's documentation text) are dropped, blank-line runs collapsed."""
import re
import sys


def strip_comments(src):
    out = []
    i, n, depth = 0, len(src), 0
    while i < n:
        c = src[i]
        if src.startswith("(*", i) and not src.startswith("(*)", i):
            depth += 1
            i += 2
            continue
        if depth > 0:
            if src.startswith("*)", i):
                depth -= 1
                i += 2
                continue
            if c == '"':
                j = i + 1
                while j < n and src[j] != '"':
                    j += 2 if src[j] == "\\" else 1
                i = j + 1
                continue
            i += 1
            continue
        if c == '"':
            j = i + 1
            while j < n and src[j] != '"':
                j += 2 if src[j] == "\\" else 1
            out.append(src[i:j + 1])
            i = j + 1
            continue
        m = re.match(r"'(\\.[^']*|[^\\'])'", src[i:])
        if m and (i == 0 or not (src[i - 1].isalnum() or src[i - 1] == "_")):
            out.append(m.group(0))
            i += len(m.group(0))
            continue
        out.append(c)
        i += 1
    return "".join(out)


def main():
    text = strip_comments(open(sys.argv[1]).read())
    lines = [l.rstrip() for l in text.split("\n")]
    result, blank = [], False
    for l in lines:
        if l == "":
            if not blank and result:
                result.append("")
            blank = True
        else:
            result.append(l)
            blank = False
    print("\n".join(result).strip())


main()
