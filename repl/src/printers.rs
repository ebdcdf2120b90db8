//! `#install_printer` / `#remove_printer`: user printers for the values the toplevel shows.
//!
//! A printer `pp : Format.formatter -> t -> unit` runs on `Format.std_formatter` while that
//! formatter records its tokens instead of laying them out (`Format.record_printing`, a named
//! value of our Stdlib): the toplevel then lays them out inside the boxes of the value around
//! it, so the printer's breaks and the toplevel's share one layout, as in OCaml.
//! A generic printer takes printers for the type's parameters first
//! (`pp : (formatter -> 'a -> unit) -> formatter -> 'a t -> unit`); the toplevel passes printers
//! that call back into the value printer (the primitive `ocamljit_toplevel_print`) with the
//! parameter's type at that value; the value comes back as a placeholder text, replaced by its
//! tree when the tokens are read.

use crate::outval::{self, OutValue, PrintedToken};
use crate::phrase_result::PhraseResult;
use crate::toplevel::Toplevel;
use compiler::parsing::longident::Longident;
use compiler::typing::ctype;
use compiler::typing::format::{BoxKind, Formatter};
use compiler::typing::path::Path;
use compiler::typing::types::{self, TypeDesc, TypeExpr};
use runtime::value::Value;
use std::cell::{Cell, RefCell};

/// Printers with more parameter printers than this are not looked for.
const MAX_PARAMS: usize = 3;
const PRINT_PRIMITIVE: &str = "ocamljit_toplevel_print";
const PRINT_EXTERNAL: &str = "__ocamljit_print_value";
/// Stands for the value number N printed by a parameter printer: `\0ocamljit-value:N\0`.
const PLACEHOLDER: &str = "\0ocamljit-value:";

pub(crate) struct InstalledPrinter {
    pub name: String,
    pub path: Path,
    /// The printer's type scheme, how many parameter printers it takes first, and the type
    /// it prints (a part of the scheme).
    pub scheme: TypeExpr,
    pub params: usize,
    pub printed: TypeExpr,
    /// Where the compiled wrapper (`fun base v formatter -> unit`) is stored.
    pub block: cranelift_module::DataId,
    pub field: usize,
}

thread_local! {
    /// The session printing right now, for `ocamljit_toplevel_print`.
    static CURRENT: Cell<*const Toplevel> = const { Cell::new(std::ptr::null()) };
    /// Parameter types of the values being printed; the wrapper refers to them by index.
    static PARAM_TYPES: RefCell<Vec<TypeExpr>> = const { RefCell::new(Vec::new()) };
    /// Values printed by parameter printers, each standing behind a placeholder text.
    static NESTED: RefCell<Vec<Option<OutValue>>> = const { RefCell::new(Vec::new()) };
}

/// `ocamljit_toplevel_print id placeholder v`: `v` as the toplevel prints values of type number
/// `id` (a parameter type of a value a generic printer is printing). With `placeholder`, the
/// printer is printing on the recording formatter: the value's tree is kept and a placeholder
/// returned; otherwise its text, on one line.
extern "C" fn ocamljit_toplevel_print(id: Value, placeholder: Value, v: Value) -> Value {
    let top = CURRENT.with(|c| c.get());
    let ty = PARAM_TYPES.with(|t| t.borrow().get(id.int() as usize).copied());
    let tree = match (unsafe { top.as_ref() }, ty) {
        (Some(top), Some(ty)) => top.printer().tree(v, ty),
        _ => OutValue::Stuff("<poly>".to_string()),
    };
    let text = if placeholder.int() != 0 {
        let n = NESTED.with(|n| {
            let mut n = n.borrow_mut();
            n.push(Some(tree));
            n.len() - 1
        });
        format!("{PLACEHOLDER}{n}\0")
    } else {
        let mut f = Formatter::new(1_000_000);
        outval::print(&mut f, &tree);
        f.flush();
        f.take()
    };
    runtime::alloc::copy_string(&text)
}

/// The printer's value path, or OCaml's answer when it is unbound.
fn printer_path(top: &Toplevel, lid: &Longident) -> Result<(Path, TypeExpr), PhraseResult> {
    top.env.lookup_value(lid).map(|v| (v.path, v.desc.ty)).map_err(|_| PhraseResult::error(format!("Unbound value {}.\n", lid)))
}

/// A long identifier as source text (`M.( + )`).
pub fn source_of_longident(lid: &Longident) -> String {
    match lid {
        Longident::Lident(s) => paren_if_operator(s),
        Longident::Ldot(m, s) => format!("{}.{}", source_of_longident(m), paren_if_operator(s)),
        Longident::Lapply(a, b) => format!("{}({})", source_of_longident(a), source_of_longident(b)),
    }
}

fn paren_if_operator(s: &str) -> String {
    if s.starts_with(|c: char| c.is_alphabetic() || c == '_') {
        s.to_string()
    } else {
        format!("( {} )", s)
    }
}

/// The wrapper of a printer taking `params` parameter printers: `fun base v f -> unit`.
fn wrapper_source(pp: &str, params: usize) -> String {
    let mut ty = String::new();
    let mut args = String::new();
    for i in 0..params {
        ty.push_str(&format!("(Stdlib.Format.formatter -> 'p{i} -> unit) -> "));
        args.push_str(&format!(
            "(fun f x -> Stdlib.Format.pp_print_string f ({PRINT_EXTERNAL} (base + {i}) (f == Stdlib.Format.std_formatter) x)) "
        ));
    }
    // Naming `std_formatter` makes sure `Format` is initialised (its recorder registered).
    format!(
        "(let _ = Stdlib.Format.std_formatter in \
         fun (base : int) v (f : Stdlib.Format.formatter) -> ({pp} : {ty}Stdlib.Format.formatter -> _ -> unit) {args}f v)"
    )
}

/// `#install_printer pp`.
pub fn install(top: &mut Toplevel, lid: &Longident) -> PhraseResult {
    let (path, scheme) = match printer_path(top, lid) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let name = lid.to_string();
    let pp = source_of_longident(lid);
    for params in 0..=MAX_PARAMS {
        if params == 1 && !declare_print_external(top) {
            break;
        }
        let Some((printed, _)) = shape(scheme, params) else { continue };
        if let Ok((block, field, _)) = top.eval_hidden(&wrapper_source(&pp, params)) {
            top.printers.retain(|p| p.path != path);
            top.printers.insert(0, InstalledPrinter { name, path, scheme, params, printed, block, field });
            return PhraseResult::default();
        }
    }
    PhraseResult::error(format!("{} has a wrong type for a printing function.\n", name))
}

/// The external generic printers' wrappers call (declared once, in the session).
fn declare_print_external(top: &mut Toplevel) -> bool {
    if top.env.lookup_value(&Longident::Lident(PRINT_EXTERNAL.into())).is_ok() {
        return true;
    }
    runtime::symbols::register_primitive(PRINT_PRIMITIVE, ocamljit_toplevel_print as *const u8);
    top.define_hidden(&format!("external {PRINT_EXTERNAL} : int -> bool -> 'a -> string = \"{PRINT_PRIMITIVE}\""))
}

/// `#remove_printer pp`.
pub fn remove(top: &mut Toplevel, lid: &Longident) -> PhraseResult {
    let (path, _) = match printer_path(top, lid) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let before = top.printers.len();
    top.printers.retain(|p| p.path != path);
    if top.printers.len() < before {
        return PhraseResult::default();
    }
    // OCaml checks the type first: a value that cannot be a printer is not "a printer".
    let is_printer = (0..=MAX_PARAMS).any(|params| {
        let mut ty = String::new();
        for i in 0..params {
            ty.push_str(&format!("(Stdlib.Format.formatter -> 'p{i} -> unit) -> "));
        }
        let src = format!("let _ = ({} : {ty}Stdlib.Format.formatter -> _ -> unit);;", source_of_longident(lid));
        compiler::parsing::parse_implementation(&src, "//toplevel//")
            .map(|items| compiler::typing::type_toplevel_phrase(&top.env, &items).is_ok())
            .unwrap_or(false)
    });
    if !is_printer {
        return PhraseResult::error(format!("{} has a wrong type for a printing function.\n", lid));
    }
    PhraseResult::error(format!("No printer named {}.\n", lid))
}

/// The printed type and the parameter types of a printer's type:
/// `(f -> A1 -> unit) -> ... -> f -> T -> unit` gives `T` and `[A1, ...]`.
fn shape(ty: TypeExpr, params: usize) -> Option<(TypeExpr, Vec<TypeExpr>)> {
    let mut t = ty;
    let mut param_types = Vec::new();
    for _ in 0..params {
        let TypeDesc::Arrow(_, a, rest) = types::desc(types::repr(t)) else { return None };
        let TypeDesc::Arrow(_, _, a_rest) = types::desc(types::repr(a)) else { return None };
        let TypeDesc::Arrow(_, elt, _) = types::desc(types::repr(a_rest)) else { return None };
        param_types.push(elt);
        t = rest;
    }
    let TypeDesc::Arrow(_, _, rest) = types::desc(types::repr(t)) else { return None };
    let TypeDesc::Arrow(_, printed, _) = types::desc(types::repr(rest)) else { return None };
    Some((printed, param_types))
}

/// What an installed printer prints for `v` of type `ty`, if one applies.
pub(crate) fn custom_print(top: &Toplevel, v: Value, ty: TypeExpr) -> Option<OutValue> {
    let mut found = None;
    for p in top.printers.iter().filter(|p| ctype::moregeneral(&top.env, p.printed, ty)) {
        // The parameter types at this value: unify a fresh instance with `ty`, read what the
        // parameters became (nodes of `ty`), then undo the unification.
        let snap = types::snapshot();
        let params = shape(ctype::instance(p.scheme), p.params).and_then(|(printed, params)| {
            ctype::unify(&top.env, printed, ty).is_ok().then(|| params.iter().map(|&t| types::repr(t)).collect::<Vec<_>>())
        });
        types::backtrack(snap);
        if let Some(params) = params {
            found = Some((p, params));
            break;
        }
    }
    let (p, params) = found?;
    let base = PARAM_TYPES.with(|t| {
        let mut t = t.borrow_mut();
        let base = t.len();
        t.extend(params);
        base
    });
    let nested_base = NESTED.with(|n| n.borrow().len());
    let saved = CURRENT.with(|c| c.replace(top as *const Toplevel));
    let result = match runtime::prims::misc::named_value("Format.record_printing") {
        None => Err(None),
        Some(record) => {
            let wrapper = top.stored_value(p.block, p.field);
            runtime::callback::callback(wrapper, Value::of_int(base as i64))
                .and_then(|partial| runtime::callback::callback(partial, v))
                .and_then(|print| runtime::callback::callback(record, print))
                .map_err(Some)
        }
    };
    CURRENT.with(|c| c.set(saved));
    PARAM_TYPES.with(|t| t.borrow_mut().truncate(base));
    let printed = match result {
        Ok(s) => OutValue::Printed(decode_tokens(unsafe { s.bytes() })),
        Err(Some(exn)) => OutValue::Stuff(format!("<printer {} raised an exception: {}>", p.name, runtime::printexc::to_string(exn))),
        Err(None) => OutValue::Stuff("<printer>".to_string()),
    };
    NESTED.with(|n| n.borrow_mut().truncate(nested_base));
    Some(printed)
}

/// The tokens `Format.record_printing` encoded (see its comment in stdlib/format.ml).
fn decode_tokens(b: &[u8]) -> Vec<PrintedToken> {
    let mut r = TokenReader { b, pos: 0 };
    let mut tokens = Vec::new();
    while let Some(t) = r.token() {
        tokens.push(t);
    }
    tokens
}

struct TokenReader<'a> {
    b: &'a [u8],
    pos: usize,
}

impl TokenReader<'_> {
    fn int(&mut self) -> Option<isize> {
        let len = self.b[self.pos..].iter().position(|&c| c == b',')?;
        let n = std::str::from_utf8(&self.b[self.pos..self.pos + len]).ok()?.parse().ok()?;
        self.pos += len + 1;
        Some(n)
    }

    fn string(&mut self) -> Option<String> {
        let len = usize::try_from(self.int()?).ok()?;
        let bytes = self.b.get(self.pos..self.pos + len)?;
        self.pos += len;
        Some(compiler::raw_text::from_bytes(bytes).into_owned())
    }

    fn brk(&mut self) -> Option<(String, isize, String)> {
        Some((self.string()?, self.int()?, self.string()?))
    }

    fn token(&mut self) -> Option<PrintedToken> {
        let code = *self.b.get(self.pos)?;
        self.pos += 1;
        Some(match code {
            b'T' => {
                let size = self.int()?;
                let s = self.string()?;
                match nested_value(&s) {
                    Some(v) => PrintedToken::Value(v),
                    None => PrintedToken::Text(size, s),
                }
            }
            b'B' => PrintedToken::Break(self.brk()?, self.brk()?),
            b'O' => {
                let indent = self.int()?;
                let kind = match self.int()? {
                    0 => BoxKind::H,
                    1 => BoxKind::V,
                    2 => BoxKind::HV,
                    3 => BoxKind::HOV,
                    _ => BoxKind::B,
                };
                PrintedToken::Open(kind, indent)
            }
            b'C' => PrintedToken::Close,
            b'N' => PrintedToken::Newline,
            b'I' => PrintedToken::IfNewline,
            b'F' => PrintedToken::Flush { newline: false },
            b'L' => PrintedToken::Flush { newline: true },
            _ => return None,
        })
    }
}

/// The value a placeholder text stands for.
fn nested_value(s: &str) -> Option<OutValue> {
    let n: usize = s.strip_prefix(PLACEHOLDER)?.strip_suffix('\0')?.parse().ok()?;
    NESTED.with(|nested| nested.borrow_mut().get_mut(n).and_then(Option::take))
}
