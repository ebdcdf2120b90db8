(* Expected bytes of Marshal.to_string on the named values (with and without sharing), and two
   extra values with sharing and a cycle (never marshalled without sharing: it would not end). Lines: name TAB flags TAB hex (or EXN:message). *)
#use "named_values.ml"

let hex s = String.concat "" (List.init (String.length s) (fun i -> Printf.sprintf "%02x" (Char.code s.[i])))
let shared = let s = "shared" in Obj.repr (s, s, [ s ])
let cyclic = let rec l = 1 :: 2 :: l in Obj.repr l

let () =
  List.iter (fun (name, v) ->
    List.iter (fun (fname, flags) ->
      let r = try hex (Marshal.to_string v flags) with Invalid_argument m -> "EXN:" ^ m in
      Printf.printf "%s\t%s\t%s\n" name fname r)
      (if name = "cyclic" then [ "sharing", [] ]
       else [ "sharing", []; "no_sharing", [ Marshal.No_sharing ] ]))
    (values @ [ "shared3", shared; "cyclic", cyclic ])
