#!/usr/bin/env python3
"""Benchmarks: ocaml-jit (AOT executable and JIT script mode) side by side with ocamlopt and the
bytecode toplevel `ocaml`, where those are installed. Prints times (best of N runs) and ratios,
with the geometric mean. Build first: cargo build --release.

usage: bench/run.py [--runs N] [--no-bytecode] [--cpu] [program ...]
"""
import argparse, math, os, resource, shutil, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROGRAMS = os.path.join(ROOT, "bench", "programs")
OCAML_JIT = os.path.join(ROOT, "target", "release", "ocaml-jit")


CPU = False  # --cpu: user+system CPU time of the child instead of wall-clock time


def child_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def best_time(cmd, runs, cwd):
    best, out = None, None
    for _ in range(runs):
        t0, c0 = time.perf_counter(), child_cpu()
        p = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        dt = child_cpu() - c0 if CPU else time.perf_counter() - t0
        if p.returncode != 0:
            return None, p.stderr.decode(errors="replace")[-300:]
        best = dt if best is None else min(best, dt)
        out = p.stdout
    return best, out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-bytecode", action="store_true")
    ap.add_argument("--cpu", action="store_true", help="CPU time (less noisy on a loaded machine)")
    ap.add_argument("programs", nargs="*")
    args = ap.parse_args()
    global CPU
    CPU = args.cpu
    names = args.programs or sorted(f[:-3] for f in os.listdir(PROGRAMS) if f.endswith(".ml"))
    if not os.path.exists(OCAML_JIT):
        sys.exit("build first: cargo build --release")
    have_ocamlopt = shutil.which("ocamlopt") is not None
    have_ocaml = shutil.which("ocaml") is not None and not args.no_bytecode
    tmp = tempfile.mkdtemp(prefix="ocaml-jit-bench-")
    ratios_aot, ratios_jit = [], []
    print(f"{'program':18} {'ocamlopt':>9} {'aot':>9} {'jit':>9} {'ocaml':>9} {'aot/opt':>8} {'ocaml/jit':>9}")
    for name in names:
        src = os.path.join(PROGRAMS, name + ".ml")
        row = {}
        if have_ocamlopt:
            exe = os.path.join(tmp, name + ".opt")
            subprocess.run(["ocamlopt", src, "-o", exe], cwd=tmp,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if not os.path.exists(exe):
                subprocess.run(["ocamlopt", src, "-o", exe], cwd=tmp, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            row["opt"], expected = best_time([exe], args.runs, tmp)
        else:
            expected = None
        aot = os.path.join(tmp, name + ".jitaot")
        r = subprocess.run([OCAML_JIT, "-o", aot, src], cwd=tmp, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        row["aot"], out = best_time([aot], args.runs, tmp) if r.returncode == 0 else (None, r.stderr[-200:])
        row["jit"], out2 = best_time([OCAML_JIT, src], args.runs, tmp)
        if have_ocaml:
            row["ocaml"], _ = best_time(["ocaml", src], 1, tmp)
        for k, o in (("aot", out), ("jit", out2)):
            if row.get(k) is not None and expected is not None and o != expected:
                row[k] = None
                print(f"  {name}: {k} output differs from ocamlopt's", file=sys.stderr)
        fmt = lambda x: f"{x:9.3f}" if isinstance(x, float) else f"{'-':>9}"
        ra = row.get("aot") / row["opt"] if row.get("aot") and row.get("opt") else None
        rj = row.get("ocaml") / row["jit"] if row.get("ocaml") and row.get("jit") else None
        if ra:
            ratios_aot.append(ra)
        if rj:
            ratios_jit.append(rj)
        print(f"{name:18} {fmt(row.get('opt'))} {fmt(row.get('aot'))} {fmt(row.get('jit'))} {fmt(row.get('ocaml'))} "
              f"{(f'{ra:8.2f}' if ra else '       -')} {(f'{rj:9.1f}' if rj else '        -')}")
    geo = lambda xs: math.exp(sum(map(math.log, xs)) / len(xs)) if xs else float("nan")
    print(f"geometric mean: AOT / ocamlopt = {geo(ratios_aot):.2f} (target <= 1.5); "
          f"ocaml bytecode / JIT script = {geo(ratios_jit):.1f} (target >= 5)")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
