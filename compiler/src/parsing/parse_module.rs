//! Structures, signatures, module expressions and module types, and the declarations they
//! contain (types, exceptions, values, externals, opens, includes).

use super::asttypes::*;
use super::location::{Loc, Located, Location, Position};
use super::longident::Longident;
use super::parser::*;
use super::parsetree::*;
use super::token::Token;

impl<'a> Parser<'a> {
    // -----------------------------------------------------------------------------------------
    // Structures

    /// A structure up to a token that cannot continue it (`end`, `]`, EOF, ...).
    /// Standalone expressions are allowed at the start and after `;;`.
    pub(super) fn structure(&mut self) -> PResult<Structure> {
        let mut items = Vec::new();
        let mut at_start = true;
        loop {
            let t = self.peek().clone();
            match t {
                Token::SemiSemi => {
                    self.bump();
                    at_start = true;
                    continue;
                }
                Token::Let => items.push(self.let_item_or_expr(at_start)?),
                t if at_start && super::parse_expr::starts_expr(&t) => items.push(self.standalone_expression()?),
                t if starts_structure_item(&t) => items.push(self.structure_item()?),
                _ => return Ok(items),
            }
            at_start = false;
        }
    }

    /// A `let` at structure level: a definition, or (where `allow_expr`) an expression
    /// `let ... in e` / `let module ...` / `let open ...` / `let exception ...`.
    pub(super) fn let_item_or_expr(&mut self, allow_expr: bool) -> PResult<StructureItem> {
        if matches!(self.peek_n(1), Token::Module | Token::Open | Token::Exception) {
            if !allow_expr {
                self.bump();
                return Err(self.error());
            }
            return self.standalone_expression();
        }
        let start = self.cur_start();
        self.bump();
        let (ext, attrs) = self.ext_attributes()?;
        let rf = self.rec_flag();
        let vbs = self.let_bindings_after_let(start.clone(), attrs)?;
        if self.at(&Token::In) {
            if !allow_expr {
                return Err(self.error());
            }
            self.bump();
            let body = self.seq_expr()?;
            let loc = self.loc_from(&start);
            let e = mkexp(ExpressionDesc::Let(rf, vbs, Box::new(body)), loc.clone());
            let e = wrap_exp_attrs(e, ext, vec![], &loc);
            // the expression may go on as a sequence: `let x = 1 in x; y` is already inside
            let attrs = self.post_item_attributes()?;
            let loc = e.loc.clone();
            return Ok(StructureItem { desc: StructureItemDesc::Eval(e, attrs), loc });
        }
        let loc = self.loc_from(&start);
        let item = StructureItem { desc: StructureItemDesc::Value(rf, vbs), loc: loc.clone() };
        Ok(match ext {
            None => item,
            Some(id) => StructureItem { desc: StructureItemDesc::Extension((id, Payload::Str(vec![item])), vec![]), loc: loc.to_ghost() },
        })
    }

    /// A standalone expression item with its `[@@attrs]`.
    pub(super) fn standalone_expression(&mut self) -> PResult<StructureItem> {
        let e = self.seq_expr()?;
        let attrs = self.post_item_attributes()?;
        let loc = e.loc.clone();
        Ok(StructureItem { desc: StructureItemDesc::Eval(e, attrs), loc })
    }

    pub(super) fn structure_item(&mut self) -> PResult<StructureItem> {
        let start = self.cur_start();
        let tok = self.peek().clone();
        match tok {
            Token::Let => self.let_item_or_expr(false),
            Token::LBracketPercentPercent | Token::QuotedStringItem(..) => {
                let (ext, _) = self.item_extension()?;
                let attrs = self.post_item_attributes()?;
                Ok(StructureItem { desc: StructureItemDesc::Extension(ext, attrs), loc: self.loc_from(&start) })
            }
            Token::LBracketAtAtAt => {
                let a = self.attribute_with(&Token::LBracketAtAtAt)?;
                Ok(StructureItem { desc: StructureItemDesc::Attribute(a), loc: self.loc_from(&start) })
            }
            Token::External => {
                let (vd, ext) = self.value_description(true)?;
                Ok(self.wrap_str_ext(StructureItemDesc::Primitive(vd), ext, &start))
            }
            Token::Type => {
                if self.type_is_extension() {
                    let (te, ext) = self.type_extension()?;
                    return Ok(self.wrap_str_ext(StructureItemDesc::TypExt(te), ext, &start));
                }
                let (rf, decls, ext, subst) = self.type_declarations()?;
                if subst {
                    return Err(SyntaxErrorAt::at(self.loc_from(&start)));
                }
                Ok(self.wrap_str_ext(StructureItemDesc::Type(rf, decls), ext, &start))
            }
            Token::Exception => {
                let (te, ext) = self.exception_declaration(true)?;
                Ok(self.wrap_str_ext(StructureItemDesc::Exception(te), ext, &start))
            }
            Token::Module => {
                if *self.peek_n(1) == Token::Type {
                    let (mtd, ext, subst) = self.module_type_declaration()?;
                    if subst {
                        return Err(self.error());
                    }
                    return Ok(self.wrap_str_ext(StructureItemDesc::ModType(mtd), ext, &start));
                }
                self.bump();
                let (ext, attrs) = self.ext_attributes()?;
                if self.eat(&Token::Rec) {
                    let mut mbs = Vec::new();
                    let name = self.module_name()?;
                    let body = self.module_binding_body()?;
                    let mut attrs = attrs;
                    attrs.extend(self.post_item_attributes()?);
                    mbs.push(ModuleBinding { name, expr: body, attributes: attrs, loc: self.loc_from(&start) });
                    while self.at(&Token::And) {
                        let bstart = self.cur_start();
                        self.bump();
                        let mut attrs = self.attributes()?;
                        let name = self.module_name()?;
                        let body = self.module_binding_body()?;
                        attrs.extend(self.post_item_attributes()?);
                        mbs.push(ModuleBinding { name, expr: body, attributes: attrs, loc: self.loc_from(&bstart) });
                    }
                    return Ok(self.wrap_str_ext(StructureItemDesc::RecModule(mbs), ext, &start));
                }
                let name = self.module_name()?;
                let body = self.module_binding_body()?;
                let mut attrs = attrs;
                attrs.extend(self.post_item_attributes()?);
                let mb = ModuleBinding { name, expr: body, attributes: attrs, loc: self.loc_from(&start) };
                Ok(self.wrap_str_ext(StructureItemDesc::Module(mb), ext, &start))
            }
            Token::Open => {
                self.bump();
                let ovf = self.override_flag();
                let (ext, attrs) = self.ext_attributes()?;
                let me = self.module_expr()?;
                let mut attrs = attrs;
                attrs.extend(self.post_item_attributes()?);
                let od = OpenInfos { expr: me, override_: ovf, loc: self.loc_from(&start), attributes: attrs };
                Ok(self.wrap_str_ext(StructureItemDesc::Open(od), ext, &start))
            }
            Token::Include => {
                self.bump();
                let (ext, attrs) = self.ext_attributes()?;
                let me = self.module_expr()?;
                let mut attrs = attrs;
                attrs.extend(self.post_item_attributes()?);
                let inc = IncludeInfos { mod_: me, loc: self.loc_from(&start), attributes: attrs };
                Ok(self.wrap_str_ext(StructureItemDesc::Include(inc), ext, &start))
            }
            Token::Class => {
                if *self.peek_n(1) == Token::Type {
                    let (decls, ext) = self.class_type_declarations()?;
                    return Ok(self.wrap_str_ext(StructureItemDesc::ClassType(decls), ext, &start));
                }
                let (decls, ext) = self.class_declarations()?;
                Ok(self.wrap_str_ext(StructureItemDesc::Class(decls), ext, &start))
            }
            _ => Err(self.error()),
        }
    }

    fn wrap_str_ext(&self, desc: StructureItemDesc, ext: Option<Loc<String>>, start: &Position) -> StructureItem {
        let loc = self.loc_from(start);
        let item = StructureItem { desc, loc: loc.clone() };
        match ext {
            None => item,
            Some(id) => StructureItem { desc: StructureItemDesc::Extension((id, Payload::Str(vec![item])), vec![]), loc },
        }
    }

    fn wrap_sig_ext(&self, desc: SignatureItemDesc, ext: Option<Loc<String>>, start: &Position) -> SignatureItem {
        let loc = self.loc_from(start);
        let item = SignatureItem { desc, loc: loc.clone() };
        match ext {
            None => item,
            Some(id) => SignatureItem { desc: SignatureItemDesc::Extension((id, Payload::Sig(vec![item])), vec![]), loc },
        }
    }

    // -----------------------------------------------------------------------------------------
    // Signatures

    pub(super) fn signature(&mut self) -> PResult<Signature> {
        let mut items = Vec::new();
        loop {
            match self.peek() {
                Token::SemiSemi => {
                    self.bump();
                }
                t if starts_signature_item_tok(t) => items.push(self.signature_item()?),
                _ => return Ok(items),
            }
        }
    }

    pub(super) fn starts_signature_item(&mut self) -> bool {
        starts_signature_item_tok(self.peek())
    }

    fn signature_item(&mut self) -> PResult<SignatureItem> {
        let start = self.cur_start();
        match self.peek().clone() {
            Token::LBracketPercentPercent | Token::QuotedStringItem(..) => {
                let (ext, _) = self.item_extension()?;
                let attrs = self.post_item_attributes()?;
                Ok(SignatureItem { desc: SignatureItemDesc::Extension(ext, attrs), loc: self.loc_from(&start) })
            }
            Token::LBracketAtAtAt => {
                let a = self.attribute_with(&Token::LBracketAtAtAt)?;
                Ok(SignatureItem { desc: SignatureItemDesc::Attribute(a), loc: self.loc_from(&start) })
            }
            Token::Val | Token::External => {
                let ext_kw = self.at(&Token::External);
                let (vd, ext) = self.value_description(ext_kw)?;
                Ok(self.wrap_sig_ext(SignatureItemDesc::Value(vd), ext, &start))
            }
            Token::Type => {
                if self.type_is_extension() {
                    let (te, ext) = self.type_extension()?;
                    return Ok(self.wrap_sig_ext(SignatureItemDesc::TypExt(te), ext, &start));
                }
                let (rf, decls, ext, subst) = self.type_declarations()?;
                if subst {
                    return Ok(self.wrap_sig_ext(SignatureItemDesc::TypeSubst(decls), ext, &start));
                }
                Ok(self.wrap_sig_ext(SignatureItemDesc::Type(rf, decls), ext, &start))
            }
            Token::Exception => {
                let (te, ext) = self.exception_declaration(false)?;
                Ok(self.wrap_sig_ext(SignatureItemDesc::Exception(te), ext, &start))
            }
            Token::Module => {
                if *self.peek_n(1) == Token::Type {
                    let (mtd, ext, subst) = self.module_type_declaration()?;
                    let desc = if subst { SignatureItemDesc::ModTypeSubst(mtd) } else { SignatureItemDesc::ModType(mtd) };
                    return Ok(self.wrap_sig_ext(desc, ext, &start));
                }
                self.bump();
                let (ext, attrs) = self.ext_attributes()?;
                if self.eat(&Token::Rec) {
                    let mut mds = Vec::new();
                    let name = self.module_name()?;
                    self.expect(&Token::Colon)?;
                    let mty = self.module_type()?;
                    let mut attrs = attrs;
                    attrs.extend(self.post_item_attributes()?);
                    mds.push(ModuleDeclaration { name, type_: mty, attributes: attrs, loc: self.loc_from(&start) });
                    while self.at(&Token::And) {
                        let bstart = self.cur_start();
                        self.bump();
                        let mut attrs = self.attributes()?;
                        let name = self.module_name()?;
                        self.expect(&Token::Colon)?;
                        let mty = self.module_type()?;
                        attrs.extend(self.post_item_attributes()?);
                        mds.push(ModuleDeclaration { name, type_: mty, attributes: attrs, loc: self.loc_from(&bstart) });
                    }
                    return Ok(self.wrap_sig_ext(SignatureItemDesc::RecModule(mds), ext, &start));
                }
                // module M := P (substitution)
                if matches!(self.peek(), Token::Uident(_)) && *self.peek_n(1) == Token::ColonEqual {
                    let name = self.uident()?;
                    self.bump();
                    let p = self.mod_ext_longident()?;
                    let mut attrs = attrs;
                    attrs.extend(self.post_item_attributes()?);
                    let ms = ModuleSubstitution { name, manifest: p, attributes: attrs, loc: self.loc_from(&start) };
                    return Ok(self.wrap_sig_ext(SignatureItemDesc::ModSubst(ms), ext, &start));
                }
                let name = self.module_name()?;
                let mty = if self.eat(&Token::Equal) {
                    // module alias
                    let p = self.mod_longident()?;
                    let loc = p.loc.clone();
                    ModuleType { desc: ModuleTypeDesc::Alias(p), loc, attributes: vec![] }
                } else {
                    self.module_declaration_body()?
                };
                let mut attrs = attrs;
                attrs.extend(self.post_item_attributes()?);
                let md = ModuleDeclaration { name, type_: mty, attributes: attrs, loc: self.loc_from(&start) };
                Ok(self.wrap_sig_ext(SignatureItemDesc::Module(md), ext, &start))
            }
            Token::Open => {
                self.bump();
                let ovf = self.override_flag();
                let (ext, attrs) = self.ext_attributes()?;
                let lid = self.mod_ext_longident()?;
                let mut attrs = attrs;
                attrs.extend(self.post_item_attributes()?);
                let od = OpenInfos { expr: lid, override_: ovf, loc: self.loc_from(&start), attributes: attrs };
                Ok(self.wrap_sig_ext(SignatureItemDesc::Open(od), ext, &start))
            }
            Token::Include => {
                self.bump();
                let (ext, attrs) = self.ext_attributes()?;
                let mty = self.module_type()?;
                let mut attrs = attrs;
                attrs.extend(self.post_item_attributes()?);
                let inc = IncludeInfos { mod_: mty, loc: self.loc_from(&start), attributes: attrs };
                Ok(self.wrap_sig_ext(SignatureItemDesc::Include(inc), ext, &start))
            }
            Token::Class => {
                if *self.peek_n(1) == Token::Type {
                    let (decls, ext) = self.class_type_declarations()?;
                    return Ok(self.wrap_sig_ext(SignatureItemDesc::ClassType(decls), ext, &start));
                }
                let (decls, ext) = self.class_descriptions()?;
                Ok(self.wrap_sig_ext(SignatureItemDesc::Class(decls), ext, &start))
            }
            _ => Err(self.error()),
        }
    }

    /// `module_declaration_body`: `: mty` or `(X : S) body`.
    fn module_declaration_body(&mut self) -> PResult<ModuleType> {
        let start = self.cur_start();
        if self.eat(&Token::Colon) {
            return self.module_type();
        }
        let arg = self.functor_arg()?;
        let body = self.module_declaration_body()?;
        Ok(ModuleType { desc: ModuleTypeDesc::Functor(arg, Box::new(body)), loc: self.loc_from(&start), attributes: vec![] })
    }

    // -----------------------------------------------------------------------------------------
    // Value descriptions

    /// `val x : t` or `external x : t = "prim" ...`.
    fn value_description(&mut self, external: bool) -> PResult<(ValueDescription, Option<Loc<String>>)> {
        let start = self.cur_start();
        self.bump();
        let (ext, attrs) = self.ext_attributes()?;
        let name = self.val_ident()?;
        self.expect(&Token::Colon)?;
        let t = self.core_type()?;
        let mut prim = Vec::new();
        if external {
            self.expect(&Token::Equal)?;
            while let Token::String(s, _, _) = self.peek().clone() {
                self.bump();
                prim.push(String::from_utf8_lossy(&s).into_owned());
            }
            if prim.is_empty() {
                return Err(self.error());
            }
        }
        let mut attrs = attrs;
        attrs.extend(self.post_item_attributes()?);
        Ok((ValueDescription { name, type_: t, prim, attributes: attrs, loc: self.loc_from(&start) }, ext))
    }

    // -----------------------------------------------------------------------------------------
    // Type declarations

    /// Whether `type ... t +=` (an extension) follows.
    fn type_is_extension(&mut self) -> bool {
        let mut k = 1;
        let mut depth = 0;
        loop {
            match self.peek_n(k) {
                Token::PlusEq if depth == 0 => return true,
                Token::Equal | Token::ColonEqual | Token::Eof | Token::SemiSemi | Token::And | Token::LBracketAtAt | Token::Constraint if depth == 0 => return false,
                Token::LParen => depth += 1,
                Token::RParen => depth -= 1,
                Token::Type | Token::Let | Token::Module | Token::Val | Token::External | Token::Exception | Token::Open | Token::Include | Token::Class | Token::End => {
                    return false
                }
                _ => {}
            }
            k += 1;
            if k > 64 {
                return false;
            }
        }
    }

    /// `type t1 = ... and t2 = ...` (or `:=` substitutions in signatures).
    /// Returns the flag, the declarations, the extension and whether it was a substitution.
    fn type_declarations(&mut self) -> PResult<(RecFlag, Vec<TypeDeclaration>, Option<Loc<String>>, bool)> {
        let start = self.cur_start();
        self.bump();
        let (ext, attrs) = self.ext_attributes()?;
        let rf = if self.eat(&Token::Nonrec) { RecFlag::Nonrecursive } else { RecFlag::Recursive };
        let (d, subst) = self.type_declaration_rest(start, attrs, true)?;
        let mut decls = vec![d];
        while self.at(&Token::And) {
            let bstart = self.cur_start();
            self.bump();
            let attrs = self.attributes()?;
            let (d, _) = self.type_declaration_rest(bstart, attrs, subst)?;
            decls.push(d);
        }
        Ok((rf, decls, ext, subst))
    }

    /// After `type [attrs] [nonrec]` or `and [attrs]`: params, name, kind, constraints.
    fn type_declaration_rest(&mut self, start: Position, attrs: Attributes, allow_subst: bool) -> PResult<(TypeDeclaration, bool)> {
        let params = self.type_parameters()?;
        let name = self.lident()?;
        let mut subst = false;
        let (kind, private, manifest) = if self.at(&Token::ColonEqual) && allow_subst {
            self.bump();
            subst = true;
            let private = if self.eat(&Token::Private) { PrivateFlag::Private } else { PrivateFlag::Public };
            let _ = private;
            self.nonempty_type_kind()?
        } else if self.eat(&Token::Equal) {
            self.nonempty_type_kind()?
        } else {
            (TypeKind::Abstract, PrivateFlag::Public, None)
        };
        let cstrs = self.type_constraints()?;
        let mut attrs = attrs;
        attrs.extend(self.post_item_attributes()?);
        Ok((TypeDeclaration { name, params, cstrs, kind, private, manifest, attributes: attrs, loc: self.loc_from(&start) }, subst))
    }

    fn type_constraints(&mut self) -> PResult<Vec<(CoreType, CoreType, Location)>> {
        let mut v = Vec::new();
        while self.at(&Token::Constraint) {
            self.bump();
            let start = self.cur_start();
            let a = self.core_type()?;
            self.expect(&Token::Equal)?;
            let b = self.core_type()?;
            v.push((a, b, self.loc_from(&start)));
        }
        Ok(v)
    }

    /// After `=`: a manifest and/or a representation.
    fn nonempty_type_kind(&mut self) -> PResult<(TypeKind, PrivateFlag, Option<CoreType>)> {
        let mut private = if self.eat(&Token::Private) { PrivateFlag::Private } else { PrivateFlag::Public };
        let mut manifest = None;
        if !self.at_type_representation() {
            let t = self.core_type()?;
            if !self.eat(&Token::Equal) {
                return Ok((TypeKind::Abstract, private, Some(t)));
            }
            if private == PrivateFlag::Private {
                // `type t = private u = ...` is not allowed
                return Err(self.error());
            }
            manifest = Some(t);
            private = if self.eat(&Token::Private) { PrivateFlag::Private } else { PrivateFlag::Public };
        }
        let kind = match self.peek() {
            Token::DotDot => {
                self.bump();
                TypeKind::Open
            }
            Token::LBrace => {
                self.bump();
                let labels = self.label_declarations()?;
                self.expect(&Token::RBrace)?;
                TypeKind::Record(labels)
            }
            _ => TypeKind::Variant(self.constructor_declarations()?),
        };
        Ok((kind, private, manifest))
    }

    /// Whether a type representation (constructors, record, `..`) starts here.
    fn at_type_representation(&mut self) -> bool {
        match self.peek() {
            Token::Bar | Token::LBrace | Token::DotDot => true,
            Token::Uident(_) => !matches!(self.peek_n(1), Token::Dot),
            Token::LParen => *self.peek_n(1) == Token::RParen || (*self.peek_n(1) == Token::ColonColon && *self.peek_n(2) == Token::RParen),
            Token::LBracket => *self.peek_n(1) == Token::RBracket,
            Token::True | Token::False => true,
            _ => false,
        }
    }

    fn constructor_declarations(&mut self) -> PResult<Vec<ConstructorDeclaration>> {
        let mut v = Vec::new();
        if self.at(&Token::Bar) && !self.at_constr_ident_n(1) {
            // `type t = |` : no constructors
            self.bump();
            return Ok(v);
        }
        let first = true;
        let _ = first;
        v.push(self.constructor_declaration(true)?);
        while self.at(&Token::Bar) {
            v.push(self.constructor_declaration(false)?);
        }
        Ok(v)
    }

    fn at_constr_ident_n(&mut self, k: usize) -> bool {
        match self.peek_n(k) {
            Token::Uident(_) | Token::True | Token::False => true,
            Token::LParen => matches!(self.peek_n(k + 1), Token::RParen | Token::ColonColon),
            Token::LBracket => *self.peek_n(k + 1) == Token::RBracket,
            _ => false,
        }
    }

    /// `constr_ident`: `A`, `[]`, `()`, `(::)`, `true`, `false`.
    fn constr_ident(&mut self) -> PResult<Loc<String>> {
        let start = self.cur_start();
        let s = match self.peek().clone() {
            Token::Uident(s) => {
                self.bump();
                s
            }
            Token::True => {
                self.bump();
                "true".into()
            }
            Token::False => {
                self.bump();
                "false".into()
            }
            Token::LBracket => {
                self.bump();
                self.expect(&Token::RBracket)?;
                "[]".into()
            }
            Token::LParen => {
                self.bump();
                if self.eat(&Token::ColonColon) {
                    self.expect(&Token::RParen)?;
                    "::".into()
                } else {
                    self.expect(&Token::RParen)?;
                    "()".into()
                }
            }
            _ => return Err(self.error()),
        };
        Ok(Located::new(s, self.loc_from(&start)))
    }

    fn constructor_declaration(&mut self, first: bool) -> PResult<ConstructorDeclaration> {
        let start = self.cur_start();
        if first {
            self.eat(&Token::Bar);
        } else {
            self.expect(&Token::Bar)?;
        }
        let name = self.constr_ident()?;
        let (vars, args, res) = self.generalized_constructor_arguments()?;
        let attrs = self.attributes()?;
        Ok(ConstructorDeclaration { name, vars, args, res, loc: self.loc_from(&start), attributes: attrs })
    }

    /// `of args`, `: args -> t`, `: 'a. args -> t`, `: t`, or nothing.
    fn generalized_constructor_arguments(&mut self) -> PResult<(Vec<Loc<String>>, ConstructorArguments, Option<CoreType>)> {
        if self.eat(&Token::Of) {
            let args = self.constructor_arguments()?;
            return Ok((vec![], args, None));
        }
        if self.eat(&Token::Colon) {
            let vars = if self.at_typevar_list_dot() {
                let v = self.typevar_list()?;
                self.expect(&Token::Dot)?;
                v
            } else {
                vec![]
            };
            // Either `args -> res` or just `res` (an atomic type).
            if self.at(&Token::LBrace) {
                let args = self.constructor_arguments()?;
                self.expect(&Token::MinusGreater)?;
                let res = self.atomic_type()?;
                return Ok((vars, args, Some(res)));
            }
            let first = self.atomic_type()?;
            if self.at(&Token::Star) || self.at(&Token::MinusGreater) {
                let mut tys = vec![first];
                while self.eat(&Token::Star) {
                    tys.push(self.atomic_type()?);
                }
                self.expect(&Token::MinusGreater)?;
                let res = self.atomic_type()?;
                return Ok((vars, ConstructorArguments::Tuple(tys), Some(res)));
            }
            return Ok((vars, ConstructorArguments::Tuple(vec![]), Some(first)));
        }
        Ok((vec![], ConstructorArguments::Tuple(vec![]), None))
    }

    fn constructor_arguments(&mut self) -> PResult<ConstructorArguments> {
        if self.eat(&Token::LBrace) {
            let labels = self.label_declarations()?;
            self.expect(&Token::RBrace)?;
            return Ok(ConstructorArguments::Record(labels));
        }
        let mut tys = vec![self.atomic_type()?];
        while self.eat(&Token::Star) {
            tys.push(self.atomic_type()?);
        }
        Ok(ConstructorArguments::Tuple(tys))
    }

    fn label_declarations(&mut self) -> PResult<Vec<LabelDeclaration>> {
        let mut v = Vec::new();
        loop {
            let start = self.cur_start();
            let mutable = if self.eat(&Token::Mutable) { MutableFlag::Mutable } else { MutableFlag::Immutable };
            let name = self.label_name()?;
            self.expect(&Token::Colon)?;
            let t = self.poly_type_no_attr_pub()?;
            let mut attrs = self.attributes()?;
            let semi = self.eat(&Token::Semi);
            if semi {
                attrs.extend(self.attributes()?);
            }
            v.push(LabelDeclaration { name, mutable, type_: t, loc: self.loc_from(&start), attributes: attrs });
            if !semi || self.at(&Token::RBrace) {
                return Ok(v);
            }
        }
    }

    fn poly_type_no_attr_pub(&mut self) -> PResult<CoreType> {
        if self.at_typevar_list_dot() {
            let start = self.cur_start();
            let vars = self.typevar_list()?;
            self.expect(&Token::Dot)?;
            let t = self.core_type_no_attr()?;
            return Ok(mktyp(CoreTypeDesc::Poly(vars, Box::new(t)), self.loc_from(&start)));
        }
        self.core_type_no_attr()
    }

    /// `type_parameters`: nothing, `'a`, `+'a`, `('a, -'b)`.
    pub(super) fn type_parameters(&mut self) -> PResult<Vec<(CoreType, (Variance, Injectivity))>> {
        if self.at(&Token::LParen) {
            self.bump();
            let mut v = vec![self.type_parameter()?];
            while self.eat(&Token::Comma) {
                v.push(self.type_parameter()?);
            }
            self.expect(&Token::RParen)?;
            return Ok(v);
        }
        if matches!(self.peek(), Token::Quote | Token::Underscore | Token::Plus | Token::Minus | Token::Bang | Token::PrefixOp(_) | Token::InfixOp2(_)) {
            return Ok(vec![self.type_parameter()?]);
        }
        Ok(vec![])
    }

    pub(super) fn type_parameter(&mut self) -> PResult<(CoreType, (Variance, Injectivity))> {
        let mut var = Variance::NoVariance;
        let mut inj = Injectivity::NoInjectivity;
        match self.peek().clone() {
            Token::Plus => {
                self.bump();
                var = Variance::Covariant;
                if self.eat(&Token::Bang) {
                    inj = Injectivity::Injective;
                }
            }
            Token::Minus => {
                self.bump();
                var = Variance::Contravariant;
                if self.eat(&Token::Bang) {
                    inj = Injectivity::Injective;
                }
            }
            Token::Bang => {
                self.bump();
                inj = Injectivity::Injective;
                if self.eat(&Token::Plus) {
                    var = Variance::Covariant;
                } else if self.eat(&Token::Minus) {
                    var = Variance::Contravariant;
                }
            }
            Token::InfixOp2(s) if s == "+!" || s == "-!" => {
                self.bump();
                var = if s == "+!" { Variance::Covariant } else { Variance::Contravariant };
                inj = Injectivity::Injective;
            }
            Token::PrefixOp(s) if s == "!+" || s == "!-" => {
                self.bump();
                var = if s == "!+" { Variance::Covariant } else { Variance::Contravariant };
                inj = Injectivity::Injective;
            }
            _ => {}
        }
        let start = self.cur_start();
        let t = if self.eat(&Token::Underscore) {
            mktyp(CoreTypeDesc::Any, self.last_loc())
        } else {
            self.expect(&Token::Quote)?;
            let name = self.ident()?;
            mktyp(CoreTypeDesc::Var(name.txt), self.loc_from(&start))
        };
        Ok((t, (var, inj)))
    }

    /// `type t += A | B`
    fn type_extension(&mut self) -> PResult<(TypeExtension, Option<Loc<String>>)> {
        let start = self.cur_start();
        self.bump();
        let (ext, attrs) = self.ext_attributes()?;
        self.eat(&Token::Nonrec);
        let params = self.type_parameters()?;
        let path = self.lower_longident(true)?;
        self.expect(&Token::PlusEq)?;
        let private = if self.eat(&Token::Private) { PrivateFlag::Private } else { PrivateFlag::Public };
        let mut cs = vec![self.extension_constructor(true)?];
        while self.at(&Token::Bar) {
            cs.push(self.extension_constructor(false)?);
        }
        let mut attrs = attrs;
        attrs.extend(self.post_item_attributes()?);
        Ok((TypeExtension { path, params, constructors: cs, private, loc: self.loc_from(&start), attributes: attrs }, ext))
    }

    fn extension_constructor(&mut self, first: bool) -> PResult<ExtensionConstructor> {
        let start = self.cur_start();
        if first {
            self.eat(&Token::Bar);
        } else {
            self.expect(&Token::Bar)?;
        }
        let name = self.constr_ident()?;
        if self.eat(&Token::Equal) {
            let lid = self.constr_longident()?;
            let attrs = self.attributes()?;
            return Ok(ExtensionConstructor { name, kind: ExtensionConstructorKind::Rebind(lid), loc: self.loc_from(&start), attributes: attrs });
        }
        let (vars, args, res) = self.generalized_constructor_arguments()?;
        let attrs = self.attributes()?;
        Ok(ExtensionConstructor { name, kind: ExtensionConstructorKind::Decl(vars, args, res), loc: self.loc_from(&start), attributes: attrs })
    }

    /// `constr_longident`: `M.C`, `[]`, `()`, `(::)`, `true`, `false`.
    fn constr_longident(&mut self) -> PResult<Loc<Longident>> {
        match self.peek() {
            Token::Uident(_) => {
                let start = self.cur_start();
                let p = self.mod_longident()?;
                if self.at(&Token::Dot) && *self.peek_n(1) == Token::LParen && *self.peek_n(2) == Token::ColonColon {
                    self.bump();
                    self.bump();
                    self.bump();
                    self.expect(&Token::RParen)?;
                    return Ok(Located::new(Longident::ldot(p.txt, "::"), self.loc_from(&start)));
                }
                Ok(p)
            }
            _ => {
                let c = self.constr_ident()?;
                Ok(c.map(Longident::Lident))
            }
        }
    }

    /// `exception C of t` (and `exception C = D` in structures).
    fn exception_declaration(&mut self, allow_rebind: bool) -> PResult<(TypeException, Option<Loc<String>>)> {
        let start = self.cur_start();
        self.bump();
        let (ext, attrs1) = self.ext_attributes()?;
        let name = self.constr_ident()?;
        if allow_rebind && self.eat(&Token::Equal) {
            let lid = self.constr_longident()?;
            let mut attrs = attrs1;
            attrs.extend(self.attributes()?);
            let cloc = self.loc_from(&start);
            let post = self.post_item_attributes()?;
            let ec = ExtensionConstructor { name, kind: ExtensionConstructorKind::Rebind(lid), loc: cloc, attributes: attrs };
            return Ok((TypeException { constructor: ec, loc: self.loc_from(&start), attributes: post }, ext));
        }
        let (vars, args, res) = self.generalized_constructor_arguments()?;
        let mut attrs = attrs1;
        attrs.extend(self.attributes()?);
        let cloc = self.loc_from(&start);
        let post = self.post_item_attributes()?;
        let ec = ExtensionConstructor { name, kind: ExtensionConstructorKind::Decl(vars, args, res), loc: cloc, attributes: attrs };
        Ok((TypeException { constructor: ec, loc: self.loc_from(&start), attributes: post }, ext))
    }

    /// `let exception C of t in ...`: the constructor part.
    pub(super) fn let_exception_declaration(&mut self) -> PResult<ExtensionConstructor> {
        let start = self.cur_start();
        let name = self.constr_ident()?;
        let (vars, args, res) = self.generalized_constructor_arguments()?;
        let attrs = self.attributes()?;
        Ok(ExtensionConstructor { name, kind: ExtensionConstructorKind::Decl(vars, args, res), loc: self.loc_from(&start), attributes: attrs })
    }

    // -----------------------------------------------------------------------------------------
    // Module types

    /// `module type S = mty` (also `:=` in signatures). Returns whether it was a substitution.
    fn module_type_declaration(&mut self) -> PResult<(ModuleTypeDeclaration, Option<Loc<String>>, bool)> {
        let start = self.cur_start();
        self.bump();
        self.bump();
        let (ext, attrs) = self.ext_attributes()?;
        let name = self.ident()?;
        let mut subst = false;
        let mty = if self.eat(&Token::Equal) {
            Some(self.module_type()?)
        } else if self.eat(&Token::ColonEqual) {
            subst = true;
            Some(self.module_type()?)
        } else {
            None
        };
        let mut attrs = attrs;
        attrs.extend(self.post_item_attributes()?);
        Ok((ModuleTypeDeclaration { name, type_: mty, attributes: attrs, loc: self.loc_from(&start) }, ext, subst))
    }

    pub(super) fn module_type(&mut self) -> PResult<ModuleType> {
        let start = self.cur_start();
        let mut mty = match self.peek() {
            Token::Functor => {
                self.bump();
                let attrs = self.attributes()?;
                let args = self.functor_args()?;
                self.expect(&Token::MinusGreater)?;
                let body = self.module_type()?;
                let mut m = body;
                for (astart, arg) in args.into_iter().rev() {
                    m = ModuleType { desc: ModuleTypeDesc::Functor(arg, Box::new(m)), loc: self.loc_from(&astart), attributes: vec![] };
                }
                m.attributes.splice(0..0, attrs);
                return Ok(m);
            }
            _ => self.module_type_simple()?,
        };
        loop {
            match self.peek() {
                Token::With => {
                    self.bump();
                    let mut cs = vec![self.with_constraint()?];
                    while self.eat(&Token::And) {
                        cs.push(self.with_constraint()?);
                    }
                    mty = ModuleType { desc: ModuleTypeDesc::With(Box::new(mty), cs), loc: self.loc_from(&start), attributes: vec![] };
                }
                Token::MinusGreater => {
                    self.bump();
                    let body = self.module_type()?;
                    let arg = FunctorParameter::Named(Located::new(None, Location::none()), Box::new(mty));
                    return Ok(ModuleType { desc: ModuleTypeDesc::Functor(arg, Box::new(body)), loc: self.loc_from(&start), attributes: vec![] });
                }
                Token::LBracketAt => {
                    let a = self.attribute_with(&Token::LBracketAt)?;
                    mty.attributes.push(a);
                }
                _ => return Ok(mty),
            }
        }
    }

    fn module_type_simple(&mut self) -> PResult<ModuleType> {
        let start = self.cur_start();
        match self.peek().clone() {
            Token::Sig => {
                let open_loc = self.cur_loc();
                self.bump();
                let attrs = self.attributes()?;
                let s = self.signature()?;
                self.expect_closing(&Token::End, &open_loc, "sig", "end")?;
                Ok(ModuleType { desc: ModuleTypeDesc::Signature(s), loc: self.loc_from(&start), attributes: attrs })
            }
            Token::Module => {
                self.bump();
                self.expect(&Token::Type)?;
                let attrs = self.attributes()?;
                self.expect(&Token::Of)?;
                let me = self.module_expr_no_attr()?;
                Ok(ModuleType { desc: ModuleTypeDesc::Typeof(Box::new(me)), loc: self.loc_from(&start), attributes: attrs })
            }
            Token::LParen => {
                let open_loc = self.cur_loc();
                self.bump();
                let m = self.module_type()?;
                self.expect_closing(&Token::RParen, &open_loc, "(", ")")?;
                Ok(m)
            }
            Token::LBracketPercent => {
                let (ext, loc) = self.extension()?;
                Ok(ModuleType { desc: ModuleTypeDesc::Extension(ext), loc, attributes: vec![] })
            }
            Token::Uident(_) | Token::Lident(_) => {
                let lid = self.mty_longident()?;
                let loc = lid.loc.clone();
                Ok(ModuleType { desc: ModuleTypeDesc::Ident(lid), loc, attributes: vec![] })
            }
            _ => Err(self.error()),
        }
    }

    fn with_constraint(&mut self) -> PResult<WithConstraint> {
        let start = self.cur_start();
        if self.eat(&Token::Type) {
            let params = self.type_parameters()?;
            let lid = self.lower_longident(false)?;
            let name = Located::new(lid.txt.last().to_string(), lid.loc.clone());
            if self.eat(&Token::ColonEqual) {
                let t = self.core_type_no_attr()?;
                let td = TypeDeclaration {
                    name,
                    params,
                    cstrs: vec![],
                    kind: TypeKind::Abstract,
                    private: PrivateFlag::Public,
                    manifest: Some(t),
                    attributes: vec![],
                    loc: self.loc_from(&start),
                };
                return Ok(WithConstraint::TypeSubst(lid, td));
            }
            self.expect(&Token::Equal)?;
            let private = if self.eat(&Token::Private) { PrivateFlag::Private } else { PrivateFlag::Public };
            let t = self.core_type_no_attr()?;
            let cstrs = self.type_constraints()?;
            let td = TypeDeclaration { name, params, cstrs, kind: TypeKind::Abstract, private, manifest: Some(t), attributes: vec![], loc: self.loc_from(&start) };
            return Ok(WithConstraint::Type(lid, td));
        }
        self.expect(&Token::Module)?;
        if self.eat(&Token::Type) {
            let lid = self.mty_longident()?;
            if self.eat(&Token::ColonEqual) {
                let m = self.module_type()?;
                return Ok(WithConstraint::ModTypeSubst(lid, m));
            }
            self.expect(&Token::Equal)?;
            let m = self.module_type()?;
            return Ok(WithConstraint::ModType(lid, m));
        }
        let lid = self.mod_longident()?;
        if self.eat(&Token::ColonEqual) {
            let rhs = self.mod_ext_longident()?;
            return Ok(WithConstraint::ModSubst(lid, rhs));
        }
        self.expect(&Token::Equal)?;
        let rhs = self.mod_ext_longident()?;
        Ok(WithConstraint::Module(lid, rhs))
    }

    /// `functor_args`: one or more `(X : S)` or `()`, with their start positions.
    fn functor_args(&mut self) -> PResult<Vec<(Position, FunctorParameter)>> {
        let mut v = Vec::new();
        while self.at(&Token::LParen) {
            let s = self.cur_start();
            v.push((s, self.functor_arg()?));
        }
        if v.is_empty() {
            return Err(self.error());
        }
        Ok(v)
    }

    fn functor_arg(&mut self) -> PResult<FunctorParameter> {
        self.expect(&Token::LParen)?;
        if self.eat(&Token::RParen) {
            return Ok(FunctorParameter::Unit);
        }
        let name = self.module_name()?;
        self.expect(&Token::Colon)?;
        let mty = self.module_type()?;
        self.expect(&Token::RParen)?;
        Ok(FunctorParameter::Named(name, Box::new(mty)))
    }

    // -----------------------------------------------------------------------------------------
    // Module expressions

    /// `module_binding_body`: `= me`, `: mty = me`, `(X : S) body`.
    pub(super) fn module_binding_body(&mut self) -> PResult<ModuleExpr> {
        let start = self.cur_start();
        match self.peek() {
            Token::Equal => {
                self.bump();
                self.module_expr()
            }
            Token::Colon => {
                self.bump();
                let mty = self.module_type()?;
                self.expect(&Token::Equal)?;
                let me = self.module_expr()?;
                Ok(ModuleExpr { desc: ModuleExprDesc::Constraint(Box::new(me), Box::new(mty)), loc: self.loc_from(&start), attributes: vec![] })
            }
            Token::LParen => {
                let arg = self.functor_arg()?;
                let body = self.module_binding_body()?;
                Ok(ModuleExpr { desc: ModuleExprDesc::Functor(arg, Box::new(body)), loc: self.loc_from(&start), attributes: vec![] })
            }
            _ => Err(self.error()),
        }
    }

    pub(super) fn module_expr(&mut self) -> PResult<ModuleExpr> {
        let mut me = self.module_expr_no_attr()?;
        while self.at(&Token::LBracketAt) {
            let a = self.attribute_with(&Token::LBracketAt)?;
            me.attributes.push(a);
        }
        Ok(me)
    }

    fn module_expr_no_attr(&mut self) -> PResult<ModuleExpr> {
        let start = self.cur_start();
        if self.at(&Token::Functor) {
            self.bump();
            let attrs = self.attributes()?;
            let args = self.functor_args()?;
            self.expect(&Token::MinusGreater)?;
            let body = self.module_expr()?;
            let mut m = body;
            for (astart, arg) in args.into_iter().rev() {
                m = ModuleExpr { desc: ModuleExprDesc::Functor(arg, Box::new(m)), loc: self.loc_from(&astart), attributes: vec![] };
            }
            m.attributes.splice(0..0, attrs);
            return Ok(m);
        }
        let mut me = match self.peek().clone() {
            Token::Struct => {
                let open_loc = self.cur_loc();
                self.bump();
                let attrs = self.attributes()?;
                let s = self.structure()?;
                self.expect_closing(&Token::End, &open_loc, "struct", "end")?;
                ModuleExpr { desc: ModuleExprDesc::Structure(s), loc: self.loc_from(&start), attributes: attrs }
            }
            Token::LParen => self.paren_module_expr()?,
            Token::Uident(_) => {
                let lid = self.mod_longident()?;
                let loc = lid.loc.clone();
                ModuleExpr { desc: ModuleExprDesc::Ident(lid), loc, attributes: vec![] }
            }
            Token::LBracketPercent => {
                let (ext, loc) = self.extension()?;
                ModuleExpr { desc: ModuleExprDesc::Extension(ext), loc, attributes: vec![] }
            }
            _ => return Err(self.error()),
        };
        // functor applications `F(X)(Y)`, `F()`
        while self.at(&Token::LParen) {
            if *self.peek_n(1) == Token::RParen {
                self.bump();
                self.bump();
                let loc = self.loc_from(&start);
                let unit = ModuleExpr { desc: ModuleExprDesc::Structure(vec![]), loc: loc.clone(), attributes: vec![] };
                me = ModuleExpr { desc: ModuleExprDesc::Apply(Box::new(me), Box::new(unit)), loc, attributes: vec![] };
                continue;
            }
            let arg = self.paren_module_expr()?;
            me = ModuleExpr { desc: ModuleExprDesc::Apply(Box::new(me), Box::new(arg)), loc: self.loc_from(&start), attributes: vec![] };
        }
        Ok(me)
    }

    /// `( me )`, `( me : mty )`, `( val e )`, `( val e : S )`.
    fn paren_module_expr(&mut self) -> PResult<ModuleExpr> {
        let start = self.cur_start();
        let open_loc = self.cur_loc();
        self.expect(&Token::LParen)?;
        if self.eat(&Token::Val) {
            let attrs = self.attributes()?;
            let estart = self.cur_start();
            let e = self.expr()?;
            let e = if self.at(&Token::Colon) || self.at(&Token::ColonGreater) {
                let t1 = if self.eat(&Token::Colon) { Some(self.package_type()?) } else { None };
                let t2 = if self.eat(&Token::ColonGreater) { Some(self.package_type()?) } else { None };
                let loc = self.ghost_from(&estart);
                super::parse_expr::mk_constraint(e, (t1, t2), loc, true)
            } else {
                e
            };
            self.expect_closing(&Token::RParen, &open_loc, "(", ")")?;
            return Ok(ModuleExpr { desc: ModuleExprDesc::Unpack(Box::new(e)), loc: self.loc_from(&start), attributes: attrs });
        }
        let me = self.module_expr()?;
        if self.eat(&Token::Colon) {
            let mty = self.module_type()?;
            self.expect_closing(&Token::RParen, &open_loc, "(", ")")?;
            return Ok(ModuleExpr { desc: ModuleExprDesc::Constraint(Box::new(me), Box::new(mty)), loc: self.loc_from(&start), attributes: vec![] });
        }
        self.expect_closing(&Token::RParen, &open_loc, "(", ")")?;
        Ok(me)
    }
}

/// Error helper for items that parse but are not allowed here.
struct SyntaxErrorAt;

impl SyntaxErrorAt {
    fn at(loc: Location) -> super::error::SyntaxError {
        super::error::SyntaxError::generic(loc)
    }
}

pub(super) fn starts_structure_item(t: &Token) -> bool {
    use Token::*;
    matches!(
        t,
        Let | External | Type | Exception | Module | Open | Include | Class | LBracketPercentPercent | QuotedStringItem(..) | LBracketAtAtAt
    )
}

fn starts_signature_item_tok(t: &Token) -> bool {
    use Token::*;
    matches!(t, Val | External | Type | Exception | Module | Open | Include | Class | LBracketPercentPercent | QuotedStringItem(..) | LBracketAtAtAt)
}

#[allow(dead_code)]
fn unused(_: Longident) {}
