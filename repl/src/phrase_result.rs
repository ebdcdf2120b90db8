//! What the toplevel engine hands back for each phrase: structured, so that every front end
//! (stdin, script, interactive, `-expect`, notebooks) decides how to show it.

use std::ops::Range;

/// The result of one phrase (a definition or a directive).
#[derive(Debug, Clone, Default)]
pub struct PhraseResult {
    /// Warnings of the type checker, each already rendered with its location and excerpt.
    pub warnings: Vec<String>,
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
    /// A syntax, type or compilation error (or a warning turned into an error).
    Error(String),
    /// The phrase raised an exception: the text the toplevel prints (`Exception: Not_found.`).
    Exception(String),
}

impl PhraseResult {
    pub fn error(text: String) -> PhraseResult {
        PhraseResult { warnings: Vec::new(), body: Body::Error(text) }
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
            Body::Directive(t) | Body::Error(t) | Body::Exception(t) => t.clone(),
        }
    }

    /// Everything the toplevel prints for the phrase, in order.
    pub fn text(&self) -> String {
        let mut s = self.warnings.concat();
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
    Warnings(&'a [String]),
    /// The phrase is done.
    Done(&'a PhraseResult),
}
