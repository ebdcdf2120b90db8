#!/bin/sh
# Type-checking speed: generates an OCaml file of 20,000+ lines and times `ocaml-jit -i` against
# `ocamlc -i` on it (best of 3 runs each). Build first: cargo build --release -p ocaml-jit
set -e
root=$(cd "$(dirname "$0")/.." && pwd)
bin="${OCAML_JIT:-$root/target/release/ocaml-jit}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=${1:-1000}
awk -v n="$n" 'BEGIN {
  for (i = 0; i < n; i++) {
    printf "type shape%d = Circle%d of float | Rect%d of float * float | Empty%d\n", i, i, i, i
    printf "type point%d = { x%d : int; mutable y%d : int; name%d : string }\n", i, i, i, i
    printf "let area%d = function\n  | Circle%d r -> 3.14 *. r *. r\n  | Rect%d (w, h) -> w *. h\n  | Empty%d -> 0.0\n", i, i, i, i
    printf "let rec sum%d = function [] -> 0 | x :: rest -> x + sum%d rest\n", i, i
    printf "let mk%d a b = { x%d = a; y%d = b; name%d = string_of_int (a + b) }\n", i, i, i, i
    printf "let move%d p dx = p.y%d <- p.y%d + dx; p\n", i, i, i
    printf "let compose%d f g x = f (g x)\n", i
    printf "let pairs%d l = List.map (fun (a, b) -> (b, a)) l\n", i
    printf "let opt%d ?(default = 0) = function Some v -> v | None -> default\n", i
    printf "let fold%d l = List.fold_left (fun acc x -> acc + x * 2) 0 l\n", i
    printf "let check%d v =\n  match v with\n  | (0, _) -> \"zero\"\n  | (_, true) -> \"yes\"\n  | (n, false) when n > 10 -> \"big\"\n  | _ -> \"other\"\n", i
    printf "exception Err%d of string\n", i
    printf "let safe%d f x = try Some (f x) with Err%d _ -> None | Not_found -> None\n", i, i
    printf "let str%d = Printf.sprintf \"%%d-%%s\" %d \"v\"\n", i, i
  }
}' > "$tmp/big.ml"
lines=$(wc -l < "$tmp/big.ml")
echo "generated $lines lines"
best() {
  b=""
  for k in 1 2 3; do
    s=$(date +%s.%N); "$@" > /dev/null 2>&1 || true; e=$(date +%s.%N)
    t=$(echo "$e - $s" | bc)
    if [ -z "$b" ] || [ "$(echo "$t < $b" | bc)" = 1 ]; then b=$t; fi
  done
  echo "$b"
}
cd "$tmp"
if command -v ocamlc > /dev/null; then
  echo "ocamlc -i:    $(best ocamlc -i big.ml) s"
fi
echo "ocaml-jit -i: $(best "$bin" -i big.ml) s"
"$bin" -i big.ml > ours.txt 2>&1 || true
if command -v ocamlc > /dev/null; then
  ocamlc -i big.ml > theirs.txt 2>&1 || true
  if cmp -s ours.txt theirs.txt; then echo "outputs identical"; else echo "outputs differ:"; diff theirs.txt ours.txt | head -20; fi
fi
