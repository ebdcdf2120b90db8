#!/bin/sh
# Type-check (and compile to bytecode) this project's Stdlib with the real OCaml compiler.
# Real ocamlc is only an oracle of validity here (and a way to run behaviour tests); it is not
# part of ocaml-jit's build. Output goes to stdlib/_build (or $STDLIB_BUILD).
#
# Units: a file `foo.ml` is compiled as unit `Stdlib__Foo` (aliased as `Foo` in stdlib.ml),
# except the units listed in TOPLEVEL_UNITS, which keep their own name as in OCaml.
set -e
here=$(cd "$(dirname "$0")" && pwd)
build=${STDLIB_BUILD:-$here/_build}
mkdir -p "$build"

# Build order: each unit only uses units listed before it.
UNITS="camlinternalFormatBasics stdlib std_exit
  either seq option result bool sys list char uchar int bytes string unit
  array float int32 int64 nativeint obj camlinternalLazy lazy stack queue buffer
  camlinternalFormat printf printexc fun digest random hashtbl map set
  format scanf complex filename gc camlinternalOO oo callback arg in_channel out_channel
  marshal ephemeron weak atomic lexing parsing
  listLabels arrayLabels bytesLabels stringLabels stdLabels moreLabels"
TOPLEVEL_UNITS="camlinternalFormatBasics stdlib std_exit camlinternalLazy camlinternalFormat camlinternalOO"

FLAGS="-nostdlib -nopervasives -no-alias-deps -strict-sequence -safe-string -g -w +a-4-9-40-41-42-44-45-49-70 -alert -deprecated"
objs=""
for u in $UNITS; do
  [ -f "$here/$u.ml" ] || continue
  case " $(echo $TOPLEVEL_UNITS) " in
    *" $u "*) name=$(echo "$u" | sed 's/^./\U&/') ;;
    *) name=Stdlib__$(echo "$u" | sed 's/^./\U&/') ;;
  esac
  case $u in
    camlinternalFormatBasics|stdlib) open="" ;;
    *) open="-open Stdlib" ;;
  esac
  if [ -f "$here/$u.mli" ]; then
    ocamlc $FLAGS $open -I "$build" -c -o "$build/$name.cmi" "$here/$u.mli"
  fi
  # MoreLabels re-exports the unlabelled modules, which only -nolabels accepts.
  case $u in moreLabels) nolabels="-nolabels" ;; *) nolabels="" ;; esac
  ocamlc $FLAGS $nolabels $open -I "$build" -c -o "$build/$name.cmo" "$here/$u.ml"
  [ "$u" = std_exit ] || objs="$objs $build/$name.cmo"
done
# ocamlc links `std_exit.cmo` by that exact name after the program.
cp "$build/Std_exit.cmo" "$build/std_exit.cmo"
cp "$build/Std_exit.cmi" "$build/std_exit.cmi" 2>/dev/null || true
ocamlc -a -o "$build/stdlib.cma" $objs
echo "stdlib: all units type-check ($build)"
