//! Reading runtime values back through their types, as the toplevel prints them.

use crate::outval::OutValue;
use compiler::typing::ctype;
use compiler::parsing::longident::Longident;
use compiler::typing::env::{Env, Kind};
use compiler::typing::printtyp;
use compiler::typing::ident::IdentKind;
use compiler::typing::path::Path;
use compiler::typing::types::{self, ConstructorArgs, RecordRepr, TypeDesc, TypeExpr, TypeKind};
use runtime::value::{Value, DOUBLE_ARRAY_TAG, FORWARD_TAG, LAZY_TAG, OBJECT_TAG};

pub struct Printer<'e> {
    pub env: &'e Env,
    /// `#print_depth`.
    pub max_depth: usize,
    /// `#print_length`: nodes printed before `...`, over the whole value.
    pub max_length: usize,
    /// Nodes still allowed (OCaml counts every node, containers included).
    steps: i64,
    /// Blocks being printed around the current one: meeting one again prints `<cycle>`.
    nested: Vec<u64>,
    /// Printers installed by `#install_printer`, tried first on every value.
    pub custom: Option<&'e dyn CustomPrinter>,
}

/// Prints values of some types with code of the user's (`#install_printer`).
pub trait CustomPrinter {
    fn custom_print(&self, v: Value, ty: TypeExpr) -> Option<OutValue>;
}

impl<'e> Printer<'e> {
    pub fn new(env: &'e Env, max_depth: usize, max_length: usize) -> Printer<'e> {
        Printer { env, max_depth, max_length, steps: 0, nested: Vec::new(), custom: None }
    }

    pub fn tree(&mut self, v: Value, ty: TypeExpr) -> OutValue {
        self.steps = self.max_length as i64;
        self.value(v, ty, 0)
    }

    fn predef_name(p: &Path) -> Option<&str> {
        match p {
            Path::Pident(id) if id.kind == IdentKind::Predef => Some(id.name()),
            _ => None,
        }
    }

    fn value(&mut self, v: Value, ty: TypeExpr, depth: usize) -> OutValue {
        self.steps -= 1;
        if depth > self.max_depth || self.steps < 0 {
            return OutValue::Ellipsis;
        }
        if let Some(printed) = self.custom.and_then(|c| c.custom_print(v, ty)) {
            return printed;
        }
        if !v.is_block() {
            return self.value_of_type(v, ty, depth);
        }
        if self.nested.contains(&v.0) {
            return OutValue::Stuff("<cycle>".into());
        }
        self.nested.push(v.0);
        let out = self.value_of_type(v, ty, depth);
        self.nested.pop();
        out
    }

    fn value_of_type(&mut self, v: Value, ty: TypeExpr, depth: usize) -> OutValue {
        let ty = self.expand_to_definition(ty);
        // SAFETY: `v` has type `ty`, so each access below matches its representation.
        unsafe {
            match types::desc(ty) {
                TypeDesc::Var(_) | TypeDesc::Univar(_) => OutValue::Stuff("<poly>".into()),
                TypeDesc::Arrow(..) => OutValue::Stuff("<fun>".into()),
                TypeDesc::Package(..) => OutValue::Stuff("<module>".into()),
                TypeDesc::Object(_) => OutValue::Stuff("<obj>".into()),
                TypeDesc::Poly(t, _) => self.value_of_type(v, t, depth),
                TypeDesc::Tuple(ts) => {
                    let mut items = Vec::new();
                    for (i, &t) in ts.iter().enumerate() {
                        let item = self.value(v.field(i), t, depth + 1);
                        let cut = matches!(item, OutValue::Ellipsis);
                        items.push(item);
                        if cut {
                            break;
                        }
                    }
                    OutValue::Tuple(items)
                }
                TypeDesc::Constr(p, args) => self.constr(v, &p, &args, depth),
                TypeDesc::Variant(row) => self.poly_variant(v, &row, depth),
                _ => OutValue::Stuff("<abstr>".into()),
            }
        }
    }

    /// Abbreviations expanded until a type with a definition of its own: a re-export
    /// `type u = M.N.u = U of int` stops at `u`, whose path then qualifies constructors and
    /// fields (`L.U 0`), as in OCaml.
    fn expand_to_definition(&self, ty: TypeExpr) -> TypeExpr {
        let mut ty = types::repr(ty);
        for _ in 0..100 {
            if let TypeDesc::Constr(p, _) = types::desc(ty) {
                if self.env.find_type(&p).is_some_and(|d| !matches!(d.kind, TypeKind::Abstract)) {
                    break;
                }
            }
            match ctype::try_expand_once(self.env, ty) {
                Some(t) => ty = types::repr(t),
                None => break,
            }
        }
        ty
    }

    /// `` `A `` is the tag's hash; `` `A x `` a block [hash; x]. The row gives the names.
    unsafe fn poly_variant(&mut self, v: Value, row: &types::Row, depth: usize) -> OutValue {
        let hash = if v.is_block() { v.field(0).int() } else { v.int() };
        let Some((tag, field)) = row.fields.iter().find(|(l, _)| types::hash_variant(l) == hash) else {
            return OutValue::Stuff("<variant>".into());
        };
        if !v.is_block() {
            return OutValue::Variant(tag.to_string(), None);
        }
        let arg_ty = match field {
            types::RowField::Present(Some(t)) => Some(*t),
            types::RowField::Either(_, ts, _) => ts.first().copied(),
            types::RowField::Present(None) => None,
        };
        let arg = match arg_ty {
            Some(t) => self.value(v.field(1), t, depth + 1),
            None => OutValue::Stuff("<poly>".into()),
        };
        OutValue::Variant(tag.to_string(), Some(Box::new(arg)))
    }

    unsafe fn constr(&mut self, v: Value, p: &Path, args: &[TypeExpr], depth: usize) -> OutValue {
        if let Some(name) = Self::predef_name(p) {
            match name {
                "int" => return OutValue::Int(v.int()),
                "char" => return OutValue::Char(v.int() as u8),
                // Like OCaml, a string longer than the steps left is cut there.
                "string" => return OutValue::String(v.bytes().to_vec(), self.steps.max(0) as usize),
                // OCaml shows bytes as the expression that makes them.
                "bytes" => return OutValue::Bytes(v.bytes().to_vec(), self.steps.max(0) as usize),
                "float" => return OutValue::Float(v.double()),
                "bool" => return OutValue::Constr(if v.bool() { "true" } else { "false" }.into(), vec![]),
                "unit" => return OutValue::Constr("()".into(), vec![]),
                "int32" => return OutValue::Literal(format!("{}l", *(v.ptr().add(1) as *const i32))),
                "int64" => return OutValue::Literal(format!("{}L", *(v.ptr().add(1) as *const i64))),
                "nativeint" => return OutValue::Literal(format!("{}n", *(v.ptr().add(1) as *const i64))),
                "lazy_t" => {
                    // A computed lazy value is the value itself, or a Forward block holding it.
                    let computed = if v.is_block() && v.tag() == LAZY_TAG {
                        return OutValue::Stuff("<lazy>".into());
                    } else if v.is_block() && v.tag() == FORWARD_TAG {
                        v.field(0)
                    } else {
                        v
                    };
                    return match args.first() {
                        // A shortcut lazy value is the value itself, already marked as nested.
                        Some(&t) if computed.0 == v.0 => OutValue::Constr("lazy".into(), vec![self.value_of_type(computed, t, depth + 1)]),
                        Some(&t) => OutValue::Constr("lazy".into(), vec![self.value(computed, t, depth + 1)]),
                        None => OutValue::Stuff("<lazy>".into()),
                    };
                }
                "exn" => return self.exception(v, depth),
                "list" => {
                    let elt = args.first().copied();
                    let mut items = Vec::new();
                    let mut cur = v;
                    let outer = self.nested.len();
                    while cur.is_block() {
                        if self.steps < 0 {
                            items.push(OutValue::Ellipsis);
                            break;
                        }
                        // The first cell is `v`, already marked by `value`.
                        if !items.is_empty() {
                            if self.nested.contains(&cur.0) {
                                items.push(OutValue::Stuff("<cycle>".into()));
                                break;
                            }
                            self.nested.push(cur.0);
                        }
                        let item = match elt {
                            Some(t) => self.value(cur.field(0), t, depth + 1),
                            None => OutValue::Stuff("<poly>".into()),
                        };
                        let cut = matches!(item, OutValue::Ellipsis);
                        items.push(item);
                        if cut {
                            break;
                        }
                        cur = cur.field(1);
                    }
                    self.nested.truncate(outer);
                    return OutValue::List(items);
                }
                "array" => {
                    let mut items = Vec::new();
                    let n = if v.is_block() { v.wosize() } else { 0 };
                    let is_float = n > 0 && v.tag() == DOUBLE_ARRAY_TAG;
                    for i in 0..n {
                        let item = if is_float {
                            self.steps -= 1;
                            if self.steps < 0 {
                                OutValue::Ellipsis
                            } else {
                                OutValue::Float(v.double_field(i))
                            }
                        } else {
                            match args.first() {
                                Some(&t) => self.value(v.field(i), t, depth + 1),
                                None => OutValue::Stuff("<poly>".into()),
                            }
                        };
                        let cut = matches!(item, OutValue::Ellipsis);
                        items.push(item);
                        if cut {
                            break;
                        }
                    }
                    return OutValue::Array(items);
                }
                _ => {}
            }
        }
        let Some(decl) = self.env.find_type(p) else { return OutValue::Stuff("<abstr>".into()) };
        let inst = |me: &Self, t: TypeExpr| -> TypeExpr {
            let _ = me;
            if decl.params.len() == args.len() {
                ctype::apply(&decl.params, t, args)
            } else {
                t
            }
        };
        match &decl.kind {
            TypeKind::Variant(cstrs) => {
                let (consts, nonconsts): (Vec<_>, Vec<_>) = cstrs.iter().partition(|c| c.args.is_empty());
                if decl.unboxed {
                    if let Some(c) = cstrs.first() {
                        if let ConstructorArgs::Tuple(ts) = &c.args {
                            if let Some(&t) = ts.first() {
                                let arg = self.value(v, inst(self, t), depth + 1);
                                return OutValue::Constr(self.qualified(p, c.id.name(), Kind::Constructor), vec![arg]);
                            }
                        }
                    }
                }
                if v.is_int() {
                    return match consts.get(v.int() as usize) {
                        Some(c) => OutValue::Constr(self.qualified(p, c.id.name(), Kind::Constructor), vec![]),
                        None => OutValue::Stuff("<unknown constructor>".into()),
                    };
                }
                let Some(c) = nonconsts.get(v.tag() as usize) else {
                    return OutValue::Stuff("<unknown constructor>".into());
                };
                let name = self.qualified(p, c.id.name(), Kind::Constructor);
                match &c.args {
                    ConstructorArgs::Tuple(ts) => {
                        // As OCaml's toplevel: every argument is read (and counted), then
                        // the list shown stops at the first one cut (`N (...)`).
                        let mut vals: Vec<OutValue> =
                            ts.iter().enumerate().map(|(i, &t)| self.value(v.field(i), inst(self, t), depth + 1)).collect();
                        if let Some(cut) = vals.iter().position(|a| matches!(a, OutValue::Ellipsis)) {
                            vals.truncate(cut + 1);
                        }
                        if ts.len() > 1 && vals.len() == 1 {
                            // Still printed in parentheses: `N (...)`, not `N ...`.
                            vals = vec![OutValue::Tuple(vals)];
                        }
                        OutValue::Constr(name, vals)
                    }
                    ConstructorArgs::Record(labels) => {
                        let fields = labels
                            .iter()
                            .enumerate()
                            .map(|(i, l)| {
                                // An inline record's fields are never in scope: the first is
                                // qualified whenever the type is in a module.
                                let field = if i == 0 { self.qualified(p, l.id.name(), Kind::Label) } else { l.id.name().to_string() };
                                (field, self.value(v.field(i), inst(self, l.ty), depth + 1))
                            })
                            .collect();
                        OutValue::Constr(name, vec![OutValue::Record(fields)])
                    }
                }
            }
            TypeKind::Record(labels, repr) => {
                let fields = labels
                    .iter()
                    .enumerate()
                    .map(|(i, l)| {
                        let val = match repr {
                            RecordRepr::Float => OutValue::Float(v.double_field(i)),
                            RecordRepr::Unboxed => self.value(v, inst(self, l.ty), depth + 1),
                            _ => self.value(v.field(i), inst(self, l.ty), depth + 1),
                        };
                        (l.id.name().to_string(), val)
                    })
                    .collect::<Vec<_>>();
                // Like OCaml, only the first field is qualified (`{M.f = 1; g = 2}`).
                let fields = fields
                    .into_iter()
                    .enumerate()
                    .map(|(i, (name, val))| (if i == 0 { self.qualified(p, &name, Kind::Label) } else { name }, val))
                    .collect();
                OutValue::Record(fields)
            }
            TypeKind::Open => self.exception(v, depth),
            TypeKind::Abstract => OutValue::Stuff("<abstr>".into()),
        }
    }

    /// A constructor or field name of the type `type_path`, qualified as OCaml's toplevel does:
    /// bare when the name in scope is that type's, else prefixed by the type's module path
    /// (`M.A`, `{M.f = 1}`).
    fn qualified(&self, type_path: &Path, name: &str, kind: Kind) -> String {
        let Path::Pdot(module, _) = type_path else { return name.to_string() };
        let lid = Longident::Lident(name.to_string());
        let res = match kind {
            Kind::Label => self.env.lookup_all_labels(&lid).ok().and_then(|ls| ls.first().map(|l| l.res)),
            _ => self.env.lookup_all_constructors(&lid).ok().and_then(|cs| cs.first().map(|c| c.res)),
        };
        let in_scope = res.is_some_and(|t| matches!(types::desc(t), TypeDesc::Constr(q, _) if &q == type_path));
        if in_scope {
            name.to_string()
        } else {
            format!("{}.{}", printtyp::path_name(module), name)
        }
    }

    /// An exception or other extensible-variant value: its constructor is found by name.
    unsafe fn exception(&mut self, v: Value, depth: usize) -> OutValue {
        let slot = if v.tag() == OBJECT_TAG { v } else { v.field(0) };
        let name = slot.field(0).to_rust_string();
        if v.tag() == OBJECT_TAG {
            return OutValue::Constr(name, vec![]);
        }
        let cd = self.extension_constructor(&name);
        if let Some(labels) = cd.as_ref().and_then(|cd| cd.inline_record.clone()) {
            // `E {code = 1; s = "z"}`: the fields follow the constructor in the block.
            let fields = labels
                .iter()
                .enumerate()
                .map(|(i, l)| (l.name.to_string(), self.value(v.field(i + 1), l.arg, depth + 1)))
                .collect();
            return OutValue::Constr(name, vec![OutValue::Record(fields)]);
        }
        let arg_types = cd.map(|cd| cd.args.clone());
        let n = v.wosize() - 1;
        let args = (0..n)
            .map(|i| match arg_types.as_ref().and_then(|ts| ts.get(i)) {
                Some(&t) => self.value(v.field(i + 1), t, depth + 1),
                None => generic(v.field(i + 1)),
            })
            .collect();
        OutValue::Constr(name, args)
    }
}

impl<'e> Printer<'e> {
    /// The extension constructor (exception) named `name` (`E`, `M.E`).
    fn extension_constructor(&self, name: &str) -> Option<std::rc::Rc<types::ConstructorDescription>> {
        use compiler::parsing::longident::Longident;
        let mut parts = name.split('.');
        let mut lid = Longident::Lident(parts.next()?.to_string());
        for p in parts {
            lid = Longident::Ldot(Box::new(lid), p.to_string());
        }
        let cds = self.env.lookup_all_constructors(&lid).ok()?;
        cds.into_iter().find(|cd| matches!(cd.tag, types::ConstructorTag::Extension(_)))
    }
}

/// A value of unknown type: what `Printexc` would show.
unsafe fn generic(v: Value) -> OutValue {
    if v.is_int() {
        OutValue::Int(v.int())
    } else if v.tag() == runtime::value::STRING_TAG {
        OutValue::String(v.bytes().to_vec(), usize::MAX)
    } else {
        OutValue::Stuff("_".into())
    }
}
