#!/usr/bin/env python3
"""Toplevel throughput: a generated script of N small phrases (lets, small functions, a list,
a string, a recursive function) run by ocaml-jit and by OCaml's bytecode toplevel `ocaml`, as a
script file (`ocaml-jit FILE`) and on stdin (`ocaml-jit < FILE`, every phrase's answer printed;
the two answers are also compared). Prints the best of N runs of each and the ratios.
Build first: cargo build --release.

usage: bench/phrases.py [--phrases 1000] [--runs 5]
"""
import argparse, os, shutil, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OCAML_JIT = os.environ.get('OCAML_JIT', os.path.join(ROOT, 'target', 'release', 'ocaml-jit'))


def script(n):
    shapes = [
        "let x{i} = {i} + 1;;",
        "let f{i} x = x * {i} + 1;;",
        "let s{i} = \"s\" ^ string_of_int {i};;",
        "let l{i} = List.map (fun y -> y + {i}) [1; 2; 3];;",
        "let rec g{i} n = if n = 0 then {i} else g{i} (n - 1);;",
        "type r{i} = {{ a{i} : int; b{i} : string }};;",
        "let v{i} = f{j} (x{k} * 2);;",
        "let p{i} = ({i}, \"p\", [| 1.5 |]);;",
    ]
    out = []
    for i in range(n):
        shape = shapes[i % len(shapes)]
        # `v` uses the f and x defined in the same block of 8 phrases.
        out.append(shape.format(i=i, j=i - 5, k=i - 6))
    return "\n".join(out) + "\n"


def best(cmd, runs, stdin_path=None):
    best_t, out = None, None
    for _ in range(runs):
        stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
        t0 = time.perf_counter()
        p = subprocess.run(cmd, stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        dt = time.perf_counter() - t0
        if stdin_path:
            stdin.close()
        if p.returncode != 0:
            sys.exit("%s failed:\n%s" % (" ".join(cmd), p.stderr.decode(errors="replace")[-500:]))
        best_t = dt if best_t is None else min(best_t, dt)
        out = p.stdout
    return best_t, out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--phrases", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    if not os.path.exists(OCAML_JIT):
        sys.exit("build first: cargo build --release")
    have_ocaml = shutil.which("ocaml") is not None
    tmp = tempfile.mkdtemp(prefix="ocaml-jit-phrases-")
    path = os.path.join(tmp, "phrases.ml")
    with open(path, "w") as f:
        f.write(script(args.phrases))
    print("%d phrases, best of %d runs" % (args.phrases, args.runs))
    print("%-22s %12s %12s %8s" % ("mode", "ocaml-jit s", "ocaml s", "ratio"))
    for mode in ("script file", "stdin, answers printed"):
        on_stdin = mode.startswith("stdin")
        jit_cmd = [OCAML_JIT, "-noinit"] + ([] if on_stdin else [path])
        oc_cmd = ["ocaml", "-noinit"] + ([] if on_stdin else [path])
        tj, out_j = best(jit_cmd, args.runs, path if on_stdin else None)
        if have_ocaml:
            to, out_o = best(oc_cmd, args.runs, path if on_stdin else None)
            same = "" if out_j == out_o else "  (outputs differ!)"
            print("%-22s %12.3f %12.3f %7.1fx%s" % (mode, tj, to, to / tj, same))
        else:
            print("%-22s %12.3f %12s" % (mode, tj, "-"))
    shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
