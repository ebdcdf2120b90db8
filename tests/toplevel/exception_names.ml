Printexc.to_string Lazy.Undefined;;
exception E;;
Printexc.to_string E;;
module M = struct exception F end;;
Printexc.to_string M.F;;
raise M.F;;
raise Lazy.Undefined;;
