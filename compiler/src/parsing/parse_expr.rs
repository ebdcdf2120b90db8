//! Expressions: precedence climbing over OCaml's operator table, keyword constructs
//! (let, fun, match, if, ...) parsed as greedy prefix forms, and simple expressions.

use super::asttypes::*;
use super::location::{Loc, Located, Location, Position};
use super::longident::Longident;
use super::parser::*;
use super::parsetree::*;
use super::token::Token;

// Binding strength of the operators that may follow an expression (higher binds tighter),
// in the order of OCaml's precedence table.
const L_LESSMINUS: u8 = 1;
const L_COLONEQUAL: u8 = 2;
const L_COMMA: u8 = 5;
const L_OR: u8 = 7;
const L_AND: u8 = 8;
const L_INFIX0: u8 = 9;
const L_INFIX1: u8 = 10;
const L_ATTR: u8 = 11;
const L_CONS: u8 = 12;
const L_INFIX2: u8 = 13;
const L_INFIX3: u8 = 14;
const L_INFIX4: u8 = 15;
const L_UNARY: u8 = 16;

/// What an expression looked like syntactically, for the forms `x <- e`, `e.l <- e` and
/// `e.(i) <- e`, which are only allowed when the left side is written exactly so.
#[derive(Clone)]
pub(super) enum Shape {
    Other,
    /// A bare lowercase identifier (an instance variable).
    Label,
    /// `e.l`: the record and the label.
    Field,
    /// `e.(i)` and friends: enough to rebuild the setter.
    Index(IndexOp),
    /// A constructor or polymorphic variant tag that may still take an argument.
    Constr,
    Variant,
}

#[derive(Clone)]
pub(super) struct IndexOp {
    kind: IndexKind,
    array: Box<Expression>,
    indices: Vec<Expression>,
    /// Start of the whole `a.(i)` expression.
    start: Position,
}

#[derive(Clone)]
enum IndexKind {
    /// `.(`, `.[`, `.{`
    Builtin(char),
    /// user operator: name with its module path, bracket kind, multi-index
    User(Option<Longident>, String, char, bool),
}

enum Assoc {
    Left,
    Right,
}

fn infix_info(t: &Token) -> Option<(u8, Assoc, String)> {
    use Token::*;
    Some(match t {
        ColonEqual => (L_COLONEQUAL, Assoc::Right, ":=".into()),
        Or => (L_OR, Assoc::Right, "or".into()),
        BarBar => (L_OR, Assoc::Right, "||".into()),
        Ampersand => (L_AND, Assoc::Right, "&".into()),
        AmperAmper => (L_AND, Assoc::Right, "&&".into()),
        InfixOp0(s) => (L_INFIX0, Assoc::Left, s.clone()),
        Equal => (L_INFIX0, Assoc::Left, "=".into()),
        Less => (L_INFIX0, Assoc::Left, "<".into()),
        Greater => (L_INFIX0, Assoc::Left, ">".into()),
        InfixOp1(s) => (L_INFIX1, Assoc::Right, s.clone()),
        InfixOp2(s) => (L_INFIX2, Assoc::Left, s.clone()),
        Plus => (L_INFIX2, Assoc::Left, "+".into()),
        PlusDot => (L_INFIX2, Assoc::Left, "+.".into()),
        Minus => (L_INFIX2, Assoc::Left, "-".into()),
        MinusDot => (L_INFIX2, Assoc::Left, "-.".into()),
        PlusEq => (L_INFIX2, Assoc::Left, "+=".into()),
        Percent => (L_INFIX3, Assoc::Left, "%".into()),
        InfixOp3(s) => (L_INFIX3, Assoc::Left, s.clone()),
        Star => (L_INFIX3, Assoc::Left, "*".into()),
        InfixOp4(s) => (L_INFIX4, Assoc::Right, s.clone()),
        _ => return None,
    })
}

/// Tokens that can start a `simple_expr` (and so an argument or constructor argument).
pub(super) fn starts_simple_expr(t: &Token) -> bool {
    use Token::*;
    matches!(
        t,
        Lident(_)
            | Uident(_)
            | Int(..)
            | Float(..)
            | Char(_)
            | String(..)
            | True
            | False
            | LParen
            | LBracket
            | LBracketBar
            | LBrace
            | LBraceLess
            | Begin
            | New
            | Object
            | PrefixOp(_)
            | Bang
            | Backquote
            | LBracketPercent
            | QuotedStringExpr(..)
    )
}

fn starts_argument(t: &Token) -> bool {
    starts_simple_expr(t) || matches!(t, Token::Label(_) | Token::OptLabel(_) | Token::Tilde | Token::Question)
}

/// Tokens that can start an `expr` (used after `;` to decide whether a sequence goes on).
pub(super) fn starts_expr(t: &Token) -> bool {
    use Token::*;
    starts_simple_expr(t)
        || matches!(
            t,
            Let | LetOp(_)
                | Fun
                | Function
                | Match
                | Try
                | If
                | While
                | For
                | Assert
                | Lazy
                | Minus
                | MinusDot
                | Plus
                | PlusDot
        )
}

fn negate_string(s: &str) -> String {
    match s.strip_prefix('-') {
        Some(r) => r.to_string(),
        None => format!("-{}", s),
    }
}

/// The text of an operator token usable in `( op )`, if it is one.
pub(super) fn operator_name(t: &Token) -> Option<String> {
    use Token::*;
    Some(match t {
        PrefixOp(s) | InfixOp0(s) | InfixOp1(s) | InfixOp2(s) | InfixOp3(s) | InfixOp4(s) | HashOp(s) | LetOp(s) | AndOp(s) => s.clone(),
        Bang => "!".into(),
        Star => "*".into(),
        Percent => "%".into(),
        Equal => "=".into(),
        Less => "<".into(),
        Greater => ">".into(),
        Or => "or".into(),
        BarBar => "||".into(),
        Ampersand => "&".into(),
        AmperAmper => "&&".into(),
        ColonEqual => ":=".into(),
        Plus => "+".into(),
        PlusDot => "+.".into(),
        Minus => "-".into(),
        MinusDot => "-.".into(),
        PlusEq => "+=".into(),
        _ => return None,
    })
}

impl<'a> Parser<'a> {
    /// `seq_expr`: expressions separated by `;`, with an optional trailing `;`.
    pub(super) fn seq_expr(&mut self) -> PResult<Expression> {
        let start = self.cur_start();
        let e = self.expr()?;
        if !self.at(&Token::Semi) {
            return Ok(e);
        }
        self.bump();
        if self.at(&Token::Percent) {
            // `e; %ext e'`
            self.bump();
            let id = self.attr_id()?;
            let rest = self.seq_expr()?;
            let loc = self.loc_from(&start);
            let seq = mkexp(ExpressionDesc::Sequence(Box::new(e), Box::new(rest)), loc.clone());
            let item = StructureItem { loc: seq.loc.clone(), desc: StructureItemDesc::Eval(seq, vec![]) };
            return Ok(mkexp(ExpressionDesc::Extension((id, Payload::Str(vec![item]))), loc.to_ghost()));
        }
        if !starts_expr(self.peek()) {
            return Ok(e);
        }
        let rest = self.seq_expr()?;
        Ok(mkexp(ExpressionDesc::Sequence(Box::new(e), Box::new(rest)), self.loc_from(&start)))
    }

    pub(super) fn expr(&mut self) -> PResult<Expression> {
        self.expr_at(0)
    }

    /// An expression whose operators all bind at least as tightly as `min`.
    pub(super) fn expr_at(&mut self, min: u8) -> PResult<Expression> {
        let start = self.cur_start();
        let (mut lhs, mut shape) = self.expr_unary()?;
        loop {
            let tok = self.peek().clone();
            match tok {
                // `<-` directly after `x`, `e.l` or `e.(i)` always belongs to them.
                Token::LessMinus if min <= L_LESSMINUS || matches!(shape, Shape::Label | Shape::Field | Shape::Index(_)) => {
                    self.bump();
                    let rhs = self.expr_at(L_LESSMINUS + 1)?;
                    let loc = self.loc_from(&start);
                    lhs = match shape {
                        Shape::Label => match lhs.desc {
                            ExpressionDesc::Ident(Located { txt: Longident::Lident(name), loc: nloc }) => {
                                mkexp(ExpressionDesc::Setinstvar(Located::new(name, nloc), Box::new(rhs)), loc)
                            }
                            _ => return Err(self.error()),
                        },
                        Shape::Field => match lhs.desc {
                            ExpressionDesc::Field(r, l) => mkexp(ExpressionDesc::Setfield(r, l, Box::new(rhs)), loc),
                            _ => return Err(self.error()),
                        },
                        Shape::Index(ix) => self.index_set(ix, rhs),
                        _ => {
                            // OCaml rejects `e <- e` for any other left side at the `<-`.
                            return Err(crate::parsing::error::SyntaxError::generic(self.last_loc()));
                        }
                    };
                    shape = Shape::Other;
                }
                Token::Comma if min <= L_COMMA => {
                    let mut elems = vec![lhs];
                    while self.eat(&Token::Comma) {
                        elems.push(self.expr_at(L_COMMA + 1)?);
                    }
                    lhs = mkexp(ExpressionDesc::Tuple(elems), self.loc_from(&start));
                    shape = Shape::Other;
                }
                Token::LBracketAt if min <= L_ATTR => {
                    let a = self.attribute_with(&Token::LBracketAt)?;
                    lhs.attributes.push(a);
                    shape = Shape::Other;
                }
                Token::ColonColon if min <= L_CONS => {
                    self.bump();
                    let oploc = self.last_loc();
                    let rhs = self.expr_at(L_CONS)?;
                    let loc = self.loc_from(&start);
                    let arg = mkexp(ExpressionDesc::Tuple(vec![lhs, rhs]), loc.to_ghost());
                    lhs = mkexp(ExpressionDesc::Construct(lid_loc("::", oploc), Some(Box::new(arg))), loc);
                    shape = Shape::Other;
                }
                _ => match infix_info(&tok) {
                    Some((lvl, assoc, name)) if lvl >= min => {
                        self.bump();
                        let oploc = self.last_loc();
                        let rhs = match assoc {
                            Assoc::Left => self.expr_at(lvl + 1)?,
                            Assoc::Right => self.expr_at(lvl)?,
                        };
                        let op = mkexp(ExpressionDesc::Ident(lid_loc(&name, oploc.clone())), oploc);
                        lhs = mkexp(
                            ExpressionDesc::Apply(Box::new(op), vec![(ArgLabel::Nolabel, lhs), (ArgLabel::Nolabel, rhs)]),
                            self.loc_from(&start),
                        );
                        shape = Shape::Other;
                    }
                    _ => break,
                },
            }
        }
        Ok(lhs)
    }

    /// Prefix forms: unary minus/plus, keyword constructs, application, constructor
    /// application, `assert`, `lazy`.
    fn expr_unary(&mut self) -> PResult<(Expression, Shape)> {
        let start = self.cur_start();
        let tok = self.peek().clone();
        match tok {
            Token::Minus | Token::MinusDot | Token::Plus | Token::PlusDot => {
                self.bump();
                let oploc = self.last_loc();
                let name = match tok {
                    Token::Minus => "-",
                    Token::MinusDot => "-.",
                    Token::Plus => "+",
                    _ => "+.",
                };
                let arg = self.expr_at(L_UNARY)?;
                let loc = self.loc_from(&start);
                let desc = if name.starts_with('-') {
                    match (&arg.desc, name) {
                        (ExpressionDesc::Constant(Constant::Integer(n, m)), "-") => {
                            ExpressionDesc::Constant(Constant::Integer(negate_string(n), *m))
                        }
                        (ExpressionDesc::Constant(Constant::Float(f, m)), _) => ExpressionDesc::Constant(Constant::Float(negate_string(f), *m)),
                        _ => {
                            let op = mkexp(ExpressionDesc::Ident(lid_loc(&format!("~{}", name), oploc.clone())), oploc);
                            ExpressionDesc::Apply(Box::new(op), vec![(ArgLabel::Nolabel, arg)])
                        }
                    }
                } else {
                    match (&arg.desc, name) {
                        (ExpressionDesc::Constant(Constant::Integer(..)), "+") | (ExpressionDesc::Constant(Constant::Float(..)), _) => arg.desc,
                        _ => {
                            let op = mkexp(ExpressionDesc::Ident(lid_loc(&format!("~{}", name), oploc.clone())), oploc);
                            ExpressionDesc::Apply(Box::new(op), vec![(ArgLabel::Nolabel, arg)])
                        }
                    }
                };
                Ok((mkexp(desc, loc), Shape::Other))
            }
            Token::Let => Ok((self.let_expr()?, Shape::Other)),
            Token::LetOp(_) => Ok((self.letop_expr()?, Shape::Other)),
            Token::Fun => Ok((self.fun_expr()?, Shape::Other)),
            Token::Function => {
                self.bump();
                let (ext, attrs) = self.ext_attributes()?;
                let cases = self.match_cases()?;
                let loc = self.loc_from(&start);
                Ok((wrap_exp_attrs(mkexp(ExpressionDesc::Function(cases), loc.clone()), ext, attrs, &loc), Shape::Other))
            }
            Token::Match | Token::Try => {
                self.bump();
                let (ext, attrs) = self.ext_attributes()?;
                let scrut = self.seq_expr()?;
                self.expect(&Token::With)?;
                let cases = self.match_cases()?;
                let loc = self.loc_from(&start);
                let desc = if tok == Token::Match {
                    ExpressionDesc::Match(Box::new(scrut), cases)
                } else {
                    ExpressionDesc::Try(Box::new(scrut), cases)
                };
                Ok((wrap_exp_attrs(mkexp(desc, loc.clone()), ext, attrs, &loc), Shape::Other))
            }
            Token::If => {
                self.bump();
                let (ext, attrs) = self.ext_attributes()?;
                let cond = self.seq_expr()?;
                self.expect(&Token::Then)?;
                let then_ = self.expr_at(L_LESSMINUS)?;
                let else_ = if self.eat(&Token::Else) { Some(Box::new(self.expr_at(L_LESSMINUS)?)) } else { None };
                let loc = self.loc_from(&start);
                let e = mkexp(ExpressionDesc::IfThenElse(Box::new(cond), Box::new(then_), else_), loc.clone());
                Ok((wrap_exp_attrs(e, ext, attrs, &loc), Shape::Other))
            }
            Token::While => {
                self.bump();
                let (ext, attrs) = self.ext_attributes()?;
                let cond = self.seq_expr()?;
                let do_loc = self.cur_loc();
                self.expect(&Token::Do)?;
                let body = self.seq_expr()?;
                self.expect_closing(&Token::Done, &do_loc, "do", "done")?;
                let loc = self.loc_from(&start);
                let e = mkexp(ExpressionDesc::While(Box::new(cond), Box::new(body)), loc.clone());
                Ok((wrap_exp_attrs(e, ext, attrs, &loc), Shape::Other))
            }
            Token::For => {
                self.bump();
                let (ext, attrs) = self.ext_attributes()?;
                let pat = self.pattern()?;
                self.expect(&Token::Equal)?;
                let lo = self.seq_expr()?;
                let dir = match self.peek() {
                    Token::To => DirectionFlag::Upto,
                    Token::Downto => DirectionFlag::Downto,
                    _ => return Err(self.error()),
                };
                self.bump();
                let hi = self.seq_expr()?;
                let do_loc = self.cur_loc();
                self.expect(&Token::Do)?;
                let body = self.seq_expr()?;
                self.expect_closing(&Token::Done, &do_loc, "do", "done")?;
                let loc = self.loc_from(&start);
                let e = mkexp(ExpressionDesc::For(Box::new(pat), Box::new(lo), Box::new(hi), dir, Box::new(body)), loc.clone());
                Ok((wrap_exp_attrs(e, ext, attrs, &loc), Shape::Other))
            }
            Token::Assert | Token::Lazy => {
                self.bump();
                let (ext, attrs) = self.ext_attributes()?;
                let (arg, _) = self.simple_expr()?;
                let loc = self.loc_from(&start);
                let desc = if tok == Token::Assert { ExpressionDesc::Assert(Box::new(arg)) } else { ExpressionDesc::Lazy(Box::new(arg)) };
                Ok((wrap_exp_attrs(mkexp(desc, loc.clone()), ext, attrs, &loc), Shape::Other))
            }
            _ => {
                let (head, shape) = self.simple_expr()?;
                match shape {
                    Shape::Constr | Shape::Variant if starts_simple_expr(self.peek()) => {
                        let (arg, _) = self.simple_expr()?;
                        let loc = self.loc_from(&start);
                        let desc = match head.desc {
                            ExpressionDesc::Construct(lid, None) => ExpressionDesc::Construct(lid, Some(Box::new(arg))),
                            ExpressionDesc::Variant(tag, None) => ExpressionDesc::Variant(tag, Some(Box::new(arg))),
                            _ => return Err(self.error()),
                        };
                        Ok((mkexp(desc, loc), Shape::Other))
                    }
                    _ if starts_argument(self.peek()) => {
                        let mut args = Vec::new();
                        while starts_argument(self.peek()) {
                            args.push(self.labeled_simple_expr()?);
                        }
                        let loc = self.loc_from(&start);
                        Ok((mkexp(ExpressionDesc::Apply(Box::new(head), args), loc), Shape::Other))
                    }
                    _ => Ok((head, shape)),
                }
            }
        }
    }

    /// An argument: `e`, `~l`, `~l:e`, `?l`, `?l:e`.
    fn labeled_simple_expr(&mut self) -> PResult<(ArgLabel, Expression)> {
        match self.peek().clone() {
            Token::Label(l) => {
                self.bump();
                let (e, _) = self.simple_expr()?;
                Ok((ArgLabel::Labelled(l), e))
            }
            Token::OptLabel(l) => {
                self.bump();
                let (e, _) = self.simple_expr()?;
                Ok((ArgLabel::Optional(l), e))
            }
            t @ (Token::Tilde | Token::Question) => {
                self.bump();
                let name = self.lident()?;
                let e = mkexp(ExpressionDesc::Ident(name.clone().map(Longident::Lident)), name.loc.clone());
                let label = if t == Token::Tilde { ArgLabel::Labelled(name.txt) } else { ArgLabel::Optional(name.txt) };
                Ok((label, e))
            }
            _ => {
                let (e, _) = self.simple_expr()?;
                Ok((ArgLabel::Nolabel, e))
            }
        }
    }

    // -----------------------------------------------------------------------------------------
    // Simple expressions

    pub(super) fn simple_expr(&mut self) -> PResult<(Expression, Shape)> {
        let start = self.cur_start();
        let (mut e, mut shape) = self.simple_expr_atom()?;
        loop {
            if let Some(k) = self.qualified_dotop_ahead() {
                // `e.M.N.%(i)`
                self.bump();
                let m = self.mod_longident()?;
                let _ = k;
                let op = match self.bump().tok {
                    Token::DotOp(op) => op,
                    _ => return Err(self.error()),
                };
                let ix = self.user_index(e, Some(m.txt), op, &start)?;
                e = self.index_get(&ix);
                shape = Shape::Index(ix);
                continue;
            }
            match self.peek().clone() {
                Token::Dot => match self.peek_n(1).clone() {
                    Token::Lident(_) | Token::Uident(_) => {
                        self.bump();
                        let lid = self.label_longident()?;
                        e = mkexp(ExpressionDesc::Field(Box::new(e), lid), self.loc_from(&start));
                        shape = Shape::Field;
                    }
                    Token::LParen | Token::LBracket | Token::LBrace => {
                        self.bump();
                        let ix = self.builtin_index(e, &start)?;
                        e = self.index_get(&ix);
                        shape = Shape::Index(ix);
                    }
                    _ => return Err(self.error_at_next()),
                },
                Token::DotOp(op) => {
                    self.bump();
                    let ix = self.user_index(e, None, op, &start)?;
                    e = self.index_get(&ix);
                    shape = Shape::Index(ix);
                }
                Token::Hash if matches!(self.peek_n(1), Token::Lident(_)) => {
                    self.bump();
                    let m = self.lident()?;
                    e = mkexp(ExpressionDesc::Send(Box::new(e), m), self.loc_from(&start));
                    shape = Shape::Other;
                }
                Token::HashOp(op) => {
                    self.bump();
                    let oploc = self.last_loc();
                    let (rhs, _) = self.simple_expr_atom_with_postfix_dot()?;
                    let f = mkexp(ExpressionDesc::Ident(lid_loc(&op, oploc.clone())), oploc);
                    e = mkexp(ExpressionDesc::Apply(Box::new(f), vec![(ArgLabel::Nolabel, e), (ArgLabel::Nolabel, rhs)]), self.loc_from(&start));
                    shape = Shape::Other;
                }
                _ => break,
            }
        }
        Ok((e, shape))
    }

    /// If the tokens ahead are `. M . N .%`, the index of the operator token.
    fn qualified_dotop_ahead(&self) -> Option<usize> {
        if *self.peek() != Token::Dot {
            return None;
        }
        let mut k = 1;
        loop {
            if !matches!(self.peek_n(k), Token::Uident(_)) {
                return None;
            }
            match self.peek_n(k + 1) {
                Token::DotOp(_) => return Some(k + 1),
                Token::Dot => k += 2,
                _ => return None,
            }
        }
    }

    /// Right operand of a `#op` operator: a simple expression with `.` postfixes only
    /// (`#op` is left-associative and binds less than `.`).
    fn simple_expr_atom_with_postfix_dot(&mut self) -> PResult<(Expression, Shape)> {
        let start = self.cur_start();
        let (mut e, mut shape) = self.simple_expr_atom()?;
        loop {
            match self.peek().clone() {
                Token::Dot => match self.peek_n(1).clone() {
                    Token::Lident(_) | Token::Uident(_) => {
                        self.bump();
                        let lid = self.label_longident()?;
                        e = mkexp(ExpressionDesc::Field(Box::new(e), lid), self.loc_from(&start));
                        shape = Shape::Field;
                    }
                    Token::LParen | Token::LBracket | Token::LBrace => {
                        self.bump();
                        let ix = self.builtin_index(e, &start)?;
                        e = self.index_get(&ix);
                        shape = Shape::Index(ix);
                    }
                    _ => return Err(self.error_at_next()),
                },
                Token::DotOp(op) => {
                    self.bump();
                    let ix = self.user_index(e, None, op, &start)?;
                    e = self.index_get(&ix);
                    shape = Shape::Index(ix);
                }
                _ => break,
            }
        }
        Ok((e, shape))
    }

    fn error_at_next(&mut self) -> crate::parsing::error::SyntaxError {
        self.bump();
        self.error()
    }

    /// `label_longident`: `l` or `M.N.l`.
    pub(super) fn label_longident(&mut self) -> PResult<Loc<Longident>> {
        self.lower_longident(false)
    }

    /// After `e.` with a bracket next: `e.(i)`, `e.[i]`, `e.{i,j}`, or `e.M.%(i)`.
    fn builtin_index(&mut self, array: Expression, start: &Position) -> PResult<IndexOp> {
        let open_loc = self.cur_loc();
        let open = self.bump().tok;
        let (close, o, c, kind) = match open {
            Token::LParen => (Token::RParen, "(", ")", '('),
            Token::LBracket => (Token::RBracket, "[", "]", '['),
            _ => (Token::RBrace, "{", "}", '{'),
        };
        let idx = self.seq_expr()?;
        self.expect_closing(&close, &open_loc, o, c)?;
        let indices = if kind == '{' {
            match idx.desc {
                ExpressionDesc::Tuple(v) if idx.attributes.is_empty() => v,
                _ => vec![idx],
            }
        } else {
            vec![idx]
        };
        Ok(IndexOp { kind: IndexKind::Builtin(kind), array: Box::new(array), indices, start: start.clone() })
    }

    /// After a user index operator `.%` (optionally qualified `e.M.%`).
    fn user_index(&mut self, array: Expression, path: Option<Longident>, op: String, start: &Position) -> PResult<IndexOp> {
        let open_loc = self.cur_loc();
        let (close, o, c, kind) = match self.peek() {
            Token::LParen => (Token::RParen, "(", ")", '('),
            Token::LBracket => (Token::RBracket, "[", "]", '['),
            Token::LBrace => (Token::RBrace, "{", "}", '{'),
            _ => return Err(self.error()),
        };
        self.bump();
        let mut indices = vec![self.expr()?];
        let mut multi = false;
        while self.eat(&Token::Semi) {
            if self.at(&close) {
                break;
            }
            multi = true;
            indices.push(self.expr()?);
        }
        self.expect_closing(&close, &open_loc, o, c)?;
        Ok(IndexOp { kind: IndexKind::User(path, op, kind, multi), array: Box::new(array), indices, start: start.clone() })
    }

    fn index_fun(&self, ix: &IndexOp, set: bool, loc: &Location) -> Expression {
        let lid = match &ix.kind {
            IndexKind::Builtin(k) => {
                let (m, sub) = match k {
                    '(' => ("Array", None),
                    '[' => ("String", None),
                    _ => (
                        "Bigarray",
                        Some(match ix.indices.len() {
                            1 => "Array1",
                            2 => "Array2",
                            3 => "Array3",
                            _ => "Genarray",
                        }),
                    ),
                };
                let mut l = Longident::Lident(m.into());
                if let Some(s) = sub {
                    l = Longident::ldot(l, s);
                }
                let name = if set { "set" } else { "get" };
                Longident::ldot(l, if super::unsafe_indexing() { format!("unsafe_{}", name) } else { name.to_string() })
            }
            IndexKind::User(path, op, k, multi) => {
                let brackets = match k {
                    '(' => ("(", ")"),
                    '[' => ("[", "]"),
                    _ => ("{", "}"),
                };
                let name = format!(".{}{}{}{}{}", op, brackets.0, if *multi { ";.." } else { "" }, brackets.1, if set { "<-" } else { "" });
                match path {
                    None => Longident::Lident(name),
                    Some(p) => Longident::ldot(p.clone(), name),
                }
            }
        };
        mkexp(ExpressionDesc::Ident(Located::new(lid, loc.to_ghost())), loc.to_ghost())
    }

    fn index_args(&self, ix: &IndexOp, loc: &Location) -> Vec<(ArgLabel, Expression)> {
        let mut args = vec![(ArgLabel::Nolabel, (*ix.array).clone())];
        match &ix.kind {
            IndexKind::Builtin('{') if ix.indices.len() > 3 => {
                let _ = loc;
                // Genarray takes an array of indices
                let arr = mkexp(ExpressionDesc::Array(ix.indices.clone()), loc.to_ghost());
                args.push((ArgLabel::Nolabel, arr));
            }
            IndexKind::User(_, _, _, true) => {
                args.push((ArgLabel::Nolabel, mkexp(ExpressionDesc::Array(ix.indices.clone()), loc.clone())));
            }
            _ => {
                for i in &ix.indices {
                    args.push((ArgLabel::Nolabel, i.clone()));
                }
            }
        }
        args
    }

    fn index_get(&self, ix: &IndexOp) -> Expression {
        let loc = self.loc_from(&ix.start);
        let f = self.index_fun(ix, false, &loc);
        let args = self.index_args(ix, &loc);
        mkexp(ExpressionDesc::Apply(Box::new(f), args), loc)
    }

    fn index_set(&self, ix: IndexOp, rhs: Expression) -> Expression {
        let loc = self.loc_from(&ix.start);
        let f = self.index_fun(&ix, true, &loc);
        let mut args = self.index_args(&ix, &loc);
        args.push((ArgLabel::Nolabel, rhs));
        mkexp(ExpressionDesc::Apply(Box::new(f), args), loc)
    }

    fn simple_expr_atom(&mut self) -> PResult<(Expression, Shape)> {
        let start = self.cur_start();
        let tok = self.peek().clone();
        match tok {
            Token::Lident(s) => {
                self.bump();
                let loc = self.last_loc();
                Ok((mkexp(ExpressionDesc::Ident(lid_loc(&s, loc.clone())), loc), Shape::Label))
            }
            Token::Uident(_) => self.uident_expr(),
            Token::True | Token::False => {
                self.bump();
                let loc = self.last_loc();
                let name = if tok == Token::True { "true" } else { "false" };
                Ok((mkexp(ExpressionDesc::Construct(lid_loc(name, loc.clone()), None), loc), Shape::Constr))
            }
            Token::Int(..) | Token::Float(..) | Token::Char(_) | Token::String(..) => {
                let c = self.constant()?;
                Ok((mkexp(ExpressionDesc::Constant(c), self.last_loc()), Shape::Other))
            }
            Token::LParen => self.paren_expr(),
            Token::LBracket => {
                let open_loc = self.cur_loc();
                self.bump();
                if self.eat(&Token::RBracket) {
                    let loc = self.loc_from(&start);
                    return Ok((mkexp(ExpressionDesc::Construct(lid_loc("[]", loc.clone()), None), loc), Shape::Constr));
                }
                let elems = self.expr_semi_list()?;
                self.expect_closing(&Token::RBracket, &open_loc, "[", "]")?;
                let nil_loc = self.last_loc();
                let loc = self.loc_from(&start);
                let mut l = list_expr(elems, nil_loc);
                l.loc = loc;
                Ok((l, Shape::Other))
            }
            Token::LBracketBar => {
                let open_loc = self.cur_loc();
                self.bump();
                if self.eat(&Token::BarRBracket) {
                    return Ok((mkexp(ExpressionDesc::Array(vec![]), self.loc_from(&start)), Shape::Other));
                }
                let elems = self.expr_semi_list()?;
                self.expect_closing(&Token::BarRBracket, &open_loc, "[|", "|]")?;
                Ok((mkexp(ExpressionDesc::Array(elems), self.loc_from(&start)), Shape::Other))
            }
            Token::LBrace => {
                let open_loc = self.cur_loc();
                self.bump();
                let (base, fields) = self.record_expr_content()?;
                self.expect_closing(&Token::RBrace, &open_loc, "{", "}")?;
                Ok((mkexp(ExpressionDesc::Record(fields, base.map(Box::new)), self.loc_from(&start)), Shape::Other))
            }
            Token::LBraceLess => {
                let open_loc = self.cur_loc();
                self.bump();
                let fields = self.object_expr_content()?;
                self.expect_closing(&Token::GreaterRBrace, &open_loc, "{<", ">}")?;
                Ok((mkexp(ExpressionDesc::Override(fields), self.loc_from(&start)), Shape::Other))
            }
            Token::Begin => {
                let open_loc = self.cur_loc();
                self.bump();
                let (ext, attrs) = self.ext_attributes()?;
                if self.eat(&Token::End) {
                    let loc = self.loc_from(&start);
                    let e = mkexp(ExpressionDesc::Construct(lid_loc("()", loc.clone()), None), loc.clone());
                    return Ok((wrap_exp_attrs(e, ext, attrs, &loc), Shape::Other));
                }
                let e = self.seq_expr()?;
                self.expect_closing(&Token::End, &open_loc, "begin", "end")?;
                let loc = self.loc_from(&start);
                let mut e2 = e;
                e2.loc = loc.clone();
                Ok((wrap_exp_attrs(e2, ext, attrs, &loc), Shape::Other))
            }
            Token::New => {
                self.bump();
                let (ext, attrs) = self.ext_attributes()?;
                let cls = self.lower_longident(false)?;
                let loc = self.loc_from(&start);
                Ok((wrap_exp_attrs(mkexp(ExpressionDesc::New(cls), loc.clone()), ext, attrs, &loc), Shape::Other))
            }
            Token::Object => {
                let open_loc = self.cur_loc();
                self.bump();
                let (ext, attrs) = self.ext_attributes()?;
                let cs = self.class_structure()?;
                self.expect_closing(&Token::End, &open_loc, "object", "end")?;
                let loc = self.loc_from(&start);
                Ok((wrap_exp_attrs(mkexp(ExpressionDesc::Object(cs), loc.clone()), ext, attrs, &loc), Shape::Other))
            }
            Token::PrefixOp(_) | Token::Bang => {
                self.bump();
                let oploc = self.last_loc();
                let name = match tok {
                    Token::PrefixOp(s) => s,
                    _ => "!".to_string(),
                };
                // The operand is a simple expression without postfix: `!a.b` is `(!a).b`.
                let (arg, _) = self.simple_expr_atom()?;
                let f = mkexp(ExpressionDesc::Ident(lid_loc(&name, oploc.clone())), oploc);
                Ok((mkexp(ExpressionDesc::Apply(Box::new(f), vec![(ArgLabel::Nolabel, arg)]), self.loc_from(&start)), Shape::Other))
            }
            Token::Backquote => {
                self.bump();
                let tag = self.ident()?;
                Ok((mkexp(ExpressionDesc::Variant(tag.txt, None), self.loc_from(&start)), Shape::Variant))
            }
            Token::LBracketPercent | Token::QuotedStringExpr(..) => {
                let (ext, loc) = self.extension()?;
                Ok((mkexp(ExpressionDesc::Extension(ext), loc), Shape::Other))
            }
            _ => Err(self.error()),
        }
    }

    /// A literal constant token.
    pub(super) fn constant(&mut self) -> PResult<Constant> {
        let c = match self.peek().clone() {
            Token::Int(s, m) => Constant::Integer(s, m),
            Token::Float(s, m) => Constant::Float(s, m),
            Token::Char(c) => Constant::Char(c),
            Token::String(s, loc, d) => Constant::String(s, loc, d),
            _ => return Err(self.error()),
        };
        self.bump();
        Ok(c)
    }

    /// Expressions starting with a capitalised name: constructors, `M.x`, `M.(e)`, `M.{...}`,
    /// `M.[...]`, `M.[|...|]`, `M.{<...>}`, `M.(op)`.
    fn uident_expr(&mut self) -> PResult<(Expression, Shape)> {
        let start = self.cur_start();
        let path = self.mod_longident()?;
        if !self.at(&Token::Dot) {
            let loc = path.loc.clone();
            return Ok((mkexp(ExpressionDesc::Construct(path, None), loc), Shape::Constr));
        }
        match self.peek_n(1).clone() {
            Token::Lident(_) => {
                self.bump();
                let name = self.lident()?;
                let loc = self.loc_from(&start);
                let lid = Located::new(Longident::ldot(path.txt, name.txt), loc.clone());
                Ok((mkexp(ExpressionDesc::Ident(lid), loc), Shape::Other))
            }
            Token::LParen => {
                // `M.(op)` is an identifier; `M.(::)` a constructor; `M.()` unit; else a local open.
                if let Some(op) = self.paren_operator_at(2) {
                    self.bump();
                    self.bump();
                    self.bump_operator_tokens();
                    self.expect(&Token::RParen)?;
                    let loc = self.loc_from(&start);
                    let lid = Located::new(Longident::ldot(path.txt, op), loc.clone());
                    return Ok((mkexp(ExpressionDesc::Ident(lid), loc), Shape::Other));
                }
                if matches!(self.peek_n(2), Token::ColonColon) && matches!(self.peek_n(3), Token::RParen) {
                    self.bump();
                    self.bump();
                    self.bump();
                    self.bump();
                    let loc = self.loc_from(&start);
                    let lid = Located::new(Longident::ldot(path.txt, "::"), loc.clone());
                    return Ok((mkexp(ExpressionDesc::Construct(lid, None), loc), Shape::Constr));
                }
                self.bump();
                let open_loc = self.cur_loc();
                self.bump();
                let body = if self.at(&Token::RParen) {
                    self.bump();
                    let l = self.loc_from(&open_loc.start);
                    mkexp(ExpressionDesc::Construct(lid_loc("()", l.clone()), None), l)
                } else if self.at(&Token::Module) {
                    let m_start = open_loc.start.clone();
                    self.bump();
                    let (ext, attrs) = self.ext_attributes()?;
                    let me = self.module_expr()?;
                    self.expect(&Token::Colon)?;
                    let pt = self.package_type()?;
                    self.expect_closing(&Token::RParen, &open_loc, "(", ")")?;
                    let loc = self.loc_from(&m_start);
                    let pack = mkexp(ExpressionDesc::Pack(Box::new(me)), loc.to_ghost());
                    let e = mkexp(ExpressionDesc::Constraint(Box::new(pack), Box::new(pt)), loc.clone());
                    wrap_exp_attrs(e, ext, attrs, &loc)
                } else {
                    let e = self.seq_expr()?;
                    self.expect_closing(&Token::RParen, &open_loc, "(", ")")?;
                    e
                };
                Ok((self.local_open(path, body, &start), Shape::Other))
            }
            Token::LBrace => {
                self.bump();
                let open_loc = self.cur_loc();
                let rstart = open_loc.start.clone();
                self.bump();
                let (base, fields) = self.record_expr_content()?;
                self.expect_closing(&Token::RBrace, &open_loc, "{", "}")?;
                let body = mkexp(ExpressionDesc::Record(fields, base.map(Box::new)), self.loc_from(&rstart));
                Ok((self.local_open(path, body, &start), Shape::Other))
            }
            Token::LBraceLess => {
                self.bump();
                let open_loc = self.cur_loc();
                let rstart = open_loc.start.clone();
                self.bump();
                let fields = self.object_expr_content()?;
                self.expect_closing(&Token::GreaterRBrace, &open_loc, "{<", ">}")?;
                let body = mkexp(ExpressionDesc::Override(fields), self.loc_from(&rstart));
                Ok((self.local_open(path, body, &start), Shape::Other))
            }
            Token::LBracket => {
                self.bump();
                let open_loc = self.cur_loc();
                let rstart = open_loc.start.clone();
                self.bump();
                if self.eat(&Token::RBracket) {
                    let l = self.loc_from(&rstart);
                    let body = mkexp(ExpressionDesc::Construct(lid_loc("[]", l.clone()), None), l);
                    return Ok((self.local_open(path, body, &start), Shape::Other));
                }
                let elems = self.expr_semi_list()?;
                self.expect_closing(&Token::RBracket, &open_loc, "[", "]")?;
                let nil_loc = self.last_loc();
                let mut body = list_expr(elems, nil_loc);
                body.loc = self.loc_from(&rstart);
                Ok((self.local_open(path, body, &start), Shape::Other))
            }
            Token::LBracketBar => {
                self.bump();
                let open_loc = self.cur_loc();
                let rstart = open_loc.start.clone();
                self.bump();
                let elems = if self.at(&Token::BarRBracket) { vec![] } else { self.expr_semi_list()? };
                self.expect_closing(&Token::BarRBracket, &open_loc, "[|", "|]")?;
                let body = mkexp(ExpressionDesc::Array(elems), self.loc_from(&rstart));
                Ok((self.local_open(path, body, &start), Shape::Other))
            }
            _ => {
                let loc = path.loc.clone();
                Ok((mkexp(ExpressionDesc::Construct(path, None), loc), Shape::Constr))
            }
        }
    }

    fn local_open(&self, path: Loc<Longident>, body: Expression, start: &Position) -> Expression {
        let loc = self.loc_from(start);
        let mloc = path.loc.clone();
        let me = ModuleExpr { desc: ModuleExprDesc::Ident(path), loc: mloc.clone(), attributes: vec![] };
        let od = OpenInfos { expr: me, override_: OverrideFlag::Fresh, loc: mloc, attributes: vec![] };
        mkexp(ExpressionDesc::Open(Box::new(od), Box::new(body)), loc)
    }

    /// If the tokens from `k` on are `op )` for an operator (incl. `.%()` index operators),
    /// the operator's name.
    pub(super) fn paren_operator_at(&mut self, k: usize) -> Option<String> {
        let t = self.peek_n(k).clone();
        if let Token::DotOp(op) = &t {
            // .op(), .op[], .op{} with optional ;.. and <-
            let (o, c) = match self.peek_n(k + 1) {
                Token::LParen => ("(", Token::RParen),
                Token::LBracket => ("[", Token::RBracket),
                Token::LBrace => ("{", Token::RBrace),
                _ => return None,
            };
            let mut j = k + 2;
            let mut multi = false;
            if *self.peek_n(j) == Token::Semi && *self.peek_n(j + 1) == Token::DotDot {
                multi = true;
                j += 2;
            }
            if *self.peek_n(j) != c {
                return None;
            }
            j += 1;
            let set = *self.peek_n(j) == Token::LessMinus;
            if set {
                j += 1;
            }
            if *self.peek_n(j) != Token::RParen {
                return None;
            }
            let close = match o {
                "(" => ")",
                "[" => "]",
                _ => "}",
            };
            return Some(format!(".{}{}{}{}{}", op, o, if multi { ";.." } else { "" }, close, if set { "<-" } else { "" }));
        }
        let name = operator_name(&t)?;
        if *self.peek_n(k + 1) == Token::RParen {
            Some(name)
        } else {
            None
        }
    }

    /// Consumes the operator tokens recognised by `paren_operator_at` (not the `)`).
    pub(super) fn bump_operator_tokens(&mut self) {
        if let Token::DotOp(_) = self.peek() {
            self.bump();
            self.bump(); // open bracket
            if self.at(&Token::Semi) {
                self.bump();
                self.bump();
            }
            self.bump(); // close bracket
            if self.at(&Token::LessMinus) {
                self.bump();
            }
        } else {
            self.bump();
        }
    }

    /// `( ... )` in expressions.
    fn paren_expr(&mut self) -> PResult<(Expression, Shape)> {
        let start = self.cur_start();
        let open_loc = self.cur_loc();
        if let Some(op) = self.paren_operator_at(1) {
            self.bump();
            self.bump_operator_tokens();
            self.expect(&Token::RParen)?;
            let loc = self.loc_from(&start);
            return Ok((mkexp(ExpressionDesc::Ident(lid_loc(&op, loc.clone())), loc), Shape::Other));
        }
        self.bump();
        match self.peek() {
            Token::RParen => {
                self.bump();
                let loc = self.loc_from(&start);
                return Ok((mkexp(ExpressionDesc::Construct(lid_loc("()", loc.clone()), None), loc), Shape::Constr));
            }
            Token::ColonColon if *self.peek_n(1) == Token::RParen => {
                self.bump();
                self.bump();
                let loc = self.loc_from(&start);
                return Ok((mkexp(ExpressionDesc::Construct(lid_loc("::", loc.clone()), None), loc), Shape::Constr));
            }
            Token::Module => {
                self.bump();
                let (ext, attrs) = self.ext_attributes()?;
                let me = self.module_expr()?;
                let e = if self.eat(&Token::Colon) {
                    let pt = self.package_type()?;
                    self.expect_closing(&Token::RParen, &open_loc, "(", ")")?;
                    let loc = self.loc_from(&start);
                    let pack = mkexp(ExpressionDesc::Pack(Box::new(me)), loc.to_ghost());
                    mkexp(ExpressionDesc::Constraint(Box::new(pack), Box::new(pt)), loc)
                } else {
                    self.expect_closing(&Token::RParen, &open_loc, "(", ")")?;
                    mkexp(ExpressionDesc::Pack(Box::new(me)), self.loc_from(&start))
                };
                let loc = self.loc_from(&start);
                return Ok((wrap_exp_attrs(e, ext, attrs, &loc), Shape::Other));
            }
            _ => {}
        }
        let e = self.seq_expr()?;
        match self.peek() {
            Token::Colon | Token::ColonGreater => {
                let c = self.type_constraint()?;
                self.expect_closing(&Token::RParen, &open_loc, "(", ")")?;
                let loc = self.loc_from(&start);
                Ok((mk_constraint(e, c, loc, true), Shape::Other))
            }
            _ => {
                self.expect_closing(&Token::RParen, &open_loc, "(", ")")?;
                let mut e = e;
                e.loc = self.loc_from(&start);
                Ok((e, Shape::Other))
            }
        }
    }

    /// `: t`, `:> t`, `: t :> t`.
    pub(super) fn type_constraint(&mut self) -> PResult<(Option<CoreType>, Option<CoreType>)> {
        if self.eat(&Token::ColonGreater) {
            return Ok((None, Some(self.core_type()?)));
        }
        self.expect(&Token::Colon)?;
        let t = self.core_type()?;
        if self.eat(&Token::ColonGreater) {
            Ok((Some(t), Some(self.core_type()?)))
        } else {
            Ok((Some(t), None))
        }
    }

    /// `e1; e2; ...` with optional trailing `;` (list and array elements).
    fn expr_semi_list(&mut self) -> PResult<Vec<Expression>> {
        let mut v = vec![self.expr()?];
        while self.eat(&Token::Semi) {
            if !starts_expr(self.peek()) {
                break;
            }
            v.push(self.expr()?);
        }
        Ok(v)
    }

    /// Contents of `{ ... }`: optional `e with`, then `l = e; l; l : t = e`.
    fn record_expr_content(&mut self) -> PResult<(Option<Expression>, Vec<(Loc<Longident>, Expression)>)> {
        // `{ e with ...}`: the base is a simple expression followed by `with`.
        let base = if self.record_starts_with_base() {
            let (b, _) = self.simple_expr()?;
            self.expect(&Token::With)?;
            Some(b)
        } else {
            None
        };
        let mut fields = Vec::new();
        loop {
            let lid = self.label_longident()?;
            let colon_start = self.cur_start();
            let c = if matches!(self.peek(), Token::Colon | Token::ColonGreater) { Some(self.type_constraint()?) } else { None };
            let (e, punned) = if self.eat(&Token::Equal) {
                (self.expr_at(L_LESSMINUS)?, false)
            } else {
                // punning: `{ x }` is `{ x = x }`, the label's last component; both ghost
                let last = lid.txt.last().to_string();
                (mkexp(ExpressionDesc::Ident(lid_loc(&last, lid.loc.to_ghost())), lid.loc.to_ghost()), true)
            };
            let mut e = e;
            if punned {
                // the punned identifier spans the whole field (ghost)
                e.loc = self.ghost_from(&lid.loc.start);
            }
            let e = match c {
                Some(c) => {
                    let _ = colon_start;
                    let _ = punned;
                    let loc = self.ghost_from(&lid.loc.start);
                    mk_constraint(e, c, loc, true)
                }
                None => e,
            };
            fields.push((lid, e));
            if !self.eat(&Token::Semi) {
                break;
            }
            if matches!(self.peek(), Token::RBrace) {
                break;
            }
        }
        Ok((base, fields))
    }

    /// Whether `{` is followed by `e with` rather than a field list: a field list starts with
    /// a label path followed by `=`, `;`, `}` or `:`.
    fn record_starts_with_base(&mut self) -> bool {
        let mut k = 0;
        loop {
            match self.peek_n(k) {
                Token::Uident(_) if *self.peek_n(k + 1) == Token::Dot => k += 2,
                Token::Lident(_) => {
                    return !matches!(self.peek_n(k + 1), Token::Equal | Token::Semi | Token::RBrace | Token::Colon | Token::ColonGreater);
                }
                _ => return true,
            }
        }
    }

    /// `{< x = e; y >}` contents.
    fn object_expr_content(&mut self) -> PResult<Vec<(Loc<String>, Expression)>> {
        let mut v = Vec::new();
        while let Token::Lident(_) = self.peek() {
            let l = self.lident()?;
            let e = if self.eat(&Token::Equal) {
                self.expr()?
            } else {
                mkexp(ExpressionDesc::Ident(lid_loc(&l.txt, l.loc.clone())), l.loc.clone())
            };
            v.push((l, e));
            if !self.eat(&Token::Semi) {
                break;
            }
        }
        Ok(v)
    }

    // -----------------------------------------------------------------------------------------
    // Keyword constructs

    /// `match_cases`: `| p -> e | p when g -> e | p -> .`
    pub(super) fn match_cases(&mut self) -> PResult<Vec<Case>> {
        self.eat(&Token::Bar);
        let mut cases = vec![self.match_case()?];
        while self.eat(&Token::Bar) {
            cases.push(self.match_case()?);
        }
        Ok(cases)
    }

    fn match_case(&mut self) -> PResult<Case> {
        let lhs = self.pattern()?;
        let guard = if self.eat(&Token::When) { Some(self.seq_expr()?) } else { None };
        self.expect(&Token::MinusGreater)?;
        let rhs = if self.at(&Token::Dot) {
            self.bump();
            mkexp(ExpressionDesc::Unreachable, self.last_loc())
        } else {
            self.seq_expr()?
        };
        Ok(Case { lhs, guard, rhs })
    }

    /// `let ... in e`, `let module`, `let open`, `let exception`.
    fn let_expr(&mut self) -> PResult<Expression> {
        let start = self.cur_start();
        self.bump();
        match self.peek() {
            Token::Module => {
                self.bump();
                let (ext, attrs) = self.ext_attributes()?;
                let name = self.module_name()?;
                let body = self.module_binding_body()?;
                self.expect(&Token::In)?;
                let e = self.seq_expr()?;
                let loc = self.loc_from(&start);
                let r = mkexp(ExpressionDesc::LetModule(name, Box::new(body), Box::new(e)), loc.clone());
                return Ok(wrap_exp_attrs(r, ext, attrs, &loc));
            }
            Token::Exception => {
                self.bump();
                let (ext, attrs) = self.ext_attributes()?;
                let ec = self.let_exception_declaration()?;
                self.expect(&Token::In)?;
                let e = self.seq_expr()?;
                let loc = self.loc_from(&start);
                let r = mkexp(ExpressionDesc::LetException(ec, Box::new(e)), loc.clone());
                return Ok(wrap_exp_attrs(r, ext, attrs, &loc));
            }
            Token::Open => {
                self.bump();
                let ostart = self.last_start.clone();
                let ovf = self.override_flag();
                let (ext, attrs) = self.ext_attributes()?;
                let me = self.module_expr()?;
                let oloc = self.loc_from(&ostart);
                self.expect(&Token::In)?;
                let e = self.seq_expr()?;
                let loc = self.loc_from(&start);
                let od = OpenInfos { expr: me, override_: ovf, loc: oloc, attributes: vec![] };
                let r = mkexp(ExpressionDesc::Open(Box::new(od), Box::new(e)), loc.clone());
                return Ok(wrap_exp_attrs(r, ext, attrs, &loc));
            }
            _ => {}
        }
        let (ext, attrs) = self.ext_attributes()?;
        let rf = self.rec_flag();
        let bindings = self.let_bindings_after_let(start.clone(), attrs)?;
        self.expect(&Token::In)?;
        let body = self.seq_expr()?;
        let loc = self.loc_from(&start);
        let r = mkexp(ExpressionDesc::Let(rf, bindings, Box::new(body)), loc.clone());
        // In expressions the `[@attr]` after `let` belong to the first binding; only the
        // extension wraps the whole expression.
        Ok(wrap_exp_attrs(r, ext, vec![], &loc))
    }

    /// After `let [%ext] [attrs] [rec]`: the first binding (starting at `start`, holding
    /// `attrs`) and `and` bindings.
    pub(super) fn let_bindings_after_let(&mut self, start: Position, attrs: Attributes) -> PResult<Vec<ValueBinding>> {
        let (pat, expr) = self.let_binding_body()?;
        let mut attrs = attrs;
        attrs.extend(self.post_item_attributes()?);
        let mut v = vec![ValueBinding { pat, expr, attributes: attrs, loc: self.loc_from(&start) }];
        while self.at(&Token::And) {
            let bstart = self.cur_start();
            self.bump();
            let mut attrs = self.attributes()?;
            let (pat, expr) = self.let_binding_body()?;
            attrs.extend(self.post_item_attributes()?);
            v.push(ValueBinding { pat, expr, attributes: attrs, loc: self.loc_from(&bstart) });
        }
        Ok(v)
    }

    /// `let_binding_body`: `f x y = e`, `x : t = e`, `x : 'a. t = e`, `x : type a. t = e`,
    /// `p = e`.
    pub(super) fn let_binding_body(&mut self) -> PResult<(Pattern, Expression)> {
        let start = self.cur_start();
        // let_ident: a lowercase name or a parenthesised operator
        if let Some(name) = self.let_ident()? {
            let var = mkpat(PatternDesc::Var(name.clone()), name.loc.clone());
            match self.peek() {
                Token::Colon => {
                    self.bump();
                    // `x : type a b. t = e`
                    if self.at(&Token::Type) {
                        self.bump();
                        let vars = self.lident_list()?;
                        self.expect(&Token::Dot)?;
                        let t = self.core_type()?;
                        self.expect(&Token::Equal)?;
                        let e = self.seq_expr()?;
                        return Ok(self.wrap_type_annotation(var, vars, t, e, &start));
                    }
                    let mut t = self.poly_core_type()?;
                    if matches!(t.desc, CoreTypeDesc::Poly(..)) {
                        t.loc = t.loc.to_ghost();
                        self.expect(&Token::Equal)?;
                        let e = self.seq_expr()?;
                        let ploc = Location { start: start.clone(), end: t.loc.end.clone(), ghost: true };
                        let pat = mkpat(PatternDesc::Constraint(Box::new(var), Box::new(t)), ploc);
                        return Ok((pat, e));
                    }
                    let c = if self.eat(&Token::ColonGreater) { (Some(t), Some(self.core_type()?)) } else { (Some(t), None) };
                    return self.constrained_binding(var, c, &start);
                }
                Token::ColonGreater => {
                    let c = self.type_constraint()?;
                    return self.constrained_binding(var, c, &start);
                }
                Token::Equal => {
                    self.bump();
                    let e = self.seq_expr()?;
                    return Ok((var, e));
                }
                _ => {
                    // function definition sugar: parameters then `=`
                    let e = self.strict_binding()?;
                    return Ok((var, e));
                }
            }
        }
        let pat = self.pattern_no_exn()?;
        if self.at(&Token::Colon) {
            // simple_pattern_not_ident COLON core_type EQUAL seq_expr
            self.bump();
            let t = self.core_type()?;
            self.expect(&Token::Equal)?;
            let e = self.seq_expr()?;
            let ploc = self.ghost_from_to(&start, &t.loc.end);
            return Ok((mkpat(PatternDesc::Constraint(Box::new(pat), Box::new(t)), ploc), e));
        }
        self.expect(&Token::Equal)?;
        let e = self.seq_expr()?;
        Ok((pat, e))
    }

    pub(super) fn ghost_from_to(&self, start: &Position, end: &Position) -> Location {
        Location { start: start.clone(), end: end.clone(), ghost: true }
    }

    /// `x : t = e` / `x :> t = e` / `x : t :> t' = e`.
    fn constrained_binding(&mut self, var: Pattern, c: (Option<CoreType>, Option<CoreType>), start: &Position) -> PResult<(Pattern, Expression)> {
        let constraint_end = self.last_end.clone();
        self.expect(&Token::Equal)?;
        let e = self.seq_expr()?;
        let t = match (&c.0, &c.1) {
            (_, Some(t)) => t.clone(),
            (Some(t), None) => t.clone(),
            _ => return Err(self.error()),
        };
        let tloc = t.loc.clone();
        let poly = CoreType { desc: CoreTypeDesc::Poly(vec![], Box::new(t)), loc: tloc.to_ghost(), attributes: vec![] };
        let ploc = self.ghost_from_to(start, &constraint_end);
        let pat = mkpat(PatternDesc::Constraint(Box::new(var), Box::new(poly)), ploc);
        let eloc = self.ghost_from(start);
        Ok((pat, mk_constraint(e, c, eloc, true)))
    }

    /// OCaml's `wrap_type_annotation` for `let f : type a. t = e`.
    fn wrap_type_annotation(&mut self, var: Pattern, vars: Vec<Loc<String>>, t: CoreType, e: Expression, start: &Position) -> (Pattern, Expression) {
        let loc = self.ghost_from(start);
        // body: fun (type a) ... -> (e : t), the constraint not ghost
        let exp = mk_constraint(e, (Some(t.clone()), None), loc.clone_nonghost(), false);
        let mut exp = exp;
        for v in vars.iter().rev() {
            exp = mkexp(ExpressionDesc::Newtype(v.clone(), Box::new(exp)), loc.to_ghost().clone_nonghost());
        }
        // pattern type: 'a. t with the newtypes replaced by variables
        let poly_t = varify_constructors(&vars, &t);
        let poly = CoreType { desc: CoreTypeDesc::Poly(vars.clone(), Box::new(poly_t)), loc: loc.clone(), attributes: vec![] };
        let ploc = self.ghost_from_to(start, &t.loc.end);
        let pat = mkpat(PatternDesc::Constraint(Box::new(var), Box::new(poly)), ploc);
        (pat, exp)
    }

    /// A `let_ident` (lowercase name or parenthesised operator) if the binding starts with
    /// one that is not the head of a larger pattern.
    fn let_ident(&mut self) -> PResult<Option<Loc<String>>> {
        match self.peek().clone() {
            Token::Lident(s) => {
                // `x, y = ...`, `x :: y = ...`, `x | y`, `x as y` are patterns
                if matches!(self.peek_n(1), Token::Comma | Token::ColonColon | Token::Bar | Token::As | Token::LBracketAt) {
                    return Ok(None);
                }
                self.bump();
                Ok(Some(Located::new(s, self.last_loc())))
            }
            Token::LParen => {
                if let Some(op) = self.paren_operator_at(1) {
                    let after = op_token_count_after(self, 1) + 1;
                    if matches!(self.peek_n(after), Token::Comma | Token::ColonColon | Token::Bar | Token::As) {
                        return Ok(None);
                    }
                    let start = self.cur_start();
                    self.bump();
                    self.bump_operator_tokens();
                    self.expect(&Token::RParen)?;
                    return Ok(Some(Located::new(op, self.loc_from(&start))));
                }
                Ok(None)
            }
            _ => Ok(None),
        }
    }

    /// `strict_binding`: parameters then `= e` (or `: t = e`), as nested ghost `fun`s.
    fn strict_binding(&mut self) -> PResult<Expression> {
        let start = self.cur_start();
        if self.at(&Token::Equal) {
            self.bump();
            return self.seq_expr();
        }
        if self.at(&Token::LParen) && *self.peek_n(1) == Token::Type {
            self.bump();
            self.bump();
            let vars = self.lident_list()?;
            self.expect(&Token::RParen)?;
            let body = self.fun_binding()?;
            return Ok(self.mk_newtypes(vars, body, &start));
        }
        let (l, d, p) = self.labeled_simple_pattern()?;
        let body = self.fun_binding()?;
        Ok(mkexp(ExpressionDesc::Fun(l, d.map(Box::new), Box::new(p), Box::new(body)), self.ghost_from(&start)))
    }

    /// `fun_binding`: `strict_binding` or `: t = e`.
    fn fun_binding(&mut self) -> PResult<Expression> {
        let start = self.cur_start();
        if matches!(self.peek(), Token::Colon | Token::ColonGreater) {
            let c = self.type_constraint()?;
            self.expect(&Token::Equal)?;
            let e = self.seq_expr()?;
            return Ok(mk_constraint(e, c, self.ghost_from(&start), true));
        }
        self.strict_binding()
    }

    /// `fun (type a b) -> e` as nested `Newtype` nodes (not ghost, as in OCaml 4.13).
    pub(super) fn mk_newtypes(&self, vars: Vec<Loc<String>>, body: Expression, start: &Position) -> Expression {
        let loc = self.loc_from(start);
        let mut e = body;
        for v in vars.into_iter().rev() {
            e = mkexp(ExpressionDesc::Newtype(v, Box::new(e)), loc.clone());
        }
        e
    }

    /// `lident_list`: one or more lowercase names.
    pub(super) fn lident_list(&mut self) -> PResult<Vec<Loc<String>>> {
        let mut v = vec![self.lident()?];
        while let Token::Lident(_) = self.peek() {
            v.push(self.lident()?);
        }
        Ok(v)
    }

    /// `fun` expressions.
    fn fun_expr(&mut self) -> PResult<Expression> {
        let start = self.cur_start();
        self.bump();
        let (ext, attrs) = self.ext_attributes()?;
        let e = if self.at(&Token::LParen) && *self.peek_n(1) == Token::Type {
            self.bump();
            self.bump();
            let vars = self.lident_list()?;
            self.expect(&Token::RParen)?;
            let body = self.fun_def()?;
            let mut e = self.mk_newtypes(vars, body, &start);
            e.loc = self.loc_from(&start);
            e
        } else {
            let (l, d, p) = self.labeled_simple_pattern()?;
            let body = self.fun_def()?;
            mkexp(ExpressionDesc::Fun(l, d.map(Box::new), Box::new(p), Box::new(body)), self.loc_from(&start))
        };
        let loc = self.loc_from(&start);
        Ok(wrap_exp_attrs(e, ext, attrs, &loc))
    }

    /// `fun_def`: more parameters, then `-> e` or `: t -> e`.
    fn fun_def(&mut self) -> PResult<Expression> {
        let start = self.cur_start();
        match self.peek() {
            Token::MinusGreater => {
                self.bump();
                self.seq_expr()
            }
            Token::Colon => {
                self.bump();
                let t = self.atomic_type()?;
                self.expect(&Token::MinusGreater)?;
                let e = self.seq_expr()?;
                Ok(mkexp(ExpressionDesc::Constraint(Box::new(e), Box::new(t)), self.loc_from(&start)))
            }
            Token::LParen if *self.peek_n(1) == Token::Type => {
                self.bump();
                self.bump();
                let vars = self.lident_list()?;
                self.expect(&Token::RParen)?;
                let body = self.fun_def()?;
                Ok(self.mk_newtypes(vars, body, &start))
            }
            _ => {
                let (l, d, p) = self.labeled_simple_pattern()?;
                let body = self.fun_def()?;
                Ok(mkexp(ExpressionDesc::Fun(l, d.map(Box::new), Box::new(p), Box::new(body)), self.ghost_from(&start)))
            }
        }
    }

    /// `let* p = e and* p = e in body`
    fn letop_expr(&mut self) -> PResult<Expression> {
        let start = self.cur_start();
        let let_ = self.binding_op()?;
        // OCaml locates each `and*` binding from the start of the first binding's pattern
        let first_body_start = let_.pat.loc.start.clone();
        let mut ands = Vec::new();
        while let Token::AndOp(_) = self.peek() {
            let mut b = self.binding_op()?;
            b.loc = self.loc_from(&first_body_start);
            ands.push(b);
        }
        self.expect(&Token::In)?;
        let body = self.seq_expr()?;
        let loc = self.loc_from(&start);
        let mut let_ = let_;
        // OCaml gives the first binding the location of the whole expression
        let_.loc = loc.clone();
        Ok(mkexp(ExpressionDesc::LetOp(Box::new(LetOp { let_, ands, body })), loc))
    }

    fn binding_op(&mut self) -> PResult<BindingOp> {
        let start = self.cur_start();
        let op = match self.bump().tok {
            Token::LetOp(s) | Token::AndOp(s) => s,
            _ => return Err(self.error()),
        };
        let op = Located::new(op, self.last_loc());
        // punning: `let* x in` binds x to x
        let (pat, exp) = if matches!(self.peek(), Token::Lident(_)) && matches!(self.peek_n(1), Token::In | Token::AndOp(_)) {
            let x = self.lident()?;
            let p = mkpat(PatternDesc::Var(x.clone()), x.loc.clone());
            let e = mkexp(ExpressionDesc::Ident(lid_loc(&x.txt, x.loc.clone())), x.loc.clone());
            (p, e)
        } else {
            self.let_binding_body()?
        };
        Ok(BindingOp { op, pat, exp, loc: self.loc_from(&start) })
    }
}

/// How many tokens an operator recognised by `paren_operator_at(k)` spans.
fn op_token_count_after(p: &Parser, k: usize) -> usize {
    if let Token::DotOp(_) = p.peek_n(k) {
        let mut n = 3; // op, open, close
        if *p.peek_n(k + 2) == Token::Semi {
            n += 2;
        }
        if *p.peek_n(k + n) == Token::LessMinus {
            n += 1;
        }
        k + n
    } else {
        k + 1
    }
}

/// `[e1; e2]` as nested `::` constructions with ghost locations, ending in `[]` at `nil_loc`.
pub(super) fn list_expr(elems: Vec<Expression>, nil_loc: Location) -> Expression {
    let mut tail = mkexp(ExpressionDesc::Construct(lid_loc("[]", nil_loc.to_ghost()), None), nil_loc.to_ghost());
    for e in elems.into_iter().rev() {
        let loc = Location { start: e.loc.start.clone(), end: tail.loc.end.clone(), ghost: true };
        let arg = mkexp(ExpressionDesc::Tuple(vec![e, tail]), loc.clone());
        tail = mkexp(ExpressionDesc::Construct(lid_loc("::", loc.clone()), Some(Box::new(arg))), loc);
    }
    tail
}

/// `(e : t)`, `(e :> t)`, `(e : t :> t')`.
pub(super) fn mk_constraint(e: Expression, c: (Option<CoreType>, Option<CoreType>), loc: Location, ghost: bool) -> Expression {
    let loc = if ghost { loc.to_ghost() } else { loc };
    match c {
        (Some(t), None) => mkexp(ExpressionDesc::Constraint(Box::new(e), Box::new(t)), loc),
        (t1, Some(t2)) => mkexp(ExpressionDesc::Coerce(Box::new(e), t1.map(Box::new), Box::new(t2)), loc),
        (None, None) => e,
    }
}

/// Replaces type constructors named like the given newtypes by type variables
/// (OCaml's `varify_constructors`).
pub(super) fn varify_constructors(vars: &[Loc<String>], t: &CoreType) -> CoreType {
    let names: Vec<&str> = vars.iter().map(|v| v.txt.as_str()).collect();
    fn go(names: &[&str], t: &CoreType) -> CoreType {
        let desc = match &t.desc {
            CoreTypeDesc::Constr(lid, args) if args.is_empty() && matches!(&lid.txt, Longident::Lident(s) if names.contains(&s.as_str())) => {
                CoreTypeDesc::Var(lid.txt.last().to_string())
            }
            CoreTypeDesc::Constr(lid, args) => CoreTypeDesc::Constr(lid.clone(), args.iter().map(|a| go(names, a)).collect()),
            CoreTypeDesc::Arrow(l, a, b) => CoreTypeDesc::Arrow(l.clone(), Box::new(go(names, a)), Box::new(go(names, b))),
            CoreTypeDesc::Tuple(v) => CoreTypeDesc::Tuple(v.iter().map(|a| go(names, a)).collect()),
            CoreTypeDesc::Class(lid, args) => CoreTypeDesc::Class(lid.clone(), args.iter().map(|a| go(names, a)).collect()),
            CoreTypeDesc::Alias(a, s) => CoreTypeDesc::Alias(Box::new(go(names, a)), s.clone()),
            CoreTypeDesc::Poly(vs, a) => CoreTypeDesc::Poly(vs.clone(), Box::new(go(names, a))),
            CoreTypeDesc::Object(fields, c) => CoreTypeDesc::Object(
                fields
                    .iter()
                    .map(|f| ObjectField {
                        desc: match &f.desc {
                            ObjectFieldDesc::Otag(l, t) => ObjectFieldDesc::Otag(l.clone(), go(names, t)),
                            ObjectFieldDesc::Oinherit(t) => ObjectFieldDesc::Oinherit(go(names, t)),
                        },
                        loc: f.loc.clone(),
                        attributes: f.attributes.clone(),
                    })
                    .collect(),
                *c,
            ),
            CoreTypeDesc::Variant(rows, c, l) => CoreTypeDesc::Variant(
                rows.iter()
                    .map(|r| RowField {
                        desc: match &r.desc {
                            RowFieldDesc::Rtag(l, b, ts) => RowFieldDesc::Rtag(l.clone(), *b, ts.iter().map(|a| go(names, a)).collect()),
                            RowFieldDesc::Rinherit(t) => RowFieldDesc::Rinherit(go(names, t)),
                        },
                        loc: r.loc.clone(),
                        attributes: r.attributes.clone(),
                    })
                    .collect(),
                *c,
                l.clone(),
            ),
            CoreTypeDesc::Package((lid, cs)) => CoreTypeDesc::Package((lid.clone(), cs.iter().map(|(l, t)| (l.clone(), go(names, t))).collect())),
            other => other.clone(),
        };
        CoreType { desc, loc: t.loc.clone(), attributes: t.attributes.clone() }
    }
    go(&names, t)
}
