//! Predefined types and exceptions (those the compiler knows without any interface file).

use super::ident::Ident;
use super::loc;
use super::path::Path;
use super::types::*;
use std::rc::Rc;

/// Stamps of predefined identifiers: fixed and below every stamp `Ident::create` hands out.
const TYPE_NAMES: [&str; 17] = [
    "int",
    "char",
    "string",
    "bytes",
    "float",
    "bool",
    "unit",
    "exn",
    "array",
    "list",
    "option",
    "nativeint",
    "int32",
    "int64",
    "lazy_t",
    "extension_constructor",
    "floatarray",
];

/// Predefined exceptions in the order of the runtime's table (index = position).
pub const EXCEPTION_NAMES: [&str; 12] = [
    "Out_of_memory",
    "Sys_error",
    "Failure",
    "Invalid_argument",
    "End_of_file",
    "Division_by_zero",
    "Not_found",
    "Match_failure",
    "Stack_overflow",
    "Sys_blocked_io",
    "Assert_failure",
    "Undefined_recursive_module",
];

fn type_ident(name: &str) -> Ident {
    let i = TYPE_NAMES.iter().position(|n| *n == name).unwrap_or(0);
    Ident::predef(name, 1 + i as u32)
}

pub fn exception_ident(name: &str) -> Ident {
    let i = EXCEPTION_NAMES.iter().position(|n| *n == name).unwrap_or(0);
    Ident::predef(name, 100 + i as u32)
}

pub fn type_path(name: &str) -> Path {
    Path::Pident(type_ident(name))
}

pub fn path_int() -> Path {
    type_path("int")
}
pub fn path_char() -> Path {
    type_path("char")
}
pub fn path_string() -> Path {
    type_path("string")
}
pub fn path_bytes() -> Path {
    type_path("bytes")
}
pub fn path_float() -> Path {
    type_path("float")
}
pub fn path_bool() -> Path {
    type_path("bool")
}
pub fn path_unit() -> Path {
    type_path("unit")
}
pub fn path_exn() -> Path {
    type_path("exn")
}
pub fn path_array() -> Path {
    type_path("array")
}
pub fn path_list() -> Path {
    type_path("list")
}
pub fn path_option() -> Path {
    type_path("option")
}
pub fn path_nativeint() -> Path {
    type_path("nativeint")
}
pub fn path_int32() -> Path {
    type_path("int32")
}
pub fn path_int64() -> Path {
    type_path("int64")
}
pub fn path_lazy_t() -> Path {
    type_path("lazy_t")
}
pub fn path_extension_constructor() -> Path {
    type_path("extension_constructor")
}
pub fn path_floatarray() -> Path {
    type_path("floatarray")
}

pub fn is_predef_exn_path(p: &Path, name: &str) -> bool {
    matches!(p, Path::Pident(id) if id.stamp >= 100 && id.name() == name)
}

fn constr(p: Path, args: Vec<TypeExpr>) -> TypeExpr {
    new_generic(TypeDesc::Constr(p, args.into()))
}

pub fn type_int() -> TypeExpr {
    constr(path_int(), vec![])
}
pub fn type_char() -> TypeExpr {
    constr(path_char(), vec![])
}
pub fn type_string() -> TypeExpr {
    constr(path_string(), vec![])
}
pub fn type_bytes() -> TypeExpr {
    constr(path_bytes(), vec![])
}
pub fn type_float() -> TypeExpr {
    constr(path_float(), vec![])
}
pub fn type_bool() -> TypeExpr {
    constr(path_bool(), vec![])
}
pub fn type_unit() -> TypeExpr {
    constr(path_unit(), vec![])
}
pub fn type_exn() -> TypeExpr {
    constr(path_exn(), vec![])
}
pub fn type_int32() -> TypeExpr {
    constr(path_int32(), vec![])
}
pub fn type_int64() -> TypeExpr {
    constr(path_int64(), vec![])
}
pub fn type_nativeint() -> TypeExpr {
    constr(path_nativeint(), vec![])
}
/// At the current level (it contains a type that may be a variable of the expression).
pub fn type_array(t: TypeExpr) -> TypeExpr {
    new_ty(TypeDesc::Constr(path_array(), vec![t].into()), super::ctype::current_level())
}
/// At the current level (it contains a type that may be a variable of the expression).
pub fn type_list(t: TypeExpr) -> TypeExpr {
    new_ty(TypeDesc::Constr(path_list(), vec![t].into()), super::ctype::current_level())
}
/// At the current level (it contains a type that may be a variable of the expression).
pub fn type_option(t: TypeExpr) -> TypeExpr {
    new_ty(TypeDesc::Constr(path_option(), vec![t].into()), super::ctype::current_level())
}
/// At the current level (it contains a type that may be a variable of the expression).
pub fn type_lazy_t(t: TypeExpr) -> TypeExpr {
    new_ty(TypeDesc::Constr(path_lazy_t(), vec![t].into()), super::ctype::current_level())
}

fn decl(params: Vec<TypeExpr>, kind: TypeKind, variance: Vec<(bool, bool)>, immediate: bool) -> TypeDeclaration {
    TypeDeclaration { kind, immediate, ..TypeDeclaration::abstract_type(params, variance, loc::none()) }
}

fn cstr(name: &str, args: Vec<TypeExpr>) -> ConstructorDeclaration {
    ConstructorDeclaration {
        id: Ident::create(name),
        args: ConstructorArgs::Tuple(args),
        res: None,
        loc: loc::none(),
    }
}

/// The predefined types, then the predefined exceptions, as signature items.
pub fn items() -> Vec<SignatureItem> {
    let mut out = Vec::new();
    let co = (true, false);
    let inv = (true, true);
    for name in TYPE_NAMES {
        let d = match name {
            "bool" => decl(vec![], TypeKind::Variant(vec![cstr("false", vec![]), cstr("true", vec![])]), vec![], true),
            "unit" => decl(vec![], TypeKind::Variant(vec![cstr("()", vec![])]), vec![], true),
            "exn" => decl(vec![], TypeKind::Open, vec![], false),
            "int" | "char" => decl(vec![], TypeKind::Abstract, vec![], true),
            "array" => decl(vec![new_generic(TypeDesc::Var(None))], TypeKind::Abstract, vec![inv], false),
            "lazy_t" => decl(vec![new_generic(TypeDesc::Var(None))], TypeKind::Abstract, vec![co], false),
            "list" => {
                let a = new_generic(TypeDesc::Var(None));
                let l = constr(path_list(), vec![a]);
                let k = TypeKind::Variant(vec![cstr("[]", vec![]), cstr("::", vec![a, l])]);
                decl(vec![a], k, vec![co], false)
            }
            "option" => {
                let a = new_generic(TypeDesc::Var(None));
                let k = TypeKind::Variant(vec![cstr("None", vec![]), cstr("Some", vec![a])]);
                decl(vec![a], k, vec![co], false)
            }
            _ => decl(vec![], TypeKind::Abstract, vec![], false),
        };
        out.push(SignatureItem::Type(type_ident(name), Rc::new(d), RecStatus::NotRec));
    }
    for name in EXCEPTION_NAMES {
        let args = match name {
            "Sys_error" | "Failure" | "Invalid_argument" => vec![type_string()],
            "Match_failure" | "Assert_failure" | "Undefined_recursive_module" => {
                vec![new_generic(TypeDesc::Tuple(vec![type_string(), type_int(), type_int()].into()))]
            }
            _ => vec![],
        };
        let ext = ExtensionConstructor {
            type_path: path_exn(),
            type_params: vec![],
            args: ConstructorArgs::Tuple(args),
            ret_type: None,
            private: false,
            loc: loc::none(),
        };
        out.push(SignatureItem::TypeExt(exception_ident(name), Rc::new(ext), ExtStatus::Exception));
    }
    out
}
