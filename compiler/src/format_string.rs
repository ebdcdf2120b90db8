//! Format strings (`"%d@[<v 2>%s@]"`) parsed into the shape of
//! `CamlinternalFormatBasics.fmt`: the type checker types a literal from this shape
//! (`typing/formats.rs`) and the translator builds the literal's value from it
//! (`translate/format_literal.rs`). Printf, Format and Scanf conversions, flags, `*` widths and
//! precisions, `%{ %}`, `%( %)`, `%r`, `%_` (ignored), `%[...]`, counters and `@` formatting.

/// `padty`: how a padded value is aligned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PadTy {
    Left = 0,
    Right = 1,
    Zeros = 2,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Padding {
    None,
    Lit(PadTy, i64),
    /// `*`: the width is an extra `int` argument.
    Arg(PadTy),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Precision {
    None,
    Lit(i64),
    /// `.*`: the precision is an extra `int` argument.
    Arg,
}

/// Which integer type an integer conversion prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IntSize {
    Int,
    Int32,
    Nativeint,
    Int64,
}

/// `formatting_lit`: the `@` directives of Format that take no argument.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormattingLit {
    CloseBox,
    CloseTag,
    /// `@,` `@ ` `@;<n m>`: the source text, spaces and offset.
    Break(Vec<u8>, i64, i64),
    FFlush,
    ForceNewline,
    FlushNewline,
    /// `@<n>`: the source text and the size.
    MagicSize(Vec<u8>, i64),
    EscapedAt,
    EscapedPercent,
    ScanIndic(u8),
}

/// A conversion whose argument Scanf reads and drops (`%_d`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ignored {
    Char,
    CamlChar,
    String(Option<i64>),
    CamlString(Option<i64>),
    Int(IntSize, u8, Option<i64>),
    Float(Option<i64>, Option<i64>),
    Bool(Option<i64>),
    FormatArg(Option<i64>, Vec<Node>),
    FormatSubst(Option<i64>, Vec<Node>),
    Reader,
    ScanCharSet(Option<i64>, Vec<u8>),
    ScanGetCounter(u8),
    ScanNextChar,
}

/// One element of a format, in the order of `CamlinternalFormatBasics.fmt`'s constructors.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Node {
    Char,
    CamlChar,
    String(Padding),
    CamlString(Padding),
    /// Size, `int_conv` constructor number, padding, precision.
    Int(IntSize, u8, Padding, Precision),
    /// `float_flag_conv` number, `float_kind_conv` number, padding, precision.
    Float(u8, u8, Padding, Precision),
    Bool(Padding),
    Flush,
    StringLiteral(Vec<u8>),
    CharLiteral(u8),
    /// `%{ fmt %}`: the format argument's own format.
    FormatArg(Option<i64>, Vec<Node>),
    /// `%( fmt %)`: a format argument followed by the arguments it asks for.
    FormatSubst(Option<i64>, Vec<Node>),
    Alpha,
    Theta,
    FormattingLit(FormattingLit),
    /// `@[<...>` (`is_box`) or `@{<...>`: the sub-format between `<` and `>` and its source.
    FormattingGen { is_box: bool, sub: Vec<Node>, source: Vec<u8> },
    Reader,
    ScanCharSet(Option<i64>, Vec<u8>),
    /// `%l` (0, lines), `%n` (1, characters), `%L`/`%N` (2, tokens).
    ScanGetCounter(u8),
    ScanNextChar,
    Ignored(Ignored),
}

/// Why a format string is invalid: the character position and OCaml's wording.
#[derive(Debug)]
pub struct FormatError {
    pub pos: usize,
    pub message: String,
    /// An unclosed `%{`/`%(`: OCaml words this one with the position at the end.
    pub unclosed: Option<u8>,
}

impl FormatError {
    /// OCaml's `Failure` text for the invalid format `s`.
    pub fn describe(&self, s: &[u8]) -> String {
        let text = crate::parsing::printast::escaped(s);
        match self.unclosed {
            Some(close) => format!("invalid format \"{}\": unclosed sub-format, expected \"%{}\" at character number {}", text, close as char, self.pos),
            None => format!("invalid format \"{}\": at character number {}, {}", text, self.pos, self.message),
        }
    }
}


/// Parses a whole format string.
pub fn parse(s: &[u8]) -> Result<Vec<Node>, FormatError> {
    let mut p = Parser { s, i: 0 };
    let (nodes, end) = p.nodes(None)?;
    debug_assert!(end.is_none());
    Ok(nodes)
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

/// The flags seen before a conversion.
#[derive(Default)]
struct Flags {
    minus: bool,
    zero: bool,
    plus: bool,
    space: bool,
    hash: bool,
    ignore: bool,
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn err<T>(&self, pos: usize, message: impl Into<String>) -> Result<T, FormatError> {
        Err(FormatError { pos, message: message.into(), unclosed: None })
    }

    /// Parses nodes up to the end of the string, or up to `%}` / `%)` when `closing` is
    /// `Some(b'}')` / `Some(b')')` (the closing sequence is consumed).
    fn nodes(&mut self, closing: Option<u8>) -> Result<(Vec<Node>, Option<u8>), FormatError> {
        let mut out = Vec::new();
        let mut text: Vec<u8> = Vec::new();
        let flush = |text: &mut Vec<u8>, out: &mut Vec<Node>| match text.len() {
            0 => {}
            1 => out.push(Node::CharLiteral(text[0])),
            _ => out.push(Node::StringLiteral(std::mem::take(text))),
        };
        while let Some(c) = self.peek() {
            match c {
                b'%' => {
                    let start = self.i;
                    self.i += 1;
                    if let Some(close) = closing {
                        if self.peek() == Some(close) {
                            self.i += 1;
                            flush(&mut text, &mut out);
                            text.clear();
                            return Ok((out, Some(close)));
                        }
                    }
                    flush(&mut text, &mut out);
                    text.clear();
                    if let Some(node) = self.conversion(start)? {
                        out.push(node);
                    }
                }
                b'@' => {
                    flush(&mut text, &mut out);
                    text.clear();
                    self.i += 1;
                    out.push(self.after_at()?);
                }
                _ => {
                    text.push(c);
                    self.i += 1;
                }
            }
        }
        if let Some(close) = closing {
            return Err(FormatError { pos: self.s.len(), message: String::new(), unclosed: Some(close) });
        }
        flush(&mut text, &mut out);
        Ok((out, None))
    }

    /// `@` directives; the `@` is consumed.
    fn after_at(&mut self) -> Result<Node, FormatError> {
        use FormattingLit as F;
        let at = self.i - 1;
        let Some(c) = self.peek() else { return Ok(Node::CharLiteral(b'@')) };
        self.i += 1;
        let lit = match c {
            b'[' | b'{' => {
                let (sub, source) = self.angle_sub_format()?;
                return Ok(Node::FormattingGen { is_box: c == b'[', sub, source });
            }
            b']' => F::CloseBox,
            b'}' => F::CloseTag,
            b',' => F::Break(b"@,".to_vec(), 0, 0),
            b' ' => F::Break(b"@ ".to_vec(), 1, 0),
            b';' => match self.angle_ints() {
                Some((n, m)) => F::Break(self.s[at..self.i].to_vec(), n, m.unwrap_or(0)),
                None => F::Break(b"@;".to_vec(), 1, 0),
            },
            b'<' => {
                self.i -= 1;
                match self.angle_ints() {
                    Some((n, None)) => F::MagicSize(self.s[at..self.i].to_vec(), n),
                    _ => {
                        self.i += 1;
                        F::ScanIndic(b'<')
                    }
                }
            }
            b'?' => F::FFlush,
            b'\n' => F::ForceNewline,
            b'.' => F::FlushNewline,
            b'@' => F::EscapedAt,
            b'%' if self.peek() == Some(b'%') => {
                self.i += 1;
                F::EscapedPercent
            }
            b'%' => {
                self.i -= 1;
                return Ok(Node::CharLiteral(b'@'));
            }
            other => F::ScanIndic(other),
        };
        Ok(Node::FormattingLit(lit))
    }

    /// `<n>` or `<n m>` (spaces allowed) at the current position; consumed only when valid.
    fn angle_ints(&mut self) -> Option<(i64, Option<i64>)> {
        let save = self.i;
        let fail = |p: &mut Self| {
            p.i = save;
            None
        };
        if self.peek() != Some(b'<') {
            return fail(self);
        }
        self.i += 1;
        let mut nums = Vec::new();
        loop {
            while self.peek() == Some(b' ') {
                self.i += 1;
            }
            match self.peek() {
                Some(b'>') => {
                    self.i += 1;
                    break;
                }
                Some(c) if c.is_ascii_digit() || c == b'-' => {
                    let start = self.i;
                    self.i += 1;
                    while self.peek().map_or(false, |c| c.is_ascii_digit()) {
                        self.i += 1;
                    }
                    match std::str::from_utf8(&self.s[start..self.i]).ok().and_then(|t| t.parse::<i64>().ok()) {
                        Some(n) => nums.push(n),
                        None => return fail(self),
                    }
                }
                _ => return fail(self),
            }
        }
        match nums[..] {
            [n] => Some((n, None)),
            [n, m] => Some((n, Some(m))),
            _ => fail(self),
        }
    }

    /// After `@[` / `@{`: the sub-format `<...>` up to the first `>`, or an empty one.
    fn angle_sub_format(&mut self) -> Result<(Vec<Node>, Vec<u8>), FormatError> {
        if self.peek() != Some(b'<') {
            return Ok((Vec::new(), Vec::new()));
        }
        let Some(len) = self.s[self.i..].iter().position(|&c| c == b'>') else {
            return Ok((Vec::new(), Vec::new()));
        };
        let source = self.s[self.i..self.i + len + 1].to_vec();
        self.i += len + 1;
        let sub = parse(&source)?;
        Ok((sub, source))
    }

    fn number(&mut self) -> Option<i64> {
        let start = self.i;
        while self.peek().map_or(false, |c| c.is_ascii_digit()) {
            self.i += 1;
        }
        if start == self.i {
            return None;
        }
        std::str::from_utf8(&self.s[start..self.i]).ok().and_then(|t| t.parse().ok())
    }

    /// A conversion after its `%` (at `start`); `None` for `%,` which prints nothing.
    fn conversion(&mut self, start: usize) -> Result<Option<Node>, FormatError> {
        let mut fl = Flags::default();
        loop {
            match self.peek() {
                Some(b'-') => fl.minus = true,
                Some(b'0') => fl.zero = true,
                Some(b'+') => fl.plus = true,
                Some(b' ') => fl.space = true,
                Some(b'#') => fl.hash = true,
                Some(b'_') => fl.ignore = true,
                _ => break,
            }
            self.i += 1;
        }
        let padty = if fl.minus {
            PadTy::Left
        } else if fl.zero {
            PadTy::Zeros
        } else {
            PadTy::Right
        };
        let pad = if self.peek() == Some(b'*') {
            self.i += 1;
            Padding::Arg(padty)
        } else {
            match self.number() {
                Some(n) => Padding::Lit(padty, n),
                None => Padding::None,
            }
        };
        let prec = if self.peek() == Some(b'.') {
            self.i += 1;
            if self.peek() == Some(b'*') {
                self.i += 1;
                Precision::Arg
            } else {
                Precision::Lit(self.number().unwrap_or(0))
            }
        } else {
            Precision::None
        };
        let Some(conv) = self.peek() else { return self.err(self.s.len(), "unexpected end of format") };
        self.i += 1;
        let pad_opt = match pad {
            Padding::Lit(_, n) => Some(n),
            _ => None,
        };
        let prec_opt = match prec {
            Precision::Lit(n) => Some(n),
            _ => None,
        };
        // Padding of conversions that cannot pad with zeros; `%.3s` pads to 3.
        let text_pad = || match (pad, prec) {
            (Padding::Lit(PadTy::Zeros, n), _) => Padding::Lit(PadTy::Right, n),
            (Padding::Arg(PadTy::Zeros), _) => Padding::Arg(PadTy::Right),
            (Padding::None, Precision::Lit(n)) => Padding::Lit(PadTy::Right, n),
            (p, _) => p,
        };
        let int_conv = |c: u8| -> Option<u8> {
            Some(match c {
                b'd' if fl.plus => 1,
                b'd' if fl.space => 2,
                b'd' if fl.hash => 13,
                b'd' => 0,
                b'i' if fl.plus => 4,
                b'i' if fl.space => 5,
                b'i' if fl.hash => 14,
                b'i' => 3,
                b'x' if fl.hash => 7,
                b'x' => 6,
                b'X' if fl.hash => 9,
                b'X' => 8,
                b'o' if fl.hash => 11,
                b'o' => 10,
                b'u' if fl.hash => 15,
                b'u' => 12,
                _ => return None,
            })
        };
        // Integers: zeros with a precision pad with spaces, as in C.
        let int_pad = match (pad, prec) {
            (Padding::Lit(PadTy::Zeros, n), Precision::Lit(_) | Precision::Arg) => Padding::Lit(PadTy::Right, n),
            (Padding::Arg(PadTy::Zeros), Precision::Lit(_) | Precision::Arg) => Padding::Arg(PadTy::Right),
            (p, _) => p,
        };
        let node = match conv {
            b'%' => Node::CharLiteral(b'%'),
            b'@' => Node::CharLiteral(b'@'),
            b',' => return Ok(None),
            b'!' => Node::Flush,
            b'c' if fl.ignore => Node::Ignored(Ignored::Char),
            b'c' if fl.zero && pad == Padding::None => Node::ScanNextChar,
            b'c' => Node::Char,
            b'C' if fl.ignore => Node::Ignored(Ignored::CamlChar),
            b'C' => Node::CamlChar,
            b's' if fl.ignore => Node::Ignored(Ignored::String(pad_opt)),
            b's' => Node::String(text_pad()),
            b'S' if fl.ignore => Node::Ignored(Ignored::CamlString(pad_opt)),
            b'S' => Node::CamlString(text_pad()),
            b'B' | b'b' if fl.ignore => Node::Ignored(Ignored::Bool(pad_opt)),
            b'B' | b'b' => Node::Bool(text_pad()),
            b'a' | b't' if fl.ignore => {
                let sub = String::from_utf8_lossy(&self.s[start..self.i]).to_string();
                let msg = format!("'_' is incompatible with '{}' in sub-format \"{}\"", conv as char, crate::parsing::printast::escaped(sub.as_bytes()));
                return self.err(start, msg);
            }
            b'a' => Node::Alpha,
            b't' => Node::Theta,
            b'r' if fl.ignore => Node::Ignored(Ignored::Reader),
            b'r' => Node::Reader,
            b'l' | b'L' | b'n' if self.peek().and_then(int_conv).is_some() => {
                let ic = self.peek().and_then(int_conv).unwrap_or(0);
                self.i += 1;
                let size = match conv {
                    b'l' => IntSize::Int32,
                    b'L' => IntSize::Int64,
                    _ => IntSize::Nativeint,
                };
                if fl.ignore {
                    Node::Ignored(Ignored::Int(size, ic, pad_opt))
                } else {
                    Node::Int(size, ic, int_pad, prec)
                }
            }
            b'l' | b'n' | b'L' | b'N' => {
                let counter = match conv {
                    b'l' => 0,
                    b'n' => 1,
                    _ => 2,
                };
                if fl.ignore {
                    Node::Ignored(Ignored::ScanGetCounter(counter))
                } else {
                    Node::ScanGetCounter(counter)
                }
            }
            c if int_conv(c).is_some() => {
                let ic = int_conv(c).unwrap_or(0);
                if fl.ignore {
                    Node::Ignored(Ignored::Int(IntSize::Int, ic, pad_opt))
                } else {
                    Node::Int(IntSize::Int, ic, int_pad, prec)
                }
            }
            b'f' | b'e' | b'E' | b'g' | b'G' | b'F' | b'h' | b'H' => {
                let kind = match conv {
                    b'f' => 0,
                    b'e' => 1,
                    b'E' => 2,
                    b'g' => 3,
                    b'G' => 4,
                    b'F' if fl.hash => 8,
                    b'F' => 5,
                    b'h' => 6,
                    _ => 7,
                };
                let flag = if fl.plus {
                    1
                } else if fl.space {
                    2
                } else {
                    0
                };
                if fl.ignore {
                    Node::Ignored(Ignored::Float(pad_opt, prec_opt))
                } else {
                    Node::Float(flag, kind, pad, prec)
                }
            }
            b'{' | b'(' => {
                let close = if conv == b'{' { b'}' } else { b')' };
                let (sub, _) = self.nodes(Some(close))?;
                match (conv, fl.ignore) {
                    (b'{', false) => Node::FormatArg(pad_opt, sub),
                    (b'{', true) => Node::Ignored(Ignored::FormatArg(pad_opt, sub)),
                    (_, false) => Node::FormatSubst(pad_opt, sub),
                    (_, true) => Node::Ignored(Ignored::FormatSubst(pad_opt, sub)),
                }
            }
            b'[' => {
                let set = self.char_set()?;
                if fl.ignore {
                    Node::Ignored(Ignored::ScanCharSet(pad_opt, set))
                } else {
                    Node::ScanCharSet(pad_opt, set)
                }
            }
            _ => {
                let conv = String::from_utf8_lossy(&self.s[start..self.i]).to_string();
                return self.err(self.i - 1, format!("invalid conversion \"{}\"", conv));
            }
        };
        Ok(Some(node))
    }

    /// `%[...]` after the `[`: the 32-byte bitmap of the characters it accepts.
    fn char_set(&mut self) -> Result<Vec<u8>, FormatError> {
        let mut set = vec![0u8; 32];
        let add = |set: &mut Vec<u8>, c: u8| set[(c >> 3) as usize] |= 1 << (c & 7);
        let negate = self.peek() == Some(b'^');
        if negate {
            self.i += 1;
        }
        let mut first = true;
        loop {
            let Some(c) = self.peek() else { return self.err(self.s.len(), "unexpected end of format") };
            self.i += 1;
            if c == b']' && !first {
                break;
            }
            first = false;
            // A range `a-z`; a `-` before `]` is itself a member.
            if self.peek() == Some(b'-') && self.s.get(self.i + 1).map_or(false, |&d| d != b']') {
                let hi = self.s[self.i + 1];
                self.i += 2;
                for x in c..=hi.max(c) {
                    if x <= hi {
                        add(&mut set, x);
                    }
                }
            } else {
                add(&mut set, c);
            }
        }
        if negate {
            for b in set.iter_mut() {
                *b = !*b;
            }
        }
        Ok(set)
    }
}
