#!/bin/sh
# Regenerate the expected outputs of the AOT test cases with real OCaml (ocamlopt).
# A case is NAME.ml (one unit) or a directory NAME/ whose file `order` lists its units in link
# order. NAME.args holds command-line arguments. Outputs: NAME.stdout, NAME.stderr, NAME.exit.
# The stack of the program is limited to 8 MiB, as the tests do.
set -eu
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for case in *.ml */; do
  name=${case%.ml}; name=${name%/}
  rm -rf "$tmp/build"; mkdir "$tmp/build"
  if [ -d "$case" ]; then
    cp "$case"/*.ml "$tmp/build/"; srcs=$(cat "$case/order")
  else
    cp "$case" "$tmp/build/"; srcs=$case
  fi
  (cd "$tmp/build" && ocamlopt -o prog $srcs)
  args=""; [ -f "$name.args" ] && args=$(cat "$name.args")
  set +e
  (ulimit -s 8192; "$tmp/build/prog" $args > "$name.stdout" 2> "$name.stderr")
  echo $? > "$name.exit"
  set -e
done
