//! `-dlambda`: an S-expression rendering of Lambda in the spirit of OCaml's.

use super::*;
use std::fmt::Write;

pub fn to_string(l: &Lambda) -> String {
    let mut out = String::new();
    expr(&mut out, l, 0);
    out
}

fn var(v: &Var) -> String {
    format!("{}/{}", v.name, v.stamp)
}

pub fn constant(out: &mut String, c: &Constant) {
    match c {
        Constant::Int(n) => write!(out, "{}", n).unwrap(),
        Constant::Float(f) => write!(out, "{:?}", f).unwrap(),
        Constant::String(s) => write!(out, "{:?}", String::from_utf8_lossy(s)).unwrap(),
        Constant::Int32(n) => write!(out, "{}l", n).unwrap(),
        Constant::Int64(n) => write!(out, "{}L", n).unwrap(),
        Constant::Nativeint(n) => write!(out, "{}n", n).unwrap(),
        Constant::Block(tag, fields) => {
            write!(out, "[{}:", tag).unwrap();
            for f in fields {
                out.push(' ');
                constant(out, f);
            }
            out.push(']');
        }
        Constant::FloatBlock(fs) => {
            out.push_str("[|");
            for f in fs {
                write!(out, " {:?}", f).unwrap();
            }
            out.push_str(" |]");
        }
    }
}

fn nl(out: &mut String, indent: usize) {
    out.push('\n');
    for _ in 0..indent {
        out.push(' ');
    }
}

fn expr(out: &mut String, l: &Lambda, ind: usize) {
    match l {
        Lambda::Var(v) => out.push_str(&var(v)),
        Lambda::Const(c) => constant(out, c),
        Lambda::Apply(f, args) => {
            out.push_str("(apply ");
            expr(out, f, ind + 2);
            for a in args {
                out.push(' ');
                expr(out, a, ind + 2);
            }
            out.push(')');
        }
        Lambda::Function(f) => {
            write!(out, "(function[{}]", f.name).unwrap();
            for p in &f.params {
                write!(out, " {}", var(p)).unwrap();
            }
            nl(out, ind + 2);
            expr(out, &f.body, ind + 2);
            out.push(')');
        }
        Lambda::Let(v, e, body) | Lambda::LetMut(v, e, body) => {
            let kw = if matches!(l, Lambda::Let(..)) { "let" } else { "letmut" };
            write!(out, "({} ({} ", kw, var(v)).unwrap();
            expr(out, e, ind + 4);
            out.push(')');
            nl(out, ind + 2);
            expr(out, body, ind + 2);
            out.push(')');
        }
        Lambda::LetRec(binds, body) => {
            out.push_str("(letrec");
            for (v, e) in binds {
                nl(out, ind + 2);
                write!(out, "({} ", var(v)).unwrap();
                expr(out, e, ind + 4);
                out.push(')');
            }
            nl(out, ind + 2);
            expr(out, body, ind + 2);
            out.push(')');
        }
        Lambda::Prim(p, args) => {
            write!(out, "({:?}", p).unwrap();
            for a in args {
                out.push(' ');
                expr(out, a, ind + 2);
            }
            out.push(')');
        }
        Lambda::Switch(e, sw) => {
            out.push_str("(switch ");
            expr(out, e, ind + 2);
            for (n, c) in &sw.consts {
                nl(out, ind + 2);
                write!(out, "case int {}: ", n).unwrap();
                expr(out, c, ind + 4);
            }
            for (t, c) in &sw.blocks {
                nl(out, ind + 2);
                write!(out, "case tag {}: ", t).unwrap();
                expr(out, c, ind + 4);
            }
            if let Some(d) = &sw.default {
                nl(out, ind + 2);
                out.push_str("default: ");
                expr(out, d, ind + 4);
            }
            out.push(')');
        }
        Lambda::StringSwitch(e, cases, default) => {
            out.push_str("(stringswitch ");
            expr(out, e, ind + 2);
            for (s, c) in cases {
                nl(out, ind + 2);
                write!(out, "case {:?}: ", String::from_utf8_lossy(s)).unwrap();
                expr(out, c, ind + 4);
            }
            if let Some(d) = default {
                nl(out, ind + 2);
                out.push_str("default: ");
                expr(out, d, ind + 4);
            }
            out.push(')');
        }
        Lambda::StaticRaise(lbl, args) => {
            write!(out, "(exit {}", lbl).unwrap();
            for a in args {
                out.push(' ');
                expr(out, a, ind + 2);
            }
            out.push(')');
        }
        Lambda::StaticCatch(body, lbl, vars, handler) => {
            out.push_str("(catch ");
            expr(out, body, ind + 2);
            nl(out, ind);
            write!(out, " with ({}", lbl).unwrap();
            for v in vars {
                write!(out, " {}", var(v)).unwrap();
            }
            out.push(')');
            nl(out, ind + 2);
            expr(out, handler, ind + 2);
            out.push(')');
        }
        Lambda::TryWith(body, v, handler) => {
            out.push_str("(try ");
            expr(out, body, ind + 2);
            nl(out, ind);
            write!(out, " with {}", var(v)).unwrap();
            nl(out, ind + 2);
            expr(out, handler, ind + 2);
            out.push(')');
        }
        Lambda::IfThenElse(c, a, b) => {
            out.push_str("(if ");
            expr(out, c, ind + 4);
            nl(out, ind + 2);
            expr(out, a, ind + 2);
            nl(out, ind + 2);
            expr(out, b, ind + 2);
            out.push(')');
        }
        Lambda::Sequence(a, b) => {
            out.push_str("(seq ");
            expr(out, a, ind + 2);
            nl(out, ind + 2);
            expr(out, b, ind + 2);
            out.push(')');
        }
        // Debug locations are not shown (ocamlc's -dlambda shows none either without -g).
        Lambda::Loc(_, e) => expr(out, e, ind),
        Lambda::While(c, b) => {
            out.push_str("(while ");
            expr(out, c, ind + 2);
            nl(out, ind + 2);
            expr(out, b, ind + 2);
            out.push(')');
        }
        Lambda::For(v, lo, hi, dir, body) => {
            write!(out, "(for {} ", var(v)).unwrap();
            expr(out, lo, ind + 2);
            out.push_str(if *dir == Direction::Upto { " to " } else { " downto " });
            expr(out, hi, ind + 2);
            nl(out, ind + 2);
            expr(out, body, ind + 2);
            out.push(')');
        }
        Lambda::Assign(v, e) => {
            write!(out, "(assign {} ", var(v)).unwrap();
            expr(out, e, ind + 2);
            out.push(')');
        }
    }
}
