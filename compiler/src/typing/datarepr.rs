//! Constructor and label descriptions computed from type declarations: tags, arities,
//! record representations -- what uses of constructors and fields need.

use super::ident::Ident;
use super::path::Path;
use super::types::*;
use std::rc::Rc;

fn decl_result_type(path: &Path, decl: &TypeDeclaration) -> TypeExpr {
    new_generic(TypeDesc::Constr(path.clone(), decl.params.clone().into()))
}

/// Label descriptions of a record with the given representation and result type.
pub fn labels(type_path: &Path, res: TypeExpr, lbls: &[LabelDeclaration], repr: RecordRepr, private: bool) -> Vec<Rc<LabelDescription>> {
    let all: Rc<[Rc<str>]> = lbls.iter().map(|l| l.id.name.clone()).collect();
    lbls.iter()
        .enumerate()
        .map(|(pos, l)| {
            Rc::new(LabelDescription {
                name: l.id.name.clone(),
                res,
                arg: l.ty,
                mutable: l.mutable,
                pos,
                all: all.clone(),
                repr,
                private,
                loc: l.loc.clone(),
                type_path: type_path.clone(),
            })
        })
        .collect()
}

/// Constructor descriptions of a variant type, in declaration order.
pub fn constructors(type_path: &Path, decl: &TypeDeclaration) -> Vec<Rc<ConstructorDescription>> {
    let TypeKind::Variant(cstrs) = &decl.kind else { return vec![] };
    let consts = cstrs.iter().filter(|c| c.args.is_empty()).count();
    let nonconsts = cstrs.len() - consts;
    let default_res = decl_result_type(type_path, decl);
    let (mut ci, mut bi) = (0, 0);
    cstrs
        .iter()
        .map(|c| {
            let tag = if decl.unboxed {
                ConstructorTag::Unboxed
            } else if c.args.is_empty() {
                ci += 1;
                ConstructorTag::Constant(ci - 1)
            } else {
                bi += 1;
                ConstructorTag::Block(bi - 1)
            };
            let res = c.res.unwrap_or(default_res);
            let (args, inline_record) = match &c.args {
                ConstructorArgs::Tuple(ts) => (ts.clone(), None),
                ConstructorArgs::Record(ls) => {
                    let rpath = Path::dot(type_path, c.id.name());
                    let rty = inline_record_type(&rpath, decl, res);
                    let repr = match tag {
                        ConstructorTag::Block(t) => RecordRepr::Inlined { tag: t },
                        _ => RecordRepr::Unboxed,
                    };
                    let descs: Rc<[Rc<LabelDescription>]> = labels(&rpath, rty, ls, repr, decl.private).into();
                    (vec![rty], Some(descs))
                }
            };
            Rc::new(ConstructorDescription {
                name: c.id.name.clone(),
                res,
                existentials: vec![],
                arity: args.len(),
                args,
                tag,
                consts,
                nonconsts,
                generalized: c.res.is_some(),
                private: decl.private,
                loc: c.loc.clone(),
                inline_record,
                type_path: type_path.clone(),
            })
        })
        .collect()
}

/// The type of the inline record of a constructor: `t.C` applied to the type's parameters.
fn inline_record_type(rpath: &Path, decl: &TypeDeclaration, res: TypeExpr) -> TypeExpr {
    let args: Rc<[TypeExpr]> = match desc(res) {
        TypeDesc::Constr(_, args) => args,
        _ => decl.params.clone().into(),
    };
    new_generic(TypeDesc::Constr(rpath.clone(), args))
}

/// The last component of the path of an extension constructor's inline record type
/// (`E.#record`; never printed: OCaml refuses to let such a type escape).
pub const INLINE_RECORD: &str = "#record";

/// Description of an extension constructor (including exceptions).
pub fn extension(path: &Path, id: &Ident, ext: &ExtensionConstructor) -> Rc<ConstructorDescription> {
    let res = ext
        .ret_type
        .unwrap_or_else(|| new_generic(TypeDesc::Constr(ext.type_path.clone(), ext.type_params.clone().into())));
    let (args, inline_record) = match &ext.args {
        ConstructorArgs::Tuple(ts) => (ts.clone(), None),
        ConstructorArgs::Record(ls) => {
            // Named after the constructor (unique), not the extended type (`exn`).
            let rpath = Path::dot(path, INLINE_RECORD);
            let rty = new_generic(TypeDesc::Constr(rpath.clone(), ext.type_params.clone().into()));
            let descs: Rc<[Rc<LabelDescription>]> = labels(&rpath, rty, ls, RecordRepr::Extension, ext.private).into();
            (vec![rty], Some(descs))
        }
    };
    Rc::new(ConstructorDescription {
        name: id.name.clone(),
        res,
        existentials: vec![],
        arity: args.len(),
        args,
        tag: ConstructorTag::Extension(path.clone()),
        consts: 0,
        nonconsts: 0,
        generalized: ext.ret_type.is_some(),
        private: ext.private,
        loc: ext.loc.clone(),
        inline_record,
        type_path: ext.type_path.clone(),
    })
}

/// Labels of a record type declaration.
pub fn record_labels(type_path: &Path, decl: &TypeDeclaration) -> Vec<Rc<LabelDescription>> {
    match &decl.kind {
        TypeKind::Record(ls, repr) => labels(type_path, decl_result_type(type_path, decl), ls, *repr, decl.private),
        _ => vec![],
    }
}
