exception E of {code : int; s : string};;
E {code = 4; s = "y"};;
raise (E {code = 1; s = "z"});;
module M = struct exception F of {x : int} end;;
M.F {x = 2};;
