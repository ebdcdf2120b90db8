//! Error reports of the compiler modes, laid out as ocamlopt lays them out: a location line,
//! then `Error: ` and the message, which OCaml's `Format` breaks at 78 columns. Messages are
//! written in `Format`'s `@` notation (`@[<hov>`, `@ `, `@]`).

use compiler::typing::format::Formatter;

/// `text` with `@` doubled, to be placed in a message in `@` notation.
pub fn escape(text: &str) -> String {
    text.replace('@', "@@")
}

/// An error `body` reported at line 1 of `file` (`_none_` for link errors), as ocamlopt does.
pub fn error_at(file: &str, body: &str) -> String {
    let mut f = Formatter::new(78);
    f.string("Error: ");
    f.p(body);
    f.flush();
    format!("File \"{}\", line 1:\n{}\n", file, f.take())
}

/// A link error (`File "_none_", line 1:`).
pub fn link_error(body: &str) -> String {
    error_at("_none_", body)
}

/// The system's text for an I/O error, without Rust's ` (os error N)`.
pub fn io_error_text(e: &std::io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_messages_wrap_as_ocaml_wraps_them() {
        let body = "@[<hov>The files b.cji@ and a.cji@ make inconsistent assumptions@ over interface A@]";
        assert_eq!(
            error_at("c.ml", body),
            "File \"c.ml\", line 1:\nError: The files b.cji and a.cji make inconsistent assumptions\n       over interface A\n"
        );
    }
}
