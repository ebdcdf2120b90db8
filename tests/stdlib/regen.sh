#!/bin/sh
# Regenerate the expected outputs of the Stdlib behaviour tests with the real OCaml toplevel
# (`ocaml FILE.ml`): each test.ml gets test.expected (stdout, then "exit N").
set -e
cd "$(dirname "$0")"
for t in *.ml; do
  base=${t%.ml}
  [ -n "$1" ] && [ "$1" != "$base" ] && continue
  set +e
  # A large stack limit lets the oracle run the deep-list tests that overflow its default stack.
  OCAMLRUNPARAM=l=1000M ocaml "$t" > "$base.expected" 2>/dev/null </dev/null
  code=$?
  set -e
  echo "exit $code" >> "$base.expected"
  echo "regenerated $base.expected"
done
