//! `let rec` on values other than functions (`let rec l = 1 :: l`, `let rec x = lazy (... x ...)`).
//! Each value whose size is known before it is computed gets a placeholder block first; the
//! functions of the group are closed over the placeholders; then each value is computed and
//! copied into its placeholder (`caml_update_dummy`), so every reference sees the final value.
//! Right-hand sides that use none of the recursive names are just computed first.

use super::core::{TranslError, Translator};
use crate::lambda::{Lambda, Primitive as P, Var};
use crate::parsing::location::Location;

type R<T> = Result<T, TranslError>;

/// How a right-hand side of a recursive group is built.
enum Shape {
    Function,
    /// A block of this many words, allocated by the expression itself.
    Block(usize),
    /// Uses no name of the group: computed before the others.
    Independent,
    /// Not a block (`let _ = x in 1`): the type checker allows such a right-hand side only
    /// when its uses of the group are dead (computed and dropped), so it is computed with
    /// the names of the group not yet defined bound to a placeholder.
    Value,
}

fn shape(l: &Lambda, group: &[Var]) -> Option<Shape> {
    Some(match l {
        Lambda::Function(_) => Shape::Function,
        Lambda::Prim(P::MakeBlock(..), args) if !args.is_empty() => Shape::Block(args.len()),
        // An array that cannot be a flat float array is an ordinary block.
        Lambda::Prim(P::MakeArray(crate::lambda::ArrayKind::Addr | crate::lambda::ArrayKind::Int, _), args) if !args.is_empty() => {
            Shape::Block(args.len())
        }
        _ if !uses_any(l, group) => Shape::Independent,
        // A block built after some computation still has its final size.
        Lambda::Let(_, _, body) | Lambda::Sequence(_, body) => match shape(body, group)? {
            Shape::Block(n) => Shape::Block(n),
            Shape::Independent | Shape::Value => Shape::Value,
            Shape::Function => return None,
        },
        _ => return None,
    })
}

/// Does `l` mention any of `vars`?
fn uses_any(l: &Lambda, vars: &[Var]) -> bool {
    let free = crate::middle::closure::free_vars(l);
    vars.iter().any(|v| free.contains(v))
}

impl<'a> Translator<'a> {
    /// The bindings of a recursive group, some of which are not functions.
    pub fn recursive_values(&mut self, binds: Vec<(Var, Lambda)>, body: Lambda, loc: &Location) -> R<Lambda> {
        let group: Vec<Var> = binds.iter().map(|(v, _)| v.clone()).collect();
        let mut functions = Vec::new();
        let mut blocks = Vec::new();
        let mut independent = Vec::new();
        let mut values = Vec::new();
        for (v, l) in binds {
            match shape(&l, &group) {
                Some(Shape::Function) => functions.push((v, l)),
                Some(Shape::Block(n)) => blocks.push((v, n, l)),
                Some(Shape::Independent) => independent.push((v, l)),
                Some(Shape::Value) => values.push((v, l)),
                None => {
                    return Err(TranslError {
                        loc: loc.clone(),
                        msg: "This kind of expression is not allowed as right-hand side of `let rec'".into(),
                        notes: vec![],
                    })
                }
            }
        }
        // Innermost first: fill the placeholders, then the body.
        let mut result = body;
        for (v, _, l) in blocks.iter().rev() {
            let update = Lambda::Prim(
                P::CCall { name: "caml_update_dummy".into(), arity: 2, alloc: false },
                vec![Lambda::Var(v.clone()), l.clone()],
            );
            result = Lambda::seq(update, result);
        }
        let placeholders: Vec<Var> = if values.is_empty() {
            vec![]
        } else {
            values.iter().chain(functions.iter()).map(|(v, _)| v.clone()).collect()
        };
        if !functions.is_empty() {
            result = Lambda::LetRec(functions, Box::new(result));
        }
        // The values come before the functions (which may use them) and the filling of the
        // blocks (which may store them); the functions and values they mention are bound to
        // a placeholder first, then bound again to what they are.
        for (v, l) in values.iter().rev() {
            result = Lambda::let_(v.clone(), l.clone(), result);
        }
        for v in placeholders.into_iter().rev() {
            result = Lambda::let_(v, Lambda::int(0), result);
        }
        for (v, n, _) in blocks.iter().rev() {
            let dummy = Lambda::Prim(P::CCall { name: "caml_alloc_dummy".into(), arity: 1, alloc: true }, vec![Lambda::int(*n as i64)]);
            result = Lambda::let_(v.clone(), dummy, result);
        }
        for (v, l) in independent.into_iter().rev() {
            result = Lambda::let_(v, l, result);
        }
        Ok(result)
    }
}
