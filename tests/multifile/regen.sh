#!/bin/sh
# Expected outputs of the multi-file programs: each directory's `files` (in link order) compiled
# together by `ocamlopt` and run. Writes stdout, stderr, exit. Needs ocamlopt (OCaml 4.13 here).
set -e
cd "$(dirname "$0")"
for d in */; do
  d=${d%/}
  tmp=$(mktemp -d)
  cp "$d"/*.ml "$tmp/"
  (cd "$tmp" && ocamlopt -w -a $(cat "$OLDPWD/$d/files") -o prog)
  set +e
  (cd "$tmp" && ./prog > stdout 2> stderr; echo $? > exit)
  set -e
  cp "$tmp/stdout" "$tmp/stderr" "$tmp/exit" "$d/"
  rm -rf "$tmp"
  echo "regenerated $d"
done
