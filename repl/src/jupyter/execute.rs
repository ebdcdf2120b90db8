//! Running a cell: its phrases go through the toplevel engine one after the other, and what
//! each shows is published as it happens (see `output.rs`). The cell stops at the first
//! phrase that fails, as a notebook expects; that failure becomes the `error` reply.

use super::capture::Capture;
use super::output::CellOutput;
use crate::phrase_result::{texts, Body, Event, PhraseResult};
use crate::toplevel::{SourceKind, Toplevel};
use serde_json::{json, Value};
use std::sync::Mutex;

/// A failed cell, as `error` messages and error replies carry it.
#[derive(Debug, Clone, PartialEq)]
pub struct CellError {
    pub ename: String,
    pub evalue: String,
    pub traceback: Vec<String>,
}

impl CellError {
    pub fn content(&self) -> Value {
        json!({"ename": self.ename, "evalue": self.evalue, "traceback": self.traceback})
    }

    fn of(r: &PhraseResult) -> Option<CellError> {
        let (text, exception) = match &r.body {
            // Warnings turned into errors carry the message themselves.
            Body::Error(d) if d.text.is_empty() => (texts(&r.warnings), false),
            Body::Error(d) => (d.text.clone(), false),
            Body::Exception(t) => (t.clone(), true),
            _ => return None,
        };
        let text = notebook_text(&text);
        let ename = if exception { exception_name(&text) } else { "Error".to_string() };
        let evalue = match text.find("Error: ") {
            Some(i) if !exception => text[i + "Error: ".len()..].trim_end().to_string(),
            _ => text.trim_end().to_string(),
        };
        let traceback = text.trim_end_matches('\n').split('\n').map(str::to_string).collect();
        Some(CellError { ename, evalue, traceback })
    }
}

/// The exception's constructor (`Exception: Not_found.` -> `Not_found`); the toplevel's own
/// words for three of them name them too.
fn exception_name(text: &str) -> String {
    for (words, name) in [("Interrupted.", "Interrupted"), ("Stack overflow", "Stack_overflow"), ("Out of memory", "Out_of_memory")] {
        if text.starts_with(words) {
            return name.to_string();
        }
    }
    let rest = text.strip_prefix("Exception: ").unwrap_or(text);
    let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.' || c == '\'')).unwrap_or(rest.len());
    rest[..end].trim_end_matches('.').to_string()
}

/// Toplevel text as the notebook gets it: bytes of OCaml strings that are not UTF-8 become
/// U+FFFD (JSON carries Unicode only).
fn notebook_text(s: &str) -> String {
    String::from_utf8_lossy(&compiler::raw_text::to_bytes(s)).into_owned()
}

pub fn run_cell(top: &mut Toplevel, code: &str, capture: &Capture, output: &Mutex<CellOutput>) -> Option<CellError> {
    discard_pending_interrupt();
    let mut failure = None;
    let with_output = |f: &mut dyn FnMut(&mut CellOutput)| {
        if let Ok(mut out) = output.lock() {
            f(&mut out)
        }
    };
    top.run_source(code, "//toplevel//", SourceKind::Toplevel, &mut |ev| match ev {
        Event::Read { .. } => {}
        Event::Warnings(ws) => {
            capture.sync();
            with_output(&mut |out| out.stream("stderr", &notebook_text(&texts(ws))));
        }
        Event::Done(r) => {
            capture.sync();
            if let Some(err) = CellError::of(r) {
                with_output(&mut |out| {
                    out.flush_answers();
                    out.publish("error", err.content());
                });
                failure.get_or_insert(err);
            } else {
                with_output(&mut |out| out.answer(&notebook_text(&r.body_text())));
            }
        }
    });
    capture.sync();
    with_output(&mut |out| out.flush_answers());
    failure
}

/// An interrupt that came while no cell ran must not stop the next one.
fn discard_pending_interrupt() {
    let st = runtime::state::state();
    if st.pending_signal & runtime::signals::SIGINT_PENDING != 0 {
        st.pending_signal &= !runtime::signals::SIGINT_PENDING;
        runtime::gc::reset_young_limit();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::phrase_result::Diagnostic;

    #[test]
    fn errors_and_exceptions_become_cell_errors() {
        let exn = PhraseResult { warnings: vec![], body: Body::Exception("Exception: Not_found.\n".into()) };
        let e = CellError::of(&exn).unwrap();
        assert_eq!((e.ename.as_str(), e.evalue.as_str()), ("Not_found", "Exception: Not_found."));
        assert_eq!(e.traceback, vec!["Exception: Not_found."]);
        let failure = PhraseResult { warnings: vec![], body: Body::Exception("Exception: Failure \"x\".\n".into()) };
        assert_eq!(CellError::of(&failure).unwrap().ename, "Failure");
        let interrupted = PhraseResult { warnings: vec![], body: Body::Exception("Interrupted.\n".into()) };
        assert_eq!(CellError::of(&interrupted).unwrap().ename, "Interrupted");
        let overflow = PhraseResult { warnings: vec![], body: Body::Exception("Stack overflow during evaluation (looping recursion?).\n".into()) };
        assert_eq!(CellError::of(&overflow).unwrap().ename, "Stack_overflow");
        let qualified = PhraseResult { warnings: vec![], body: Body::Exception("Exception: M.E (1, \"a\").\n".into()) };
        assert_eq!(CellError::of(&qualified).unwrap().ename, "M.E");
        let err = PhraseResult::error("Line 1, characters 0-1:\nError: Unbound value y\n".into());
        let e = CellError::of(&err).unwrap();
        assert_eq!((e.ename.as_str(), e.evalue.as_str()), ("Error", "Unbound value y"));
        assert_eq!(e.traceback.len(), 2);
        let ok = PhraseResult { warnings: vec![], body: Body::Values(vec!["val x : int = 1\n".into()]) };
        assert!(CellError::of(&ok).is_none());
        let fatal = PhraseResult {
            warnings: vec![Diagnostic::text_only("Line 1:\nError (warning 8): this match is not exhaustive\n".into())],
            body: Body::Error(Diagnostic::text_only(String::new())),
        };
        assert_eq!(CellError::of(&fatal).unwrap().traceback[0], "Line 1:");
    }
}
