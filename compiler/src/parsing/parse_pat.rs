//! Patterns.

use super::asttypes::*;
use super::location::{Loc, Located, Location};
use super::longident::Longident;
use super::parser::*;
use super::parsetree::*;
use super::token::Token;

// Binding strength of pattern operators (higher binds tighter).
const P_AS: u8 = 0;
const P_BAR: u8 = 1;
const P_COMMA: u8 = 2;
const P_CONS: u8 = 3;
const P_APP: u8 = 4;

/// Tokens that can start a `simple_pattern`.
pub(super) fn starts_simple_pattern(t: &Token) -> bool {
    use Token::*;
    matches!(
        t,
        Lident(_)
            | Uident(_)
            | Underscore
            | Int(..)
            | Float(..)
            | Char(_)
            | String(..)
            | Minus
            | Plus
            | True
            | False
            | LParen
            | LBracket
            | LBracketBar
            | LBrace
            | Backquote
            | Hash
            | LBracketPercent
            | QuotedStringExpr(..)
    )
}

impl<'a> Parser<'a> {
    /// `pattern`, including `exception p`.
    pub(super) fn pattern(&mut self) -> PResult<Pattern> {
        self.pattern_at(P_AS, true)
    }

    /// `pattern_no_exn`
    pub(super) fn pattern_no_exn(&mut self) -> PResult<Pattern> {
        self.pattern_at(P_AS, false)
    }

    fn pattern_at(&mut self, min: u8, allow_exn: bool) -> PResult<Pattern> {
        let start = self.cur_start();
        let mut lhs = if allow_exn && self.at(&Token::Exception) {
            self.bump();
            let (ext, attrs) = self.ext_attributes()?;
            let p = self.pattern_at(P_APP, true)?;
            let loc = self.loc_from(&start);
            wrap_pat_attrs(mkpat(PatternDesc::Exception(Box::new(p)), loc.clone()), ext, attrs, &loc)
        } else {
            self.pattern_gen()?
        };
        loop {
            match self.peek() {
                Token::As if min <= P_AS => {
                    self.bump();
                    let name = self.val_ident()?;
                    lhs = mkpat(PatternDesc::Alias(Box::new(lhs), name), self.loc_from(&start));
                }
                Token::Bar if min <= P_BAR => {
                    self.bump();
                    let rhs = self.pattern_at(P_BAR + 1, allow_exn)?;
                    lhs = mkpat(PatternDesc::Or(Box::new(lhs), Box::new(rhs)), self.loc_from(&start));
                }
                Token::Comma if min <= P_COMMA => {
                    let mut elems = vec![lhs];
                    while self.eat(&Token::Comma) {
                        elems.push(self.pattern_at(P_COMMA + 1, allow_exn)?);
                    }
                    lhs = mkpat(PatternDesc::Tuple(elems), self.loc_from(&start));
                }
                Token::ColonColon if min <= P_CONS => {
                    self.bump();
                    let oploc = self.last_loc();
                    let rhs = self.pattern_at(P_CONS, allow_exn)?;
                    let loc = self.loc_from(&start);
                    let arg = mkpat(PatternDesc::Tuple(vec![lhs, rhs]), loc.to_ghost());
                    lhs = mkpat(PatternDesc::Construct(lid_loc("::", oploc), Some((vec![], Box::new(arg)))), loc);
                }
                Token::LBracketAt => {
                    // attributes bind to the pattern on their left
                    let a = self.attribute_with(&Token::LBracketAt)?;
                    lhs.attributes.push(a);
                }
                _ => break,
            }
        }
        Ok(lhs)
    }

    /// `val_ident`: a lowercase name or a parenthesised operator.
    pub(super) fn val_ident(&mut self) -> PResult<Loc<String>> {
        match self.peek().clone() {
            Token::Lident(s) => {
                self.bump();
                Ok(Located::new(s, self.last_loc()))
            }
            Token::LParen => {
                let start = self.cur_start();
                match self.paren_operator_at(1) {
                    Some(op) => {
                        self.bump();
                        self.bump_operator_tokens();
                        self.expect(&Token::RParen)?;
                        Ok(Located::new(op, self.loc_from(&start)))
                    }
                    None => {
                        self.bump();
                        Err(self.error())
                    }
                }
            }
            _ => Err(self.error()),
        }
    }

    /// `pattern_gen`: constructor application, variant application, `lazy p`, or simple.
    fn pattern_gen(&mut self) -> PResult<Pattern> {
        let start = self.cur_start();
        match self.peek().clone() {
            Token::Lazy => {
                self.bump();
                let (ext, attrs) = self.ext_attributes()?;
                let p = self.simple_pattern()?;
                let loc = self.loc_from(&start);
                Ok(wrap_pat_attrs(mkpat(PatternDesc::Lazy(Box::new(p)), loc.clone()), ext, attrs, &loc))
            }
            Token::Backquote => {
                let p = self.simple_pattern()?;
                if starts_simple_pattern(self.peek()) || matches!(self.peek(), Token::Lazy | Token::Exception) {
                    let arg = self.pattern_at(P_APP, true)?;
                    if let PatternDesc::Variant(tag, None) = p.desc {
                        return Ok(mkpat(PatternDesc::Variant(tag, Some(Box::new(arg))), self.loc_from(&start)));
                    }
                    return Err(self.error());
                }
                Ok(p)
            }
            _ => {
                let p = self.simple_pattern()?;
                let is_constr = matches!(&p.desc, PatternDesc::Construct(_, None)) && p.attributes.is_empty() && self.last_was_constr_longident(&p);
                if is_constr {
                    if self.at(&Token::LParen) && *self.peek_n(1) == Token::Type {
                        self.bump();
                        self.bump();
                        let vars = self.lident_list()?;
                        self.expect(&Token::RParen)?;
                        let arg = self.simple_pattern()?;
                        if let PatternDesc::Construct(lid, None) = p.desc {
                            return Ok(mkpat(PatternDesc::Construct(lid, Some((vars, Box::new(arg)))), self.loc_from(&start)));
                        }
                    }
                    if starts_simple_pattern(self.peek()) || matches!(self.peek(), Token::Lazy | Token::Exception) {
                        let arg = self.pattern_at(P_APP, true)?;
                        if let PatternDesc::Construct(lid, None) = p.desc {
                            return Ok(mkpat(PatternDesc::Construct(lid, Some((vec![], Box::new(arg)))), self.loc_from(&start)));
                        }
                    }
                }
                Ok(p)
            }
        }
    }

    /// Whether a constant-constructor pattern was written as a bare constructor path (so it
    /// may take an argument) rather than in parentheses.
    fn last_was_constr_longident(&self, p: &Pattern) -> bool {
        match &p.desc {
            PatternDesc::Construct(lid, None) => lid.loc == p.loc,
            _ => false,
        }
    }

    pub(super) fn simple_pattern(&mut self) -> PResult<Pattern> {
        let start = self.cur_start();
        match self.peek().clone() {
            Token::Lident(s) => {
                self.bump();
                let loc = self.last_loc();
                Ok(mkpat(PatternDesc::Var(Located::new(s, loc.clone())), loc))
            }
            Token::Underscore => {
                self.bump();
                Ok(mkpat(PatternDesc::Any, self.last_loc()))
            }
            Token::Int(..) | Token::Float(..) | Token::Char(_) | Token::String(..) | Token::Minus | Token::Plus => {
                let c = self.signed_constant()?;
                if self.eat(&Token::DotDot) {
                    let c2 = self.signed_constant()?;
                    return Ok(mkpat(PatternDesc::Interval(c, c2), self.loc_from(&start)));
                }
                Ok(mkpat(PatternDesc::Constant(c), self.loc_from(&start)))
            }
            t @ (Token::True | Token::False) => {
                self.bump();
                let loc = self.last_loc();
                let name = if t == Token::True { "true" } else { "false" };
                Ok(mkpat(PatternDesc::Construct(lid_loc(name, loc.clone()), None), loc))
            }
            Token::Uident(_) => {
                let path = self.mod_longident()?;
                if self.at(&Token::Dot) {
                    match self.peek_n(1).clone() {
                        Token::LBracket | Token::LBracketBar | Token::LBrace | Token::LParen => {
                            self.bump();
                            let mut inner = self.delimited_after_open_path()?;
                            let loc = self.loc_from(&start);
                            // `M.[]` and `M.()`: the constructor pattern spans the whole text
                            if matches!(&inner.desc, PatternDesc::Construct(l, None) if matches!(&l.txt, Longident::Lident(s) if s == "[]" || s == "()")) {
                                inner.loc = loc.clone();
                            }
                            return Ok(mkpat(PatternDesc::Open(path, Box::new(inner)), loc));
                        }
                        _ => return Err(self.error_after_dot()),
                    }
                }
                let loc = path.loc.clone();
                Ok(mkpat(PatternDesc::Construct(path, None), loc))
            }
            Token::Backquote => {
                self.bump();
                let tag = self.ident()?;
                Ok(mkpat(PatternDesc::Variant(tag.txt, None), self.loc_from(&start)))
            }
            Token::Hash => {
                self.bump();
                let lid = self.lower_longident(true)?;
                Ok(mkpat(PatternDesc::Type(lid), self.loc_from(&start)))
            }
            Token::LParen => self.paren_pattern(),
            Token::LBracket if *self.peek_n(1) == Token::RBracket => {
                self.bump();
                self.bump();
                let loc = self.loc_from(&start);
                Ok(mkpat(PatternDesc::Construct(lid_loc("[]", loc.clone()), None), loc))
            }
            Token::LBrace | Token::LBracket | Token::LBracketBar => self.simple_delimited_pattern(),
            Token::LBracketPercent | Token::QuotedStringExpr(..) => {
                let (ext, loc) = self.extension()?;
                Ok(mkpat(PatternDesc::Extension(ext), loc))
            }
            _ => Err(self.error()),
        }
    }

    fn error_after_dot(&mut self) -> crate::parsing::error::SyntaxError {
        self.bump();
        self.error()
    }

    /// After `M.`: `[...]`, `[|...|]`, `{...}`, `(p)`, `()`, `[]`.
    fn delimited_after_open_path(&mut self) -> PResult<Pattern> {
        let start = self.cur_start();
        match self.peek() {
            Token::LBracket if *self.peek_n(1) == Token::RBracket => {
                self.bump();
                self.bump();
                let loc = self.loc_from(&start);
                Ok(mkpat(PatternDesc::Construct(lid_loc("[]", loc.clone()), None), loc))
            }
            Token::LParen if *self.peek_n(1) == Token::RParen => {
                self.bump();
                self.bump();
                let loc = self.loc_from(&start);
                Ok(mkpat(PatternDesc::Construct(lid_loc("()", loc.clone()), None), loc))
            }
            Token::LParen => {
                let open_loc = self.cur_loc();
                self.bump();
                let p = self.pattern()?;
                if self.eat(&Token::Colon) {
                    let t = self.core_type()?;
                    self.expect_closing(&Token::RParen, &open_loc, "(", ")")?;
                    return Ok(mkpat(PatternDesc::Constraint(Box::new(p), Box::new(t)), self.loc_from(&start)));
                }
                self.expect_closing(&Token::RParen, &open_loc, "(", ")")?;
                Ok(p)
            }
            _ => self.simple_delimited_pattern(),
        }
    }

    /// `{ ... }`, `[ ... ]`, `[| ... |]` patterns.
    fn simple_delimited_pattern(&mut self) -> PResult<Pattern> {
        let start = self.cur_start();
        let open_loc = self.cur_loc();
        match self.bump().tok {
            Token::LBrace => {
                let mut fields = Vec::new();
                let mut closed = ClosedFlag::Closed;
                loop {
                    if self.at(&Token::Underscore) {
                        self.bump();
                        closed = ClosedFlag::Open;
                        self.eat(&Token::Semi);
                        break;
                    }
                    let lid = self.lower_longident(false)?;
                    let colon_start = self.cur_start();
                    let ty = if self.eat(&Token::Colon) { Some(self.core_type()?) } else { None };
                    let (pat, cloc) = if self.eat(&Token::Equal) {
                        let p = self.pattern()?;
                        let _ = colon_start;
                        (p, self.loc_from(&lid.loc.start))
                    } else {
                        let last = lid.txt.last().to_string();
                        (mkpat(PatternDesc::Var(Located::new(last, lid.loc.clone())), lid.loc.clone()), lid.loc.clone())
                    };
                    // a punned label is ghost
                    let lid = if matches!(&pat.desc, PatternDesc::Var(v) if v.loc == lid.loc) && pat.loc == lid.loc { Located::new(lid.txt, lid.loc.to_ghost()) } else { lid };
                    let pat = match ty {
                        Some(t) => mkpat(PatternDesc::Constraint(Box::new(pat), Box::new(t)), cloc.to_ghost()),
                        None => pat,
                    };
                    fields.push((lid, pat));
                    if !self.eat(&Token::Semi) {
                        break;
                    }
                    if self.at(&Token::RBrace) {
                        break;
                    }
                }
                self.expect_closing(&Token::RBrace, &open_loc, "{", "}")?;
                Ok(mkpat(PatternDesc::Record(fields, closed), self.loc_from(&start)))
            }
            Token::LBracket => {
                let elems = self.pattern_semi_list()?;
                self.expect_closing(&Token::RBracket, &open_loc, "[", "]")?;
                let nil_loc = self.last_loc();
                let mut p = list_pattern(elems, nil_loc);
                p.loc = self.loc_from(&start);
                Ok(p)
            }
            _ => {
                if self.eat(&Token::BarRBracket) {
                    return Ok(mkpat(PatternDesc::Array(vec![]), self.loc_from(&start)));
                }
                let elems = self.pattern_semi_list()?;
                self.expect_closing(&Token::BarRBracket, &open_loc, "[|", "|]")?;
                Ok(mkpat(PatternDesc::Array(elems), self.loc_from(&start)))
            }
        }
    }

    fn pattern_semi_list(&mut self) -> PResult<Vec<Pattern>> {
        let mut v = vec![self.pattern()?];
        while self.eat(&Token::Semi) {
            if matches!(self.peek(), Token::RBracket | Token::BarRBracket) {
                break;
            }
            v.push(self.pattern()?);
        }
        Ok(v)
    }

    /// `( ... )` patterns: `()`, `(::)`, `(op)`, `(p)`, `(p : t)`, `(module M)`.
    fn paren_pattern(&mut self) -> PResult<Pattern> {
        let start = self.cur_start();
        let open_loc = self.cur_loc();
        if let Some(op) = self.paren_operator_at(1) {
            self.bump();
            self.bump_operator_tokens();
            self.expect(&Token::RParen)?;
            let loc = self.loc_from(&start);
            return Ok(mkpat(PatternDesc::Var(Located::new(op, loc.clone())), loc));
        }
        self.bump();
        match self.peek() {
            Token::RParen => {
                self.bump();
                let loc = self.loc_from(&start);
                return Ok(mkpat(PatternDesc::Construct(lid_loc("()", loc.clone()), None), loc));
            }
            Token::ColonColon if *self.peek_n(1) == Token::RParen => {
                self.bump();
                self.bump();
                let loc = self.loc_from(&start);
                return Ok(mkpat(PatternDesc::Construct(lid_loc("::", loc.clone()), None), loc));
            }
            Token::Module => {
                self.bump();
                let (ext, attrs) = self.ext_attributes()?;
                let name = self.module_name()?;
                let p = if self.eat(&Token::Colon) {
                    let pt = self.package_type()?;
                    self.expect_closing(&Token::RParen, &open_loc, "(", ")")?;
                    let loc = self.loc_from(&start);
                    let nloc = name.loc.clone();
                    let unpack = mkpat(PatternDesc::Unpack(name), nloc);
                    mkpat(PatternDesc::Constraint(Box::new(unpack), Box::new(pt)), loc)
                } else {
                    self.expect_closing(&Token::RParen, &open_loc, "(", ")")?;
                    mkpat(PatternDesc::Unpack(name), self.loc_from(&start))
                };
                let loc = self.loc_from(&start);
                return Ok(wrap_pat_attrs(p, ext, attrs, &loc));
            }
            _ => {}
        }
        let p = self.pattern()?;
        if self.eat(&Token::Colon) {
            let t = self.core_type()?;
            self.expect_closing(&Token::RParen, &open_loc, "(", ")")?;
            return Ok(mkpat(PatternDesc::Constraint(Box::new(p), Box::new(t)), self.loc_from(&start)));
        }
        self.expect_closing(&Token::RParen, &open_loc, "(", ")")?;
        let mut p = p;
        p.loc = self.loc_from(&start);
        Ok(p)
    }

    /// `signed_constant`: a constant with an optional `-` or `+` sign.
    pub(super) fn signed_constant(&mut self) -> PResult<Constant> {
        match self.peek() {
            Token::Minus => {
                self.bump();
                match self.peek().clone() {
                    Token::Int(s, m) => {
                        self.bump();
                        Ok(Constant::Integer(format!("-{}", s), m))
                    }
                    Token::Float(s, m) => {
                        self.bump();
                        Ok(Constant::Float(format!("-{}", s), m))
                    }
                    _ => Err(self.error()),
                }
            }
            Token::Plus => {
                self.bump();
                match self.peek().clone() {
                    Token::Int(s, m) => {
                        self.bump();
                        Ok(Constant::Integer(s, m))
                    }
                    Token::Float(s, m) => {
                        self.bump();
                        Ok(Constant::Float(s, m))
                    }
                    _ => Err(self.error()),
                }
            }
            _ => self.constant(),
        }
    }

    /// `labeled_simple_pattern` for function parameters: returns label, default, pattern.
    pub(super) fn labeled_simple_pattern(&mut self) -> PResult<(ArgLabel, Option<Expression>, Pattern)> {
        match self.peek().clone() {
            Token::Question => {
                self.bump();
                if self.at(&Token::LParen) {
                    let open_loc = self.cur_loc();
                    self.bump();
                    let (name, pat) = self.label_let_pattern()?;
                    let default = if self.eat(&Token::Equal) { Some(self.seq_expr()?) } else { None };
                    self.expect_closing(&Token::RParen, &open_loc, "(", ")")?;
                    return Ok((ArgLabel::Optional(name), default, pat));
                }
                let name = self.lident()?;
                let pat = mkpat(PatternDesc::Var(name.clone()), name.loc.clone());
                Ok((ArgLabel::Optional(name.txt), None, pat))
            }
            Token::OptLabel(l) => {
                self.bump();
                if self.at(&Token::LParen) {
                    let open_loc = self.cur_loc();
                    self.bump();
                    let start = self.cur_start();
                    let p = self.pattern()?;
                    let p = if self.eat(&Token::Colon) {
                        let t = self.core_type()?;
                        mkpat(PatternDesc::Constraint(Box::new(p), Box::new(t)), self.loc_from(&start))
                    } else {
                        p
                    };
                    let default = if self.eat(&Token::Equal) { Some(self.seq_expr()?) } else { None };
                    self.expect_closing(&Token::RParen, &open_loc, "(", ")")?;
                    return Ok((ArgLabel::Optional(l), default, p));
                }
                // pattern_var: a name or `_`
                let p = match self.peek().clone() {
                    Token::Lident(s) => {
                        self.bump();
                        let loc = self.last_loc();
                        mkpat(PatternDesc::Var(Located::new(s, loc.clone())), loc)
                    }
                    Token::Underscore => {
                        self.bump();
                        mkpat(PatternDesc::Any, self.last_loc())
                    }
                    _ => return Err(self.error()),
                };
                Ok((ArgLabel::Optional(l), None, p))
            }
            Token::Tilde => {
                self.bump();
                if self.at(&Token::LParen) {
                    let open_loc = self.cur_loc();
                    self.bump();
                    let (name, pat) = self.label_let_pattern()?;
                    self.expect_closing(&Token::RParen, &open_loc, "(", ")")?;
                    return Ok((ArgLabel::Labelled(name), None, pat));
                }
                let name = self.lident()?;
                let pat = mkpat(PatternDesc::Var(name.clone()), name.loc.clone());
                Ok((ArgLabel::Labelled(name.txt), None, pat))
            }
            Token::Label(l) => {
                self.bump();
                let p = self.simple_pattern()?;
                Ok((ArgLabel::Labelled(l), None, p))
            }
            _ => {
                let p = self.simple_pattern()?;
                Ok((ArgLabel::Nolabel, None, p))
            }
        }
    }

    /// `label_let_pattern`: `x` or `x : t`.
    fn label_let_pattern(&mut self) -> PResult<(String, Pattern)> {
        let start = self.cur_start();
        let name = self.lident()?;
        let var = mkpat(PatternDesc::Var(name.clone()), name.loc.clone());
        if self.eat(&Token::Colon) {
            let t = self.core_type()?;
            return Ok((name.txt, mkpat(PatternDesc::Constraint(Box::new(var), Box::new(t)), self.loc_from(&start))));
        }
        Ok((name.txt, var))
    }

    /// `module_name`: a capitalised name or `_`.
    pub(super) fn module_name(&mut self) -> PResult<Loc<Option<String>>> {
        match self.peek().clone() {
            Token::Uident(s) => {
                self.bump();
                Ok(Located::new(Some(s), self.last_loc()))
            }
            Token::Underscore => {
                self.bump();
                Ok(Located::new(None, self.last_loc()))
            }
            _ => Err(self.error()),
        }
    }
}

/// `[p1; p2]` as nested `::` patterns with ghost locations.
fn list_pattern(elems: Vec<Pattern>, nil_loc: Location) -> Pattern {
    let mut tail = mkpat(PatternDesc::Construct(lid_loc("[]", nil_loc.to_ghost()), None), nil_loc.to_ghost());
    for p in elems.into_iter().rev() {
        let loc = Location { start: p.loc.start.clone(), end: tail.loc.end.clone(), ghost: true };
        let arg = mkpat(PatternDesc::Tuple(vec![p, tail]), loc.clone());
        tail = mkpat(PatternDesc::Construct(Located::new(Longident::Lident("::".into()), loc.clone()), Some((vec![], Box::new(arg)))), loc);
    }
    tail
}
