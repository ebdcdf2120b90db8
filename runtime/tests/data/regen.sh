#!/bin/sh
# Regenerate the expected outputs of the runtime's primitive tests with the installed OCaml.
# Run from anywhere; needs `ocaml` on PATH. Outputs are committed.
set -eu
cd "$(dirname "$0")"
for g in formats parse values misc marshal bigarray; do
  ocaml "gen_$g.ml" > "$g.expected"
done
sh ./gen_float_repres.sh > float_repres.expected
# The primitives of OCaml's bytecode runtime (the names the Stdlib's externals use).
ocamlrun -p > ocaml_primitives.txt
sh ./gen_lexing.sh > lexing.expected
sh ./gen_parsing.sh > parsing.expected
