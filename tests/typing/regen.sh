#!/bin/sh
# Regenerates the expected outputs of the typing tests by running the real OCaml
# (Debian's 4.13.1): for each NAME.ml, NAME.out gets `ocamlc -i` stdout (the inferred
# signature), NAME.err its stderr (warnings, errors) and NAME.rc its exit code.
set -e
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for dir in "$here" "$here/errors"; do
  for f in "$dir"/*.ml; do
    base=$(basename "$f" .ml)
    cp "$f" "$tmp/$base.ml"
    rc=0
    # NAME.flags: ocamlc options of that case (e.g. -rectypes, -short-paths).
    flags=""
    [ -f "$dir/$base.flags" ] && flags=$(cat "$dir/$base.flags")
    # shellcheck disable=SC2086
    (cd "$tmp" && ocamlc $flags -i "$base.ml" > "$base.out" 2> "$base.err") || rc=$?
    cp "$tmp/$base.out" "$dir/$base.out"
    cp "$tmp/$base.err" "$dir/$base.err"
    echo "$rc" > "$dir/$base.rc"
    rm -f "$tmp"/*
  done
done
