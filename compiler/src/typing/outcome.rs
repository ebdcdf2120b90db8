//! The "outcome tree": what the typer prints (types, signature items), independent of the
//! typer's internal representation, and its layout with OCaml's boxes and break hints.

use super::format::Formatter;

#[derive(Clone, Debug)]
pub enum OutType {
    /// A type variable; `true` for a weak (non-generalized) one, printed `'_weak1`.
    Var(bool, String),
    /// `label` is "" for none, "x" or "?x" otherwise.
    Arrow(String, Box<OutType>, Box<OutType>),
    Tuple(Vec<OutType>),
    Constr(String, Vec<OutType>),
    Poly(Vec<String>, Box<OutType>),
    Alias(Box<OutType>, String),
    /// Printed as is (e.g. `_` or `<hidden>`).
    Stuff(String),
    /// An inline record argument of a constructor.
    Record(Vec<OutLabel>),
    /// A polymorphic variant type: weak (`_[> ..]`), its fields, closed, and the tags
    /// certainly present when not all of them are (`[< .. > `A ]`, `[? ..]`).
    Variant { weak: bool, fields: OutRowFields, closed: bool, present: Option<Vec<String>> },
    /// An object type: its methods, and for an open one whether its row is weak (`_..`).
    Object { fields: Vec<(String, OutType)>, rest: Option<bool> },
}

#[derive(Clone, Debug)]
pub enum OutRowFields {
    /// Each tag: name, `&` (may also be constant), argument types.
    Fields(Vec<(String, bool, Vec<OutType>)>),
    /// A row named by an abbreviation: `[< t ]`.
    Named(Box<OutType>),
}

#[derive(Clone, Debug)]
pub struct OutLabel {
    pub name: String,
    pub mutable: bool,
    pub ty: OutType,
}

#[derive(Clone, Debug)]
pub struct OutConstructor {
    pub name: String,
    pub args: Vec<OutType>,
    pub ret: Option<OutType>,
}

#[derive(Clone, Debug)]
pub enum OutTypeKind {
    Abstract,
    /// An abbreviation `= ty` (printed after `private` if private).
    Alias(OutType),
    Record(Vec<OutLabel>),
    Variant(Vec<OutConstructor>),
    Open,
}

#[derive(Clone, Debug)]
pub struct OutTypeDecl {
    pub name: String,
    /// Parameter names (`'a`, `_`) with their variance marks (`+`, `-` or "").
    pub params: Vec<(String, String)>,
    /// The re-exported type of a variant/record (`type t = M.t = A | B`).
    pub manifest: Option<OutType>,
    pub kind: OutTypeKind,
    pub private: bool,
    pub constraints: Vec<(OutType, OutType)>,
    pub unboxed: bool,
    pub immediate: bool,
}

#[derive(Clone, Debug)]
pub enum OutModuleType {
    Ident(String),
    Signature(Vec<OutSigItem>),
    Functor(Option<(String, Box<OutModuleType>)>, Box<OutModuleType>),
    Alias(String),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutRec {
    NotRec,
    First,
    Next,
}

#[derive(Clone, Debug)]
pub enum OutSigItem {
    Value { name: String, ty: OutType, prims: Vec<String> },
    Type(OutTypeDecl, OutRec),
    /// `exception E of ...` or an extension constructor.
    Exception(OutConstructor),
    TypeExt { type_name: String, type_params: Vec<String>, constructor: OutConstructor, private: bool },
    Module(String, OutModuleType, OutRec),
    ModType(String, Option<OutModuleType>),
    /// `class c : ...` or `class type c = ...`.
    Class(OutClass),
}

#[derive(Clone, Debug)]
pub struct OutClass {
    pub is_type: bool,
    pub virt: bool,
    pub params: Vec<String>,
    pub name: String,
    /// The parameters: label as printed (`l`, `?l`, or empty) and type.
    pub args: Vec<(String, OutType)>,
    pub body: OutClassBody,
}

#[derive(Clone, Debug)]
pub enum OutClassBody {
    /// A class type's name.
    Name(String),
    /// `object val .. method .. end`: name, mutable/private, virtual, type.
    Sig { self_ty: Option<OutType>, constraints: Vec<(OutType, OutType)>, vars: Vec<(String, bool, bool, OutType)>, methods: Vec<(String, bool, bool, OutType)> },
}

fn print_class(f: &mut Formatter, c: &OutClass) {
    f.p("@[<2>");
    f.string(if c.is_type { "class type" } else { "class" });
    if c.virt {
        f.string(" virtual");
    }
    f.space();
    if !c.params.is_empty() {
        f.p("@[<1>[");
        for (i, p) in c.params.iter().enumerate() {
            if i > 0 {
                f.string(", ");
            }
            f.string(p);
        }
        f.p("]@]");
        f.space();
    }
    f.string(&c.name);
    f.space();
    f.string(if c.is_type { "=" } else { ":" });
    f.space();
    print_class_type(f, &c.args, &c.body);
    f.p("@]");
}

fn print_class_type(f: &mut Formatter, args: &[(String, OutType)], body: &OutClassBody) {
    if let Some(((lab, ty), rest)) = args.split_first() {
        f.p("@[");
        if !lab.is_empty() {
            f.string(lab);
            f.string(":");
        }
        print_type_2(f, ty);
        f.string(" ->");
        f.space();
        print_class_type(f, rest, body);
        f.p("@]");
        return;
    }
    match body {
        OutClassBody::Name(n) => {
            f.p("@[");
            f.string(n);
            f.p("@]");
        }
        OutClassBody::Sig { self_ty, constraints, vars, methods } => {
            f.p("@[<hv 2>@[<2>object");
            if let Some(t) = self_ty {
                f.space();
                f.p("@[(");
                print_type(f, t);
                f.p(")@]");
            }
            f.p("@]");
            f.space();
            let mut first = true;
            let mut sep = |f: &mut Formatter| {
                if !first {
                    f.space();
                }
                first = false;
            };
            for (a, b) in constraints {
                sep(f);
                f.p("@[<2>constraint ");
                print_type(f, a);
                f.string(" =");
                f.space();
                print_type(f, b);
                f.p("@]");
            }
            for (name, m, v, ty) in vars {
                sep(f);
                f.p("@[<2>");
                f.string(&format!("val {}{}{} :", if *m { "mutable " } else { "" }, if *v { "virtual " } else { "" }, name));
                f.space();
                print_type(f, ty);
                f.p("@]");
            }
            for (name, p, v, ty) in methods {
                sep(f);
                f.p("@[<2>");
                f.string(&format!("method {}{}{} :", if *p { "private " } else { "" }, if *v { "virtual " } else { "" }, name));
                f.space();
                print_type(f, ty);
                f.p("@]");
            }
            f.brk(1, -2);
            f.string("end");
            f.p("@]");
        }
    }
}

/// `x` or `( + )`, as OCaml prints value names.
pub fn value_ident(name: &str) -> String {
    // A qualified name (`List.map`, `M.+`): only the last component may be an operator.
    if name.starts_with(|c: char| c.is_ascii_uppercase()) {
        if let Some(dot) = name.find('.') {
            return format!("{}.{}", &name[..dot], value_ident(&name[dot + 1..]));
        }
    }
    // Anything that is not an identifier is an operator: `( + )`, `( let* )`, `( .%{} )`.
    let first = name.chars().next().unwrap_or('a');
    let is_op = first.is_ascii_digit() || !name.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '\'');
    let is_kw_op = matches!(name, "mod" | "land" | "lor" | "lxor" | "lsl" | "lsr" | "asr" | "or");
    if is_op || is_kw_op {
        format!("( {} )", name)
    } else {
        name.to_string()
    }
}

fn var_name(weak: bool, s: &str) -> String {
    if weak {
        format!("'_{}", s)
    } else {
        format!("'{}", s)
    }
}

pub fn print_type(f: &mut Formatter, t: &OutType) {
    match t {
        OutType::Alias(ty, s) => {
            f.p("@[");
            print_type(f, ty);
            f.p("@ as ");
            f.string(&format!("'{}", s));
            f.p("@]");
        }
        OutType::Poly(vars, ty) => {
            f.p("@[<hov 2>");
            let names: Vec<String> = vars.iter().map(|v| format!("'{}", v)).collect();
            for (i, n) in names.iter().enumerate() {
                if i > 0 {
                    f.space();
                }
                f.string(n);
            }
            f.string(".");
            f.space();
            print_type(f, ty);
            f.p("@]");
        }
        t => print_type_1(f, t),
    }
}

fn print_type_1(f: &mut Formatter, t: &OutType) {
    match t {
        OutType::Arrow(lab, a, b) => {
            f.p("@[<0>");
            if !lab.is_empty() {
                f.string(lab);
                f.string(":");
            }
            print_type_2(f, a);
            f.string(" ->");
            f.space();
            print_type_1(f, b);
            f.p("@]");
        }
        t => print_type_2(f, t),
    }
}

fn print_type_2(f: &mut Formatter, t: &OutType) {
    match t {
        OutType::Tuple(ts) => {
            f.p("@[<0>");
            print_typlist(f, ts, " *", print_simple_type);
            f.p("@]");
        }
        t => print_simple_type(f, t),
    }
}

pub fn print_simple_type(f: &mut Formatter, t: &OutType) {
    match t {
        OutType::Constr(name, args) => {
            f.p("@[<0>");
            print_typargs(f, args);
            f.string(name);
            f.p("@]");
        }
        OutType::Var(weak, s) => f.string(&var_name(*weak, s)),
        OutType::Stuff(s) => f.string(s),
        OutType::Record(lbls) => print_record_decl(f, lbls),
        OutType::Variant { weak, fields, closed, present } => print_variant(f, *weak, fields, *closed, present.as_deref()),
        OutType::Object { fields, rest } => print_object(f, fields, *rest),
        OutType::Alias(..) | OutType::Poly(..) | OutType::Arrow(..) | OutType::Tuple(..) => {
            f.p("@[<1>(");
            print_type(f, t);
            f.p(")@]");
        }
    }
}

/// `< m : int; n : 'a. 'a -> 'a; .. >` (`<  >` when closed and empty).
fn print_object(f: &mut Formatter, fields: &[(String, OutType)], rest: Option<bool>) {
    f.p("@[<2>< ");
    for (i, (name, t)) in fields.iter().enumerate() {
        f.string(name);
        f.string(" : ");
        print_type(f, t);
        if i + 1 < fields.len() || rest.is_some() {
            f.string(";");
            f.space();
        }
    }
    if let Some(weak) = rest {
        f.string(if weak { "_.." } else { ".." });
    }
    f.p(" >@]");
}

fn print_variant(f: &mut Formatter, weak: bool, fields: &OutRowFields, closed: bool, present: Option<&[String]>) {
    if weak {
        f.string("_");
    }
    f.p("@[<hov>[");
    f.string(match (closed, present.is_some()) {
        (true, false) => " ",
        (true, true) => "< ",
        (false, false) => "> ",
        (false, true) => "? ",
    });
    f.p("@[<hv>@[<hv>");
    match fields {
        OutRowFields::Fields(fs) => {
            for (i, (tag, amp, args)) in fs.iter().enumerate() {
                if i > 0 {
                    f.brk(1, -2);
                    f.string("| ");
                }
                f.p("@[<hv 2>");
                f.string(&format!("`{}", tag));
                if *amp {
                    f.p(" of@ &@ ");
                } else if !args.is_empty() {
                    f.p(" of@ ");
                }
                print_typlist(f, args, " &", print_type);
                f.p("@]");
            }
        }
        OutRowFields::Named(t) => print_simple_type(f, t),
    }
    f.p("@]");
    if let Some(tags) = present {
        if !tags.is_empty() {
            f.brk(1, -2);
            f.string("> ");
            f.p("@[<hov>");
            for (i, t) in tags.iter().enumerate() {
                if i > 0 {
                    f.space();
                }
                f.string(&format!("`{}", t));
            }
            f.p("@]");
        }
    }
    f.p("@]@ ]@]");
}

fn print_typlist(f: &mut Formatter, ts: &[OutType], sep: &str, elem: fn(&mut Formatter, &OutType)) {
    for (i, t) in ts.iter().enumerate() {
        if i > 0 {
            f.string(sep);
            f.space();
        }
        elem(f, t);
    }
}

fn print_typargs(f: &mut Formatter, args: &[OutType]) {
    match args {
        [] => {}
        [t] => {
            print_simple_type(f, t);
            f.space();
        }
        ts => {
            f.p("@[<1>(");
            print_typlist(f, ts, ",", print_type);
            f.p(")@]");
            f.space();
        }
    }
}

fn print_record_decl(f: &mut Formatter, lbls: &[OutLabel]) {
    f.string("{");
    for l in lbls {
        f.space();
        f.p("@[<2>");
        if l.mutable {
            f.string("mutable ");
        }
        f.string(&l.name);
        f.p(" :@ ");
        print_type(f, &l.ty);
        f.p("@];");
    }
    f.p("@;<1 -2>}");
}

pub fn print_constructor(f: &mut Formatter, c: &OutConstructor) {
    let name = if c.name == "::" { "(::)".to_string() } else { c.name.clone() };
    match &c.ret {
        None => {
            if c.args.is_empty() {
                f.string(&name);
            } else {
                f.p("@[<2>");
                f.string(&name);
                f.p(" of@ ");
                print_typlist(f, &c.args, " *", print_simple_type);
                f.p("@]");
            }
        }
        Some(r) => {
            f.p("@[<2>");
            f.string(&name);
            f.p(" :@ ");
            if !c.args.is_empty() {
                print_typlist(f, &c.args, " *", print_simple_type);
                f.string(" -> ");
            }
            print_simple_type(f, r);
            f.p("@]");
        }
    }
}

fn print_type_decl(f: &mut Formatter, kwd: &str, td: &OutTypeDecl) {
    f.p("@[<2>@[<hv 2>");
    // name and parameters
    f.string(kwd);
    f.string(" ");
    match td.params.len() {
        0 => f.string(&td.name),
        1 => {
            f.p("@[");
            f.string(&format!("{}{}", td.params[0].1, td.params[0].0));
            f.space();
            f.string(&td.name);
            f.p("@]");
        }
        _ => {
            f.p("@[(@[");
            for (i, (n, v)) in td.params.iter().enumerate() {
                if i > 0 {
                    f.p(",@ ");
                }
                f.string(&format!("{}{}", v, n));
            }
            f.p(")@]@ ");
            f.string(&td.name);
            f.p("@]");
        }
    }
    if let Some(m) = &td.manifest {
        f.p(" =@ ");
        print_type(f, m);
    }
    let private = if td.private { " private" } else { "" };
    match &td.kind {
        OutTypeKind::Abstract => {}
        OutTypeKind::Alias(ty) => {
            f.string(&format!(" ={}", private));
            f.brk(1, 2);
            print_type(f, ty);
        }
        OutTypeKind::Record(lbls) => {
            f.string(&format!(" ={} ", private));
            print_record_decl(f, lbls);
        }
        OutTypeKind::Variant(cs) => {
            f.string(&format!(" ={}", private));
            f.brk(1, 2);
            if cs.is_empty() {
                f.string("|");
            }
            for (i, c) in cs.iter().enumerate() {
                if i > 0 {
                    f.p("@ | ");
                }
                print_constructor(f, c);
            }
        }
        OutTypeKind::Open => f.string(&format!(" ={} ..", private)),
    }
    f.p("@]");
    for (a, b) in &td.constraints {
        f.p("@ @[<2>constraint ");
        print_type(f, a);
        f.p(" =@ ");
        print_type(f, b);
        f.p("@]");
    }
    if td.immediate {
        f.string(" [@@immediate]");
    }
    if td.unboxed {
        f.string(" [@@unboxed]");
    }
    f.p("@]");
}

pub fn print_module_type(f: &mut Formatter, m: &OutModuleType) {
    match m {
        OutModuleType::Ident(s) => f.string(s),
        OutModuleType::Alias(s) => f.string(&format!("(module {})", s)),
        OutModuleType::Signature(items) => {
            if items.is_empty() {
                f.string("sig end");
            } else {
                f.p("@[<hv 2>sig@ ");
                print_signature(f, items);
                f.p("@;<1 -2>end@]");
            }
        }
        OutModuleType::Functor(..) => {
            // Consecutive parameters are printed together: `functor (X : S) (Y : T) -> ...`.
            f.p("@[<2>functor");
            let mut m = m;
            while let OutModuleType::Functor(param, res) = m {
                f.string(" ");
                match param {
                    None => f.string("()"),
                    Some((name, mt)) => {
                        f.string(&format!("({} : ", name));
                        print_module_type(f, mt);
                        f.string(")");
                    }
                }
                m = res;
            }
            f.p(" ->@ ");
            print_module_type(f, m);
            f.p("@]");
        }
    }
}

pub fn print_sig_item(f: &mut Formatter, item: &OutSigItem) {
    match item {
        OutSigItem::Class(c) => print_class(f, c),
        OutSigItem::Value { name, ty, prims } => {
            let kwd = if prims.is_empty() { "val" } else { "external" };
            f.p("@[<2>");
            f.string(&format!("{} {} :", kwd, value_ident(name)));
            f.space();
            print_type(f, ty);
            for (i, p) in prims.iter().enumerate() {
                if i == 0 {
                    f.p("@ = ");
                } else {
                    f.space();
                }
                f.string(&format!("\"{}\"", p));
            }
            f.p("@]");
        }
        OutSigItem::Type(td, rs) => {
            let kwd = match rs {
                OutRec::NotRec => "type nonrec",
                OutRec::First => "type",
                OutRec::Next => "and",
            };
            print_type_decl(f, kwd, td);
        }
        OutSigItem::Exception(c) => {
            f.p("@[<2>exception ");
            print_constructor(f, c);
            f.p("@]");
        }
        OutSigItem::TypeExt { type_name, type_params, constructor, private } => {
            f.p("@[<hv 2>type ");
            match type_params.len() {
                0 => {}
                1 => {
                    f.string(&type_params[0]);
                    f.string(" ");
                }
                _ => {
                    f.string(&format!("({}) ", type_params.join(", ")));
                }
            }
            f.string(type_name);
            f.string(" +=");
            if *private {
                f.string(" private");
            }
            f.brk(1, 2);
            print_constructor(f, constructor);
            f.p("@]");
        }
        OutSigItem::Module(name, mt, rs) => {
            let kwd = match rs {
                OutRec::NotRec => "module",
                OutRec::First => "module rec",
                OutRec::Next => "and",
            };
            match mt {
                OutModuleType::Alias(p) => {
                    f.p("@[<2>");
                    f.string(&format!("{} {} =", kwd, name));
                    f.space();
                    f.string(p);
                    f.p("@]");
                }
                _ => {
                    f.p("@[<2>");
                    f.string(&format!("{} {} :", kwd, name));
                    f.space();
                    print_module_type(f, mt);
                    f.p("@]");
                }
            }
        }
        OutSigItem::ModType(name, mt) => match mt {
            None => f.string(&format!("module type {}", name)),
            Some(mt) => {
                f.p("@[<2>");
                f.string(&format!("module type {} =", name));
                f.space();
                print_module_type(f, mt);
                f.p("@]");
            }
        },
    }
}

pub fn print_signature(f: &mut Formatter, items: &[OutSigItem]) {
    for (i, it) in items.iter().enumerate() {
        if i > 0 {
            f.space();
        }
        print_sig_item(f, it);
    }
}

/// A whole signature as `ocamlc -i` prints it: one item per line.
pub fn signature_to_string(items: &[OutSigItem]) -> String {
    let mut f = Formatter::new(78);
    f.p("@[<v>");
    print_signature(&mut f, items);
    f.p("@]");
    f.newline();
    f.take()
}

pub fn type_to_string(t: &OutType) -> String {
    let mut f = Formatter::new(78);
    print_type(&mut f, t);
    f.flush();
    f.take()
}
