#!/bin/sh
# Expected outputs of the multi-file programs. Needs ocamlopt (OCaml 4.13 here).
#
# One-command cases: each directory's `files` (in link order) compiled together by
# `ocamlopt ... -o prog` and run. Writes stdout, stderr, exit; or, when compiling fails, what
# ocamlopt printed in build.stderr. A case's `flags` file holds compiler flags (default `-w -a`);
# warnings of a successful build go to build.warnings.
#
# Step cases (a directory with a `steps` file): separate compilation. Each line of `steps` is
# the arguments of one ocamlopt command (`-c a.mli`, `-c -I sub b.ml`, `-o prog a.cmx b.cmx`),
# run in turn in a copy of the directory (subdirectories included); blank lines and lines
# starting with `#` are skipped. steps.out records, for each step, the line, what the command
# printed on stderr and its exit code when not 0. Then `prog`, when a step made it, is run:
# stdout, stderr, exit as above.
# The test harness (repl/tests/multifile.rs) runs the same lines with `ocaml-jit`, whose files
# have their own extensions, so two mappings apply:
#   - in the arguments (done by the harness): `.cmx` -> `.cjx`, `.cmi` -> `.cji`;
#   - in what ocamlopt prints (done here): `.cmx` -> `.cjx`, `.cmi` -> `.cji` (file names in
#     messages such as "Files b.cmx and a.cmx make inconsistent assumptions over interface A",
#     "Could not find the .cmi file for interface a.mli.").
set -e
cd "$(dirname "$0")"

run_steps() {
  d=$1
  tmp=$(mktemp -d)
  cp -r "$d"/. "$tmp/"
  rm -f "$d/steps.out" "$d/stdout" "$d/stderr" "$d/exit"
  (
    cd "$tmp"
    rm -f steps.out stdout stderr exit
    grep -v '^#' steps | grep -v '^[[:space:]]*$' | while IFS= read -r line; do
      echo "# step: $line" >> steps.log
      set +e
      # shellcheck disable=SC2086 # the line is a list of arguments
      ocamlopt $line 2> step.err
      code=$?
      set -e
      sed -e 's/\.cmx\b/.cjx/g' -e 's/\.cmi\b/.cji/g' step.err >> steps.log
      [ "$code" -ne 0 ] && echo "# exit $code" >> steps.log
      true
    done
    if [ -x prog ]; then
      set +e
      ./prog > stdout 2> stderr
      echo $? > exit
      set -e
    fi
  )
  cp "$tmp/steps.log" "$d/steps.out"
  [ -f "$tmp/exit" ] && cp "$tmp/stdout" "$tmp/stderr" "$tmp/exit" "$d/"
  rm -rf "$tmp"
}

for d in */; do
  d=${d%/}
  if [ -f "$d/steps" ]; then
    run_steps "$d"
    echo "regenerated $d (steps)"
    continue
  fi
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
