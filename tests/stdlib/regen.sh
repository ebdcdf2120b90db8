#!/bin/sh
# Regenerate the expected outputs of the Stdlib behaviour tests with the real OCaml: each
# test.ml is compiled by the real ocamlc against OCaml's own Stdlib and run, and test.expected
# gets its stdout followed by "exit N". (Compiled rather than run by the `ocaml` toplevel so that
# exception names carry the module path, as in run.sh.)
# Usage: tests/stdlib/regen.sh [TEST_NAME]
set -e
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for t in *.ml; do
  base=${t%.ml}
  [ -n "$1" ] && [ "$1" != "$base" ] && continue
  cp "$t" "$tmp/$t"
  ocamlc -w -a "$tmp/$t" -o "$tmp/$base.byte"
  set +e
  # A large stack limit lets the oracle run the deep-list tests that overflow its default stack.
  OCAMLRUNPARAM=l=1000M ocamlrun "$tmp/$base.byte" > "$base.expected" 2>/dev/null </dev/null
  code=$?
  set -e
  echo "exit $code" >> "$base.expected"
  echo "regenerated $base.expected"
done
