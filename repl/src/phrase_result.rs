//! What the toplevel engine hands back for each phrase: structured, so that every front end
//! (stdin, script, interactive, `-expect`, notebooks) decides how to show it.

use compiler::parsing::location::Location;
use std::ops::Range;

/// An error or a warning: where it is (when it points into the source) and the text the
/// toplevel prints for it (location header and excerpt included).
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub loc: Option<Location>,
    /// The warning's number (`8` for partial-match); `None` for errors.
    pub warning: Option<u32>,
    pub text: String,
}

impl Diagnostic {
    pub fn text_only(text: String) -> Diagnostic {
        Diagnostic { loc: None, warning: None, text }
    }

    pub fn at(loc: &Location, text: String) -> Diagnostic {
        Diagnostic { loc: Some(loc.clone()), warning: None, text }
    }
}

/// The texts of diagnostics, one after the other.
pub fn texts(ds: &[Diagnostic]) -> String {
    ds.iter().map(|d| d.text.as_str()).collect()
}

/// The result of one phrase (a definition or a directive).
#[derive(Debug, Clone, Default)]
pub struct PhraseResult {
    /// Warnings of the type checker (those the warning flags let through), in order.
    pub warnings: Vec<Diagnostic>,
    pub body: Body,
}

#[derive(Debug, Clone, Default)]
pub enum Body {
    /// Nothing to print (a definition in script mode, most directives).
    #[default]
    Silent,
    /// The phrase ran: one text per printed item (`val x : int = 1`, `type t = A`,
    /// `- : int = 3`), each ending with a newline.
    Values(Vec<String>),
    /// The text a directive printed (`#show`, `#help`, `Unknown directive ...`).
    Directive(String),
    /// A syntax, type or compilation error, a directive's error, or warnings turned into
    /// errors (the error text is then empty: the warnings carry it).
    Error(Diagnostic),
    /// The phrase raised an exception: the text the toplevel prints (`Exception: Not_found.`).
    Exception(String),
}

impl PhraseResult {
    pub fn error(text: String) -> PhraseResult {
        PhraseResult { warnings: Vec::new(), body: Body::Error(Diagnostic::text_only(text)) }
    }

    pub fn directive(text: String) -> PhraseResult {
        PhraseResult { warnings: Vec::new(), body: Body::Directive(text) }
    }

    /// The phrase did not complete: an error or an exception.
    pub fn failed(&self) -> bool {
        matches!(self.body, Body::Error(_) | Body::Exception(_))
    }

    /// What follows the warnings in the toplevel's output.
    pub fn body_text(&self) -> String {
        match &self.body {
            Body::Silent => String::new(),
            Body::Values(items) => items.concat(),
            Body::Directive(t) | Body::Exception(t) => t.clone(),
            Body::Error(d) => d.text.clone(),
        }
    }

    /// Everything the toplevel prints for the phrase, in order.
    pub fn text(&self) -> String {
        let mut s = texts(&self.warnings);
        s.push_str(&self.body_text());
        s
    }
}

/// What the engine reports while it runs the phrases of a text, in order.
pub enum Event<'a> {
    /// A phrase of the outermost text was read: its byte range. At the end of the text
    /// (`end`), the range holds what follows the last phrase. Front ends print their prompt
    /// here.
    Read { range: Range<usize>, end: bool },
    /// The phrase is typed; its warnings come before anything its code prints.
    Warnings(&'a [Diagnostic]),
    /// The phrase is done.
    Done(&'a PhraseResult),
}
