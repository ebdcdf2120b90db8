//! OCaml's safety check of `module rec`: every cycle of modules of the group that read one
//! another must go through a "safe" module, one whose signature holds only functions (and lazy
//! values), which can be given a placeholder before its body runs. Otherwise the group is
//! refused: "Cannot safely evaluate the definition of the following cycle ...", with one note
//! per module of the cycle naming a component that makes it unsafe.

use super::core::TranslError;
use crate::lambda::{Lambda, Var};
use crate::parsing::location::Location;
use crate::typing::ctype;
use crate::typing::env::Env;
use crate::typing::format::Formatter;
use crate::typing::predef;
use crate::typing::types::{desc, ModuleType, SignatureItem, TypeDesc, ValueKind};

/// One module of the group: its name and variable, its declared type, where its body is, and
/// the body's code.
pub struct RecBinding<'a> {
    pub name: String,
    pub var: Var,
    pub mty: &'a ModuleType,
    pub loc: Location,
    pub body: &'a Lambda,
}

/// The component that keeps a module from having a placeholder: its location, what it is
/// (`value`, `module`, `functor`, `extension constructor`) and its name.
struct Unsafe {
    loc: Location,
    what: &'static str,
    name: String,
}

fn unsafe_component(env: &Env, mty: &ModuleType, name: &str, loc: &Location) -> Option<Unsafe> {
    let sg = match env.scrape(mty) {
        Some(ModuleType::Signature(sg)) => sg,
        Some(ModuleType::Functor(..)) => return Some(Unsafe { loc: loc.clone(), what: "functor", name: name.into() }),
        _ => return Some(Unsafe { loc: loc.clone(), what: "module", name: name.into() }),
    };
    for it in sg.iter() {
        match it {
            SignatureItem::Value(id, vd) if matches!(vd.kind, ValueKind::Regular) => {
                let safe = match desc(ctype::expand_head(env, vd.ty)) {
                    TypeDesc::Arrow(..) => true,
                    TypeDesc::Constr(p, _) => p == predef::path_lazy_t(),
                    _ => false,
                };
                if !safe {
                    return Some(Unsafe { loc: vd.loc.clone(), what: "value", name: id.name().to_string() });
                }
            }
            SignatureItem::TypeExt(id, ext, _) => {
                return Some(Unsafe { loc: ext.loc.clone(), what: "extension constructor", name: id.name().to_string() })
            }
            SignatureItem::Module(id, md, _) => {
                if let Some(u) = unsafe_component(env, &md.mty, id.name(), &md.loc) {
                    return Some(u);
                }
            }
            _ => {}
        }
    }
    None
}

#[derive(Clone, Copy, PartialEq)]
enum Status {
    Undefined,
    /// Being defined; the module whose body led here, if any.
    InProgress(Option<usize>),
    Defined,
}

/// Refuses the group when an unsafe module depends, through unsafe modules only, on itself.
/// The walk is the one OCaml does: from each module in order, an unsafe module's dependencies
/// (every module of the group its body mentions) are visited before it.
pub fn check(env: &Env, group: &[RecBinding]) -> Result<(), TranslError> {
    let unsafe_parts: Vec<Option<Unsafe>> = group.iter().map(|b| unsafe_component(env, b.mty, &b.name, &b.loc)).collect();
    let uses: Vec<_> = group.iter().map(|b| crate::middle::closure::free_vars(b.body)).collect();
    let mut status = vec![Status::Undefined; group.len()];

    fn visit(i: usize, parent: Option<usize>, ctx: &mut (&[RecBinding], &[Option<Unsafe>], &[std::collections::BTreeSet<Var>], &mut Vec<Status>)) -> Result<(), usize> {
        match ctx.3[i] {
            Status::Defined => Ok(()),
            Status::InProgress(_) => {
                ctx.3[i] = Status::InProgress(parent);
                Err(i)
            }
            Status::Undefined => {
                if ctx.1[i].is_some() {
                    ctx.3[i] = Status::InProgress(parent);
                    for j in 0..ctx.0.len() {
                        if ctx.2[i].contains(&ctx.0[j].var) {
                            visit(j, Some(i), ctx)?;
                        }
                    }
                }
                ctx.3[i] = Status::Defined;
                Ok(())
            }
        }
    }

    let mut ctx = (group, &unsafe_parts[..], &uses[..], &mut status);
    for i in 0..group.len() {
        if ctx.3[i] == Status::Undefined {
            if let Err(start) = visit(i, None, &mut ctx) {
                // The cycle, read back through the parents from where it closed.
                let mut cycle = Vec::new();
                let mut k = start;
                loop {
                    let Status::InProgress(Some(p)) = ctx.3[k] else { break };
                    cycle.push(p);
                    if p == start {
                        break;
                    }
                    k = p;
                }
                cycle.reverse();
                return Err(cycle_error(group, &unsafe_parts, &cycle, &group[start].loc));
            }
        }
    }
    Ok(())
}

fn cycle_error(group: &[RecBinding], unsafe_parts: &[Option<Unsafe>], cycle: &[usize], loc: &Location) -> TranslError {
    let mut f = Formatter::new(78);
    f.string("Error: ");
    f.p("@[Cannot safely evaluate the definition of the following cycle@ of recursively-defined modules:@ ");
    for (n, &i) in cycle.iter().enumerate() {
        if n > 0 {
            f.p(" ->@ ");
        }
        f.string(&group[i].name);
    }
    if let Some(&first) = cycle.first() {
        f.string(&format!(" -> {}", group[first].name));
    }
    f.p(".@ There are no safe modules in this cycle@ (see manual section 10.2).@]");
    f.flush();
    let text = f.take();
    let msg = text.strip_prefix("Error: ").unwrap_or(&text).to_string();
    let notes = cycle
        .iter()
        .filter_map(|&i| {
            let u = unsafe_parts[i].as_ref()?;
            Some((u.loc.clone(), format!("Module {} defines an unsafe {}, {} .", group[i].name, u.what, u.name)))
        })
        .collect();
    TranslError { loc: loc.clone(), msg, notes }
}
