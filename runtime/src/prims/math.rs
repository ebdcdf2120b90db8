//! Float arithmetic and the C math library under OCaml's bytecode primitive names. The C
//! library is called directly (as OCaml does) so results match it bit for bit.

use super::{prim, Primitive};
use crate::alloc::copy_double;
use crate::value::Value;

mod libm {
    extern "C" {
        pub fn exp(x: f64) -> f64;
        pub fn exp2(x: f64) -> f64;
        pub fn expm1(x: f64) -> f64;
        pub fn log(x: f64) -> f64;
        pub fn log10(x: f64) -> f64;
        pub fn log2(x: f64) -> f64;
        pub fn log1p(x: f64) -> f64;
        pub fn sqrt(x: f64) -> f64;
        pub fn cbrt(x: f64) -> f64;
        pub fn sin(x: f64) -> f64;
        pub fn cos(x: f64) -> f64;
        pub fn tan(x: f64) -> f64;
        pub fn asin(x: f64) -> f64;
        pub fn acos(x: f64) -> f64;
        pub fn atan(x: f64) -> f64;
        pub fn sinh(x: f64) -> f64;
        pub fn cosh(x: f64) -> f64;
        pub fn tanh(x: f64) -> f64;
        pub fn asinh(x: f64) -> f64;
        pub fn acosh(x: f64) -> f64;
        pub fn atanh(x: f64) -> f64;
        pub fn erf(x: f64) -> f64;
        pub fn erfc(x: f64) -> f64;
        pub fn floor(x: f64) -> f64;
        pub fn ceil(x: f64) -> f64;
        pub fn round(x: f64) -> f64;
        pub fn trunc(x: f64) -> f64;
        pub fn atan2(y: f64, x: f64) -> f64;
        pub fn hypot(x: f64, y: f64) -> f64;
        pub fn pow(x: f64, y: f64) -> f64;
        pub fn fmod(x: f64, y: f64) -> f64;
        pub fn copysign(x: f64, y: f64) -> f64;
        pub fn nextafter(x: f64, y: f64) -> f64;
        pub fn fma(x: f64, y: f64, z: f64) -> f64;
    }
}

#[inline]
fn d(v: Value) -> f64 {
    unsafe { v.double() }
}

macro_rules! unary {
    ($($name:ident => $f:expr),* $(,)?) => {
        $( #[no_mangle] pub extern "C" fn $name(a: Value) -> Value {
            let f: fn(f64) -> f64 = $f;
            copy_double(f(d(a)))
        } )*
        fn unary_prims() -> Vec<Primitive> { vec![$(prim!(1, $name, true)),*] }
    };
}
macro_rules! binary {
    ($($name:ident => $f:expr),* $(,)?) => {
        $( #[no_mangle] pub extern "C" fn $name(a: Value, b: Value) -> Value {
            let f: fn(f64, f64) -> f64 = $f;
            copy_double(f(d(a), d(b)))
        } )*
        fn binary_prims() -> Vec<Primitive> { vec![$(prim!(2, $name, true)),*] }
    };
}
macro_rules! float_cmp {
    ($($name:ident => $f:expr),* $(,)?) => {
        $( #[no_mangle] pub extern "C" fn $name(a: Value, b: Value) -> Value {
            let f: fn(f64, f64) -> bool = $f;
            Value::of_bool(f(d(a), d(b)))
        } )*
        fn cmp_prims() -> Vec<Primitive> { vec![$(prim!(2, $name, false)),*] }
    };
}

unary! {
    caml_exp_float => |x| unsafe { libm::exp(x) },
    caml_exp2_float => |x| unsafe { libm::exp2(x) },
    caml_expm1_float => |x| unsafe { libm::expm1(x) },
    caml_log_float => |x| unsafe { libm::log(x) },
    caml_log10_float => |x| unsafe { libm::log10(x) },
    caml_log2_float => |x| unsafe { libm::log2(x) },
    caml_log1p_float => |x| unsafe { libm::log1p(x) },
    caml_sqrt_float => |x| unsafe { libm::sqrt(x) },
    caml_cbrt_float => |x| unsafe { libm::cbrt(x) },
    caml_sin_float => |x| unsafe { libm::sin(x) },
    caml_cos_float => |x| unsafe { libm::cos(x) },
    caml_tan_float => |x| unsafe { libm::tan(x) },
    caml_asin_float => |x| unsafe { libm::asin(x) },
    caml_acos_float => |x| unsafe { libm::acos(x) },
    caml_atan_float => |x| unsafe { libm::atan(x) },
    caml_sinh_float => |x| unsafe { libm::sinh(x) },
    caml_cosh_float => |x| unsafe { libm::cosh(x) },
    caml_tanh_float => |x| unsafe { libm::tanh(x) },
    caml_asinh_float => |x| unsafe { libm::asinh(x) },
    caml_acosh_float => |x| unsafe { libm::acosh(x) },
    caml_atanh_float => |x| unsafe { libm::atanh(x) },
    caml_erf_float => |x| unsafe { libm::erf(x) },
    caml_erfc_float => |x| unsafe { libm::erfc(x) },
    caml_floor_float => |x| unsafe { libm::floor(x) },
    caml_ceil_float => |x| unsafe { libm::ceil(x) },
    caml_round_float => |x| unsafe { libm::round(x) },
    caml_trunc_float => |x| unsafe { libm::trunc(x) },
    caml_neg_float => |x| -x,
    caml_abs_float => |x| x.abs(),
}

binary! {
    caml_atan2_float => |y, x| unsafe { libm::atan2(y, x) },
    caml_hypot_float => |x, y| unsafe { libm::hypot(x, y) },
    caml_power_float => |x, y| unsafe { libm::pow(x, y) },
    caml_fmod_float => |x, y| unsafe { libm::fmod(x, y) },
    caml_copysign_float => |x, y| unsafe { libm::copysign(x, y) },
    caml_nextafter_float => |x, y| unsafe { libm::nextafter(x, y) },
    caml_add_float => |x, y| x + y,
    caml_sub_float => |x, y| x - y,
    caml_mul_float => |x, y| x * y,
    caml_div_float => |x, y| x / y,
}

float_cmp! {
    caml_eq_float => |x, y| x == y,
    caml_neq_float => |x, y| x != y,
    caml_lt_float => |x, y| x < y,
    caml_le_float => |x, y| x <= y,
    caml_gt_float => |x, y| x > y,
    caml_ge_float => |x, y| x >= y,
}

#[no_mangle]
pub extern "C" fn caml_fma_float(a: Value, b: Value, c: Value) -> Value {
    copy_double(unsafe { libm::fma(d(a), d(b), d(c)) })
}

#[no_mangle]
pub extern "C" fn caml_signbit_float(a: Value) -> Value {
    Value::of_bool(d(a).is_sign_negative())
}

pub fn prims() -> Vec<Primitive> {
    let mut v = unary_prims();
    v.extend(binary_prims());
    v.extend(cmp_prims());
    v.push(prim!(3, caml_fma_float, true));
    v.push(prim!(1, caml_signbit_float, false));
    v
}
