//! Parser infrastructure: the token stream with lookahead, locations, errors, and the small
//! pieces shared by all parts of the grammar (identifiers, attributes, extensions).
//!
//! The grammar itself is split by syntactic category: `parse_expr.rs`, `parse_pat.rs`,
//! `parse_type.rs`, `parse_module.rs`, `parse_class.rs`. Locations follow OCaml's parser:
//! a node covers its first to its last token, and nodes OCaml builds without source text of
//! their own are ghost.

use super::asttypes::*;
use super::error::{SyntaxError, Warning};
use super::lexer::{Docstring, Lexer, Spanned};
use super::location::{Loc, Located, Location, Position};
use super::longident::Longident;
use super::parsetree::*;
use super::token::Token;

pub type PResult<T> = Result<T, SyntaxError>;

pub struct Parser<'a> {
    /// All tokens of the input, ending with `Eof`. A lexer error is a `Token::Eof`-free
    /// `LexError` entry: see `lex_errors`.
    tokens: Vec<Spanned>,
    /// Lexer errors, by index of the token they replace (that token is `Token::LexError`).
    lex_errors: Vec<(usize, SyntaxError)>,
    /// Index of the current token.
    pos: usize,
    /// End of the last consumed token.
    pub(super) last_end: Position,
    /// Start of the last consumed token.
    pub(super) last_start: Position,
    warnings: Vec<Warning>,
    docstrings: Vec<Docstring>,
    _src: std::marker::PhantomData<&'a [u8]>,
}

impl<'a> Parser<'a> {
    /// Lexes the whole input up front (continuing after lexer errors, which the parser
    /// reports when it reaches them), then parses on demand.
    pub fn new(src: &'a [u8], fname: &str) -> Parser<'a> {
        let mut lexer = Lexer::new(src, fname);
        let p0 = lexer.position();
        let mut tokens = Vec::new();
        let mut lex_errors = Vec::new();
        loop {
            let before = lexer.offset();
            match lexer.next_token() {
                Ok(t) => {
                    let eof = t.tok == Token::Eof;
                    tokens.push(t);
                    if eof {
                        break;
                    }
                }
                Err(e) => {
                    let start = e.loc.start.clone();
                    lex_errors.push((tokens.len(), e));
                    tokens.push(Spanned { tok: Token::LexError, start: start.clone(), end: start });
                    if lexer.offset() == before {
                        // cannot make progress: stop here
                        let p = lexer.position();
                        tokens.push(Spanned { tok: Token::Eof, start: p.clone(), end: p });
                        break;
                    }
                }
            }
        }
        let warnings = std::mem::take(&mut lexer.warnings);
        let docstrings = std::mem::take(&mut lexer.docstrings);
        Parser {
            tokens,
            lex_errors,
            pos: 0,
            last_end: p0.clone(),
            last_start: p0,
            warnings,
            docstrings,
            _src: std::marker::PhantomData,
        }
    }

    pub fn warnings(&self) -> &[Warning] {
        &self.warnings
    }

    pub fn take_warnings(&mut self) -> Vec<Warning> {
        std::mem::take(&mut self.warnings)
    }

    pub fn docstrings(&self) -> &[Docstring] {
        &self.docstrings
    }

    fn tok_at(&self, i: usize) -> &Spanned {
        // The last token is always Eof.
        let last = self.tokens.len() - 1;
        &self.tokens[i.min(last)]
    }

    /// The token `n` places ahead (0 = current). Past the end, `Eof`.
    pub(super) fn peek_n(&self, n: usize) -> &Token {
        &self.tok_at(self.pos + n).tok
    }

    pub(super) fn peek(&self) -> &Token {
        self.peek_n(0)
    }

    pub(super) fn peek_spanned(&self) -> &Spanned {
        self.tok_at(self.pos)
    }

    pub(super) fn at(&self, t: &Token) -> bool {
        self.peek() == t
    }

    /// Consumes the current token.
    pub(super) fn bump(&mut self) -> Spanned {
        let t = self.tok_at(self.pos).clone();
        if self.pos < self.tokens.len() - 1 {
            self.pos += 1;
        }
        self.last_end = t.end.clone();
        self.last_start = t.start.clone();
        t
    }

    /// Consumes the current token if it is `t`.
    pub(super) fn eat(&mut self, t: &Token) -> bool {
        if self.at(t) {
            self.bump();
            true
        } else {
            false
        }
    }

    pub(super) fn expect(&mut self, t: &Token) -> PResult<Spanned> {
        if self.at(t) {
            Ok(self.bump())
        } else {
            Err(self.error())
        }
    }

    /// Expects the closing token of a bracketing construct opened at `open_loc`, reporting
    /// OCaml's "Syntax error: ')' expected" / "This '(' might be unmatched" otherwise.
    pub(super) fn expect_closing(&mut self, t: &Token, open_loc: &Location, open: &str, close: &str) -> PResult<Spanned> {
        if self.at(t) {
            return Ok(self.bump());
        }
        if let Some(e) = self.pending_lex_error() {
            return Err(e);
        }
        let here = self.cur_loc();
        Err(SyntaxError::unclosed(open_loc.clone(), open, here, close))
    }

    /// The lexer error at the current token, if the lexer failed there.
    pub(super) fn pending_lex_error(&self) -> Option<SyntaxError> {
        if *self.peek() != Token::LexError {
            return None;
        }
        let idx = self.pos.min(self.tokens.len() - 1);
        self.lex_errors.iter().find(|(i, _)| *i == idx).map(|(_, e)| e.clone())
    }

    /// Start position of the current token.
    pub(super) fn cur_start(&self) -> Position {
        self.peek_spanned().start.clone()
    }

    /// Location of the current token.
    pub(super) fn cur_loc(&self) -> Location {
        let t = self.peek_spanned();
        Location { start: t.start.clone(), end: t.end.clone(), ghost: false }
    }

    /// Location from `start` to the end of the last consumed token.
    pub(super) fn loc_from(&self, start: &Position) -> Location {
        Location { start: start.clone(), end: self.last_end.clone(), ghost: false }
    }

    pub(super) fn ghost_from(&self, start: &Position) -> Location {
        Location { start: start.clone(), end: self.last_end.clone(), ghost: true }
    }

    /// Location of the last consumed token.
    pub(super) fn last_loc(&self) -> Location {
        Location { start: self.last_start.clone(), end: self.last_end.clone(), ghost: false }
    }

    /// The error for an unexpected current token: the lexer's error if the lexer failed
    /// there, else "Syntax error" at the token.
    pub(super) fn error(&self) -> SyntaxError {
        if let Some(e) = self.pending_lex_error() {
            return e;
        }
        SyntaxError::generic(self.cur_loc())
    }

    /// After a syntax error in the toplevel: unless the offending token is `;;` (which is
    /// then consumed) or the end, skips tokens up to and including the next `;;`, going
    /// past lexer errors (OCaml's `Parse.skip_phrase`).
    pub(super) fn skip_phrase(&mut self) {
        loop {
            match self.peek() {
                Token::SemiSemi => {
                    self.bump();
                    return;
                }
                Token::Eof => return,
                _ => {
                    self.bump();
                }
            }
        }
    }

    // -----------------------------------------------------------------------------------------
    // Identifiers

    pub(super) fn lident(&mut self) -> PResult<Loc<String>> {
        match self.peek().clone() {
            Token::Lident(s) => {
                self.bump();
                Ok(Located::new(s, self.last_loc()))
            }
            _ => Err(self.error()),
        }
    }

    pub(super) fn uident(&mut self) -> PResult<Loc<String>> {
        match self.peek().clone() {
            Token::Uident(s) => {
                self.bump();
                Ok(Located::new(s, self.last_loc()))
            }
            _ => Err(self.error()),
        }
    }

    /// `ident: UIDENT | LIDENT`
    pub(super) fn ident(&mut self) -> PResult<Loc<String>> {
        match self.peek().clone() {
            Token::Uident(s) | Token::Lident(s) => {
                self.bump();
                Ok(Located::new(s, self.last_loc()))
            }
            _ => Err(self.error()),
        }
    }

    /// A module path `A.B.C` (`mod_longident`), current token is a UIDENT.
    pub(super) fn mod_longident(&mut self) -> PResult<Loc<Longident>> {
        let start = self.cur_start();
        let first = self.uident()?;
        let mut lid = Longident::Lident(first.txt);
        while self.at(&Token::Dot) && matches!(self.peek_n(1), Token::Uident(_)) {
            self.bump();
            let u = self.uident()?;
            lid = Longident::ldot(lid, u.txt);
        }
        Ok(Located::new(lid, self.loc_from(&start)))
    }

    /// `mod_ext_longident`: module paths with applications `F(X).Y`, as used in types.
    pub(super) fn mod_ext_longident(&mut self) -> PResult<Loc<Longident>> {
        let start = self.cur_start();
        let first = self.uident()?;
        let mut lid = Longident::Lident(first.txt);
        loop {
            if self.at(&Token::Dot) && matches!(self.peek_n(1), Token::Uident(_)) {
                self.bump();
                let u = self.uident()?;
                lid = Longident::ldot(lid, u.txt);
            } else if self.at(&Token::LParen) && matches!(self.peek_n(1), Token::Uident(_)) {
                let open = self.cur_loc();
                self.bump();
                let arg = self.mod_ext_longident()?;
                self.expect_closing(&Token::RParen, &open, "(", ")")?;
                lid = Longident::Lapply(Box::new(lid), Box::new(arg.txt));
            } else {
                break;
            }
        }
        Ok(Located::new(lid, self.loc_from(&start)))
    }

    /// A path ending in a lowercase name, with module prefix `A.B.x` (`val_longident`-like
    /// for labels, types, classes). `ext` allows functor applications in the prefix.
    pub(super) fn lower_longident(&mut self, ext: bool) -> PResult<Loc<Longident>> {
        let start = self.cur_start();
        match self.peek().clone() {
            Token::Lident(s) => {
                self.bump();
                Ok(Located::new(Longident::Lident(s), self.last_loc()))
            }
            Token::Uident(_) => {
                let m = if ext { self.mod_ext_longident()? } else { self.mod_longident()? };
                self.expect(&Token::Dot)?;
                let name = self.lident()?;
                Ok(Located::new(Longident::ldot(m.txt, name.txt), self.loc_from(&start)))
            }
            _ => Err(self.error()),
        }
    }

    // -----------------------------------------------------------------------------------------
    // Attributes and extensions

    /// `attr_id`: dotted sequence of identifiers and keywords, `foo.bar`.
    pub(super) fn attr_id(&mut self) -> PResult<Loc<String>> {
        let start = self.cur_start();
        let mut s = self.single_attr_id()?;
        while self.at(&Token::Dot) {
            self.bump();
            s.push('.');
            s.push_str(&self.single_attr_id()?);
        }
        Ok(Located::new(s, self.loc_from(&start)))
    }

    fn single_attr_id(&mut self) -> PResult<String> {
        let t = self.peek().clone();
        let s = match &t {
            Token::Lident(s) | Token::Uident(s) => s.clone(),
            _ => match keyword_text(&t) {
                Some(k) => k.to_string(),
                None => return Err(self.error()),
            },
        };
        self.bump();
        Ok(s)
    }

    /// Payload of an attribute or extension, up to (not including) the closing `]`.
    pub(super) fn payload(&mut self) -> PResult<Payload> {
        match self.peek() {
            Token::Colon => {
                self.bump();
                if matches!(self.peek(), Token::RBracket) {
                    return Ok(Payload::Sig(Vec::new()));
                }
                // `[%id: t]` is a type unless it starts like a signature item
                if self.starts_signature_item() {
                    Ok(Payload::Sig(self.signature()?))
                } else {
                    Ok(Payload::Typ(Box::new(self.core_type()?)))
                }
            }
            Token::Question => {
                self.bump();
                let p = self.pattern()?;
                let guard = if self.eat(&Token::When) { Some(Box::new(self.seq_expr()?)) } else { None };
                Ok(Payload::Pat(Box::new(p), guard))
            }
            _ => Ok(Payload::Str(self.structure()?)),
        }
    }

    /// An attribute starting with the given opening token (`[@`, `[@@` or `[@@@`).
    pub(super) fn attribute_with(&mut self, open: &Token) -> PResult<Attribute> {
        let start = self.cur_start();
        let open_loc = self.cur_loc();
        self.expect(open)?;
        let name = self.attr_id()?;
        let payload = self.payload()?;
        let _ = open_loc;
        self.expect(&Token::RBracket)?;
        Ok(Attribute { name, payload, loc: self.loc_from(&start) })
    }

    /// Zero or more `[@...]`.
    pub(super) fn attributes(&mut self) -> PResult<Attributes> {
        let mut v = Vec::new();
        while self.at(&Token::LBracketAt) {
            v.push(self.attribute_with(&Token::LBracketAt)?);
        }
        Ok(v)
    }

    /// Zero or more `[@@...]`.
    pub(super) fn post_item_attributes(&mut self) -> PResult<Attributes> {
        let mut v = Vec::new();
        while self.at(&Token::LBracketAtAt) {
            v.push(self.attribute_with(&Token::LBracketAtAt)?);
        }
        Ok(v)
    }

    /// `%id` after a keyword (`let%id`), optional.
    pub(super) fn ext_opt(&mut self) -> PResult<Option<Loc<String>>> {
        if self.at(&Token::Percent) {
            self.bump();
            Ok(Some(self.attr_id()?))
        } else {
            Ok(None)
        }
    }

    /// `ext_attributes`: `%id` then `[@...]` attributes.
    pub(super) fn ext_attributes(&mut self) -> PResult<(Option<Loc<String>>, Attributes)> {
        let ext = self.ext_opt()?;
        let attrs = self.attributes()?;
        Ok((ext, attrs))
    }

    /// `[%id payload]` or `[%%id payload]`, current token is the opener.
    pub(super) fn extension_with(&mut self, open: &Token) -> PResult<(Extension, Location)> {
        let start = self.cur_start();
        self.expect(open)?;
        let name = self.attr_id()?;
        let payload = self.payload()?;
        self.expect(&Token::RBracket)?;
        Ok(((name, payload), self.loc_from(&start)))
    }

    /// An extension node: `[%id ...]` or a quoted-string extension `{%id|...|}`.
    pub(super) fn extension(&mut self) -> PResult<(Extension, Location)> {
        match self.peek().clone() {
            Token::QuotedStringExpr(name, nloc, s, sloc, delim) => {
                self.bump();
                let loc = self.last_loc();
                Ok((quoted_extension(name, nloc, s, sloc, delim, &loc), loc))
            }
            _ => self.extension_with(&Token::LBracketPercent),
        }
    }

    /// `[%%id ...]` or `{%%id|...|}` as an item.
    pub(super) fn item_extension(&mut self) -> PResult<(Extension, Location)> {
        match self.peek().clone() {
            Token::QuotedStringItem(name, nloc, s, sloc, delim) => {
                self.bump();
                let loc = self.last_loc();
                Ok((quoted_extension(name, nloc, s, sloc, delim, &loc), loc))
            }
            _ => self.extension_with(&Token::LBracketPercentPercent),
        }
    }

    // -----------------------------------------------------------------------------------------
    // Flags

    pub(super) fn rec_flag(&mut self) -> RecFlag {
        if self.eat(&Token::Rec) {
            RecFlag::Recursive
        } else {
            RecFlag::Nonrecursive
        }
    }

    pub(super) fn override_flag(&mut self) -> OverrideFlag {
        if self.eat(&Token::Bang) {
            OverrideFlag::Override
        } else {
            OverrideFlag::Fresh
        }
    }
}

/// Builds the extension node of `{%id|text|}`: a string constant payload.
fn quoted_extension(name: String, nloc: Location, s: Vec<u8>, sloc: Location, delim: Option<String>, loc: &Location) -> Extension {
    let _ = sloc.clone();
    let e = Expression { desc: ExpressionDesc::Constant(Constant::String(s, sloc, delim)), loc: loc.clone(), attributes: vec![] };
    let item = StructureItem { desc: StructureItemDesc::Eval(e, vec![]), loc: loc.clone() };
    (Located::new(name, nloc), Payload::Str(vec![item]))
}

/// Text of a keyword token (keywords are allowed as attribute names).
pub(super) fn keyword_text(t: &Token) -> Option<&'static str> {
    use Token::*;
    Some(match t {
        And => "and",
        As => "as",
        Assert => "assert",
        Begin => "begin",
        Class => "class",
        Constraint => "constraint",
        Do => "do",
        Done => "done",
        Downto => "downto",
        Else => "else",
        End => "end",
        Exception => "exception",
        External => "external",
        False => "false",
        For => "for",
        Fun => "fun",
        Function => "function",
        Functor => "functor",
        If => "if",
        In => "in",
        Include => "include",
        Inherit => "inherit",
        Initializer => "initializer",
        Lazy => "lazy",
        Let => "let",
        Match => "match",
        Method => "method",
        Module => "module",
        Mutable => "mutable",
        New => "new",
        Nonrec => "nonrec",
        Object => "object",
        Of => "of",
        Open => "open",
        Or => "or",
        Private => "private",
        Rec => "rec",
        Sig => "sig",
        Struct => "struct",
        Then => "then",
        To => "to",
        True => "true",
        Try => "try",
        Type => "type",
        Val => "val",
        Virtual => "virtual",
        When => "when",
        While => "while",
        With => "with",
        InfixOp3(s) if s == "mod" => "mod",
        InfixOp3(s) if s == "land" => "land",
        InfixOp3(s) if s == "lor" => "lor",
        InfixOp3(s) if s == "lxor" => "lxor",
        InfixOp4(s) if s == "lsl" => "lsl",
        InfixOp4(s) if s == "lsr" => "lsr",
        InfixOp4(s) if s == "asr" => "asr",
        _ => return None,
    })
}

// ---------------------------------------------------------------------------------------------
// Node constructors shared by the grammar files

pub(super) fn mkexp(desc: ExpressionDesc, loc: Location) -> Expression {
    Expression { desc, loc, attributes: Vec::new() }
}

pub(super) fn mkpat(desc: PatternDesc, loc: Location) -> Pattern {
    Pattern { desc, loc, attributes: Vec::new() }
}

pub(super) fn mktyp(desc: CoreTypeDesc, loc: Location) -> CoreType {
    CoreType { desc, loc, attributes: Vec::new() }
}

pub(super) fn ghost(loc: &Location) -> Location {
    loc.to_ghost()
}

/// Wraps an expression built by a keyword construct with its `%ext` and attributes
/// (OCaml's `mkexp_attrs`): attributes go on the node, an extension wraps it.
pub(super) fn wrap_exp_attrs(mut e: Expression, ext: Option<Loc<String>>, attrs: Attributes, loc: &Location) -> Expression {
    let mut a = attrs;
    a.extend(std::mem::take(&mut e.attributes));
    e.attributes = a;
    match ext {
        None => e,
        Some(id) => {
            let item_loc = e.loc.clone();
            let item = StructureItem { desc: StructureItemDesc::Eval(e, vec![]), loc: item_loc };
            mkexp(ExpressionDesc::Extension((id, Payload::Str(vec![item]))), loc.to_ghost())
        }
    }
}

pub(super) fn wrap_pat_attrs(mut p: Pattern, ext: Option<Loc<String>>, attrs: Attributes, loc: &Location) -> Pattern {
    let mut a = attrs;
    a.extend(std::mem::take(&mut p.attributes));
    p.attributes = a;
    match ext {
        None => p,
        Some(id) => mkpat(PatternDesc::Extension((id, Payload::Pat(Box::new(p), None))), loc.to_ghost()),
    }
}

pub(super) fn lid_loc(s: &str, loc: Location) -> Loc<Longident> {
    Located::new(Longident::Lident(s.to_string()), loc)
}
