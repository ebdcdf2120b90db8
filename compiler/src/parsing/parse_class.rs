//! The class language: class declarations, class types, class expressions, object bodies.

use super::asttypes::*;
use super::location::{Loc, Located, Position};
use super::parser::*;
use super::parsetree::*;
use super::token::Token;

impl<'a> Parser<'a> {
    /// `[ 'a, 'b ]` after `class`.
    fn formal_class_parameters(&mut self) -> PResult<Vec<(CoreType, (Variance, Injectivity))>> {
        if !self.eat(&Token::LBracket) {
            return Ok(vec![]);
        }
        let mut v = vec![self.type_parameter()?];
        while self.eat(&Token::Comma) {
            v.push(self.type_parameter()?);
        }
        self.expect(&Token::RBracket)?;
        Ok(v)
    }

    fn virtual_flag(&mut self) -> VirtualFlag {
        if self.eat(&Token::Virtual) {
            VirtualFlag::Virtual
        } else {
            VirtualFlag::Concrete
        }
    }

    /// Parses `class ... and ...` headers; `body` parses what follows the name.
    fn class_infos<T>(
        &mut self,
        skip_type_kw: bool,
        mut body: impl FnMut(&mut Self) -> PResult<T>,
    ) -> PResult<(Vec<ClassInfos<T>>, Option<Loc<String>>)> {
        let start = self.cur_start();
        self.bump();
        if skip_type_kw {
            self.bump();
        }
        let (ext, attrs) = self.ext_attributes()?;
        let mut v = Vec::new();
        let mut start = start;
        let mut attrs = attrs;
        loop {
            let virt = self.virtual_flag();
            let params = self.formal_class_parameters()?;
            let name = self.lident()?;
            let expr = body(self)?;
            attrs.extend(self.post_item_attributes()?);
            v.push(ClassInfos { virt, params, name, expr, loc: self.loc_from(&start), attributes: std::mem::take(&mut attrs) });
            if !self.at(&Token::And) {
                break;
            }
            start = self.cur_start();
            self.bump();
            attrs = self.attributes()?;
        }
        Ok((v, ext))
    }

    pub(super) fn class_declarations(&mut self) -> PResult<(Vec<ClassDeclaration>, Option<Loc<String>>)> {
        self.class_infos(false, |p| p.class_fun_binding())
    }

    pub(super) fn class_descriptions(&mut self) -> PResult<(Vec<ClassDescription>, Option<Loc<String>>)> {
        self.class_infos(false, |p| {
            p.expect(&Token::Colon)?;
            p.class_type()
        })
    }

    pub(super) fn class_type_declarations(&mut self) -> PResult<(Vec<ClassTypeDeclaration>, Option<Loc<String>>)> {
        self.class_infos(true, |p| {
            p.expect(&Token::Equal)?;
            p.class_signature()
        })
    }

    /// `class_fun_binding`: `= ce`, `: ct = ce`, or parameters.
    fn class_fun_binding(&mut self) -> PResult<ClassExpr> {
        let start = self.cur_start();
        match self.peek() {
            Token::Equal => {
                self.bump();
                self.class_expr()
            }
            Token::Colon => {
                self.bump();
                let ct = self.class_type()?;
                self.expect(&Token::Equal)?;
                let ce = self.class_expr()?;
                Ok(ClassExpr { desc: ClassExprDesc::Constraint(Box::new(ce), ct), loc: self.loc_from(&start), attributes: vec![] })
            }
            _ => {
                let (l, d, p) = self.labeled_simple_pattern()?;
                let body = self.class_fun_binding()?;
                Ok(ClassExpr { desc: ClassExprDesc::Fun(l, d, p, Box::new(body)), loc: self.loc_from(&start), attributes: vec![] })
            }
        }
    }

    pub(super) fn class_expr(&mut self) -> PResult<ClassExpr> {
        let start = self.cur_start();
        let mut ce = match self.peek() {
            Token::Fun => {
                self.bump();
                let attrs = self.attributes()?;
                let mut ce = self.class_fun_def()?;
                ce.attributes.splice(0..0, attrs);
                ce
            }
            Token::Let if *self.peek_n(1) == Token::Open => {
                self.bump();
                self.bump();
                let ovf = self.override_flag();
                let attrs = self.attributes()?;
                let lid = self.mod_longident()?;
                let oloc = lid.loc.clone();
                self.expect(&Token::In)?;
                let body = self.class_expr()?;
                let od = OpenInfos { expr: lid, override_: ovf, loc: oloc, attributes: vec![] };
                ClassExpr { desc: ClassExprDesc::Open(od, Box::new(body)), loc: self.loc_from(&start), attributes: attrs }
            }
            Token::Let => {
                self.bump();
                let attrs = self.attributes()?;
                let rf = self.rec_flag();
                let vbs = self.let_bindings_after_let(start.clone(), attrs)?;
                self.expect(&Token::In)?;
                let body = self.class_expr()?;
                ClassExpr { desc: ClassExprDesc::Let(rf, vbs, Box::new(body)), loc: self.loc_from(&start), attributes: vec![] }
            }
            Token::LBracketPercent => {
                let (ext, loc) = self.extension()?;
                ClassExpr { desc: ClassExprDesc::Extension(ext), loc, attributes: vec![] }
            }
            _ => {
                let head = self.class_simple_expr()?;
                if super::parse_expr::starts_simple_expr(self.peek()) || matches!(self.peek(), Token::Label(_) | Token::OptLabel(_) | Token::Tilde | Token::Question) {
                    let mut args = Vec::new();
                    while super::parse_expr::starts_simple_expr(self.peek()) || matches!(self.peek(), Token::Label(_) | Token::OptLabel(_) | Token::Tilde | Token::Question) {
                        args.push(self.class_arg()?);
                    }
                    ClassExpr { desc: ClassExprDesc::Apply(Box::new(head), args), loc: self.loc_from(&start), attributes: vec![] }
                } else {
                    head
                }
            }
        };
        while self.at(&Token::LBracketAt) {
            let a = self.attribute_with(&Token::LBracketAt)?;
            ce.attributes.push(a);
        }
        Ok(ce)
    }

    fn class_arg(&mut self) -> PResult<(ArgLabel, Expression)> {
        match self.peek().clone() {
            Token::Label(l) => {
                self.bump();
                let (e, _) = self.simple_expr()?;
                Ok((ArgLabel::Labelled(l), e))
            }
            Token::OptLabel(l) => {
                self.bump();
                let (e, _) = self.simple_expr()?;
                Ok((ArgLabel::Optional(l), e))
            }
            t @ (Token::Tilde | Token::Question) => {
                self.bump();
                let name = self.lident()?;
                let e = mkexp(ExpressionDesc::Ident(lid_loc(&name.txt, name.loc.clone())), name.loc.clone());
                Ok((if t == Token::Tilde { ArgLabel::Labelled(name.txt) } else { ArgLabel::Optional(name.txt) }, e))
            }
            _ => {
                let (e, _) = self.simple_expr()?;
                Ok((ArgLabel::Nolabel, e))
            }
        }
    }

    fn class_fun_def(&mut self) -> PResult<ClassExpr> {
        let start = self.cur_start();
        let (l, d, p) = self.labeled_simple_pattern()?;
        let body = if self.eat(&Token::MinusGreater) { self.class_expr()? } else { self.class_fun_def()? };
        Ok(ClassExpr { desc: ClassExprDesc::Fun(l, d, p, Box::new(body)), loc: self.loc_from(&start), attributes: vec![] })
    }

    fn class_simple_expr(&mut self) -> PResult<ClassExpr> {
        let start = self.cur_start();
        match self.peek().clone() {
            Token::LParen => {
                let open_loc = self.cur_loc();
                self.bump();
                let ce = self.class_expr()?;
                if self.eat(&Token::Colon) {
                    let ct = self.class_type()?;
                    self.expect_closing(&Token::RParen, &open_loc, "(", ")")?;
                    return Ok(ClassExpr { desc: ClassExprDesc::Constraint(Box::new(ce), ct), loc: self.loc_from(&start), attributes: vec![] });
                }
                self.expect_closing(&Token::RParen, &open_loc, "(", ")")?;
                Ok(ce)
            }
            Token::Object => {
                let open_loc = self.cur_loc();
                self.bump();
                let attrs = self.attributes()?;
                let cs = self.class_structure()?;
                self.expect_closing(&Token::End, &open_loc, "object", "end")?;
                Ok(ClassExpr { desc: ClassExprDesc::Structure(cs), loc: self.loc_from(&start), attributes: attrs })
            }
            Token::LBracket => {
                let params = self.actual_class_parameters()?;
                let lid = self.lower_longident(false)?;
                Ok(ClassExpr { desc: ClassExprDesc::Constr(lid, params), loc: self.loc_from(&start), attributes: vec![] })
            }
            Token::Lident(_) | Token::Uident(_) => {
                let lid = self.lower_longident(false)?;
                Ok(ClassExpr { desc: ClassExprDesc::Constr(lid, vec![]), loc: self.loc_from(&start), attributes: vec![] })
            }
            _ => Err(self.error()),
        }
    }

    fn actual_class_parameters(&mut self) -> PResult<Vec<CoreType>> {
        if !self.eat(&Token::LBracket) {
            return Ok(vec![]);
        }
        let mut v = vec![self.core_type()?];
        while self.eat(&Token::Comma) {
            v.push(self.core_type()?);
        }
        self.expect(&Token::RBracket)?;
        Ok(v)
    }

    /// An object body: optional `(self)` pattern then fields, up to `end`.
    pub(super) fn class_structure(&mut self) -> PResult<ClassStructure> {
        let self_ = if self.at(&Token::LParen) {
            let start = self.cur_start();
            let open_loc = self.cur_loc();
            self.bump();
            let p = self.pattern()?;
            if self.eat(&Token::Colon) {
                let t = self.core_type()?;
                self.expect_closing(&Token::RParen, &open_loc, "(", ")")?;
                mkpat(PatternDesc::Constraint(Box::new(p), Box::new(t)), self.loc_from(&start))
            } else {
                self.expect_closing(&Token::RParen, &open_loc, "(", ")")?;
                let mut p = p;
                p.loc = self.loc_from(&start);
                p
            }
        } else {
            let here = self.last_end.clone();
            mkpat(PatternDesc::Any, self.ghost_from_to(&here, &here))
        };
        let mut fields = Vec::new();
        loop {
            match self.peek() {
                Token::Inherit | Token::Val | Token::Method | Token::Constraint | Token::Initializer | Token::LBracketPercentPercent | Token::LBracketAtAtAt => {
                    fields.push(self.class_field()?)
                }
                _ => break,
            }
        }
        Ok(ClassStructure { self_, fields })
    }

    fn class_field(&mut self) -> PResult<ClassField> {
        let start = self.cur_start();
        let tok = self.peek().clone();
        let (desc, attrs) = match tok {
            Token::Inherit => {
                self.bump();
                let ovf = self.override_flag();
                let attrs = self.attributes()?;
                let ce = self.class_expr()?;
                let as_ = if self.eat(&Token::As) { Some(self.lident()?) } else { None };
                (ClassFieldDesc::Inherit(ovf, ce, as_), attrs)
            }
            Token::Val => {
                self.bump();
                let ovf = self.override_flag();
                let attrs = self.attributes()?;
                let mutable = if self.eat(&Token::Mutable) { MutableFlag::Mutable } else { MutableFlag::Immutable };
                if self.eat(&Token::Virtual) {
                    let mutable = if self.eat(&Token::Mutable) { MutableFlag::Mutable } else { mutable };
                    let name = self.label_name()?;
                    self.expect(&Token::Colon)?;
                    let t = self.core_type()?;
                    if ovf == OverrideFlag::Override {
                        return Err(self.error());
                    }
                    (ClassFieldDesc::Val(name, mutable, ClassFieldKind::Virtual(t)), attrs)
                } else {
                    let name = self.label_name()?;
                    let vstart = name.loc.start.clone();
                    let e = if matches!(self.peek(), Token::Colon | Token::ColonGreater) {
                        let c = self.type_constraint()?;
                        self.expect(&Token::Equal)?;
                        let e = self.seq_expr()?;
                        let _ = vstart;
                        super::parse_expr::mk_constraint(e, c, self.ghost_from(&start), true)
                    } else {
                        self.expect(&Token::Equal)?;
                        self.seq_expr()?
                    };
                    (ClassFieldDesc::Val(name, mutable, ClassFieldKind::Concrete(ovf, e)), attrs)
                }
            }
            Token::Method => {
                self.bump();
                let ovf = self.override_flag();
                let attrs = self.attributes()?;
                let (private, virt) = self.private_virtual_flags();
                if virt == VirtualFlag::Virtual {
                    let name = self.label_name()?;
                    self.expect(&Token::Colon)?;
                    let t = self.poly_core_type()?;
                    (ClassFieldDesc::Method(name, private, ClassFieldKind::Virtual(t)), attrs)
                } else {
                    let name = self.label_name()?;
                    let nstart = name.loc.start.clone();
                    let e = self.method_body(&nstart)?;
                    (ClassFieldDesc::Method(name, private, ClassFieldKind::Concrete(ovf, e)), attrs)
                }
            }
            Token::Constraint => {
                self.bump();
                let attrs = self.attributes()?;
                let a = self.core_type()?;
                self.expect(&Token::Equal)?;
                let b = self.core_type()?;
                (ClassFieldDesc::Constraint(a, b), attrs)
            }
            Token::Initializer => {
                self.bump();
                let attrs = self.attributes()?;
                let e = self.seq_expr()?;
                (ClassFieldDesc::Initializer(e), attrs)
            }
            Token::LBracketPercentPercent => {
                let (ext, _) = self.item_extension()?;
                (ClassFieldDesc::Extension(ext), vec![])
            }
            _ => {
                let a = self.attribute_with(&Token::LBracketAtAtAt)?;
                return Ok(ClassField { desc: ClassFieldDesc::Attribute(a), loc: self.loc_from(&start), attributes: vec![] });
            }
        };
        let mut attrs = attrs;
        attrs.extend(self.post_item_attributes()?);
        Ok(ClassField { desc, loc: self.loc_from(&start), attributes: attrs })
    }

    /// `private`/`virtual` in either order.
    fn private_virtual_flags(&mut self) -> (PrivateFlag, VirtualFlag) {
        let mut p = PrivateFlag::Public;
        let mut v = VirtualFlag::Concrete;
        for _ in 0..2 {
            if self.eat(&Token::Private) {
                p = PrivateFlag::Private;
            } else if self.eat(&Token::Virtual) {
                v = VirtualFlag::Virtual;
            }
        }
        (p, v)
    }

    /// After `method [private] m`: parameters and body, as a `Poly` expression.
    fn method_body(&mut self, start: &Position) -> PResult<Expression> {
        let _ = start;
        if self.at(&Token::Colon) {
            self.bump();
            if self.at(&Token::Type) {
                let tstart = self.last_start.clone();
                let _ = tstart;
                self.bump();
                let vstart = self.cur_start();
                let vars = self.lident_list()?;
                self.expect(&Token::Dot)?;
                let t = self.core_type()?;
                self.expect(&Token::Equal)?;
                let e = self.seq_expr()?;
                let loc = self.loc_from(start);
                let exp = super::parse_expr::mk_constraint(e, (Some(t.clone()), None), loc.clone(), false);
                let exp = {
                    let mut x = exp;
                    for v in vars.iter().rev() {
                        x = mkexp(ExpressionDesc::Newtype(v.clone(), Box::new(x)), loc.clone());
                    }
                    x
                };
                let poly_t = super::parse_expr::varify_constructors(&vars, &t);
                let poly = CoreType { desc: CoreTypeDesc::Poly(vars, Box::new(poly_t)), loc: loc.to_ghost(), attributes: vec![] };
                let ploc = self.ghost_from(&vstart);
                return Ok(mkexp(ExpressionDesc::Poly(Box::new(exp), Some(Box::new(poly))), ploc));
            }
            let tstart = self.cur_start();
            let t = self.poly_core_type()?;
            self.expect(&Token::Equal)?;
            let e = self.seq_expr()?;
            return Ok(mkexp(ExpressionDesc::Poly(Box::new(e), Some(Box::new(t))), self.ghost_from(&tstart)));
        }
        let e = self.method_strict_binding()?;
        let loc = e.loc.to_ghost();
        Ok(mkexp(ExpressionDesc::Poly(Box::new(e), None), loc))
    }

    fn method_strict_binding(&mut self) -> PResult<Expression> {
        let start = self.cur_start();
        if self.eat(&Token::Equal) {
            return self.seq_expr();
        }
        if self.at(&Token::LParen) && *self.peek_n(1) == Token::Type {
            self.bump();
            self.bump();
            let vars = self.lident_list()?;
            self.expect(&Token::RParen)?;
            let body = self.method_fun_binding()?;
            return Ok(self.mk_newtypes(vars, body, &start));
        }
        let (l, d, p) = self.labeled_simple_pattern()?;
        let body = self.method_fun_binding()?;
        Ok(mkexp(ExpressionDesc::Fun(l, d.map(Box::new), Box::new(p), Box::new(body)), self.ghost_from(&start)))
    }

    fn method_fun_binding(&mut self) -> PResult<Expression> {
        let start = self.cur_start();
        if matches!(self.peek(), Token::Colon | Token::ColonGreater) {
            let c = self.type_constraint()?;
            self.expect(&Token::Equal)?;
            let e = self.seq_expr()?;
            return Ok(super::parse_expr::mk_constraint(e, c, self.ghost_from(&start), true));
        }
        self.method_strict_binding()
    }

    // -----------------------------------------------------------------------------------------
    // Class types

    pub(super) fn class_type(&mut self) -> PResult<ClassType> {
        let start = self.cur_start();
        let label = match self.peek().clone() {
            Token::OptLabel(l) => {
                self.bump();
                Some(ArgLabel::Optional(l))
            }
            Token::Question if matches!(self.peek_n(1), Token::Lident(_)) && *self.peek_n(2) == Token::Colon => {
                self.bump();
                let l = self.lident()?;
                self.bump();
                Some(ArgLabel::Optional(l.txt))
            }
            Token::Lident(l) if *self.peek_n(1) == Token::Colon => {
                self.bump();
                self.bump();
                Some(ArgLabel::Labelled(l))
            }
            _ => None,
        };
        if label.is_none() && self.at_class_signature_start() {
            return self.class_signature();
        }
        let dom = self.tuple_type_pub()?;
        self.expect(&Token::MinusGreater)?;
        let cod = self.class_type()?;
        Ok(ClassType { desc: ClassTypeDesc::Arrow(label.unwrap_or(ArgLabel::Nolabel), dom, Box::new(cod)), loc: self.loc_from(&start), attributes: vec![] })
    }

    /// Whether a `class_signature` (not an arrow domain) starts here.
    fn at_class_signature_start(&mut self) -> bool {
        match self.peek() {
            Token::Object | Token::LBracketPercent => true,
            Token::Let if *self.peek_n(1) == Token::Open => true,
            Token::LBracket => {
                // `[t] c` is a class; `[ `A ] -> ...` a polymorphic variant type
                let mut k = 1;
                let mut depth = 1;
                loop {
                    match self.peek_n(k) {
                        Token::LBracket | Token::LBracketLess | Token::LBracketGreater => depth += 1,
                        Token::RBracket => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        Token::Eof => return false,
                        _ => {}
                    }
                    k += 1;
                }
                !matches!(self.peek_n(k + 1), Token::MinusGreater | Token::Star) && !matches!(self.peek_n(1), Token::Backquote | Token::Bar)
            }
            Token::Lident(_) | Token::Uident(_) => {
                // a class path not followed by `->`, `*` or type application
                let mut k = 0;
                loop {
                    match self.peek_n(k) {
                        Token::Uident(_) if *self.peek_n(k + 1) == Token::Dot => k += 2,
                        Token::Lident(_) => {
                            return !matches!(self.peek_n(k + 1), Token::MinusGreater | Token::Star | Token::Lident(_) | Token::Hash | Token::Uident(_) | Token::As);
                        }
                        _ => return false,
                    }
                }
            }
            _ => false,
        }
    }

    fn tuple_type_pub(&mut self) -> PResult<CoreType> {
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

    pub(super) fn class_signature(&mut self) -> PResult<ClassType> {
        let start = self.cur_start();
        let mut ct = match self.peek().clone() {
            Token::Object => {
                let open_loc = self.cur_loc();
                self.bump();
                let attrs = self.attributes()?;
                let self_ = if self.at(&Token::LParen) {
                    self.bump();
                    let t = self.core_type()?;
                    self.expect(&Token::RParen)?;
                    t
                } else {
                    // no self type: `_` with an empty, non-ghost location
                    let here = self.last_end.clone();
                    mktyp(CoreTypeDesc::Any, self.ghost_from_to(&here, &here).clone_nonghost())
                };
                let mut fields = Vec::new();
                while matches!(self.peek(), Token::Inherit | Token::Val | Token::Method | Token::Constraint | Token::LBracketPercentPercent | Token::LBracketAtAtAt) {
                    fields.push(self.class_sig_field()?);
                }
                self.expect_closing(&Token::End, &open_loc, "object", "end")?;
                ClassType { desc: ClassTypeDesc::Signature(ClassSignature { self_, fields }), loc: self.loc_from(&start), attributes: attrs }
            }
            Token::LBracketPercent => {
                let (ext, loc) = self.extension()?;
                ClassType { desc: ClassTypeDesc::Extension(ext), loc, attributes: vec![] }
            }
            Token::Let => {
                self.bump();
                self.expect(&Token::Open)?;
                let ovf = self.override_flag();
                let attrs = self.attributes()?;
                let lid = self.mod_longident()?;
                let oloc = lid.loc.clone();
                self.expect(&Token::In)?;
                let body = self.class_signature()?;
                let od = OpenInfos { expr: lid, override_: ovf, loc: oloc, attributes: vec![] };
                ClassType { desc: ClassTypeDesc::Open(od, Box::new(body)), loc: self.loc_from(&start), attributes: attrs }
            }
            _ => {
                let params = self.actual_class_parameters()?;
                let lid = self.lower_longident(true)?;
                ClassType { desc: ClassTypeDesc::Constr(lid, params), loc: self.loc_from(&start), attributes: vec![] }
            }
        };
        while self.at(&Token::LBracketAt) {
            let a = self.attribute_with(&Token::LBracketAt)?;
            ct.attributes.push(a);
        }
        Ok(ct)
    }

    fn class_sig_field(&mut self) -> PResult<ClassTypeField> {
        let start = self.cur_start();
        let (desc, attrs) = match self.peek().clone() {
            Token::Inherit => {
                self.bump();
                let attrs = self.attributes()?;
                let ct = self.class_signature()?;
                (ClassTypeFieldDesc::Inherit(ct), attrs)
            }
            Token::Val => {
                self.bump();
                let attrs = self.attributes()?;
                let mut m = MutableFlag::Immutable;
                let mut v = VirtualFlag::Concrete;
                for _ in 0..2 {
                    if self.eat(&Token::Mutable) {
                        m = MutableFlag::Mutable;
                    } else if self.eat(&Token::Virtual) {
                        v = VirtualFlag::Virtual;
                    }
                }
                let name = self.label_name()?;
                self.expect(&Token::Colon)?;
                let t = self.core_type()?;
                (ClassTypeFieldDesc::Val(name, m, v, t), attrs)
            }
            Token::Method => {
                self.bump();
                let attrs = self.attributes()?;
                let (p, v) = self.private_virtual_flags();
                let name = self.label_name()?;
                self.expect(&Token::Colon)?;
                let t = self.poly_core_type()?;
                (ClassTypeFieldDesc::Method(name, p, v, t), attrs)
            }
            Token::Constraint => {
                self.bump();
                let attrs = self.attributes()?;
                let a = self.core_type()?;
                self.expect(&Token::Equal)?;
                let b = self.core_type()?;
                (ClassTypeFieldDesc::Constraint(a, b), attrs)
            }
            Token::LBracketPercentPercent => {
                let (ext, _) = self.item_extension()?;
                (ClassTypeFieldDesc::Extension(ext), vec![])
            }
            _ => {
                let a = self.attribute_with(&Token::LBracketAtAtAt)?;
                return Ok(ClassTypeField { desc: ClassTypeFieldDesc::Attribute(a), loc: self.loc_from(&start), attributes: vec![] });
            }
        };
        let mut attrs = attrs;
        attrs.extend(self.post_item_attributes()?);
        Ok(ClassTypeField { desc, loc: self.loc_from(&start), attributes: attrs })
    }
}

#[allow(dead_code)]
fn unused(_: Located<()>) {}
