//! Type expressions.

use super::asttypes::*;
use super::location::{Loc, Located, Position};
use super::longident::Longident;
use super::parser::*;
use super::parsetree::*;
use super::token::Token;

impl<'a> Parser<'a> {
    /// `core_type`: arrows, tuples, aliases, with trailing attributes.
    pub(super) fn core_type(&mut self) -> PResult<CoreType> {
        let mut t = self.alias_type()?;
        while self.at(&Token::LBracketAt) {
            let a = self.attribute_with(&Token::LBracketAt)?;
            t.attributes.push(a);
        }
        Ok(t)
    }

    /// `core_type` without trailing attributes (`core_type_no_attr`).
    pub(super) fn core_type_no_attr(&mut self) -> PResult<CoreType> {
        self.alias_type()
    }

    fn alias_type(&mut self) -> PResult<CoreType> {
        let start = self.cur_start();
        let mut t = self.function_type()?;
        while self.at(&Token::As) {
            self.bump();
            self.expect(&Token::Quote)?;
            let name = self.ident()?;
            t = mktyp(CoreTypeDesc::Alias(Box::new(t), name.txt), self.loc_from(&start));
        }
        Ok(t)
    }

    fn function_type(&mut self) -> PResult<CoreType> {
        let start = self.cur_start();
        let label = match self.peek().clone() {
            Token::OptLabel(l) => {
                self.bump();
                ArgLabel::Optional(l)
            }
            Token::Question if matches!(self.peek_n(1), Token::Lident(_)) && *self.peek_n(2) == Token::Colon => {
                self.bump();
                let l = self.lident()?;
                self.bump();
                ArgLabel::Optional(l.txt)
            }
            Token::Lident(l) if *self.peek_n(1) == Token::Colon => {
                self.bump();
                self.bump();
                ArgLabel::Labelled(l)
            }
            _ => ArgLabel::Nolabel,
        };
        let dom = self.tuple_type()?;
        if self.at(&Token::MinusGreater) {
            self.bump();
            let cod = self.function_type()?;
            return Ok(mktyp(CoreTypeDesc::Arrow(label, Box::new(dom), Box::new(cod)), self.loc_from(&start)));
        }
        if label != ArgLabel::Nolabel {
            return Err(self.error());
        }
        Ok(dom)
    }

    fn tuple_type(&mut self) -> PResult<CoreType> {
        let start = self.cur_start();
        let t = self.atomic_type()?;
        if !self.at(&Token::Star) {
            return Ok(t);
        }
        let mut v = vec![t];
        while self.eat(&Token::Star) {
            v.push(self.atomic_type()?);
        }
        Ok(mktyp(CoreTypeDesc::Tuple(v), self.loc_from(&start)))
    }

    /// `atomic_type`, including postfix type constructor application `t list`.
    pub(super) fn atomic_type(&mut self) -> PResult<CoreType> {
        let start = self.cur_start();
        let mut t = match self.peek().clone() {
            Token::LParen => {
                self.bump();
                if self.at(&Token::Module) {
                    self.bump();
                    let (ext, attrs) = self.ext_attributes()?;
                    let mut pt = self.package_type()?;
                    self.expect(&Token::RParen)?;
                    let loc = self.loc_from(&start);
                    pt.loc = loc.clone();
                    pt.attributes.extend(attrs);
                    match ext {
                        None => pt,
                        Some(id) => mktyp(CoreTypeDesc::Extension((id, Payload::Typ(Box::new(pt)))), loc.to_ghost()),
                    }
                } else {
                    let first = self.core_type()?;
                    if self.at(&Token::Comma) {
                        let mut args = vec![first];
                        while self.eat(&Token::Comma) {
                            args.push(self.core_type()?);
                        }
                        self.expect(&Token::RParen)?;
                        // `(t1, t2) c` or `(t1, t2) #c`
                        return self.type_application_tail(args, &start);
                    }
                    self.expect(&Token::RParen)?;
                    first
                }
            }
            Token::Quote => {
                self.bump();
                let name = self.ident()?;
                mktyp(CoreTypeDesc::Var(name.txt), self.loc_from(&start))
            }
            Token::Underscore => {
                self.bump();
                mktyp(CoreTypeDesc::Any, self.last_loc())
            }
            Token::Lident(_) | Token::Uident(_) => {
                let lid = self.lower_longident(true)?;
                mktyp(CoreTypeDesc::Constr(lid, vec![]), self.loc_from(&start))
            }
            Token::Hash => {
                self.bump();
                let lid = self.lower_longident(true)?;
                mktyp(CoreTypeDesc::Class(lid, vec![]), self.loc_from(&start))
            }
            Token::Less => {
                self.bump();
                if self.eat(&Token::Greater) {
                    mktyp(CoreTypeDesc::Object(vec![], ClosedFlag::Closed), self.loc_from(&start))
                } else {
                    let (fields, closed) = self.meth_list()?;
                    self.expect(&Token::Greater)?;
                    mktyp(CoreTypeDesc::Object(fields, closed), self.loc_from(&start))
                }
            }
            Token::LBracket => {
                self.bump();
                // `[ `A ]`, `[ | ... ]`, `[ t | ... ]`
                let rows = if self.eat(&Token::Bar) {
                    self.row_field_list()?
                } else {
                    let first = self.row_field()?;
                    if matches!(first.desc, RowFieldDesc::Rinherit(_)) && !self.at(&Token::Bar) {
                        // `[ t ]` alone is only allowed for a tag
                        return Err(self.error());
                    }
                    let mut v = vec![first];
                    while self.eat(&Token::Bar) {
                        v.push(self.row_field()?);
                    }
                    v
                };
                self.expect(&Token::RBracket)?;
                mktyp(CoreTypeDesc::Variant(rows, ClosedFlag::Closed, None), self.loc_from(&start))
            }
            Token::LBracketGreater => {
                self.bump();
                if self.eat(&Token::RBracket) {
                    mktyp(CoreTypeDesc::Variant(vec![], ClosedFlag::Open, None), self.loc_from(&start))
                } else {
                    self.eat(&Token::Bar);
                    let rows = self.row_field_list()?;
                    self.expect(&Token::RBracket)?;
                    mktyp(CoreTypeDesc::Variant(rows, ClosedFlag::Open, None), self.loc_from(&start))
                }
            }
            Token::LBracketLess => {
                self.bump();
                self.eat(&Token::Bar);
                let rows = self.row_field_list()?;
                let tags = if self.eat(&Token::Greater) {
                    let mut tags = Vec::new();
                    while self.at(&Token::Backquote) {
                        self.bump();
                        tags.push(self.ident()?.txt);
                    }
                    if tags.is_empty() {
                        return Err(self.error());
                    }
                    tags
                } else {
                    vec![]
                };
                self.expect(&Token::RBracket)?;
                mktyp(CoreTypeDesc::Variant(rows, ClosedFlag::Closed, Some(tags)), self.loc_from(&start))
            }
            Token::LBracketPercent => {
                let (ext, loc) = self.extension()?;
                mktyp(CoreTypeDesc::Extension(ext), loc)
            }
            _ => return Err(self.error()),
        };
        // postfix application: `t list`, `t #c`
        loop {
            match self.peek() {
                Token::Lident(_) | Token::Uident(_) => {
                    let lid = self.lower_longident(true)?;
                    t = mktyp(CoreTypeDesc::Constr(lid, vec![t]), self.loc_from(&start));
                }
                Token::Hash => {
                    self.bump();
                    let lid = self.lower_longident(true)?;
                    t = mktyp(CoreTypeDesc::Class(lid, vec![t]), self.loc_from(&start));
                }
                _ => break,
            }
        }
        Ok(t)
    }

    /// After `(t1, ..., tn)`: the constructor (or class) they apply to, then more postfix
    /// applications.
    fn type_application_tail(&mut self, args: Vec<CoreType>, start: &Position) -> PResult<CoreType> {
        let mut t = if self.eat(&Token::Hash) {
            let lid = self.lower_longident(true)?;
            mktyp(CoreTypeDesc::Class(lid, args), self.loc_from(start))
        } else {
            let lid = self.lower_longident(true)?;
            mktyp(CoreTypeDesc::Constr(lid, args), self.loc_from(start))
        };
        loop {
            match self.peek() {
                Token::Lident(_) | Token::Uident(_) => {
                    let lid = self.lower_longident(true)?;
                    t = mktyp(CoreTypeDesc::Constr(lid, vec![t]), self.loc_from(start));
                }
                Token::Hash => {
                    self.bump();
                    let lid = self.lower_longident(true)?;
                    t = mktyp(CoreTypeDesc::Class(lid, vec![t]), self.loc_from(start));
                }
                _ => break,
            }
        }
        Ok(t)
    }

    /// `meth_list`: object type fields, with `..` for open objects.
    fn meth_list(&mut self) -> PResult<(Vec<ObjectField>, ClosedFlag)> {
        let mut fields = Vec::new();
        loop {
            if self.eat(&Token::DotDot) {
                return Ok((fields, ClosedFlag::Open));
            }
            let start = self.cur_start();
            if matches!(self.peek(), Token::Lident(_)) && *self.peek_n(1) == Token::Colon || is_label_keyword_then_colon(self) {
                let name = self.label_name()?;
                self.expect(&Token::Colon)?;
                let t = self.poly_type_no_attr()?;
                let mut attrs = self.attributes()?;
                let semi = self.eat(&Token::Semi);
                if semi {
                    attrs.extend(self.attributes()?);
                }
                fields.push(ObjectField { desc: ObjectFieldDesc::Otag(name, t), loc: self.loc_from(&start), attributes: attrs });
                if !semi || self.at(&Token::Greater) {
                    return Ok((fields, ClosedFlag::Closed));
                }
            } else {
                let t = self.atomic_type()?;
                let loc = self.loc_from(&start);
                fields.push(ObjectField { desc: ObjectFieldDesc::Oinherit(t), loc, attributes: vec![] });
                if !self.eat(&Token::Semi) || self.at(&Token::Greater) {
                    return Ok((fields, ClosedFlag::Closed));
                }
            }
        }
    }

    /// A method or field name: lowercase identifier.
    pub(super) fn label_name(&mut self) -> PResult<Loc<String>> {
        self.lident()
    }

    /// `poly_type`: `'a 'b. t` or `t`.
    pub(super) fn poly_core_type(&mut self) -> PResult<CoreType> {
        self.possibly_poly(true)
    }

    fn poly_type_no_attr(&mut self) -> PResult<CoreType> {
        self.possibly_poly(false)
    }

    fn possibly_poly(&mut self, attrs: bool) -> PResult<CoreType> {
        if self.at_typevar_list_dot() {
            let start = self.cur_start();
            let vars = self.typevar_list()?;
            self.expect(&Token::Dot)?;
            let t = if attrs { self.core_type()? } else { self.core_type_no_attr()? };
            return Ok(mktyp(CoreTypeDesc::Poly(vars, Box::new(t)), self.loc_from(&start)));
        }
        if attrs {
            self.core_type()
        } else {
            self.core_type_no_attr()
        }
    }

    /// Whether the next tokens are `'a 'b ... .`
    pub(super) fn at_typevar_list_dot(&mut self) -> bool {
        let mut k = 0;
        while *self.peek_n(k) == Token::Quote && matches!(self.peek_n(k + 1), Token::Lident(_) | Token::Uident(_)) {
            k += 2;
        }
        k > 0 && *self.peek_n(k) == Token::Dot
    }

    pub(super) fn typevar_list(&mut self) -> PResult<Vec<Loc<String>>> {
        let mut v = Vec::new();
        while self.at(&Token::Quote) {
            let start = self.cur_start();
            self.bump();
            let name = self.ident()?;
            v.push(Located::new(name.txt, self.loc_from(&start)));
        }
        Ok(v)
    }

    fn row_field_list(&mut self) -> PResult<Vec<RowField>> {
        let mut v = vec![self.row_field()?];
        while self.eat(&Token::Bar) {
            v.push(self.row_field()?);
        }
        Ok(v)
    }

    /// `` `A of t & u [@attr] `` or a type to inherit.
    fn row_field(&mut self) -> PResult<RowField> {
        let start = self.cur_start();
        if self.at(&Token::Backquote) {
            self.bump();
            let tag = self.ident()?;
            let tag = Located::new(tag.txt, self.loc_from(&start));
            if self.eat(&Token::Of) {
                let amp = self.eat(&Token::Ampersand);
                let mut tys = vec![self.core_type_no_attr()?];
                while self.eat(&Token::Ampersand) {
                    tys.push(self.core_type_no_attr()?);
                }
                let attrs = self.attributes()?;
                return Ok(RowField { desc: RowFieldDesc::Rtag(tag, amp, tys), loc: self.loc_from(&start), attributes: attrs });
            }
            let attrs = self.attributes()?;
            return Ok(RowField { desc: RowFieldDesc::Rtag(tag, true, vec![]), loc: self.loc_from(&start), attributes: attrs });
        }
        let t = self.core_type()?;
        Ok(RowField { desc: RowFieldDesc::Rinherit(t), loc: self.loc_from(&start), attributes: vec![] })
    }

    /// `package_type`: `S` or `S with type t = u and type ...`.
    pub(super) fn package_type(&mut self) -> PResult<CoreType> {
        let start = self.cur_start();
        let lid = self.mty_longident()?;
        let mut cstrs = Vec::new();
        if self.eat(&Token::With) {
            loop {
                self.expect(&Token::Type)?;
                let l = self.lower_longident(false)?;
                self.expect(&Token::Equal)?;
                let t = self.core_type()?;
                cstrs.push((l, t));
                if !self.eat(&Token::And) {
                    break;
                }
            }
        }
        let attrs = self.attributes()?;
        let mut t = mktyp(CoreTypeDesc::Package((lid, cstrs)), self.loc_from(&start));
        t.attributes = attrs;
        Ok(t)
    }

    /// `mty_longident`: a module type path `M.N.S` (with functor applications in the prefix).
    pub(super) fn mty_longident(&mut self) -> PResult<Loc<Longident>> {
        let start = self.cur_start();
        match self.peek().clone() {
            Token::Lident(s) | Token::Uident(s) if !matches!(self.peek_n(1), Token::Dot | Token::LParen) || matches!(self.peek(), Token::Lident(_)) => {
                self.bump();
                Ok(Located::new(Longident::Lident(s), self.last_loc()))
            }
            Token::Uident(_) => {
                // prefix path then `.` then the last name (any case)
                let first = self.uident()?;
                let mut lid = Longident::Lident(first.txt);
                loop {
                    if self.at(&Token::LParen) && matches!(self.peek_n(1), Token::Uident(_)) {
                        let open = self.cur_loc();
                        self.bump();
                        let arg = self.mod_ext_longident()?;
                        self.expect_closing(&Token::RParen, &open, "(", ")")?;
                        lid = Longident::Lapply(Box::new(lid), Box::new(arg.txt));
                        continue;
                    }
                    if self.at(&Token::Dot) {
                        self.bump();
                        match self.peek().clone() {
                            Token::Uident(s) => {
                                self.bump();
                                lid = Longident::ldot(lid, s);
                                continue;
                            }
                            Token::Lident(s) => {
                                self.bump();
                                lid = Longident::ldot(lid, s);
                                break;
                            }
                            _ => return Err(self.error()),
                        }
                    }
                    break;
                }
                Ok(Located::new(lid, self.loc_from(&start)))
            }
            _ => Err(self.error()),
        }
    }
}

fn is_label_keyword_then_colon(_p: &mut Parser) -> bool {
    false
}
