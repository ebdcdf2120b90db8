//! The runtime's own rendering of an exception, as OCaml's `Printexc.to_string` does it when no
//! printer is registered: `Not_found`, `Failure("x")`, `E(1, _)`.

use crate::value::*;

pub fn to_string(exn: Value) -> String {
    unsafe {
        if !exn.is_block() {
            return "_".to_string();
        }
        if exn.tag() == OBJECT_TAG {
            return exn.field(0).to_rust_string();
        }
        let name = exn.field(0).field(0).to_rust_string();
        // Match_failure and Assert_failure carry one tuple, printed as the argument list.
        let args: Vec<Value> = if exn.wosize() == 2
            && (name == "Match_failure" || name == "Assert_failure")
            && exn.field(1).is_block()
            && exn.field(1).tag() == 0
        {
            let t = exn.field(1);
            (0..t.wosize()).map(|i| t.field(i)).collect()
        } else {
            (1..exn.wosize()).map(|i| exn.field(i)).collect()
        };
        let args: Vec<String> = args.into_iter().map(|a| arg_to_string(a)).collect();
        format!("{}({})", name, args.join(", "))
    }
}

unsafe fn arg_to_string(v: Value) -> String {
    if v.is_int() {
        v.int().to_string()
    } else if v.tag() == STRING_TAG {
        format!("\"{}\"", crate::strings::escaped(v.bytes()))
    } else {
        "_".to_string()
    }
}
