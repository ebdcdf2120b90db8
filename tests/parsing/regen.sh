#!/bin/sh
# Regenerates the expected outputs of the parsing corpus with the real OCaml compiler.
#   *.ml / *.mli          -> *.expected : `ocamlc -dparsetree -stop-after parsing` (stderr)
#   *.unsafe.ml           -> the same with `-unsafe`
#   errors/*.ml           -> *.expected : `ocamlc -stop-after parsing` error text (stderr)
# Run from anywhere; needs `ocamlc` (OCaml 4.13 here) on PATH.
set -e
cd "$(dirname "$0")"
for f in *.ml *.mli; do
  case "$f" in *.unsafe.ml) flags=-unsafe ;; *) flags= ;; esac
  ocamlc $flags -dparsetree -stop-after parsing "$f" 2> "$f.expected" > /dev/null || true
done
cd errors
for f in *.ml; do
  ocamlc -stop-after parsing "$f" 2> "$f.expected" > /dev/null || true
done
