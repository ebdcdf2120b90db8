#!/bin/sh
# Run the Stdlib behaviour tests against THIS project's Stdlib, compiled by the real ocamlc
# (stdlib/check.sh), until ocaml-jit can compile it itself. Each test.ml is linked with
# -nostdlib against our stdlib.cma; its stdout and exit code must equal test.expected.
# Usage: tests/stdlib/run.sh [TEST_NAME...]
# Tests that ocaml-jit itself runs now live in tests/programs/stdlib_*.ml (corpus harness).
here=$(cd "$(dirname "$0")" && pwd)
build=${STDLIB_BUILD:-$here/../../stdlib/_build}
"$here/../../stdlib/check.sh" >/dev/null || { echo "stdlib does not type-check"; exit 1; }
# ocamlc looks for the bytecode launcher header in its load path.
cp /usr/lib/ocaml/camlheader "$build/" 2>/dev/null
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# A test NAME.ml may come with NAME_*.mly / NAME_*.mll: they are turned into OCaml by
# ocamlyacc / ocamllex (into directory $1) and compiled before it. Prints the sources in order.
generated_sources() {
  for y in "${base}"_*.mly; do
    [ -f "$y" ] || continue
    ocamlyacc -b "$1/${y%.mly}" "$y" && printf '%s ' "$1/${y%.mly}.mli" "$1/${y%.mly}.ml"
  done
  for l in "${base}"_*.mll; do
    [ -f "$l" ] || continue
    ocamllex -q -o "$1/${l%.mll}.ml" "$l" && printf '%s ' "$1/${l%.mll}.ml"
  done
}
pass=0; fail=0; failed=""
cd "$here"
for t in *.ml; do
  base=${t%.ml}
  if [ $# -gt 0 ]; then
    case " $* " in *" $base "*) ;; *) continue ;; esac
  fi
  cp "$t" "$out/$t"
  extra=$(generated_sources "$out")
  if ! ocamlc -nostdlib -I "$build" -I "$out" -w -a "$build/stdlib.cma" $extra "$out/$t" -o "$out/$base.byte" 2>"$out/$base.err"; then
    fail=$((fail + 1)); failed="$failed $base(compile)"; cat "$out/$base.err"; continue
  fi
  ocamlrun "$out/$base.byte" > "$out/$base.out" 2>/dev/null </dev/null
  echo "exit $?" >> "$out/$base.out"
  if cmp -s "$out/$base.out" "$base.expected"; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1)); failed="$failed $base"
    diff "$base.expected" "$out/$base.out" | head -20
  fi
done
echo "stdlib tests: $pass passed, $fail failed$failed"
[ $fail -eq 0 ]
