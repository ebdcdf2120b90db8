//! The interactive front end: a line editor (rustyline) with multi-line input until `;;`,
//! persistent history, completion from the typing environment, syntax highlighting and
//! bracketed paste.

use crossterm::style::Stylize;
use rustyline::completion::{Completer, Pair};
use rustyline::highlight::{CmdKind, Highlighter};
use rustyline::hint::Hinter;
use rustyline::history::FileHistory;
use rustyline::validate::{ValidationContext, ValidationResult, Validator};
use rustyline::{Config, Context, Editor, Helper};
use std::borrow::Cow;

/// What the interactive loop needs from the toplevel engine.
pub trait Engine {
    /// Run the phrases of `src`, printing their results. Returns false after `#quit`.
    fn eval(&mut self, src: &str) -> bool;
    /// A completer over the current session: given the word before the cursor (possibly a
    /// module path such as `List.ma`), the words that can replace it. It owns a snapshot of the
    /// environment, so it stays valid while the line is edited.
    fn completer(&self) -> Completions;
}

pub type Completions = Box<dyn Fn(&str) -> Vec<String>>;

const KEYWORDS: &[&str] = &[
    "and", "as", "assert", "begin", "class", "constraint", "do", "done", "downto", "else", "end", "exception",
    "external", "false", "for", "fun", "function", "functor", "if", "in", "include", "inherit", "initializer",
    "lazy", "let", "match", "method", "module", "mutable", "new", "nonrec", "object", "of", "open", "or",
    "private", "rec", "sig", "struct", "then", "to", "true", "try", "type", "val", "virtual", "when", "while",
    "with",
];

struct OcamlHelper {
    /// Completion over the environment as it was before this read.
    complete: Completions,
}

fn word_start(line: &str, pos: usize) -> usize {
    line[..pos]
        .rfind(|c: char| !(c.is_alphanumeric() || c == '_' || c == '\'' || c == '.' || c == '#'))
        .map(|i| i + 1)
        .unwrap_or(0)
}

impl Completer for OcamlHelper {
    type Candidate = Pair;
    fn complete(&self, line: &str, pos: usize, _ctx: &Context<'_>) -> rustyline::Result<(usize, Vec<Pair>)> {
        let start = word_start(line, pos);
        let prefix = &line[start..pos];
        if prefix.is_empty() {
            return Ok((pos, vec![]));
        }
        let keywords = KEYWORDS.iter().take(if prefix.contains('.') { 0 } else { KEYWORDS.len() }).map(|k| k.to_string());
        let mut out: Vec<Pair> = (self.complete)(prefix)
            .into_iter()
            .chain(keywords)
            .filter(|n| n.starts_with(prefix))
            .map(|n| Pair { display: n.clone(), replacement: n })
            .collect();
        out.sort_by(|a, b| a.display.cmp(&b.display));
        out.dedup_by(|a, b| a.display == b.display);
        Ok((start, out))
    }
}

impl Hinter for OcamlHelper {
    type Hint = String;
}

/// Highlights keywords, string and char literals, numbers and comments.
pub fn highlight_ocaml(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 16);
    let b = line.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'"' {
            let start = i;
            i += 1;
            while i < b.len() && b[i] != b'"' {
                if b[i] == b'\\' {
                    i += 1;
                }
                i += 1;
            }
            i = (i + 1).min(b.len());
            out.push_str(&line[start..i].green().to_string());
        } else if c == b'(' && i + 1 < b.len() && b[i + 1] == b'*' {
            let start = i;
            match line[i..].find("*)") {
                Some(e) => i += e + 2,
                None => i = b.len(),
            }
            out.push_str(&line[start..i].dark_grey().to_string());
        } else if c.is_ascii_digit() {
            let start = i;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_' || b[i] == b'.') {
                i += 1;
            }
            out.push_str(&line[start..i].cyan().to_string());
        } else if c.is_ascii_alphabetic() || c == b'_' {
            let start = i;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_' || b[i] == b'\'') {
                i += 1;
            }
            let w = &line[start..i];
            if KEYWORDS.contains(&w) {
                out.push_str(&w.magenta().bold().to_string());
            } else if w.starts_with(|c: char| c.is_ascii_uppercase()) {
                out.push_str(&w.yellow().to_string());
            } else {
                out.push_str(w);
            }
        } else {
            let ch = line[i..].chars().next().unwrap_or(' ');
            out.push(ch);
            i += ch.len_utf8();
        }
    }
    out
}

impl Highlighter for OcamlHelper {
    fn highlight<'l>(&self, line: &'l str, _pos: usize) -> Cow<'l, str> {
        Cow::Owned(highlight_ocaml(line))
    }
    fn highlight_char(&self, _line: &str, _pos: usize, _kind: CmdKind) -> bool {
        true
    }
}

/// Input is complete when it ends with `;;` (or is a lone directive line).
pub fn input_complete(input: &str) -> bool {
    let t = input.trim_end();
    t.is_empty() || t.ends_with(";;")
}

impl Validator for OcamlHelper {
    fn validate(&self, ctx: &mut ValidationContext) -> rustyline::Result<ValidationResult> {
        Ok(if input_complete(ctx.input()) { ValidationResult::Valid(None) } else { ValidationResult::Incomplete })
    }
}

impl Helper for OcamlHelper {}

fn history_path() -> Option<std::path::PathBuf> {
    std::env::var_os("HOME").map(|h| std::path::Path::new(&h).join(".ocaml-jit_history"))
}

/// Read phrases from the terminal until end of input or `#quit`.
pub fn run(engine: &mut dyn Engine) {
    let config = Config::builder().auto_add_history(true).bracketed_paste(true).build();
    let mut ed: Editor<OcamlHelper, FileHistory> = match Editor::with_config(config) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("ocaml-jit: cannot start the line editor: {}", e);
            return;
        }
    };
    ed.set_helper(Some(OcamlHelper { complete: engine.completer() }));
    if let Some(p) = history_path() {
        let _ = ed.load_history(&p);
    }
    loop {
        if let Some(h) = ed.helper_mut() {
            h.complete = engine.completer();
        }
        match ed.readline("# ") {
            Ok(text) => {
                if !engine.eval(&text) {
                    break;
                }
            }
            Err(rustyline::error::ReadlineError::Interrupted) => {
                println!("Interrupted.");
            }
            Err(_) => {
                println!();
                break;
            }
        }
    }
    if let Some(p) = history_path() {
        let _ = ed.save_history(&p);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_end_with_double_semicolon() {
        assert!(input_complete("let x = 1;;"));
        assert!(input_complete("let x =\n  1;;  "));
        assert!(!input_complete("let x ="));
    }

    #[test]
    fn completion_word_start_includes_module_paths() {
        assert_eq!(word_start("List.ma", 7), 0);
        assert_eq!(word_start("f (List.ma", 10), 3);
        assert_eq!(word_start("#us", 3), 0);
    }
}
