#!/bin/sh
# Start-up latency of the toplevel: the time to answer one phrase on stdin, process start and
# exit included, for ocaml-jit (release build) and, when installed, OCaml's own toplevel.
# Uses hyperfine when present, else the mean of a timed loop. With `perf` installed, also prints
# the mean CPU time (task-clock), which a machine busy with other work disturbs less.
#   bench/latency.sh            build in release mode first, then measure
#   BIN=path bench/latency.sh   measure that binary
#   RUNS=50 bench/latency.sh    runs per measurement (default 20)
set -e
cd "$(dirname "$0")/.."
if [ -z "$BIN" ]; then
  cargo build --release -p ocaml-jit >/dev/null 2>&1
  BIN=target/release/ocaml-jit
fi
RUNS=${RUNS:-20}
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
printf '' > "$DIR/none.ml"
printf '1+1;;\n' > "$DIR/int.ml"
printf 'List.map succ [1;2];;\n' > "$DIR/list.ml"
printf 'Printf.printf "%%d\\n" 3;;\n' > "$DIR/printf.ml"

now() { date +%s%N; }

# mean_ms CMD...: mean wall time of RUNS runs of the command, in milliseconds.
mean_ms() {
  input=$1; shift
  t0=$(now)
  i=0
  while [ $i -lt "$RUNS" ]; do "$@" < "$input" > /dev/null 2>&1; i=$((i + 1)); done
  t1=$(now)
  echo $(( (t1 - t0) / RUNS / 1000000 ))
}

measure() {
  label=$1; input=$2; shift 2
  if command -v hyperfine > /dev/null 2>&1; then
    hyperfine -N --runs "$RUNS" --input "$input" --export-json "$DIR/h.json" "$*" > /dev/null 2>&1
    ms=$(python3 -c "import json;print(round(json.load(open('$DIR/h.json'))['results'][0]['mean']*1000,1))")
  else
    ms=$(mean_ms "$input" "$@")
  fi
  cpu=
  if command -v perf > /dev/null 2>&1; then
    cpu=$(perf stat -r "$RUNS" -e task-clock -x, sh -c 'exec "$0" "$@" < "'"$input"'" > /dev/null 2>&1' "$@" 2>&1 \
      | awk -F, '/task-clock/ { printf "%.1f", $1 }')
  fi
  printf '%-28s %-10s %8s ms %8s ms\n' "$label" "$(basename "$1")" "$ms" "${cpu:--}"
}

echo "phrase                       tool        wall mean   CPU mean"
for case in none int list printf; do
  phrase=$(cat "$DIR/$case.ml")
  [ -n "$phrase" ] || phrase="(no phrase)"
  measure "$phrase" "$DIR/$case.ml" "$BIN" -noinit
  if command -v ocaml > /dev/null 2>&1; then
    measure "$phrase" "$DIR/$case.ml" ocaml -noinit
  fi
done
