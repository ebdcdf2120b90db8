(* A format read at run time is the value the compiler builds for the same literal. *)
let check fmt =
  let text = string_of_format fmt in
  let again = Scanf.format_from_string text fmt in
  Printf.printf "%-40S %b\n" text (again = fmt)

let () =
  check "plain text";
  check "a";
  check "%d %i %u %x %X %o %+d % d %#x %#X %#o %#d %#u %5d %-5d %05d %.3d %*d %.*d %5.3d %05.3d";
  check "%ld %nd %Ld %lx %Lu %nX %li %5ld %-8Lx %.2Ld";
  check "%f %e %E %g %G %F %h %H %#F %+f % e %8.3f %-8.3e %08.3f %.0f %*.*g %.*f";
  check "%s %S %5s %-5s %05s %.3s %*s %c %C %B %b %5B %a %t %!%%%,%@";
  check "%{%d%s%} %(%d%a%) %_d %_s %_5s %_{%d%} %_c %_C %_S %_B %_f %_ld %_[abc]";
  check "%r %_r %l %n %L %N %_l %_n %[a-z] %[^ \n] %5[]a-] %[-x]";
  check "@[@[<v 2>@[<hov %d>@{@{<tag>@{<%s>";
  check "@]@}@,@ @;@;<1 2>@;< 3 -1>@?@\n@.@@@%%@<5>@<x>@a@< >@%d";
  check "@";
  check "%s@\n";
  check "%(%{%d%}%(%s%)%)";
  (* OCaml's run-time check refuses "%0c", even against itself. *)
  (try check "%0c" with Scanf.Scan_failure m -> print_endline m)
