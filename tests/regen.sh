#!/usr/bin/env bash
# Regenerate the expected outputs of the conformance corpus from real OCaml (Debian's `ocaml`
# package, 4.13). Run it where OCaml is installed; commit what it writes. The tests themselves
# never need OCaml.
#
#   tests/toplevel/NAME.ml -> NAME.expected   (`ocaml -noinit -no-version < NAME.ml`, stdout+stderr;
#                                              NAME.args, if present, replaces -noinit)
#   tests/programs/NAME.ml -> NAME.stdout, NAME.stderr, NAME.exit   (`ocaml NAME.ml`)
#   tests/errors/NAME.ml   -> the same as programs
#   NAME.merged (programs and errors, when the file exists): stdout and stderr on one file
#   NAME.ocamlrunparam: OCAMLRUNPARAM for every run; NAME.ocamlopt-flags: options of ocamlopt
#   tests/programs/NAME.ml -> also NAME.native.stdout, .native.stderr, .native.exit: what the
#       program compiled by `ocamlopt` prints, each written only where it differs from the script's
#       (a native program qualifies exception names with the unit and reports an uncaught
#       exception as `Fatal error: exception ...`; `__FILE__` has no `./`). The AOT run of the
#       corpus compares against these when present.
#
# With arguments, only the named cases (e.g. `tests/regen.sh toplevel/basics`).
set -euo pipefail
cd "$(dirname "$0")"
command -v ocaml >/dev/null || { echo "regen.sh: real OCaml is not installed (apt-get install -y ocaml)" >&2; exit 1; }

regen_toplevel() {
  local f=$1 args=(-noinit)
  # NAME.args: options for that case instead of -noinit (e.g. `-init FILE`, `-w +26`).
  [ -e "${f%.ml}.args" ] && read -r -a args < "${f%.ml}.args"
  (cd toplevel && ocaml "${args[@]}" -no-version < "$(basename "$f")" > "$(basename "${f%.ml}").expected" 2>&1 || true)
}

regen_program() {
  local dir=$1 name=$2
  (
    cd "$dir"
    set +e
    # NAME.ocamlrunparam: OCAMLRUNPARAM for the oracle (a larger stack for deep recursion).
    if [ -f "$name.ocamlrunparam" ]; then
      OCAMLRUNPARAM=$(cat "$name.ocamlrunparam") ocaml "$name.ml" > "$name.stdout" 2> "$name.stderr"
    else
      ocaml "$name.ml" > "$name.stdout" 2> "$name.stderr"
    fi
    echo $? > "$name.exit"
    if [ -e "$name.merged" ]; then
      ocaml "$name.ml" > "$name.merged" 2>&1
    fi
    set -e
    [ -s "$name.stderr" ] || rm -f "$name.stderr"
    rm -f "$name.native.stdout" "$name.native.stderr" "$name.native.exit"
    if [ "$dir" = programs ]; then
      local tmp
      tmp=$(mktemp -d)
      cp "$name.ml" "$tmp/"
      set +e
      # NAME.ocamlopt-flags: options for ocamlopt (and `ocaml-jit -o`), e.g. -g.
      local flags=()
      [ -f "$name.ocamlopt-flags" ] && read -r -a flags < "$name.ocamlopt-flags"
      (cd "$tmp" && ocamlopt -w -a "${flags[@]}" "$name.ml" -o "$name.exe" >/dev/null 2>&1)
      if [ -f "$name.ocamlrunparam" ]; then
        local runparam
        runparam=$(cat "$name.ocamlrunparam")
        (cd "$tmp" && OCAMLRUNPARAM=$runparam ./"$name.exe" > native.stdout 2> native.stderr; echo $? > native.exit)
      else
        (cd "$tmp" && ./"$name.exe" > native.stdout 2> native.stderr; echo $? > native.exit)
      fi
      set -e
      for ext in stdout stderr exit; do
        cmp -s "$tmp/native.$ext" "$name.$ext" 2>/dev/null && continue
        { [ "$ext" = stderr ] && [ ! -s "$tmp/native.stderr" ] && [ ! -e "$name.stderr" ]; } && continue
        cp "$tmp/native.$ext" "$name.native.$ext"
      done
      rm -rf "$tmp"
    fi
  )
}

cases=("$@")
if [ ${#cases[@]} -eq 0 ]; then
  for f in toplevel/*.ml programs/*.ml errors/*.ml; do
    [ -e "$f" ] && cases+=("${f%.ml}")
  done
fi
for c in "${cases[@]}"; do
  case "$c" in
    toplevel/*) regen_toplevel "$c.ml" ;;
    programs/*|errors/*) regen_program "${c%%/*}" "${c#*/}" ;;
    *) echo "regen.sh: unknown case $c" >&2; exit 1 ;;
  esac
  echo "regenerated $c"
done
