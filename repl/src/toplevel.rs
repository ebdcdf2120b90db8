//! The toplevel engine: phrases in, OCaml's toplevel output out.
//!
//! Each phrase is parsed, typed against the session environment, translated to Lambda,
//! closure-converted, compiled by Cranelift into the session's code image and run. The values it
//! defines are stored in a static block of its own (a GC root); later phrases reach them through
//! that block. An error or an exception leaves the session as it was before the phrase.

use crate::outval;
use crate::printval::Printer;
use compiler::lambda::{Fresh, Lambda, Primitive};
use compiler::middle::closure;
use compiler::parsing::location::{Location, Position, ReportMode};
use compiler::parsing::parsetree::{DirectiveArgumentDesc, ToplevelDirective, ToplevelPhrase};
use compiler::parsing::PhraseReader;
use compiler::translate::{ident_var, Translator};
use compiler::typing::env::Env;
use compiler::typing::format::Formatter;
use compiler::typing::ident::Ident;
use compiler::typing::path::Path;
use compiler::typing::typedtree as T;
use compiler::typing::types::{SignatureItem, ValueKind};
use compiler::typing::{outcome, printtyp};
use jit::Jit;
use runtime::value::Value;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::rc::Rc;

pub struct Toplevel {
    jit: Jit,
    env: Env,
    fresh: Fresh,
    /// Where each toplevel-bound identifier lives: (block symbol, field).
    globals: HashMap<(Rc<str>, u32), (Rc<str>, usize)>,
    phrases: usize,
    pub print_depth: usize,
    pub print_length: usize,
    pub prompt: bool,
    pub prompt_cont: bool,
    /// Set by `#quit`.
    pub quit: bool,
    /// Script mode: print nothing for successful phrases.
    pub silent: bool,
    /// The last phrase failed (error or exception).
    pub failed: bool,
    /// Compilation units loaded into the image (`Stdlib`, `Stdlib__List`, ...), with their
    /// global block; `None` while a unit is being loaded.
    units: HashMap<String, Option<cranelift_module::DataId>>,
}

/// How a phrase's text is laid out, for error locations.
struct Source<'a> {
    text: &'a [u8],
    phrase_start: Position,
    /// Toplevel mode (`Line 1, characters ...`) or file mode (`File "f.ml", line 3, ...`).
    toplevel: bool,
}

impl<'a> Source<'a> {
    fn report(&self, loc: &Location, kind: &str, msg: &str) -> String {
        let mode = if self.toplevel {
            ReportMode::Toplevel { src: self.text, phrase_start: self.phrase_start.clone() }
        } else {
            ReportMode::File { src: Some(self.text) }
        };
        mode.report(loc, kind, msg, &[])
    }
}

/// The identifiers of a phrase item that get a field of the phrase's block: everything it
/// defines except externals (uses of those compile to the primitive itself).
fn stored_idents(item: &T::StructureItem) -> Vec<Ident> {
    let mut ids = Vec::new();
    compiler::translate::module::collect_defined(item, &mut ids);
    if let T::StructureItemDesc::Primitive(..) = item.desc {
        ids.clear();
    }
    ids.into_iter().map(|(_, id)| id).collect()
}

impl Toplevel {
    pub fn new() -> Result<Toplevel, String> {
        let jit = Jit::new().map_err(|e| format!("{:?}", e))?;
        runtime::stack_overflow::install_stack_overflow_handler();
        Ok(Toplevel {
            jit,
            env: compiler::typing::initial_env(),
            fresh: Fresh::starting_at(1 << 30),
            globals: HashMap::new(),
            phrases: 0,
            print_depth: 100,
            print_length: 300,
            prompt: true,
            prompt_cont: true,
            quit: false,
            silent: false,
            failed: false,
            units: HashMap::new(),
        })
    }

    /// Run every phrase of `src` as the toplevel does when reading it (prompts included when
    /// `self.prompt`). Output is written to stdout as it is produced.
    pub fn run_text(&mut self, src: &str, fname: &str) {
        self.run_chunk(src, fname, true)
    }

    /// Run the phrases of `src`; with `at_end`, `src` is the rest of the input, and the prompt
    /// for the phrase that never comes is printed, as OCaml does at end of input.
    pub fn run_chunk(&mut self, src: &str, fname: &str, at_end: bool) {
        let mut reader = PhraseReader::new(src, fname);
        loop {
            let phrase = reader.next_phrase();
            let range = reader.last_phrase_range();
            if self.prompt && (phrase.is_some() || at_end) {
                let mut p = String::from("# ");
                if self.prompt_cont {
                    let lines = src.as_bytes()[range.clone()].iter().filter(|&&c| c == b'\n').count();
                    // The newline that ends the phrase's own last line is not read yet.
                    let extra = if phrase.is_some() {
                        let text = &src.as_bytes()[range.clone()];
                        let trailing = text.iter().rev().take_while(|c| c.is_ascii_whitespace()).filter(|&&c| c == b'\n').count();
                        lines.saturating_sub(trailing)
                    } else {
                        lines
                    };
                    p.push_str(&"  ".repeat(extra));
                }
                print_flush(&p);
            }
            let Some(phrase) = phrase else {
                if self.prompt && at_end {
                    print_flush("\n");
                }
                break;
            };
            let source = Source { text: src.as_bytes(), phrase_start: reader.last_phrase_start(), toplevel: true };
            let out = match phrase {
                Err(e) => reader.report(&e),
                Ok(ToplevelPhrase::Dir(d)) => self.directive(&d),
                Ok(ToplevelPhrase::Def(items)) => self.phrase(&items, &source),
            };
            print_flush(&out);
            if self.quit {
                break;
            }
        }
    }

    fn directive(&mut self, d: &ToplevelDirective) -> String {
        let arg = d.arg.as_ref().map(|a| &a.desc);
        match (d.name.txt.as_str(), arg) {
            ("quit", None) => {
                self.quit = true;
                String::new()
            }
            ("print_depth", Some(DirectiveArgumentDesc::Int(n, None))) => {
                self.print_depth = n.parse().unwrap_or(self.print_depth);
                String::new()
            }
            ("print_length", Some(DirectiveArgumentDesc::Int(n, None))) => {
                self.print_length = n.parse().unwrap_or(self.print_length);
                String::new()
            }
            ("use", Some(DirectiveArgumentDesc::String(f))) => match std::fs::read_to_string(f) {
                Ok(text) => {
                    let saved = (self.prompt, self.prompt_cont);
                    self.prompt = false;
                    self.run_file_phrases(&text, f);
                    (self.prompt, self.prompt_cont) = saved;
                    String::new()
                }
                Err(_) => format!("Cannot find file {}.\n", f),
            },
            (name, _) => format!("Unknown directive `{}'.\n", name),
        }
    }

    /// `#use`: the file's phrases, errors reported with file locations.
    fn run_file_phrases(&mut self, text: &str, fname: &str) {
        let mut reader = PhraseReader::new(text, fname);
        while let Some(phrase) = reader.next_phrase() {
            let source = Source { text: text.as_bytes(), phrase_start: reader.last_phrase_start(), toplevel: false };
            let out = match phrase {
                Err(e) => compiler::parsing::report_syntax_error(&e, Some(text.as_bytes())),
                Ok(ToplevelPhrase::Dir(d)) => self.directive(&d),
                Ok(ToplevelPhrase::Def(items)) => self.phrase(&items, &source),
            };
            print_flush(&out);
            if self.quit {
                break;
            }
        }
    }

    /// Type, compile and run one phrase; returns what the toplevel prints for it.
    fn phrase(&mut self, items: &[compiler::parsing::parsetree::StructureItem], src: &Source) -> String {
        let mut out = String::new();
        self.failed = true;
        let res = match compiler::typing::type_toplevel_phrase(&self.env, &items.to_vec()) {
            Ok(r) => r,
            Err((e, warnings)) => {
                for w in &warnings {
                    out.push_str(&src.report(&w.loc, "Warning", &w.header_and_message()["Warning ".len()..]).replacen("Warning: ", "Warning ", 1));
                }
                out.push_str(&src.report(&e.loc, "Error", &e.message()));
                return out;
            }
        };
        for w in &res.warnings {
            out.push_str(&src.report(&w.loc, "Warning", &w.header_and_message()["Warning ".len()..]).replacen("Warning: ", "Warning ", 1));
        }
        // Where the phrase's values go: one static block with a field per bound identifier.
        let mut stored: Vec<Ident> = Vec::new();
        let mut eval_ident: Option<(Ident, compiler::typing::types::TypeExpr)> = None;
        for item in &res.structure.items {
            if let T::StructureItemDesc::Eval(e) = &item.desc {
                let id = Ident::create("_");
                eval_ident = Some((id.clone(), e.ty));
                stored.push(id);
            } else {
                stored.extend(stored_idents(item));
            }
        }
        self.phrases += 1;
        let sym: Rc<str> = format!("camlTOP{}", self.phrases).into();
        let line_offset = if src.toplevel { src.phrase_start.line as i64 - 1 } else { 0 };
        let translated = self.translate_phrase(
            &res.structure,
            &stored,
            &sym,
            eval_ident.as_ref().map(|x| &x.0),
            line_offset,
            &res.env,
            Default::default(),
        );
        let lambda = match translated {
            Ok((l, units)) => {
                for u in units {
                    if let Err(e) = self.load_unit(&u) {
                        out.push_str(&e);
                        return out;
                    }
                }
                l
            }
            Err(e) => {
                out.push_str(&src.report(&e.loc, "Error", &e.msg));
                return out;
            }
        };
        let prog = match closure::convert(&lambda, &format!("phrase{}", self.phrases), &mut self.fresh) {
            Ok(p) => p,
            Err(e) => {
                let _ = writeln!(out, "Error: {}", e.0);
                return out;
            }
        };
        let block = match self.jit.define_global_block(&sym, stored.len().max(1)) {
            Ok(b) => b,
            Err(e) => {
                let _ = writeln!(out, "Error: {:?}", e);
                return out;
            }
        };
        let outcome = match self.jit.run(&prog, &[(block, stored.len().max(1))]) {
            Ok(o) => o,
            Err(e) => {
                let _ = writeln!(out, "Error: {:?}", e);
                return out;
            }
        };
        runtime::io::flush_std();
        match outcome {
            Err(exn) => {
                out.push_str(&self.exception_text(exn));
                out
            }
            Ok(_) => {
                self.failed = false;
                for (i, id) in stored.iter().enumerate() {
                    self.globals.insert((id.name.clone(), id.stamp), (sym.clone(), i));
                }
                self.env = res.env.clone();
                let base = self.jit.global_block(block);
                if self.silent {
                    return out;
                }
                if let Some((id, ty)) = &eval_ident {
                    let idx = stored.iter().position(|x| x.stamp == id.stamp).unwrap_or(0);
                    let v = unsafe { base.field(idx) };
                    out.push_str(&self.print_eval(v, *ty));
                } else {
                    for item in &res.signature {
                        out.push_str(&self.print_sig_item(item, &stored, base));
                    }
                }
                out
            }
        }
    }

    fn translate_phrase(
        &mut self,
        s: &T::Structure,
        stored: &[Ident],
        sym: &Rc<str>,
        eval: Option<&Ident>,
        line_offset: i64,
        env: &Env,
        required: std::cell::RefCell<Vec<String>>,
    ) -> Result<(Lambda, Vec<String>), compiler::translate::TranslError> {
        let globals = &self.globals;
        let required = &required;
        let resolve = move |p: &Path| -> Option<Lambda> { resolve_global(globals, required, p) };
        let mut tr = Translator::new(&mut self.fresh, &resolve);
        tr.env = Some(env);
        tr.line_offset = line_offset;
        let store = |id: &Ident| -> Lambda {
            let i = stored.iter().position(|x| x.stamp == id.stamp).unwrap_or(0);
            Lambda::Prim(
                Primitive::SetField(i, false),
                vec![Lambda::Prim(Primitive::Global(sym.clone()), vec![]), Lambda::Var(ident_var(id))],
            )
        };
        let mut body = compiler::lambda::UNIT;
        for item in s.items.iter().rev() {
            body = match &item.desc {
                T::StructureItemDesc::Eval(e) => {
                    let id = eval.cloned().unwrap_or_else(|| Ident::create("_"));
                    let v = tr.expr(e)?;
                    Lambda::let_(ident_var(&id), v, Lambda::seq(store(&id), body))
                }
                _ => {
                    // The item's bindings, each stored in the phrase's block right after it.
                    let mut inner = body;
                    for id in stored_idents(item).iter().rev() {
                        inner = Lambda::seq(store(id), inner);
                    }
                    tr.structure_item(item, inner)?
                }
            };
        }
        drop(tr);
        Ok((body, required.take()))
    }

    fn printer(&self) -> Printer<'_> {
        Printer::new(&self.env, self.print_depth, self.print_length)
    }

    fn print_eval(&self, v: Value, ty: compiler::typing::types::TypeExpr) -> String {
        let tree = self.printer().tree(v, ty);
        let mut f = Formatter::new(78);
        f.p("@[- : ");
        let mut names = printtyp::Names::new();
        let t = names.tree_of_type(ty, true);
        outcome::print_type(&mut f, &t);
        f.p("@ =@ ");
        outval::print(&mut f, &tree);
        f.p("@]");
        f.newline();
        f.take()
    }

    fn print_sig_item(&self, item: &SignatureItem, stored: &[Ident], base: Value) -> String {
        let mut f = Formatter::new(78);
        let tree = printtyp::tree_of_sig_item(item);
        match item {
            SignatureItem::Value(id, vd) if matches!(vd.kind, ValueKind::Regular) => {
                let value = stored.iter().position(|x| x.stamp == id.stamp).map(|i| unsafe { base.field(i) });
                f.p("@[<2>");
                outcome::print_sig_item(&mut f, &tree);
                if let Some(v) = value {
                    let vt = self.printer().tree(v, vd.ty);
                    f.p(" =@ ");
                    outval::print(&mut f, &vt);
                }
                f.p("@]");
            }
            _ => outcome::print_sig_item(&mut f, &tree),
        }
        f.newline();
        f.take()
    }

    fn exception_text(&self, exn: Value) -> String {
        // Two exceptions the toplevel reports in words of its own.
        let is = |slot: Value| slot.is_block() && exn == slot;
        unsafe {
            if is(*std::ptr::addr_of!(runtime::fail::caml_exn_Stack_overflow)) {
                return "Stack overflow during evaluation (looping recursion?).\n".into();
            }
            if is(*std::ptr::addr_of!(runtime::fail::caml_exn_Sys_Break)) {
                return "Interrupted.\n".into();
            }
            if is(*std::ptr::addr_of!(runtime::fail::caml_exn_Out_of_memory)) {
                return "Out of memory during evaluation.\n".into();
            }
        }
        let exn_ty = compiler::typing::predef::type_exn();
        let tree = self.printer().tree(exn, exn_ty);
        let mut f = Formatter::new(78);
        f.p("@[Exception:@ ");
        outval::print(&mut f, &tree);
        f.p(".@]");
        f.newline();
        f.take()
    }
}

fn print_flush(s: &str) {
    use std::io::Write;
    let mut o = std::io::stdout().lock();
    let _ = o.write_all(s.as_bytes());
    let _ = o.flush();
}

impl Toplevel {
    /// Script mode (`ocaml-jit FILE.ml`): every structure item is a phrase of its own; nothing
    /// is printed but the program's output; the first error or uncaught exception ends the run
    /// with exit code 2.
    pub fn run_script(&mut self, text: &str, fname: &str) -> i32 {
        self.silent = true;
        let mut reader = PhraseReader::new(text, fname);
        while let Some(phrase) = reader.next_phrase() {
            let items = match phrase {
                Err(e) => {
                    runtime::io::flush_all();
                    eprint!("{}", compiler::parsing::report_syntax_error(&e, Some(text.as_bytes())));
                    return 2;
                }
                Ok(ToplevelPhrase::Dir(d)) => {
                    let out = self.directive(&d);
                    eprint!("{}", out);
                    continue;
                }
                Ok(ToplevelPhrase::Def(items)) => items,
            };
            let source = Source { text: text.as_bytes(), phrase_start: reader.last_phrase_start(), toplevel: false };
            for item in items {
                let out = self.phrase(std::slice::from_ref(&item), &source);
                if self.failed {
                    runtime::io::flush_all();
                    eprint!("{}", out);
                    return 2;
                }
            }
        }
        runtime::io::flush_all();
        0
    }

    /// Names for completion: the values, types and modules of the session environment.
    pub fn completion_names(&self) -> Vec<String> {
        self.env.names_like(compiler::typing::env::Kind::Value, &compiler::parsing::longident::Longident::Lident(String::new()))
    }
}

/// Paths that live in global blocks: values of earlier phrases, and compilation units (which
/// are recorded in `required` so they are loaded before the code runs).
fn resolve_global(
    globals: &HashMap<(Rc<str>, u32), (Rc<str>, usize)>,
    required: &std::cell::RefCell<Vec<String>>,
    p: &Path,
) -> Option<Lambda> {
    if let Some(l) = compiler::driver::resolve_unit(required, p) {
        return Some(l);
    }
    match p {
        Path::Pident(id) => globals.get(&(id.name.clone(), id.stamp)).map(|(sym, i)| {
            Lambda::Prim(Primitive::Field(*i), vec![Lambda::Prim(Primitive::Global(sym.clone()), vec![])])
        }),
        _ => None,
    }
}

impl Toplevel {
    /// Compile and initialise a compilation unit of the Stdlib (and the units it needs) the
    /// first time a phrase refers to it.
    fn load_unit(&mut self, unit: &str) -> Result<(), String> {
        if self.units.contains_key(unit) {
            // Loaded, or being loaded (a unit its own dependencies refer back to).
            return Ok(());
        }
        let r = self.load_unit_now(unit);
        if r.is_err() {
            self.units.remove(unit);
        }
        r
    }

    fn load_unit_now(&mut self, unit: &str) -> Result<(), String> {
        let Some((fname, text)) = compiler::driver::stdlib_unit_source(unit) else {
            return Err(format!("Error: no implementation of unit {}\n", unit));
        };
        self.units.insert(unit.to_string(), None);
        let fail = |msg: String| {
            let mut m = format!("Error while loading unit {} ({}):\n{}", unit, fname, msg);
            if !m.ends_with('\n') {
                m.push('\n');
            }
            m
        };
        let code = compiler::driver::compile_unit(unit, fname, text, &mut self.fresh).map_err(fail)?;
        for dep in &code.requires {
            self.load_unit(dep)?;
        }
        let (sym, n) = &code.block;
        let block = self.jit.define_global_block(sym, *n).map_err(|e| fail(format!("{:?}", e)))?;
        match self.jit.run(&code.program, &[(block, *n)]).map_err(|e| fail(format!("{:?}", e)))? {
            Ok(_) => {
                self.units.insert(unit.to_string(), Some(block));
                Ok(())
            }
            Err(exn) => Err(fail(format!("exception {}", runtime::printexc::to_string(exn)))),
        }
    }
}
