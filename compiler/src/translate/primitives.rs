//! OCaml's `external` primitives: `%name` ones become Lambda primitives (specialised by the
//! argument types where OCaml specialises them); the others are calls into the runtime.

use crate::lambda::{ArrayKind, BoxedInt, BoxedOp, Comparison, Lambda, Mutability, Primitive as P, RaiseKind};
use crate::typing::types::Primitive as Decl;

/// What the argument types say about a comparison's operands.
#[derive(Copy, Clone, PartialEq, Debug)]
pub enum Operands {
    Int,
    Float,
    String,
    Boxed(BoxedInt),
    Generic,
}

/// Primitives whose operands ocamlopt evaluates left to right, unlike every other
/// application (right to left). The bytecode compiler evaluates them right to left too: where
/// the two differ we follow ocamlopt. Found by running both on effectful operands: the bounds
/// checked string and bytes accesses, `Obj.field`, and `compare` specialised to immediate,
/// float or boxed-integer operands.
pub fn native_left_to_right(decl: &Decl, kind: Operands) -> bool {
    match &*decl.name {
        "%string_safe_get" | "%bytes_safe_get" | "%bytes_safe_set" | "%obj_field" => true,
        "%compare" => matches!(kind, Operands::Int | Operands::Float | Operands::Boxed(_)),
        _ => false,
    }
}

/// Translate a fully applied primitive. `kind` describes the first argument's type for the
/// polymorphic comparison primitives, `array` the array kind for array primitives.
pub fn translate(decl: &Decl, args: Vec<Lambda>, kind: Operands, array: ArrayKind) -> Lambda {
    use Comparison::*;
    let name: &str = &decl.name;
    let cmp = |c: Comparison, args: Vec<Lambda>| -> Lambda {
        match kind {
            Operands::Int => Lambda::Prim(P::IntComp(c), args),
            Operands::Float => Lambda::Prim(P::FloatComp(c), args),
            Operands::Boxed(b) => Lambda::Prim(P::BoxedOp(b, BoxedOp::Comp(c)), args),
            Operands::String | Operands::Generic => {
                let (prefix, fun) = if kind == Operands::String { ("caml_string_", true) } else { ("caml_", false) };
                let base = match c {
                    Eq => "equal",
                    Ne => "notequal",
                    Lt => "lessthan",
                    Le => "lessequal",
                    Gt => "greaterthan",
                    Ge => "greaterequal",
                };
                Lambda::Prim(P::CCall { name: format!("{}{}", prefix, base).into(), arity: 2, alloc: !fun }, args)
            }
        }
    };
    let p = |prim: P, args: Vec<Lambda>| Lambda::Prim(prim, args);
    let boxed = |b: BoxedInt, op: BoxedOp, args: Vec<Lambda>| Lambda::Prim(P::BoxedOp(b, op), args);
    match name {
        "%identity" | "%bytes_to_string" | "%bytes_of_string" | "%opaque" => p(P::Identity, args),
        "%ignore" => p(P::Ignore, args),
        "%raise" => p(P::Raise(RaiseKind::Regular), args),
        "%reraise" => p(P::Raise(RaiseKind::Reraise), args),
        "%raise_notrace" => p(P::Raise(RaiseKind::NoTrace), args),
        "%field0" => p(P::Field(0), args),
        "%field1" => p(P::Field(1), args),
        "%setfield0" => p(P::SetField(0, true), args),
        "%makeblock" => p(P::MakeBlock(0, Mutability::Immutable), args),
        "%makemutable" => p(P::MakeBlock(0, Mutability::Mutable), args),
        "%incr" => p(P::OffsetRef(1), args),
        "%decr" => p(P::OffsetRef(-1), args),
        "%equal" => cmp(Eq, args),
        "%notequal" => cmp(Ne, args),
        "%lessthan" => cmp(Lt, args),
        "%lessequal" => cmp(Le, args),
        "%greaterthan" => cmp(Gt, args),
        "%greaterequal" => cmp(Ge, args),
        "%compare" => {
            let name = match kind {
                Operands::Int => "caml_int_compare",
                Operands::Float => "caml_float_compare",
                Operands::String => "caml_string_compare",
                Operands::Boxed(BoxedInt::Int32) => "caml_int32_compare",
                Operands::Boxed(BoxedInt::Int64) => "caml_int64_compare",
                Operands::Boxed(BoxedInt::Nativeint) => "caml_nativeint_compare",
                Operands::Generic => "caml_compare",
            };
            p(P::CCall { name: name.into(), arity: 2, alloc: true }, args)
        }
        "%eq" => p(P::PhysEq, args),
        "%noteq" => p(P::PhysNe, args),
        "%negint" => p(P::NegInt, args),
        "%succint" => p(P::OffsetInt(1), args),
        "%predint" => p(P::OffsetInt(-1), args),
        "%addint" => p(P::AddInt, args),
        "%subint" => p(P::SubInt, args),
        "%mulint" => p(P::MulInt, args),
        "%divint" => p(P::DivInt, args),
        "%modint" => p(P::ModInt, args),
        "%andint" => p(P::AndInt, args),
        "%orint" => p(P::OrInt, args),
        "%xorint" => p(P::XorInt, args),
        "%lslint" => p(P::LslInt, args),
        "%lsrint" => p(P::LsrInt, args),
        "%asrint" => p(P::AsrInt, args),
        "%boolnot" => p(P::Not, args),
        "%sequand" | "%sequor" => {
            let mut it = args.into_iter();
            let (a, b) = (it.next().unwrap_or(crate::lambda::UNIT), it.next().unwrap_or(crate::lambda::UNIT));
            if name == "%sequand" {
                Lambda::if_(a, b, Lambda::int(0))
            } else {
                Lambda::if_(a, Lambda::int(1), b)
            }
        }
        "%intoffloat" => p(P::IntOfFloat, args),
        "%floatofint" => p(P::FloatOfInt, args),
        "%negfloat" => p(P::NegFloat, args),
        "%absfloat" => p(P::AbsFloat, args),
        "%addfloat" => p(P::AddFloat, args),
        "%subfloat" => p(P::SubFloat, args),
        "%mulfloat" => p(P::MulFloat, args),
        "%divfloat" => p(P::DivFloat, args),
        "%string_length" => p(P::StringLength, args),
        "%bytes_length" => p(P::BytesLength, args),
        "%string_safe_get" => p(P::StringRef { safe: true }, args),
        "%string_unsafe_get" => p(P::StringRef { safe: false }, args),
        "%bytes_safe_get" => p(P::BytesRef { safe: true }, args),
        "%bytes_unsafe_get" => p(P::BytesRef { safe: false }, args),
        "%bytes_safe_set" => p(P::BytesSet { safe: true }, args),
        "%bytes_unsafe_set" => p(P::BytesSet { safe: false }, args),
        "%array_length" => p(P::ArrayLength(array), args),
        "%array_safe_get" => p(P::ArrayRef(array, true), args),
        "%array_unsafe_get" => p(P::ArrayRef(array, false), args),
        "%array_safe_set" => p(P::ArraySet(array, true), args),
        "%array_unsafe_set" => p(P::ArraySet(array, false), args),
        "%floatarray_length" => p(P::ArrayLength(ArrayKind::Float), args),
        "%floatarray_safe_get" => p(P::ArrayRef(ArrayKind::Float, true), args),
        "%floatarray_unsafe_get" => p(P::ArrayRef(ArrayKind::Float, false), args),
        "%floatarray_safe_set" => p(P::ArraySet(ArrayKind::Float, true), args),
        "%floatarray_unsafe_set" => p(P::ArraySet(ArrayKind::Float, false), args),
        "%obj_field" => p(P::FieldDyn, args),
        "%obj_set_field" => p(P::ArraySet(ArrayKind::Addr, false), args),
        "%obj_size" => p(P::ArrayLength(ArrayKind::Addr), args),
        "%raise_with_backtrace" => {
            // The code generator installs the backtrace (second operand), then raises.
            p(P::Raise(RaiseKind::Regular), args)
        }
        "%apply" | "%revapply" => {
            let mut it = args.into_iter();
            let (a, b) = (it.next().unwrap_or(crate::lambda::UNIT), it.next().unwrap_or(crate::lambda::UNIT));
            if name == "%apply" {
                Lambda::apply(a, vec![b])
            } else {
                Lambda::apply(b, vec![a])
            }
        }
        "%lazy_force" => p(P::CCall { name: "caml_lazy_force".into(), arity: 1, alloc: true }, args),
        "%obj_is_int" => p(P::IsInt, args),
        _ => {
            if let Some((kind, op)) = boxed_int_primitive(name) {
                return boxed(kind, op, args);
            }
            // Runtime primitives take boxed values: always the bytecode name.
            p(P::CCall { name: decl.name.clone(), arity: decl.arity, alloc: decl.alloc }, args)
        }
    }
}

fn boxed_int_primitive(name: &str) -> Option<(BoxedInt, BoxedOp)> {
    let rest = name.strip_prefix('%')?;
    let (kind, op) = if let Some(op) = rest.strip_prefix("int32_") {
        (BoxedInt::Int32, op)
    } else if let Some(op) = rest.strip_prefix("int64_") {
        (BoxedInt::Int64, op)
    } else if let Some(op) = rest.strip_prefix("nativeint_") {
        (BoxedInt::Nativeint, op)
    } else {
        return None;
    };
    let op = match op {
        "add" => BoxedOp::Add,
        "sub" => BoxedOp::Sub,
        "mul" => BoxedOp::Mul,
        "div" => BoxedOp::Div,
        "mod" => BoxedOp::Mod,
        "and" => BoxedOp::And,
        "or" => BoxedOp::Or,
        "xor" => BoxedOp::Xor,
        "lsl" => BoxedOp::Lsl,
        "lsr" => BoxedOp::Lsr,
        "asr" => BoxedOp::Asr,
        "neg" => BoxedOp::Neg,
        "of_int" => BoxedOp::OfInt,
        "to_int" => BoxedOp::ToInt,
        _ => return None,
    };
    Some((kind, op))
}
