//! The clause matrix of the match compiler: occurrences (the values being matched, one per
//! column), rows (the patterns still to test, the variables bound so far, the action), and the
//! operations on it that do not emit code: normalising cells, splitting or-patterns into rows,
//! choosing the column to test.

use super::core::ident_var;
use super::match_knowledge::Path;
use crate::lambda::Var;
use crate::typing::typedtree::{self as T, PatternDesc as D};
use crate::typing::types::ConstructorTag;

/// A value under test: the variable holding it and, when it sits at an immutable position of
/// the scrutinee, its path (what the knowledge is about).
#[derive(Clone, Debug)]
pub struct Occ {
    pub var: Var,
    pub path: Option<Path>,
}

impl Occ {
    /// The occurrence of field `i` of this one; `immutable` says whether the field can change.
    pub fn field(&self, var: Var, i: usize, immutable: bool) -> Occ {
        let path = match (&self.path, immutable) {
            (Some(p), true) => Some(p.iter().copied().chain(std::iter::once(i)).collect()),
            _ => None,
        };
        Occ { var, path }
    }
}

/// One clause of the matrix. A cell is `None` when it matches anything without binding.
#[derive(Clone, Debug)]
pub struct Row<'p> {
    pub cells: Vec<Option<&'p T::Pattern>>,
    /// Pattern variables bound so far: (the variable of the identifier, the occurrence's).
    pub binds: Vec<(Var, Var)>,
    /// Index of the case (or of the alternative action) this row leads to.
    pub action: usize,
}

impl<'p> Row<'p> {
    pub fn is_all_wild(&self) -> bool {
        self.cells.iter().all(|c| c.is_none())
    }
}

/// Peels variables and aliases off a cell, recording what they bind, and turns `_` into `None`.
fn normalize_cell<'p>(mut cell: Option<&'p T::Pattern>, occ: &Occ, binds: &mut Vec<(Var, Var)>) -> Option<&'p T::Pattern> {
    while let Some(p) = cell {
        match &p.desc {
            D::Any => cell = None,
            D::Var(id, _) => {
                binds.push((ident_var(id), occ.var.clone()));
                cell = None;
            }
            D::Alias(q, id, _) => {
                binds.push((ident_var(id), occ.var.clone()));
                cell = Some(q);
            }
            _ => break,
        }
    }
    cell
}

/// Normalises every cell of every row.
pub fn normalize(rows: &mut [Row<'_>], occs: &[Occ]) {
    for row in rows {
        for (c, occ) in occs.iter().enumerate() {
            row.cells[c] = normalize_cell(row.cells[c], occ, &mut row.binds);
        }
    }
}

/// Drops the columns where no row tests anything.
pub fn drop_wild_columns(occs: &mut Vec<Occ>, rows: &mut [Row<'_>]) {
    let keep: Vec<bool> = (0..occs.len()).map(|c| rows.iter().any(|r| r.cells[c].is_some())).collect();
    if keep.iter().all(|k| *k) {
        return;
    }
    let mut i = 0;
    occs.retain(|_| {
        i += 1;
        keep[i - 1]
    });
    for row in rows {
        let mut i = 0;
        row.cells.retain(|_| {
            i += 1;
            keep[i - 1]
        });
    }
}

fn has_or_at(rows: &[Row<'_>], c: usize) -> bool {
    rows.iter().any(|r| matches!(r.cells[c], Some(p) if matches!(p.desc, D::Or(..))))
}

/// Replaces each row whose cell `c` is an or-pattern by one row per alternative (in order),
/// sharing the row's action. Returns `None` when column `c` has no or-pattern.
pub fn split_or<'p>(rows: &[Row<'p>], c: usize, occ: &Occ) -> Option<Vec<Row<'p>>> {
    if !has_or_at(rows, c) {
        return None;
    }
    fn alternatives<'p>(p: &'p T::Pattern, out: &mut Vec<&'p T::Pattern>) {
        match &p.desc {
            D::Or(a, b) => {
                alternatives(a, out);
                alternatives(b, out);
            }
            _ => out.push(p),
        }
    }
    let mut result = Vec::new();
    for row in rows {
        match row.cells[c] {
            Some(p) if matches!(p.desc, D::Or(..)) => {
                let mut alts = Vec::new();
                alternatives(p, &mut alts);
                for alt in alts {
                    let mut r = row.clone();
                    r.cells[c] = normalize_cell(Some(alt), occ, &mut r.binds);
                    result.push(r);
                }
            }
            _ => result.push(row.clone()),
        }
    }
    Some(result)
}

/// A pattern that matches every value of its type, once decomposed (tuples, records, the
/// constructor of a type that has only one). Such a column is expanded for all rows at once.
pub fn is_irrefutable_head(p: &T::Pattern) -> bool {
    match &p.desc {
        D::Tuple(_) | D::Record(..) => true,
        D::Construct(_, cd, _) => match cd.tag {
            ConstructorTag::Unboxed => true,
            ConstructorTag::Constant(_) | ConstructorTag::Block(_) => cd.consts + cd.nonconsts == 1,
            ConstructorTag::Extension(_) => false,
        },
        D::Or(a, _) => is_irrefutable_head(a),
        _ => false,
    }
}

/// The column to test next (`rows` is not empty and its first row still tests something).
/// Irrefutable structures are decomposed first; then the column that the first row needs
/// and that the longest run of rows from the top tests too, so that one switch serves them all.
pub fn choose_column(rows: &[Row<'_>]) -> usize {
    let width = rows[0].cells.len();
    for c in 0..width {
        if rows.iter().filter_map(|r| r.cells[c]).next().is_some_and(is_irrefutable_head) {
            return c;
        }
    }
    let mut best = (0, 0);
    for c in 0..width {
        if rows[0].cells[c].is_none() {
            continue;
        }
        let run = rows.iter().take_while(|r| r.cells[c].is_some()).count();
        if run > best.1 {
            best = (c, run);
        }
    }
    best.0
}

/// Whether the pattern contains an or-pattern (a guarded row with one may reach its guard
/// from several leaves).
pub fn has_or(p: &T::Pattern) -> bool {
    match &p.desc {
        D::Any | D::Var(..) | D::Constant(_) => false,
        D::Or(..) => true,
        D::Alias(q, _, _) | D::Lazy(q) => has_or(q),
        D::Tuple(ps) | D::Array(ps) | D::Construct(_, _, ps) => ps.iter().any(has_or),
        D::Record(fs, _) => fs.iter().any(|(_, _, q)| has_or(q)),
        D::Variant(_, q) => q.as_deref().is_some_and(has_or),
    }
}
