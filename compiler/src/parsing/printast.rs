//! `-dparsetree` output, in the format of `ocamlc -dparsetree` (OCaml 4.13).

use std::fmt::Write;

use super::asttypes::*;
use super::location::{Loc, Location, Position};
use super::longident::Longident;
use super::parsetree::*;

/// Prints a structure as `ocamlc -dparsetree` does for a `.ml` file.
pub fn implementation(s: &Structure) -> String {
    let mut p = Printer { out: String::new() };
    p.list(0, s, Printer::structure_item);
    p.out.push('\n');
    p.out
}

/// Prints a signature as `ocamlc -dparsetree` does for a `.mli` file.
pub fn interface(s: &Signature) -> String {
    let mut p = Printer { out: String::new() };
    p.list(0, s, Printer::signature_item);
    p.out.push('\n');
    p.out
}

/// Prints a toplevel phrase as the toplevel's `-dparsetree` does.
pub fn top_phrase(ph: &ToplevelPhrase) -> String {
    let mut p = Printer { out: String::new() };
    match ph {
        ToplevelPhrase::Def(s) => p.list(0, s, Printer::structure_item),
        ToplevelPhrase::Dir(d) => {
            p.line(0, &format!("Ptop_dir \"{}\"", d.name.txt));
            if let Some(a) = &d.arg {
                match &a.desc {
                    DirectiveArgumentDesc::String(s) => p.line(0, &format!("Pdir_string \"{}\"", s)),
                    DirectiveArgumentDesc::Int(n, None) => p.line(0, &format!("Pdir_int {}", n)),
                    DirectiveArgumentDesc::Int(n, Some(m)) => p.line(0, &format!("Pdir_int {}{}", n, m)),
                    DirectiveArgumentDesc::Ident(l) => p.line(0, &format!("Pdir_ident {}", l)),
                    DirectiveArgumentDesc::Bool(b) => p.line(0, &format!("Pdir_bool {}", b)),
                }
            }
        }
    }
    p.out
}

struct Printer {
    out: String,
}

fn fmt_position(with_name: bool, p: &Position) -> String {
    let name = if with_name { &*p.fname } else { "" };
    // offset -1 (dummy positions) is stored as u32::MAX
    let cnum = if p.cnum == u32::MAX { -1 } else { p.cnum as i64 };
    format!("{}[{},{}+{}]", name, p.line, p.bol, cnum - p.bol as i64)
}

fn fmt_location(l: &Location) -> String {
    let second_name = l.start.fname != l.end.fname;
    format!("({}..{}){}", fmt_position(true, &l.start), fmt_position(second_name, &l.end), if l.ghost { " ghost" } else { "" })
}

fn fmt_lid_loc(l: &Loc<Longident>) -> String {
    format!("\"{}\" {}", l.txt, fmt_location(&l.loc))
}

fn fmt_str_loc(l: &Loc<String>) -> String {
    format!("\"{}\" {}", l.txt, fmt_location(&l.loc))
}

fn fmt_str_opt_loc(l: &Loc<Option<String>>) -> String {
    format!("\"{}\" {}", l.txt.as_deref().unwrap_or("_"), fmt_location(&l.loc))
}

fn fmt_char_option(c: &Option<char>) -> String {
    match c {
        None => "None".into(),
        Some(c) => format!("Some {}", c),
    }
}

/// OCaml's `%S`: a quoted string with OCaml escapes.
pub fn escaped_string(s: &[u8]) -> String {
    format!("\"{}\"", escaped(s))
}

/// OCaml's `String.escaped`.
pub fn escaped(s: &[u8]) -> String {
    let mut out = String::new();
    for &c in s {
        match c {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\t' => out.push_str("\\t"),
            b'\r' => out.push_str("\\r"),
            8 => out.push_str("\\b"),
            b' '..=b'~' => out.push(c as char),
            _ => {
                let _ = write!(out, "\\{:03}", c);
            }
        }
    }
    out
}

fn fmt_constant(c: &Constant) -> String {
    match c {
        Constant::Integer(i, m) => format!("PConst_int ({},{})", i, fmt_char_option(m)),
        Constant::Char(c) => format!("PConst_char {:02x}", c),
        Constant::String(s, loc, None) => format!("PConst_string({},{},None)", escaped_string(s), fmt_location(loc)),
        Constant::String(s, loc, Some(d)) => format!("PConst_string ({},{},Some {})", escaped_string(s), fmt_location(loc), escaped_string(d.as_bytes())),
        Constant::Float(f, m) => format!("PConst_float ({},{})", f, fmt_char_option(m)),
    }
}

fn rec_flag(r: RecFlag) -> &'static str {
    match r {
        RecFlag::Nonrecursive => "Nonrec",
        RecFlag::Recursive => "Rec",
    }
}

fn direction_flag(d: DirectionFlag) -> &'static str {
    match d {
        DirectionFlag::Upto => "Up",
        DirectionFlag::Downto => "Down",
    }
}

fn private_flag(p: PrivateFlag) -> &'static str {
    match p {
        PrivateFlag::Public => "Public",
        PrivateFlag::Private => "Private",
    }
}

fn mutable_flag(m: MutableFlag) -> &'static str {
    match m {
        MutableFlag::Immutable => "Immutable",
        MutableFlag::Mutable => "Mutable",
    }
}

fn virtual_flag(v: VirtualFlag) -> &'static str {
    match v {
        VirtualFlag::Concrete => "Concrete",
        VirtualFlag::Virtual => "Virtual",
    }
}

fn override_flag(o: OverrideFlag) -> &'static str {
    match o {
        OverrideFlag::Override => "Override",
        OverrideFlag::Fresh => "Fresh",
    }
}

fn closed_flag(c: ClosedFlag) -> &'static str {
    match c {
        ClosedFlag::Closed => "Closed",
        ClosedFlag::Open => "Open",
    }
}

fn tyvar(s: &str) -> String {
    if s.len() >= 2 && s.as_bytes()[1] == b'\'' {
        format!("' {}", s)
    } else {
        format!("'{}", s)
    }
}

impl Printer {
    /// Indentation for level `i`: two spaces per level, wrapping at 72 columns as OCaml's
    /// printer does.
    fn indent(&mut self, i: usize) {
        for _ in 0..((2 * i) % 72) {
            self.out.push(' ');
        }
    }

    /// One line at indentation `i` (two spaces per level).
    fn line(&mut self, i: usize, s: &str) {
        self.indent(i);
        self.out.push_str(s);
        self.out.push('\n');
    }

    /// Text at indentation `i` without a newline (OCaml's printer omits it in a few places).
    fn line_no_nl(&mut self, i: usize, s: &str) {
        self.indent(i);
        self.out.push_str(s);
    }

    fn list<T>(&mut self, i: usize, l: &[T], f: fn(&mut Printer, usize, &T)) {
        if l.is_empty() {
            self.line(i, "[]");
        } else {
            self.line(i, "[");
            for x in l {
                f(self, i + 1, x);
            }
            self.line(i, "]");
        }
    }

    fn option<T>(&mut self, i: usize, o: &Option<T>, f: fn(&mut Printer, usize, &T)) {
        match o {
            None => self.line(i, "None"),
            Some(x) => {
                self.line(i, "Some");
                f(self, i + 1, x);
            }
        }
    }

    fn string(&mut self, i: usize, s: &String) {
        self.line(i, &format!("\"{}\"", s));
    }

    fn string_loc(&mut self, i: usize, s: &Loc<String>) {
        self.line(i, &fmt_str_loc(s));
    }

    fn arg_label(&mut self, i: usize, l: &ArgLabel) {
        match l {
            ArgLabel::Nolabel => self.line(i, "Nolabel"),
            ArgLabel::Optional(s) => self.line(i, &format!("Optional \"{}\"", s)),
            ArgLabel::Labelled(s) => self.line(i, &format!("Labelled \"{}\"", s)),
        }
    }

    fn attributes(&mut self, i: usize, attrs: &Attributes) {
        let i = i + 1;
        for a in attrs {
            self.line(i, &format!("attribute \"{}\"", a.name.txt));
            self.payload(i + 1, &a.payload);
        }
    }

    fn attribute(&mut self, i: usize, kind: &str, a: &Attribute) {
        self.line(i, &format!("{} \"{}\"", kind, a.name.txt));
        self.payload(i, &a.payload);
    }

    fn payload(&mut self, i: usize, p: &Payload) {
        match p {
            Payload::Str(s) => self.list(i, s, Printer::structure_item),
            Payload::Sig(s) => self.list(i, s, Printer::signature_item),
            Payload::Typ(t) => self.core_type(i, t),
            Payload::Pat(p, None) => self.pattern(i, p),
            Payload::Pat(p, Some(g)) => {
                self.pattern(i, p);
                self.line(i, "<when>");
                self.expression(i + 1, g);
            }
        }
    }

    // -----------------------------------------------------------------------------------------

    fn core_type(&mut self, i: usize, t: &CoreType) {
        self.line(i, &format!("core_type {}", fmt_location(&t.loc)));
        self.attributes(i, &t.attributes);
        let i = i + 1;
        match &t.desc {
            CoreTypeDesc::Any => self.line(i, "Ptyp_any"),
            CoreTypeDesc::Var(s) => self.line(i, &format!("Ptyp_var {}", s)),
            CoreTypeDesc::Arrow(l, a, b) => {
                self.line(i, "Ptyp_arrow");
                self.arg_label(i, l);
                self.core_type(i, a);
                self.core_type(i, b);
            }
            CoreTypeDesc::Tuple(l) => {
                self.line(i, "Ptyp_tuple");
                self.list(i, l, Printer::core_type);
            }
            CoreTypeDesc::Constr(lid, l) => {
                self.line(i, &format!("Ptyp_constr {}", fmt_lid_loc(lid)));
                self.list(i, l, Printer::core_type);
            }
            CoreTypeDesc::Variant(rows, c, low) => {
                self.line(i, &format!("Ptyp_variant closed={}", closed_flag(*c)));
                self.list(i, rows, Printer::row_field);
                match low {
                    None => self.line(i, "None"),
                    Some(l) => {
                        self.line(i, "Some");
                        self.list(i + 1, l, Printer::string);
                    }
                }
            }
            CoreTypeDesc::Object(fields, c) => {
                self.line(i, &format!("Ptyp_object {}", closed_flag(*c)));
                let i = i + 1;
                for f in fields {
                    match &f.desc {
                        ObjectFieldDesc::Otag(l, t) => {
                            self.line(i, &format!("method {}", l.txt));
                            self.attributes(i, &f.attributes);
                            self.core_type(i + 1, t);
                        }
                        ObjectFieldDesc::Oinherit(t) => {
                            self.line(i, "Oinherit");
                            self.core_type(i + 1, t);
                        }
                    }
                }
            }
            CoreTypeDesc::Class(lid, l) => {
                self.line(i, &format!("Ptyp_class {}", fmt_lid_loc(lid)));
                self.list(i, l, Printer::core_type);
            }
            CoreTypeDesc::Alias(t, s) => {
                self.line(i, &format!("Ptyp_alias \"{}\"", s));
                self.core_type(i, t);
            }
            CoreTypeDesc::Poly(vars, t) => {
                let mut s = String::from("Ptyp_poly");
                for v in vars {
                    s.push(' ');
                    s.push_str(&tyvar(&v.txt));
                }
                self.line(i, &s);
                self.core_type(i, t);
            }
            CoreTypeDesc::Package((lid, cs)) => {
                self.line(i, &format!("Ptyp_package {}", fmt_lid_loc(lid)));
                self.list(i, cs, Printer::package_with);
            }
            CoreTypeDesc::Extension((name, p)) => {
                self.line(i, &format!("Ptyp_extension \"{}\"", name.txt));
                self.payload(i, p);
            }
        }
    }

    fn package_with(&mut self, i: usize, c: &(Loc<Longident>, CoreType)) {
        self.line(i, &format!("with type {}", fmt_lid_loc(&c.0)));
        self.core_type(i, &c.1);
    }

    fn row_field(&mut self, i: usize, r: &RowField) {
        match &r.desc {
            RowFieldDesc::Rtag(l, b, tys) => {
                self.line(i, &format!("Rtag \"{}\" {}", l.txt, b));
                self.attributes(i + 1, &r.attributes);
                self.list(i + 1, tys, Printer::core_type);
            }
            RowFieldDesc::Rinherit(t) => {
                self.line(i, "Rinherit");
                self.core_type(i + 1, t);
            }
        }
    }

    fn pattern(&mut self, i: usize, p: &Pattern) {
        self.line(i, &format!("pattern {}", fmt_location(&p.loc)));
        self.attributes(i, &p.attributes);
        let i = i + 1;
        match &p.desc {
            PatternDesc::Any => self.line(i, "Ppat_any"),
            PatternDesc::Var(s) => self.line(i, &format!("Ppat_var {}", fmt_str_loc(s))),
            PatternDesc::Alias(p, s) => {
                self.line(i, &format!("Ppat_alias {}", fmt_str_loc(s)));
                self.pattern(i, p);
            }
            PatternDesc::Constant(c) => self.line(i, &format!("Ppat_constant {}", fmt_constant(c))),
            PatternDesc::Interval(a, b) => self.line(i, &format!("Ppat_interval {}..{}", fmt_constant(a), fmt_constant(b))),
            PatternDesc::Tuple(l) => {
                self.line(i, "Ppat_tuple");
                self.list(i, l, Printer::pattern);
            }
            PatternDesc::Construct(lid, arg) => {
                self.line(i, &format!("Ppat_construct {}", fmt_lid_loc(lid)));
                match arg {
                    None => self.line(i, "None"),
                    Some((vars, p)) => {
                        self.line(i, "Some");
                        self.list(i + 1, vars, Printer::string_loc);
                        self.pattern(i + 1, p);
                    }
                }
            }
            PatternDesc::Variant(l, po) => {
                self.line(i, &format!("Ppat_variant \"{}\"", l));
                match po {
                    None => self.line(i, "None"),
                    Some(p) => {
                        self.line(i, "Some");
                        self.pattern(i + 1, p);
                    }
                }
            }
            PatternDesc::Record(l, c) => {
                self.line(i, &format!("Ppat_record {}", closed_flag(*c)));
                self.list(i, l, |pr, i, (lid, p)| {
                    pr.line(i, &fmt_lid_loc(lid));
                    pr.pattern(i + 1, p);
                });
            }
            PatternDesc::Array(l) => {
                self.line(i, "Ppat_array");
                self.list(i, l, Printer::pattern);
            }
            PatternDesc::Or(a, b) => {
                self.line(i, "Ppat_or");
                self.pattern(i, a);
                self.pattern(i, b);
            }
            PatternDesc::Lazy(p) => {
                self.line(i, "Ppat_lazy");
                self.pattern(i, p);
            }
            PatternDesc::Constraint(p, t) => {
                self.line(i, "Ppat_constraint");
                self.pattern(i, p);
                self.core_type(i, t);
            }
            PatternDesc::Type(lid) => {
                self.line(i, "Ppat_type");
                self.line(i, &fmt_lid_loc(lid));
            }
            PatternDesc::Unpack(s) => self.line(i, &format!("Ppat_unpack {}", fmt_str_opt_loc(s))),
            PatternDesc::Exception(p) => {
                self.line(i, "Ppat_exception");
                self.pattern(i, p);
            }
            PatternDesc::Open(m, p) => {
                self.line(i, &format!("Ppat_open \"{}\"", fmt_lid_loc(m)));
                self.pattern(i, p);
            }
            PatternDesc::Extension((name, p)) => {
                self.line(i, &format!("Ppat_extension \"{}\"", name.txt));
                self.payload(i, p);
            }
        }
    }

    fn expression(&mut self, i: usize, e: &Expression) {
        self.line(i, &format!("expression {}", fmt_location(&e.loc)));
        self.attributes(i, &e.attributes);
        let i = i + 1;
        use ExpressionDesc as D;
        match &e.desc {
            D::Ident(lid) => self.line(i, &format!("Pexp_ident {}", fmt_lid_loc(lid))),
            D::Constant(c) => self.line(i, &format!("Pexp_constant {}", fmt_constant(c))),
            D::Let(rf, vbs, body) => {
                self.line(i, &format!("Pexp_let {}", rec_flag(*rf)));
                self.list(i, vbs, Printer::value_binding);
                self.expression(i, body);
            }
            D::Function(cases) => {
                self.line(i, "Pexp_function");
                self.list(i, cases, Printer::case);
            }
            D::Fun(l, d, p, body) => {
                self.line(i, "Pexp_fun");
                self.arg_label(i, l);
                self.option(i, d, |pr, i, e| pr.expression(i, e));
                self.pattern(i, p);
                self.expression(i, body);
            }
            D::Apply(f, args) => {
                self.line(i, "Pexp_apply");
                self.expression(i, f);
                self.list(i, args, Printer::label_x_expression);
            }
            D::Match(e, cases) => {
                self.line(i, "Pexp_match");
                self.expression(i, e);
                self.list(i, cases, Printer::case);
            }
            D::Try(e, cases) => {
                self.line(i, "Pexp_try");
                self.expression(i, e);
                self.list(i, cases, Printer::case);
            }
            D::Tuple(l) => {
                self.line(i, "Pexp_tuple");
                self.list(i, l, Printer::expression);
            }
            D::Construct(lid, arg) => {
                self.line(i, &format!("Pexp_construct {}", fmt_lid_loc(lid)));
                self.option(i, arg, |pr, i, e| pr.expression(i, e));
            }
            D::Variant(l, arg) => {
                self.line(i, &format!("Pexp_variant \"{}\"", l));
                self.option(i, arg, |pr, i, e| pr.expression(i, e));
            }
            D::Record(fields, base) => {
                self.line(i, "Pexp_record");
                self.list(i, fields, |pr, i, (lid, e)| {
                    pr.line(i, &fmt_lid_loc(lid));
                    pr.expression(i + 1, e);
                });
                self.option(i, base, |pr, i, e| pr.expression(i, e));
            }
            D::Field(e, lid) => {
                self.line(i, "Pexp_field");
                self.expression(i, e);
                self.line(i, &fmt_lid_loc(lid));
            }
            D::Setfield(a, lid, b) => {
                self.line(i, "Pexp_setfield");
                self.expression(i, a);
                self.line(i, &fmt_lid_loc(lid));
                self.expression(i, b);
            }
            D::Array(l) => {
                self.line(i, "Pexp_array");
                self.list(i, l, Printer::expression);
            }
            D::IfThenElse(a, b, c) => {
                self.line(i, "Pexp_ifthenelse");
                self.expression(i, a);
                self.expression(i, b);
                self.option(i, c, |pr, i, e| pr.expression(i, e));
            }
            D::Sequence(a, b) => {
                self.line(i, "Pexp_sequence");
                self.expression(i, a);
                self.expression(i, b);
            }
            D::While(a, b) => {
                self.line(i, "Pexp_while");
                self.expression(i, a);
                self.expression(i, b);
            }
            D::For(p, a, b, d, c) => {
                self.line(i, &format!("Pexp_for {}", direction_flag(*d)));
                self.pattern(i, p);
                self.expression(i, a);
                self.expression(i, b);
                self.expression(i, c);
            }
            D::Constraint(e, t) => {
                self.line(i, "Pexp_constraint");
                self.expression(i, e);
                self.core_type(i, t);
            }
            D::Coerce(e, t1, t2) => {
                self.line(i, "Pexp_coerce");
                self.expression(i, e);
                self.option(i, t1, |pr, i, t| pr.core_type(i, t));
                self.core_type(i, t2);
            }
            D::Send(e, m) => {
                self.line(i, &format!("Pexp_send \"{}\"", m.txt));
                self.expression(i, e);
            }
            D::New(lid) => self.line(i, &format!("Pexp_new {}", fmt_lid_loc(lid))),
            D::Setinstvar(s, e) => {
                self.line(i, &format!("Pexp_setinstvar {}", fmt_str_loc(s)));
                self.expression(i, e);
            }
            D::Override(l) => {
                self.line(i, "Pexp_override");
                self.list(i, l, |pr, i, (s, e)| {
                    pr.line(i, &format!("<override> {}", fmt_str_loc(s)));
                    pr.expression(i + 1, e);
                });
            }
            D::LetModule(name, me, e) => {
                self.line(i, &format!("Pexp_letmodule {}", fmt_str_opt_loc(name)));
                self.module_expr(i, me);
                self.expression(i, e);
            }
            D::LetException(ec, e) => {
                self.line(i, "Pexp_letexception");
                self.extension_constructor(i, ec);
                self.expression(i, e);
            }
            D::Assert(e) => {
                self.line(i, "Pexp_assert");
                self.expression(i, e);
            }
            D::Lazy(e) => {
                self.line(i, "Pexp_lazy");
                self.expression(i, e);
            }
            D::Poly(e, t) => {
                self.line(i, "Pexp_poly");
                self.expression(i, e);
                self.option(i, t, |pr, i, t| pr.core_type(i, t));
            }
            D::Object(cs) => {
                self.line(i, "Pexp_object");
                self.class_structure(i, cs);
            }
            D::Newtype(s, e) => {
                self.line(i, &format!("Pexp_newtype \"{}\"", s.txt));
                self.expression(i, e);
            }
            D::Pack(me) => {
                self.line(i, "Pexp_pack");
                self.module_expr(i, me);
            }
            D::Open(od, e) => {
                self.line(i, &format!("Pexp_open {}", override_flag(od.override_)));
                self.module_expr(i, &od.expr);
                self.expression(i, e);
            }
            D::LetOp(lo) => {
                self.line(i, "Pexp_letop");
                self.binding_op(i, &lo.let_);
                self.list(i, &lo.ands, Printer::binding_op);
                self.expression(i, &lo.body);
            }
            D::Extension((name, p)) => {
                self.line(i, &format!("Pexp_extension \"{}\"", name.txt));
                self.payload(i, p);
            }
            D::Unreachable => self.line_no_nl(i, "Pexp_unreachable"),
        }
    }

    fn binding_op(&mut self, i: usize, b: &BindingOp) {
        self.line_no_nl(i, &format!("<binding_op> {} {}", fmt_str_loc(&b.op), fmt_location(&b.loc)));
        self.pattern(i + 1, &b.pat);
        self.expression(i + 1, &b.exp);
    }

    fn label_x_expression(&mut self, i: usize, (l, e): &(ArgLabel, Expression)) {
        self.line(i, "<arg>");
        self.arg_label(i, l);
        self.expression(i + 1, e);
    }

    fn case(&mut self, i: usize, c: &Case) {
        self.line(i, "<case>");
        self.pattern(i + 1, &c.lhs);
        if let Some(g) = &c.guard {
            self.line(i + 1, "<when>");
            self.expression(i + 2, g);
        }
        self.expression(i + 1, &c.rhs);
    }

    fn value_binding(&mut self, i: usize, vb: &ValueBinding) {
        self.line(i, "<def>");
        self.attributes(i + 1, &vb.attributes);
        self.pattern(i + 1, &vb.pat);
        self.expression(i + 1, &vb.expr);
    }

    fn value_description(&mut self, i: usize, vd: &ValueDescription) {
        self.line(i, &format!("value_description {} {}", fmt_str_loc(&vd.name), fmt_location(&vd.loc)));
        self.attributes(i, &vd.attributes);
        self.core_type(i + 1, &vd.type_);
        self.list(i + 1, &vd.prim, Printer::string);
    }

    fn type_parameter(&mut self, i: usize, p: &(CoreType, (Variance, Injectivity))) {
        self.core_type(i, &p.0);
    }

    fn type_declaration(&mut self, i: usize, td: &TypeDeclaration) {
        self.line(i, &format!("type_declaration {} {}", fmt_str_loc(&td.name), fmt_location(&td.loc)));
        self.attributes(i, &td.attributes);
        let i = i + 1;
        self.line(i, "ptype_params =");
        self.list(i + 1, &td.params, Printer::type_parameter);
        self.line(i, "ptype_cstrs =");
        self.list(i + 1, &td.cstrs, |pr, i, (a, b, l)| {
            pr.line(i, &format!("<constraint> {}", fmt_location(l)));
            pr.core_type(i + 1, a);
            pr.core_type(i + 1, b);
        });
        self.line(i, "ptype_kind =");
        self.type_kind(i + 1, &td.kind);
        self.line(i, &format!("ptype_private = {}", private_flag(td.private)));
        self.line(i, "ptype_manifest =");
        self.option(i + 1, &td.manifest, Printer::core_type);
    }

    fn type_kind(&mut self, i: usize, k: &TypeKind) {
        match k {
            TypeKind::Abstract => self.line(i, "Ptype_abstract"),
            TypeKind::Variant(l) => {
                self.line(i, "Ptype_variant");
                self.list(i + 1, l, Printer::constructor_decl);
            }
            TypeKind::Record(l) => {
                self.line(i, "Ptype_record");
                self.list(i + 1, l, Printer::label_decl);
            }
            TypeKind::Open => self.line(i, "Ptype_open"),
        }
    }

    fn constructor_decl(&mut self, i: usize, cd: &ConstructorDeclaration) {
        self.line(i, &fmt_location(&cd.loc));
        self.line(i + 1, &fmt_str_loc(&cd.name));
        self.attributes(i, &cd.attributes);
        self.constructor_arguments(i + 1, &cd.args);
        self.option(i + 1, &cd.res, Printer::core_type);
    }

    fn constructor_arguments(&mut self, i: usize, a: &ConstructorArguments) {
        match a {
            ConstructorArguments::Tuple(l) => self.list(i, l, Printer::core_type),
            ConstructorArguments::Record(l) => self.list(i, l, Printer::label_decl),
        }
    }

    fn label_decl(&mut self, i: usize, ld: &LabelDeclaration) {
        self.line(i, &fmt_location(&ld.loc));
        self.attributes(i, &ld.attributes);
        self.line(i + 1, mutable_flag(ld.mutable));
        self.line_no_nl(i + 1, &fmt_str_loc(&ld.name));
        self.core_type(i + 1, &ld.type_);
    }

    fn type_extension(&mut self, i: usize, te: &TypeExtension) {
        self.line(i, "type_extension");
        self.attributes(i, &te.attributes);
        let i = i + 1;
        self.line(i, &format!("ptyext_path = {}", fmt_lid_loc(&te.path)));
        self.line(i, "ptyext_params =");
        self.list(i + 1, &te.params, Printer::type_parameter);
        self.line(i, "ptyext_constructors =");
        self.list(i + 1, &te.constructors, Printer::extension_constructor);
        self.line(i, &format!("ptyext_private = {}", private_flag(te.private)));
    }

    fn type_exception(&mut self, i: usize, te: &TypeException) {
        self.line(i, "type_exception");
        self.attributes(i, &te.attributes);
        let i = i + 1;
        self.line(i, "ptyext_constructor =");
        self.extension_constructor(i + 1, &te.constructor);
    }

    fn extension_constructor(&mut self, i: usize, ec: &ExtensionConstructor) {
        self.line(i, &format!("extension_constructor {}", fmt_location(&ec.loc)));
        self.attributes(i, &ec.attributes);
        let i = i + 1;
        self.line(i, &format!("pext_name = \"{}\"", ec.name.txt));
        self.line(i, "pext_kind =");
        match &ec.kind {
            ExtensionConstructorKind::Decl(_vars, args, res) => {
                self.line(i + 1, "Pext_decl");
                self.constructor_arguments(i + 2, args);
                self.option(i + 2, res, Printer::core_type);
            }
            ExtensionConstructorKind::Rebind(lid) => {
                self.line(i + 1, "Pext_rebind");
                self.line(i + 2, &fmt_lid_loc(lid));
            }
        }
    }

    // -----------------------------------------------------------------------------------------
    // Classes

    fn class_type(&mut self, i: usize, ct: &ClassType) {
        self.line(i, &format!("class_type {}", fmt_location(&ct.loc)));
        self.attributes(i, &ct.attributes);
        let i = i + 1;
        match &ct.desc {
            ClassTypeDesc::Constr(lid, l) => {
                self.line(i, &format!("Pcty_constr {}", fmt_lid_loc(lid)));
                self.list(i, l, Printer::core_type);
            }
            ClassTypeDesc::Signature(cs) => {
                self.line(i, "Pcty_signature");
                self.class_signature(i, cs);
            }
            ClassTypeDesc::Arrow(l, t, ct) => {
                self.line(i, "Pcty_arrow");
                self.arg_label(i, l);
                self.core_type(i, t);
                self.class_type(i, ct);
            }
            ClassTypeDesc::Extension((name, p)) => {
                self.line(i, &format!("Pcty_extension \"{}\"", name.txt));
                self.payload(i, p);
            }
            ClassTypeDesc::Open(od, ct) => {
                self.line(i, &format!("Pcty_open {} {}", override_flag(od.override_), fmt_lid_loc(&od.expr)));
                self.class_type(i, ct);
            }
        }
    }

    fn class_signature(&mut self, i: usize, cs: &ClassSignature) {
        self.line(i, "class_signature");
        self.core_type(i + 1, &cs.self_);
        self.list(i + 1, &cs.fields, Printer::class_type_field);
    }

    fn class_type_field(&mut self, i: usize, f: &ClassTypeField) {
        self.line(i, &format!("class_type_field {}", fmt_location(&f.loc)));
        let i = i + 1;
        self.attributes(i, &f.attributes);
        match &f.desc {
            ClassTypeFieldDesc::Inherit(ct) => {
                self.line(i, "Pctf_inherit");
                self.class_type(i, ct);
            }
            ClassTypeFieldDesc::Val(s, m, v, t) => {
                self.line(i, &format!("Pctf_val \"{}\" {} {}", s.txt, mutable_flag(*m), virtual_flag(*v)));
                self.core_type(i + 1, t);
            }
            ClassTypeFieldDesc::Method(s, p, v, t) => {
                self.line(i, &format!("Pctf_method \"{}\" {} {}", s.txt, private_flag(*p), virtual_flag(*v)));
                self.core_type(i + 1, t);
            }
            ClassTypeFieldDesc::Constraint(a, b) => {
                self.line(i, "Pctf_constraint");
                self.core_type(i + 1, a);
                self.core_type(i + 1, b);
            }
            ClassTypeFieldDesc::Attribute(a) => self.attribute(i, "Pctf_attribute", a),
            ClassTypeFieldDesc::Extension((name, p)) => {
                self.line(i, &format!("Pctf_extension \"{}\"", name.txt));
                self.payload(i, p);
            }
        }
    }

    fn class_infos_header<T>(&mut self, i: usize, kind: &str, ci: &ClassInfos<T>) -> usize {
        self.line(i, &format!("{} {}", kind, fmt_location(&ci.loc)));
        self.attributes(i, &ci.attributes);
        let i = i + 1;
        self.line(i, &format!("pci_virt = {}", virtual_flag(ci.virt)));
        self.line(i, "pci_params =");
        self.list(i + 1, &ci.params, Printer::type_parameter);
        self.line(i, &format!("pci_name = {}", fmt_str_loc(&ci.name)));
        self.line(i, "pci_expr =");
        i + 1
    }

    fn class_description(&mut self, i: usize, cd: &ClassDescription) {
        let j = self.class_infos_header(i, "class_description", cd);
        self.class_type(j, &cd.expr);
    }

    fn class_type_declaration(&mut self, i: usize, cd: &ClassTypeDeclaration) {
        let j = self.class_infos_header(i, "class_type_declaration", cd);
        self.class_type(j, &cd.expr);
    }

    fn class_declaration(&mut self, i: usize, cd: &ClassDeclaration) {
        let j = self.class_infos_header(i, "class_declaration", cd);
        self.class_expr(j, &cd.expr);
    }

    fn class_expr(&mut self, i: usize, ce: &ClassExpr) {
        self.line(i, &format!("class_expr {}", fmt_location(&ce.loc)));
        self.attributes(i, &ce.attributes);
        let i = i + 1;
        match &ce.desc {
            ClassExprDesc::Constr(lid, l) => {
                self.line(i, &format!("Pcl_constr {}", fmt_lid_loc(lid)));
                self.list(i, l, Printer::core_type);
            }
            ClassExprDesc::Structure(cs) => {
                self.line(i, "Pcl_structure");
                self.class_structure(i, cs);
            }
            ClassExprDesc::Fun(l, d, p, body) => {
                self.line(i, "Pcl_fun");
                self.arg_label(i, l);
                self.option(i, d, Printer::expression);
                self.pattern(i, p);
                self.class_expr(i, body);
            }
            ClassExprDesc::Apply(ce, args) => {
                self.line(i, "Pcl_apply");
                self.class_expr(i, ce);
                self.list(i, args, Printer::label_x_expression);
            }
            ClassExprDesc::Let(rf, vbs, ce) => {
                self.line(i, &format!("Pcl_let {}", rec_flag(*rf)));
                self.list(i, vbs, Printer::value_binding);
                self.class_expr(i, ce);
            }
            ClassExprDesc::Constraint(ce, ct) => {
                self.line(i, "Pcl_constraint");
                self.class_expr(i, ce);
                self.class_type(i, ct);
            }
            ClassExprDesc::Extension((name, p)) => {
                self.line(i, &format!("Pcl_extension \"{}\"", name.txt));
                self.payload(i, p);
            }
            ClassExprDesc::Open(od, ce) => {
                self.line(i, &format!("Pcl_open {} {}", override_flag(od.override_), fmt_lid_loc(&od.expr)));
                self.class_expr(i, ce);
            }
        }
    }

    fn class_structure(&mut self, i: usize, cs: &ClassStructure) {
        self.line(i, "class_structure");
        self.pattern(i + 1, &cs.self_);
        self.list(i + 1, &cs.fields, Printer::class_field);
    }

    fn class_field(&mut self, i: usize, f: &ClassField) {
        self.line(i, &format!("class_field {}", fmt_location(&f.loc)));
        let i = i + 1;
        self.attributes(i, &f.attributes);
        match &f.desc {
            ClassFieldDesc::Inherit(o, ce, so) => {
                self.line(i, &format!("Pcf_inherit {}", override_flag(*o)));
                self.class_expr(i + 1, ce);
                self.option(i + 1, so, Printer::string_loc);
            }
            ClassFieldDesc::Val(s, m, k) => {
                self.line(i, &format!("Pcf_val {}", mutable_flag(*m)));
                self.line(i + 1, &fmt_str_loc(s));
                self.class_field_kind(i + 1, k);
            }
            ClassFieldDesc::Method(s, p, k) => {
                self.line(i, &format!("Pcf_method {}", private_flag(*p)));
                self.line(i + 1, &fmt_str_loc(s));
                self.class_field_kind(i + 1, k);
            }
            ClassFieldDesc::Constraint(a, b) => {
                self.line(i, "Pcf_constraint");
                self.core_type(i + 1, a);
                self.core_type(i + 1, b);
            }
            ClassFieldDesc::Initializer(e) => {
                self.line(i, "Pcf_initializer");
                self.expression(i + 1, e);
            }
            ClassFieldDesc::Attribute(a) => self.attribute(i, "Pcf_attribute", a),
            ClassFieldDesc::Extension((name, p)) => {
                self.line(i, &format!("Pcf_extension \"{}\"", name.txt));
                self.payload(i, p);
            }
        }
    }

    fn class_field_kind(&mut self, i: usize, k: &ClassFieldKind) {
        match k {
            ClassFieldKind::Concrete(o, e) => {
                self.line(i, &format!("Concrete {}", override_flag(*o)));
                self.expression(i, e);
            }
            ClassFieldKind::Virtual(t) => {
                self.line(i, "Virtual");
                self.core_type(i, t);
            }
        }
    }

    // -----------------------------------------------------------------------------------------
    // Modules

    fn module_type(&mut self, i: usize, mt: &ModuleType) {
        self.line(i, &format!("module_type {}", fmt_location(&mt.loc)));
        self.attributes(i, &mt.attributes);
        let i = i + 1;
        match &mt.desc {
            ModuleTypeDesc::Ident(lid) => self.line(i, &format!("Pmty_ident {}", fmt_lid_loc(lid))),
            ModuleTypeDesc::Alias(lid) => self.line(i, &format!("Pmty_alias {}", fmt_lid_loc(lid))),
            ModuleTypeDesc::Signature(s) => {
                self.line(i, "Pmty_signature");
                self.list(i, s, Printer::signature_item);
            }
            ModuleTypeDesc::Functor(FunctorParameter::Unit, body) => {
                self.line(i, "Pmty_functor ()");
                self.module_type(i, body);
            }
            ModuleTypeDesc::Functor(FunctorParameter::Named(name, arg), body) => {
                self.line(i, &format!("Pmty_functor {}", fmt_str_opt_loc(name)));
                self.module_type(i, arg);
                self.module_type(i, body);
            }
            ModuleTypeDesc::With(mt, cs) => {
                self.line(i, "Pmty_with");
                self.module_type(i, mt);
                self.list(i, cs, Printer::with_constraint);
            }
            ModuleTypeDesc::Typeof(me) => {
                self.line(i, "Pmty_typeof");
                self.module_expr(i, me);
            }
            ModuleTypeDesc::Extension((name, p)) => {
                self.line(i, &format!("Pmod_extension \"{}\"", name.txt));
                self.payload(i, p);
            }
        }
    }

    fn with_constraint(&mut self, i: usize, c: &WithConstraint) {
        match c {
            WithConstraint::Type(lid, td) => {
                self.line(i, &format!("Pwith_type {}", fmt_lid_loc(lid)));
                self.type_declaration(i + 1, td);
            }
            WithConstraint::TypeSubst(lid, td) => {
                self.line(i, &format!("Pwith_typesubst {}", fmt_lid_loc(lid)));
                self.type_declaration(i + 1, td);
            }
            WithConstraint::Module(a, b) => self.line(i, &format!("Pwith_module {} = {}", fmt_lid_loc(a), fmt_lid_loc(b))),
            WithConstraint::ModSubst(a, b) => self.line(i, &format!("Pwith_modsubst {} = {}", fmt_lid_loc(a), fmt_lid_loc(b))),
            WithConstraint::ModType(a, mt) => {
                self.line(i, &format!("Pwith_modtype {}", fmt_lid_loc(a)));
                self.module_type(i + 1, mt);
            }
            WithConstraint::ModTypeSubst(a, mt) => {
                self.line(i, &format!("Pwith_modtypesubst {}", fmt_lid_loc(a)));
                self.module_type(i + 1, mt);
            }
        }
    }

    fn module_expr(&mut self, i: usize, me: &ModuleExpr) {
        self.line(i, &format!("module_expr {}", fmt_location(&me.loc)));
        self.attributes(i, &me.attributes);
        let i = i + 1;
        match &me.desc {
            ModuleExprDesc::Ident(lid) => self.line(i, &format!("Pmod_ident {}", fmt_lid_loc(lid))),
            ModuleExprDesc::Structure(s) => {
                self.line(i, "Pmod_structure");
                self.list(i, s, Printer::structure_item);
            }
            ModuleExprDesc::Functor(FunctorParameter::Unit, body) => {
                self.line(i, "Pmod_functor ()");
                self.module_expr(i, body);
            }
            ModuleExprDesc::Functor(FunctorParameter::Named(name, mt), body) => {
                self.line(i, &format!("Pmod_functor {}", fmt_str_opt_loc(name)));
                self.module_type(i, mt);
                self.module_expr(i, body);
            }
            ModuleExprDesc::Apply(a, b) => {
                self.line(i, "Pmod_apply");
                self.module_expr(i, a);
                self.module_expr(i, b);
            }
            ModuleExprDesc::Constraint(me, mt) => {
                self.line(i, "Pmod_constraint");
                self.module_expr(i, me);
                self.module_type(i, mt);
            }
            ModuleExprDesc::Unpack(e) => {
                self.line(i, "Pmod_unpack");
                self.expression(i, e);
            }
            ModuleExprDesc::Extension((name, p)) => {
                self.line(i, &format!("Pmod_extension \"{}\"", name.txt));
                self.payload(i, p);
            }
        }
    }

    fn modtype_declaration(&mut self, i: usize, mt: &Option<ModuleType>) {
        match mt {
            None => self.line_no_nl(i, "#abstract"),
            Some(mt) => self.module_type(i + 1, mt),
        }
    }

    fn structure_item(&mut self, i: usize, item: &StructureItem) {
        self.line(i, &format!("structure_item {}", fmt_location(&item.loc)));
        let i = i + 1;
        use StructureItemDesc as S;
        match &item.desc {
            S::Eval(e, attrs) => {
                self.line(i, "Pstr_eval");
                self.attributes(i, attrs);
                self.expression(i, e);
            }
            S::Value(rf, vbs) => {
                self.line(i, &format!("Pstr_value {}", rec_flag(*rf)));
                self.list(i, vbs, Printer::value_binding);
            }
            S::Primitive(vd) => {
                self.line(i, "Pstr_primitive");
                self.value_description(i, vd);
            }
            S::Type(rf, tds) => {
                self.line(i, &format!("Pstr_type {}", rec_flag(*rf)));
                self.list(i, tds, Printer::type_declaration);
            }
            S::TypExt(te) => {
                self.line(i, "Pstr_typext");
                self.type_extension(i, te);
            }
            S::Exception(te) => {
                self.line(i, "Pstr_exception");
                self.type_exception(i, te);
            }
            S::Module(mb) => {
                self.line(i, "Pstr_module");
                self.module_binding(i, mb);
            }
            S::RecModule(mbs) => {
                self.line(i, "Pstr_recmodule");
                self.list(i, mbs, Printer::module_binding);
            }
            S::ModType(mtd) => {
                self.line(i, &format!("Pstr_modtype {}", fmt_str_loc(&mtd.name)));
                self.attributes(i, &mtd.attributes);
                self.modtype_declaration(i, &mtd.type_);
            }
            S::Open(od) => {
                self.line(i, &format!("Pstr_open {}", override_flag(od.override_)));
                self.module_expr(i, &od.expr);
                self.attributes(i, &od.attributes);
            }
            S::Class(l) => {
                self.line(i, "Pstr_class");
                self.list(i, l, Printer::class_declaration);
            }
            S::ClassType(l) => {
                self.line(i, "Pstr_class_type");
                self.list(i, l, Printer::class_type_declaration);
            }
            S::Include(inc) => {
                self.line_no_nl(i, "Pstr_include");
                self.attributes(i, &inc.attributes);
                self.module_expr(i, &inc.mod_);
            }
            S::Extension((name, p), attrs) => {
                self.line(i, &format!("Pstr_extension \"{}\"", name.txt));
                self.attributes(i, attrs);
                self.payload(i, p);
            }
            S::Attribute(a) => self.attribute(i, "Pstr_attribute", a),
        }
    }

    fn module_binding(&mut self, i: usize, mb: &ModuleBinding) {
        self.line(i, &fmt_str_opt_loc(&mb.name));
        self.attributes(i, &mb.attributes);
        self.module_expr(i + 1, &mb.expr);
    }

    fn module_declaration(&mut self, i: usize, md: &ModuleDeclaration) {
        self.line(i, &fmt_str_opt_loc(&md.name));
        self.attributes(i, &md.attributes);
        self.module_type(i + 1, &md.type_);
    }

    fn signature_item(&mut self, i: usize, item: &SignatureItem) {
        self.line(i, &format!("signature_item {}", fmt_location(&item.loc)));
        let i = i + 1;
        use SignatureItemDesc as S;
        match &item.desc {
            S::Value(vd) => {
                self.line(i, "Psig_value");
                self.value_description(i, vd);
            }
            S::Type(rf, tds) => {
                self.line(i, &format!("Psig_type {}", rec_flag(*rf)));
                self.list(i, tds, Printer::type_declaration);
            }
            S::TypeSubst(tds) => {
                self.line(i, "Psig_typesubst");
                self.list(i, tds, Printer::type_declaration);
            }
            S::TypExt(te) => {
                self.line(i, "Psig_typext");
                self.type_extension(i, te);
            }
            S::Exception(te) => {
                self.line(i, "Psig_exception");
                self.type_exception(i, te);
            }
            S::Module(md) => {
                self.line(i, &format!("Psig_module {}", fmt_str_opt_loc(&md.name)));
                self.attributes(i, &md.attributes);
                self.module_type(i, &md.type_);
            }
            S::ModSubst(ms) => {
                self.line(i, &format!("Psig_modsubst {} = {}", fmt_str_loc(&ms.name), fmt_lid_loc(&ms.manifest)));
                self.attributes(i, &ms.attributes);
            }
            S::RecModule(mds) => {
                self.line(i, "Psig_recmodule");
                self.list(i, mds, Printer::module_declaration);
            }
            S::ModType(mtd) => {
                self.line(i, &format!("Psig_modtype {}", fmt_str_loc(&mtd.name)));
                self.attributes(i, &mtd.attributes);
                self.modtype_declaration(i, &mtd.type_);
            }
            S::ModTypeSubst(mtd) => {
                self.line(i, &format!("Psig_modtypesubst {}", fmt_str_loc(&mtd.name)));
                self.attributes(i, &mtd.attributes);
                self.modtype_declaration(i, &mtd.type_);
            }
            S::Open(od) => {
                self.line(i, &format!("Psig_open {} {}", override_flag(od.override_), fmt_lid_loc(&od.expr)));
                self.attributes(i, &od.attributes);
            }
            S::Include(inc) => {
                self.line(i, "Psig_include");
                self.module_type(i, &inc.mod_);
                self.attributes(i, &inc.attributes);
            }
            S::Class(l) => {
                self.line(i, "Psig_class");
                self.list(i, l, Printer::class_description);
            }
            S::ClassType(l) => {
                self.line(i, "Psig_class_type");
                self.list(i, l, Printer::class_type_declaration);
            }
            S::Extension((name, p), attrs) => {
                self.line(i, &format!("Psig_extension \"{}\"", name.txt));
                self.attributes(i, attrs);
                self.payload(i, p);
            }
            S::Attribute(a) => self.attribute(i, "Psig_attribute", a),
        }
    }
}
