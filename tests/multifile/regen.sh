#!/bin/sh
# Expected outputs of the multi-file programs: each directory's `files` (in link order) compiled
# together by `ocamlopt` and run. Writes stdout, stderr, exit; or, when compiling fails, what
# ocamlopt printed in build.stderr. A case's `flags` file holds compiler flags (default `-w -a`);
# warnings of a successful build go to build.warnings. Needs ocamlopt (OCaml 4.13 here).
set -e
cd "$(dirname "$0")"
for d in */; do
  d=${d%/}
  tmp=$(mktemp -d)
  cp "$d"/*.ml "$d"/*.mli "$tmp/" 2>/dev/null || true
  rm -f "$d/stdout" "$d/stderr" "$d/exit" "$d/build.stderr" "$d/build.warnings"
  flags="-w -a"
  [ -f "$d/flags" ] && flags=$(cat "$d/flags")
  if (cd "$tmp" && ocamlopt $flags $(cat "$OLDPWD/$d/files") -o prog 2> build.stderr); then
    [ -s "$tmp/build.stderr" ] && cp "$tmp/build.stderr" "$d/build.warnings"
    set +e
    (cd "$tmp" && ./prog > stdout 2> stderr; echo $? > exit)
    set -e
    cp "$tmp/stdout" "$tmp/stderr" "$tmp/exit" "$d/"
  else
    cp "$tmp/build.stderr" "$d/"
  fi
  rm -rf "$tmp"
  echo "regenerated $d"
done
