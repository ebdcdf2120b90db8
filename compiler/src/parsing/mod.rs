//! Lexer, parser and the Parsetree.
//!
//! The Parsetree mirrors OCaml 4.14's `Parsetree` (see `parsetree.rs`). The parser is a
//! hand-written recursive-descent parser with precedence climbing for operators; it follows
//! OCaml's grammar and locations so that error messages and `-dparsetree` match OCaml's.
//!
//! Entry points: [`parse_implementation`], [`parse_interface`], [`PhraseReader`] for the
//! toplevel. Errors are [`SyntaxError`]s; print them with [`report_syntax_error`].

pub mod asttypes;
pub mod error;
pub mod lexer;
pub mod location;
pub mod longident;
pub mod parsetree;
pub mod printast;
pub mod token;

mod parse_class;
mod parse_expr;
mod parse_module;
mod parse_pat;
mod parse_type;
mod parser;

use std::ops::Range;

pub use error::{SyntaxError, Warning};
use location::{Position, ReportMode};
use parser::Parser;
use parsetree::*;
use token::Token;

thread_local! {
    static UNSAFE_INDEXING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// `-unsafe`: `a.(i)`, `s.[i]` and `g.{i}` read as `Array.unsafe_get`, ... (unchecked), as
/// OCaml's parser does under that flag. A session-wide option, like OCaml's `Clflags.unsafe`.
pub fn set_unsafe_indexing(on: bool) {
    UNSAFE_INDEXING.with(|c| c.set(on));
}

pub(crate) fn unsafe_indexing() -> bool {
    UNSAFE_INDEXING.with(|c| c.get())
}

/// Byte ranges of the comments of `src`, as the lexer reads them (strings, quoted strings and
/// character literals inside and around them taken into account).
pub fn comment_spans(src: &[u8]) -> Vec<Range<usize>> {
    let mut lexer = lexer::Lexer::new(src, "");
    loop {
        match lexer.next_token() {
            Ok(t) if t.tok == Token::Eof => break,
            Ok(_) => {}
            // Stop at a lexical error; an unterminated comment is recorded up to the end.
            Err(_) => break,
        }
    }
    lexer.comments
}

/// Parses a whole `.ml` file.
pub fn parse_implementation(src: &str, fname: &str) -> Result<Structure, SyntaxError> {
    parse_implementation_bytes(src.as_bytes(), fname).map(|(s, _)| s)
}

/// Parses a `.ml` file given as bytes; also returns the lexer's warnings.
pub fn parse_implementation_bytes(src: &[u8], fname: &str) -> Result<(Structure, Vec<Warning>), SyntaxError> {
    let mut p = Parser::new(src, fname);
    let s = p.structure()?;
    if !p.at(&Token::Eof) {
        return Err(p.error());
    }
    Ok((s, p.take_warnings()))
}

/// Parses a whole `.mli` file.
pub fn parse_interface(src: &str, fname: &str) -> Result<Signature, SyntaxError> {
    parse_interface_bytes(src.as_bytes(), fname).map(|(s, _)| s)
}

pub fn parse_interface_bytes(src: &[u8], fname: &str) -> Result<(Signature, Vec<Warning>), SyntaxError> {
    let mut p = Parser::new(src, fname);
    let s = p.signature()?;
    if !p.at(&Token::Eof) {
        return Err(p.error());
    }
    Ok((s, p.take_warnings()))
}

/// Prints a syntax error as `ocamlc` does for a file (`src` is the file text, for excerpts).
pub fn report_syntax_error(err: &SyntaxError, src: Option<&[u8]>) -> String {
    ReportMode::File { src }.report(&err.loc, "Error", &err.message, &err.notes)
}

/// Prints a lexer warning as `ocamlc` does (`Warning 2 [comment-not-end]: ...`).
pub fn report_warning(w: &Warning, src: Option<&[u8]>) -> String {
    let kind = format!("Warning {} [{}]", w.number, w.name);
    ReportMode::File { src }.report(&w.loc, &kind, &w.message, &[])
}

/// Whether OCaml enables this lexer warning by default (29, eol-in-string, is off).
pub fn warning_enabled_by_default(w: &Warning) -> bool {
    w.number != 29
}

/// Reads toplevel phrases one after the other from a source text.
///
/// A phrase ends with `;;` (or the end of the input). After a syntax error the reader skips
/// to just after the next `;;`, as OCaml's toplevel does, so the following phrases are read.
pub struct PhraseReader<'a> {
    src: &'a [u8],
    parser: Parser<'a>,
    last_range: Range<usize>,
    last_start: Position,
    /// End of the previous phrase (where the next one may begin).
    next_start: usize,
    /// Accept a last phrase not terminated by `;;` (OCaml 5 behaviour); 4.13 reports a
    /// syntax error at the end of input instead.
    pub accept_eof_without_semisemi: bool,
    /// A file read by `#use` or as a script: a directive may follow definitions without `;;`
    /// (OCaml's `use_file` grammar).
    pub directive_ends_phrase: bool,
    warnings: Vec<Warning>,
}

impl<'a> PhraseReader<'a> {
    pub fn new(src: &'a str, fname: &str) -> PhraseReader<'a> {
        Self::from_bytes(src.as_bytes(), fname)
    }

    pub fn from_bytes(src: &'a [u8], fname: &str) -> PhraseReader<'a> {
        let parser = Parser::new(src, fname);
        let last_start = parser.last_end.clone();
        PhraseReader {
            src,
            parser,
            last_range: 0..0,
            last_start,
            next_start: 0,
            accept_eof_without_semisemi: true,
            directive_ends_phrase: false,
            warnings: Vec::new(),
        }
    }

    /// Byte range of the last phrase returned (or failed), from where it begins (after the
    /// previous phrase and the rest of its line) to the end of its `;;`.
    pub fn last_phrase_range(&self) -> Range<usize> {
        self.last_range.clone()
    }

    /// Position where the last phrase begins: line numbers in toplevel reports count from
    /// its line.
    pub fn last_phrase_start(&self) -> Position {
        self.last_start.clone()
    }

    /// Warnings of the lexer since the last call.
    pub fn take_warnings(&mut self) -> Vec<Warning> {
        let mut w = std::mem::take(&mut self.warnings);
        w.extend(self.parser.take_warnings());
        w
    }

    /// Prints an error of the last phrase as the toplevel does (`Line 1, characters ...`).
    pub fn report(&self, err: &SyntaxError) -> String {
        ReportMode::Toplevel { src: self.src, phrase_start: self.last_start.clone() }.report(&err.loc, "Error", &err.message, &err.notes)
    }

    /// The next phrase, `None` at the end of the input.
    pub fn next_phrase(&mut self) -> Option<Result<ToplevelPhrase, SyntaxError>> {
        self.begin_phrase();
        if self.parser.at(&Token::Eof) {
            return None;
        }
        let r = self.parser.toplevel_phrase(self.accept_eof_without_semisemi, self.directive_ends_phrase);
        match &r {
            Ok(_) => {}
            Err(_) => self.parser.skip_phrase(),
        }
        let end = self.parser.last_end.cnum as usize;
        self.last_range = self.last_range.start..end.max(self.last_range.start);
        self.next_start = end;
        Some(r)
    }

    /// Computes where the next phrase begins: after the previous phrase, skipping the rest
    /// of its line when that is blank.
    fn begin_phrase(&mut self) {
        let mut start = self.next_start;
        let mut k = start;
        while k < self.src.len() && (self.src[k] == b' ' || self.src[k] == b'\t' || self.src[k] == b'\r') {
            k += 1;
        }
        let mut pos = self.parser.last_end.clone();
        if k < self.src.len() && self.src[k] == b'\n' && start > 0 {
            start = k + 1;
            pos = Position { fname: pos.fname.clone(), line: pos.line + 1, bol: start as u32, cnum: start as u32 };
        } else if start == 0 {
            pos = Position { fname: pos.fname.clone(), line: 1, bol: 0, cnum: 0 };
        } else {
            pos.cnum = start as u32;
        }
        self.last_start = pos;
        self.last_range = start..start;
    }
}

impl<'a> Parser<'a> {
    /// One toplevel phrase: an expression, structure items, or a `#directive`, then `;;`.
    fn toplevel_phrase(&mut self, accept_eof: bool, directive_ends: bool) -> Result<ToplevelPhrase, SyntaxError> {
        let phrase = if self.at(&Token::Hash) {
            ToplevelPhrase::Dir(self.toplevel_directive()?)
        } else {
            let mut items = Vec::new();
            let first = self.peek().clone();
            if first == Token::Let {
                items.push(self.let_item_or_expr(true)?);
            } else if parse_expr::starts_expr(&first) {
                items.push(self.standalone_expression()?);
            }
            let is_expr = matches!(items.first(), Some(StructureItem { desc: StructureItemDesc::Eval(..), .. }));
            if !is_expr {
                while parse_module::starts_structure_item(self.peek()) {
                    items.push(self.structure_item()?);
                }
            }
            ToplevelPhrase::Def(items)
        };
        if self.eat(&Token::SemiSemi) {
            return Ok(phrase);
        }
        if accept_eof && self.at(&Token::Eof) {
            return Ok(phrase);
        }
        if directive_ends && matches!(phrase, ToplevelPhrase::Def(_)) && self.at(&Token::Hash) {
            return Ok(phrase);
        }
        Err(self.error())
    }

    /// `#name arg`
    fn toplevel_directive(&mut self) -> Result<ToplevelDirective, SyntaxError> {
        let start = self.cur_start();
        self.expect(&Token::Hash)?;
        let name = self.ident()?;
        let astart = self.cur_start();
        let desc = match self.peek().clone() {
            Token::String(s, _, _) => {
                self.bump();
                Some(DirectiveArgumentDesc::String(String::from_utf8_lossy(&s).into_owned()))
            }
            Token::Int(s, m) => {
                self.bump();
                Some(DirectiveArgumentDesc::Int(s, m))
            }
            Token::True => {
                self.bump();
                Some(DirectiveArgumentDesc::Bool(true))
            }
            Token::False => {
                self.bump();
                Some(DirectiveArgumentDesc::Bool(false))
            }
            Token::Lident(_) => {
                let l = self.lower_longident(false)?;
                Some(DirectiveArgumentDesc::Ident(l.txt))
            }
            // `#show ( + )`
            Token::LParen if self.paren_operator_at(1).is_some() => Some(DirectiveArgumentDesc::Ident(longident::Longident::Lident(self.val_ident()?.txt))),
            Token::Uident(_) => {
                // a module path, or a value path `M.x`
                let m = self.mod_longident()?;
                if self.at(&Token::Dot) && matches!(self.peek_n(1), Token::Lident(_) | Token::LParen) {
                    self.bump();
                    let x = self.val_ident()?;
                    Some(DirectiveArgumentDesc::Ident(longident::Longident::ldot(m.txt, x.txt)))
                } else {
                    Some(DirectiveArgumentDesc::Ident(m.txt))
                }
            }
            _ => None,
        };
        let arg = desc.map(|desc| DirectiveArgument { desc, loc: self.loc_from(&astart) });
        Ok(ToplevelDirective { name, arg, loc: self.loc_from(&start) })
    }
}
