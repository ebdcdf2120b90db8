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
for t in *.ml; do
  base=${t%.ml}
  [ -n "$1" ] && [ "$1" != "$base" ] && continue
  cp "$t" "$tmp/$t"
  extra=$(generated_sources "$tmp")
  ocamlc -w -a -I "$tmp" $extra "$tmp/$t" -o "$tmp/$base.byte"
  set +e
  # A large stack limit lets the oracle run the deep-list tests that overflow its default stack.
  OCAMLRUNPARAM=l=1000M ocamlrun "$tmp/$base.byte" > "$base.expected" 2>/dev/null </dev/null
  code=$?
  set -e
  echo "exit $code" >> "$base.expected"
  echo "regenerated $base.expected"
done
