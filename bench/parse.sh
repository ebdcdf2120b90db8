#!/bin/sh
# Parse throughput: ocaml-jit's front end vs `ocamlc -stop-after parsing`, over every
# .ml/.mli under /usr/lib/ocaml. Builds ocaml-jit in release mode first.
# Both tools are run once per file (process start-up included for both), and also
# ocaml-jit on all files in one process to show the parser's own speed.
set -e
cd "$(dirname "$0")/.."
cargo build --release -p ocaml-jit >/dev/null 2>&1
BIN=target/release/ocaml-jit
FILES=$(find /usr/lib/ocaml -name '*.ml' -o -name '*.mli' | sort)
N=$(echo "$FILES" | wc -l)
BYTES=$(cat $FILES | wc -c)
now() { date +%s.%N; }

t0=$(now)
for f in $FILES; do ocamlc -stop-after parsing -o /dev/null "$f" >/dev/null 2>&1 || true; done
t1=$(now)
for f in $FILES; do $BIN -stop-after parsing "$f" >/dev/null 2>&1; done
t2=$(now)
$BIN -stop-after parsing $FILES >/dev/null 2>&1
t3=$(now)

awk -v n="$N" -v b="$BYTES" -v a="$t0" -v c="$t1" -v d="$t2" -v e="$t3" 'BEGIN {
  oc = c - a; oj = d - c; one = e - d;
  printf "files: %d, %.1f MB\n", n, b / 1e6;
  printf "ocamlc -stop-after parsing (one process per file): %.2f s  (%.1f MB/s)\n", oc, b / 1e6 / oc;
  printf "ocaml-jit  -stop-after parsing (one process per file): %.2f s  (%.1f MB/s)\n", oj, b / 1e6 / oj;
  printf "ocaml-jit  -stop-after parsing (all files, one process): %.2f s  (%.1f MB/s)\n", one, b / 1e6 / one;
  printf "speed-up, per-file processes: %.1fx\n", oc / oj;
}'
