#!/bin/sh
# Run the Stdlib behaviour tests against THIS project's Stdlib, compiled by the real ocamlc
# (stdlib/check.sh), until ocaml-jit can compile it itself. Each test.ml is linked with
# -nostdlib against our stdlib.cma; its stdout and exit code must equal test.expected.
# Usage: tests/stdlib/run.sh [TEST_NAME...]
here=$(cd "$(dirname "$0")" && pwd)
build=${STDLIB_BUILD:-$here/../../stdlib/_build}
"$here/../../stdlib/check.sh" >/dev/null || { echo "stdlib does not type-check"; exit 1; }
# ocamlc looks for the bytecode launcher header in its load path.
cp /usr/lib/ocaml/camlheader "$build/" 2>/dev/null
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
pass=0; fail=0; failed=""
cd "$here"
for t in *.ml; do
  base=${t%.ml}
  if [ $# -gt 0 ]; then
    case " $* " in *" $base "*) ;; *) continue ;; esac
  fi
  cp "$t" "$out/$t"
  if ! ocamlc -nostdlib -I "$build" -w -a "$build/stdlib.cma" "$out/$t" -o "$out/$base.byte" 2>"$out/$base.err"; then
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
