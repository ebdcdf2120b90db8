//! The toplevel engine: phrases in, structured results out ([`PhraseResult`]).
//!
//! Each phrase is parsed, typed against the session environment, translated to Lambda,
//! closure-converted, compiled by Cranelift into the session's code image and run. The values it
//! defines are stored in a static block of its own (a GC root); later phrases reach them through
//! that block. An error or an exception leaves the session as it was before the phrase.
//! Directives are in `directives.rs`; the front ends (stdin, script, interactive, `-expect`)
//! decide how results are shown.

use crate::outval;
use crate::phrase_result::{texts, Body, Diagnostic, Event, PhraseResult};
use crate::printval::Printer;
use crate::warning_flags::WarningFlags;
use compiler::lambda::{Fresh, Lambda, Primitive};
use compiler::middle::closure;
use compiler::parsing::asttypes::RecFlag;
use compiler::parsing::location::{Location, Position, ReportMode};
use compiler::parsing::parsetree::{self as P, ToplevelPhrase};
use compiler::parsing::PhraseReader;
use compiler::typing::short_paths;
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
use std::rc::Rc;

pub struct Toplevel {
    jit: Jit,
    pub(crate) env: Env,
    fresh: Fresh,
    /// Small functions of earlier phrases, inlined into later ones.
    global_functions: compiler::middle::inline::GlobalFunctions,
    /// Where each toplevel-bound identifier lives: (block symbol, field).
    globals: HashMap<(Rc<str>, u32), (Rc<str>, usize)>,
    phrases: usize,
    /// How backtraces name the code of the phrase being compiled: after the script's module
    /// name (`Foo` for `foo.ml`, as ocamlopt names a unit); typed phrases without a unit
    /// name, as OCaml's toplevel (`f`, `<unknown>`).
    phrase_scope: Option<String>,
    pub print_depth: usize,
    pub print_length: usize,
    /// Set by `#quit`.
    pub quit: bool,
    /// Script mode: print nothing for successful phrases.
    pub silent: bool,
    /// `-dlambda`: print each phrase's Lambda on stderr.
    pub dump_lambda: bool,
    /// `-w`, `#warnings`, `-warn-error`, `#warn_error`.
    pub warnings: WarningFlags,
    /// `-I`, `#directory`: where `#use` looks for files.
    pub include_dirs: Vec<String>,
    /// `run_source` stops at the first phrase that fails (a notebook cell does).
    pub stop_on_error: bool,
    /// `#install_printer`, the most recent first.
    pub(crate) printers: Vec<crate::printers::InstalledPrinter>,
    /// Stdlib units initialised in the session (`Stdlib`, `Stdlib__List`, ...).
    units: crate::units::Units,
}

/// A phrase that ran: its block, the identifiers stored in it, and for an expression the
/// field of its value and its type.
struct Executed {
    block: cranelift_module::DataId,
    stored: Vec<Ident>,
    eval: Option<(usize, compiler::typing::types::TypeExpr)>,
}

/// How the positions of a text are reported.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum SourceKind {
    /// Typed at the toplevel: `Line 1, characters ...`, lines counted from the phrase.
    Toplevel,
    /// A file (`#use`, scripts): `File "f.ml", line 3, characters ...`.
    File,
}

/// How a phrase's text is laid out, for error locations.
pub struct Source<'a> {
    pub text: &'a [u8],
    pub fname: &'a str,
    pub phrase_start: Position,
    pub kind: SourceKind,
}

impl<'a> Source<'a> {
    pub fn report(&self, loc: &Location, kind: &str, msg: &str) -> String {
        self.mode().report(loc, kind, msg, &[])
    }

    fn mode(&self) -> ReportMode<'a> {
        match self.kind {
            SourceKind::Toplevel => ReportMode::Toplevel { src: self.text, phrase_start: self.phrase_start.clone() },
            SourceKind::File => ReportMode::File { src: Some(self.text) },
        }
    }

    /// An error without a position in the text (`#show_val nope`): OCaml reports it at line 1
    /// of the current input.
    pub fn report_at_top(&self, msg: &str) -> String {
        match self.kind {
            SourceKind::Toplevel => format!("Line 1:\nError: {}\n", msg),
            SourceKind::File => format!("File \"{}\", line 1:\nError: {}\n", self.fname, msg),
        }
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

/// `let _ = f x`: an application whose result is dropped.
fn drops_application(items: &[P::StructureItem]) -> bool {
    matches!(items, [P::StructureItem { desc: P::StructureItemDesc::Value(_, vbs), .. }]
        if matches!(vbs.as_slice(), [vb] if matches!(vb.pat.desc, P::PatternDesc::Any) && matches!(vb.expr.desc, P::ExpressionDesc::Apply(..))))
}

/// OCaml's toplevel shows `let _ = e` (and `let _ : t = e`) as it shows `e` (`- : int = 3`).
fn as_expression_phrase(items: &[P::StructureItem]) -> Option<Vec<P::StructureItem>> {
    let [item] = items else { return None };
    let P::StructureItemDesc::Value(RecFlag::Nonrecursive, vbs) = &item.desc else { return None };
    let [vb] = vbs.as_slice() else { return None };
    let expr = match &vb.pat.desc {
        P::PatternDesc::Any => vb.expr.clone(),
        P::PatternDesc::Constraint(p, ty) if matches!(p.desc, P::PatternDesc::Any) => {
            let loc = vb.expr.loc.to_ghost();
            P::Expression { desc: P::ExpressionDesc::Constraint(Box::new(vb.expr.clone()), ty.clone()), loc, attributes: vec![] }
        }
        _ => return None,
    };
    Some(vec![P::StructureItem { desc: P::StructureItemDesc::Eval(expr, vb.attributes.clone()), loc: item.loc.clone() }])
}

impl Toplevel {
    pub fn new() -> Result<Toplevel, String> {
        let jit = Jit::new().map_err(|e| format!("{:?}", e))?;
        runtime::stack_overflow::install_stack_overflow_handler();
        Ok(Toplevel {
            jit,
            env: compiler::typing::initial_env(),
            fresh: Fresh::starting_at(1 << 30),
            global_functions: Default::default(),
            globals: HashMap::new(),
            phrases: 0,
            phrase_scope: None,
            print_depth: 100,
            print_length: 300,
            quit: false,
            silent: false,
            dump_lambda: false,
            warnings: WarningFlags::default(),
            include_dirs: Vec::new(),
            stop_on_error: false,
            printers: Vec::new(),
            units: Default::default(),
        })
    }

    /// Runs the phrases of `src` one after the other, reporting each step to `on`; stops after
    /// `#quit`. With [`SourceKind::Toplevel`], `Event::Read` marks each phrase read (and the
    /// end of the text).
    pub fn run_source(&mut self, src: &str, fname: &str, kind: SourceKind, on: &mut dyn FnMut(Event)) {
        let mut reader = PhraseReader::new(src, fname);
        reader.directive_ends_phrase = kind == SourceKind::File;
        loop {
            let phrase = reader.next_phrase();
            if kind == SourceKind::Toplevel {
                on(Event::Read { range: reader.last_phrase_range(), end: phrase.is_none() });
            }
            let Some(phrase) = phrase else { break };
            let source = Source { text: src.as_bytes(), fname, phrase_start: reader.last_phrase_start(), kind };
            let phrases = match phrase {
                Err(e) => {
                    let text = match kind {
                        SourceKind::Toplevel => reader.report(&e),
                        SourceKind::File => compiler::parsing::report_syntax_error(&e, Some(src.as_bytes())),
                    };
                    Err(PhraseResult { warnings: vec![], body: Body::Error(Diagnostic::at(&e.loc, text)) })
                }
                // A file's structure items are phrases of their own, as in OCaml's `#use`.
                Ok(ToplevelPhrase::Def(items)) if kind == SourceKind::File => {
                    Ok(items.into_iter().map(|i| ToplevelPhrase::Def(vec![i])).collect())
                }
                Ok(p) => Ok(vec![p]),
            };
            let mut stop = false;
            for p in phrases.unwrap_or_else(|r| {
                on(Event::Done(&r));
                stop = kind == SourceKind::File || self.stop_on_error;
                vec![]
            }) {
                let result = self.eval_phrase(&p, &source, on);
                on(Event::Done(&result));
                // `#use` stops at the first phrase that fails, as OCaml's does.
                if self.quit || ((kind == SourceKind::File || self.stop_on_error) && result.failed()) {
                    stop = true;
                    break;
                }
            }
            if stop || self.quit {
                break;
            }
        }
    }

    /// Runs the phrases of `src` and returns their results (no streaming).
    #[allow(dead_code)]
    pub fn eval_text(&mut self, src: &str, fname: &str) -> Vec<PhraseResult> {
        let mut results = Vec::new();
        self.run_source(src, fname, SourceKind::Toplevel, &mut |ev| {
            if let Event::Done(r) = ev {
                results.push(r.clone());
            }
        });
        results
    }

    /// One phrase: a directive or definitions.
    pub fn eval_phrase(&mut self, phrase: &ToplevelPhrase, src: &Source, on: &mut dyn FnMut(Event)) -> PhraseResult {
        match phrase {
            ToplevelPhrase::Dir(d) => crate::directives::run(self, d, src, on),
            ToplevelPhrase::Def(items) => match as_expression_phrase(items) {
                Some(e) => self.phrase_dropping(&e, src, on, drops_application(items)),
                None => self.phrase(items, src, on),
            },
        }
    }

    /// Renders the warnings the flags let through; `true` when one of them is an error.
    fn render_warnings(&self, warnings: &[compiler::typing::Warning], src: &Source) -> (Vec<Diagnostic>, bool) {
        let mut out = Vec::new();
        let mut fatal = false;
        for w in warnings.iter().filter(|w| self.warnings.is_enabled(w.number)) {
            let text = if self.warnings.is_error(w.number) {
                fatal = true;
                src.report(&w.loc, &w.error_header(), &w.message)
            } else {
                src.report(&w.loc, &w.header(), &w.message)
            };
            out.push(Diagnostic { loc: Some(w.loc.clone()), warning: Some(w.number), text });
        }
        (out, fatal)
    }

    /// Type, compile and run one phrase.
    pub(crate) fn phrase(&mut self, items: &[P::StructureItem], src: &Source, on: &mut dyn FnMut(Event)) -> PhraseResult {
        self.phrase_dropping(items, src, on, false)
    }

    /// `dropped`: the phrase is `let _ = e` made an expression, whose result the program drops
    /// (a partial application there gets warning 5, as in OCaml).
    fn phrase_dropping(&mut self, items: &[P::StructureItem], src: &Source, on: &mut dyn FnMut(Event), dropped: bool) -> PhraseResult {
        // OCaml's toplevel lexes each phrase from line 1: its error reports measure (and elide)
        // with positions relative to the phrase.
        let (line, cnum) = match src.kind {
            SourceKind::Toplevel => (src.phrase_start.line, src.phrase_start.cnum),
            SourceKind::File => (1, 0),
        };
        compiler::typing::marshal_size::set_position_origin(line, cnum);
        let typed = compiler::typing::type_toplevel_phrase(&self.env, &items.to_vec());
        let (res, warnings) = match typed {
            Ok(mut r) => {
                if let (true, Some(T::StructureItemDesc::Eval(e, ..))) = (dropped, r.structure.items.first().map(|i| &i.desc)) {
                    if let Some(w) = compiler::typing::typecore::partial_application_warning(&r.env, e) {
                        r.warnings.push(w);
                    }
                }
                let (w, fatal) = self.render_warnings(&r.warnings, src);
                on(Event::Warnings(&w));
                if fatal {
                    return PhraseResult { warnings: w, body: Body::Error(Diagnostic::text_only(String::new())) };
                }
                (r, w)
            }
            Err((e, ws)) => {
                let (w, _) = self.render_warnings(&ws, src);
                on(Event::Warnings(&w));
                return PhraseResult { warnings: w, body: Body::Error(Diagnostic::at(&e.loc, src.report(&e.loc, "Error", &e.message()))) };
            }
        };
        let body = self.compile_and_run(res, src);
        PhraseResult { warnings, body }
    }

    fn compile_and_run(&mut self, res: compiler::typing::PhraseResult, src: &Source) -> Body {
        // Types print in the environment before the phrase (`-short-paths` chooses names there).
        let env_before = self.env.clone();
        let done = match self.execute(&res, src) {
            Ok(d) => d,
            Err(body) => return body,
        };
        let base = self.jit.global_block(done.block);
        if self.silent {
            return Body::Silent;
        }
        if !self.printers.is_empty() {
            // Printers run OCaml code while the value is walked: the values printed (reachable
            // from the phrase's block) must not move meanwhile, so they leave the minor heap
            // first. Nothing of OCaml's stack is live here (back in Rust after the run).
            runtime::gc::minor_collection();
        }
        let mut items = Vec::new();
        short_paths::with_env(&env_before, || {
            if let Some((idx, ty)) = done.eval {
                let v = unsafe { base.field(idx) };
                items.push(self.print_eval(v, ty));
            } else {
                for item in &res.signature {
                    if printtyp::is_class_abbrev(&res.signature, item) {
                        continue;
                    }
                    items.push(self.print_sig_item(item, &done.stored, base));
                    short_paths::add_item(item);
                }
            }
        });
        Body::Values(items)
    }

    /// Compiles and runs a typed phrase; on success its values are in the returned block and
    /// the session environment includes its definitions.
    fn execute(&mut self, res: &compiler::typing::PhraseResult, src: &Source) -> Result<Executed, Body> {
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
        let line_offset = if src.kind == SourceKind::Toplevel { src.phrase_start.line as i64 - 1 } else { 0 };
        self.phrase_scope = match src.kind {
            SourceKind::Toplevel => None,
            SourceKind::File => Some(module_name_of_file(src.fname)),
        };
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
                    if let Err(e) = self.units.load(&mut self.jit, &mut self.fresh, &u) {
                        return Err(Body::Error(Diagnostic::text_only(e)));
                    }
                }
                if self.dump_lambda {
                    eprintln!("{}", compiler::lambda::print::to_string(&l));
                }
                l
            }
            Err(e) => return Err(Body::Error(Diagnostic::at(&e.loc, src.mode().report(&e.loc, "Error", &e.msg, &e.notes)))),
        };
        let prog = match closure::convert_phrase(&lambda, &format!("phrase{}", self.phrases), &mut self.fresh, &mut self.global_functions) {
            Ok(p) => p,
            Err(e) => return Err(Body::Error(Diagnostic::text_only(format!("Error: {}\n", e.0)))),
        };
        let block = match self.jit.define_global_block(&sym, stored.len().max(1)) {
            Ok(b) => b,
            Err(e) => return Err(Body::Error(Diagnostic::text_only(format!("Error: {:?}\n", e)))),
        };
        let outcome = match self.jit.run(&prog, &[(block, stored.len().max(1))]) {
            Ok(o) => o,
            Err(e) => return Err(Body::Error(Diagnostic::text_only(format!("Error: {:?}\n", e)))),
        };
        // The answer is printed next, so the phrase's own output goes first. A script prints
        // no answers and, like OCaml's, leaves its output buffered.
        if !self.silent {
            runtime::io::flush_std();
        }
        if let Err(exn) = outcome {
            // As OCaml's toplevel, the backtrace (when recorded) follows the exception; taken
            // first, since printing the exception may run code that raises.
            let backtrace = runtime::prims::backtrace::active().then(runtime::prims::backtrace::current_lines);
            let mut text = self.exception_text(exn);
            for line in backtrace.unwrap_or_default() {
                text.push_str(&line);
                text.push('\n');
            }
            return Err(Body::Exception(text));
        }
        for (i, id) in stored.iter().enumerate() {
            self.globals.insert((id.name.clone(), id.stamp), (sym.clone(), i));
        }
        self.env = res.env.clone();
        let eval = eval_ident.map(|(id, ty)| (stored.iter().position(|x| x.stamp == id.stamp).unwrap_or(0), ty));
        Ok(Executed { block, stored, eval })
    }

    /// Types, compiles and runs the expression `text` without printing anything: where its
    /// value stays (a GC root) and its type. Used to install printers.
    pub(crate) fn eval_hidden(&mut self, text: &str) -> Result<(cranelift_module::DataId, usize, compiler::typing::types::TypeExpr), String> {
        let src = format!("{};;", text);
        let items = compiler::parsing::parse_implementation(&src, "//toplevel//").map_err(|e| e.message)?;
        let res = compiler::typing::type_toplevel_phrase(&self.env, &items).map_err(|(e, _)| e.message())?;
        let source = Source { text: src.as_bytes(), fname: "//toplevel//", phrase_start: Position::new("//toplevel//".into()), kind: SourceKind::Toplevel };
        match self.execute(&res, &source) {
            Ok(Executed { block, eval: Some((idx, ty)), .. }) => Ok((block, idx, ty)),
            Ok(_) => Err("not an expression".into()),
            Err(body) => Err(PhraseResult { warnings: vec![], body }.body_text()),
        }
    }

    /// Runs definitions silently (OCaml source text); false if they fail.
    pub(crate) fn define_hidden(&mut self, text: &str) -> bool {
        let was_silent = self.silent;
        self.silent = true;
        let mut ok = true;
        self.run_source(&format!("{};;", text), "//toplevel//", SourceKind::Toplevel, &mut |ev| {
            if let Event::Done(r) = ev {
                ok &= !r.failed();
            }
        });
        self.silent = was_silent;
        ok
    }

    /// The value stored at `field` of a phrase's block.
    pub(crate) fn stored_value(&self, block: cranelift_module::DataId, field: usize) -> Value {
        unsafe { self.jit.global_block(block).field(field) }
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
        // Toplevel code always carries its locations for backtraces (no `-g` needed).
        tr.debug = true;
        tr.debug_scope = match &self.phrase_scope {
            Some(unit) => compiler::translate::debug_scope::DebugScope::unit(unit),
            None => compiler::translate::debug_scope::DebugScope::toplevel(),
        };
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

    pub(crate) fn printer(&self) -> Printer<'_> {
        let mut p = Printer::new(&self.env, self.print_depth, self.print_length);
        if !self.printers.is_empty() {
            p.custom = Some(self);
        }
        p
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

/// The end of a session or script runs the functions registered with `at_exit` (Format's
/// final flush among them), as `exit` does, then flushes every channel. An exception escaping
/// them ends the process as an uncaught one (`Fatal error: exception ...`, exit code 2), after
/// the remaining functions ran, as in OCaml. Running it again runs nothing new.
pub fn run_at_exit() {
    if let Some(f) = runtime::prims::misc::named_value("Pervasives.do_at_exit") {
        if let Err(exn) = runtime::callback::callback(f, runtime::value::UNIT) {
            runtime::fail::caml_fatal_uncaught_exception(exn);
        }
    }
    runtime::io::flush_all();
}

pub fn print_flush(s: &str) {
    use std::io::Write;
    if s.is_empty() {
        return;
    }
    let mut o = std::io::stdout().lock();
    let _ = o.write_all(&compiler::raw_text::to_bytes(s));
    let _ = o.flush();
}

/// Writes toplevel text to stderr, raw bytes of OCaml strings included.
pub fn eprint_text(s: &str) {
    use std::io::Write;
    let _ = std::io::stderr().lock().write_all(&compiler::raw_text::to_bytes(s));
}

impl Toplevel {
    /// Script mode (`ocaml-jit FILE.ml`): every structure item is a phrase of its own; nothing
    /// is printed but the program's output (and what directives show); warnings go to stderr;
    /// the first error or uncaught exception ends the run with exit code 2.
    pub fn run_script(&mut self, text: &str, fname: &str) -> i32 {
        self.silent = true;
        let mut reader = PhraseReader::new(text, fname);
        reader.directive_ends_phrase = true;
        let mut ignore = |ev: Event| {
            // Like OCaml's script mode, stdout is not flushed first: it stays buffered until
            // it fills or the program exits, so with both streams on one pipe the messages
            // come first.
            if let Event::Warnings(ws) = ev {
                runtime::io::flush_stderr();
                eprint_text(&texts(ws));
            }
        };
        while let Some(phrase) = reader.next_phrase() {
            let source = Source { text: text.as_bytes(), fname, phrase_start: reader.last_phrase_start(), kind: SourceKind::File };
            let results = match phrase {
                Err(e) => vec![PhraseResult::error(compiler::parsing::report_syntax_error(&e, Some(text.as_bytes())))],
                Ok(ToplevelPhrase::Dir(d)) => vec![crate::directives::run(self, &d, &source, &mut ignore)],
                Ok(ToplevelPhrase::Def(items)) => {
                    let mut rs = Vec::new();
                    for item in items {
                        let r = self.phrase(std::slice::from_ref(&item), &source, &mut ignore);
                        let failed = r.failed();
                        rs.push(r);
                        if failed {
                            break;
                        }
                    }
                    rs
                }
            };
            for r in results {
                if r.failed() {
                    runtime::io::flush_stderr();
                    eprint_text(&r.text());
                    run_at_exit();
                    return 2;
                }
                print_flush(&r.body_text());
            }
            if self.quit {
                break;
            }
        }
        run_at_exit();
        0
    }

    /// Completion over a snapshot of the session environment (cheap: persistent maps).
    /// `List.ma` completes among the values and submodules of `List` (loading the unit if
    /// needed); a bare word among the values, modules and constructors in scope; `#u` among
    /// the directives.
    pub fn completer(&self) -> crate::interactive::Completions {
        use compiler::parsing::longident::Longident;
        use compiler::typing::env::Kind;
        let env = self.env.clone();
        Box::new(move |word: &str| {
            if word.starts_with('#') {
                return crate::directives::completion_names();
            }
            let kinds = [Kind::Value, Kind::Module, Kind::Constructor];
            match word.rfind('.') {
                Some(dot) => {
                    let module = &word[..dot];
                    let Some(lid) = module_longident(module) else { return vec![] };
                    let probe = Longident::Ldot(Box::new(lid), String::new());
                    kinds.iter().flat_map(|k| env.names_like(*k, &probe)).map(|n| format!("{}.{}", module, n)).collect()
                }
                None => {
                    let probe = Longident::Lident(String::new());
                    kinds.iter().flat_map(|k| env.names_like(*k, &probe)).collect()
                }
            }
        })
    }
}

/// `A.B.C` as a module longident (None if a part is not a capitalised name).
fn module_longident(s: &str) -> Option<compiler::parsing::longident::Longident> {
    use compiler::parsing::longident::Longident;
    let mut parts = s.split('.');
    let first = parts.next().filter(|p| p.starts_with(|c: char| c.is_ascii_uppercase()))?;
    let mut lid = Longident::Lident(first.to_string());
    for p in parts {
        if !p.starts_with(|c: char| c.is_ascii_uppercase()) {
            return None;
        }
        lid = Longident::Ldot(Box::new(lid), p.to_string());
    }
    Some(lid)
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

impl crate::printval::CustomPrinter for Toplevel {
    fn custom_print(&self, v: Value, ty: compiler::typing::types::TypeExpr) -> Option<crate::outval::OutValue> {
        crate::printers::custom_print(self, v, ty)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The engine's results are structured: values, warnings with their number and location,
    /// errors with their location, exceptions. (The only test of this binary that starts a
    /// session: the runtime's state is per process.)
    #[test]
    fn results_per_phrase() {
        let Ok(mut top) = Toplevel::new() else { panic!("no session") };
        let r = top.eval_text("let x = 1;;\nx + \"a\";;\nraise Not_found;;\nlet f = function 0 -> 1;;\n#nope;;", "//toplevel//");
        assert_eq!(r.len(), 5);
        assert!(matches!(&r[0].body, Body::Values(v) if v == &vec!["val x : int = 1\n".to_string()]));
        match &r[1].body {
            Body::Error(d) => {
                let loc = d.loc.as_ref().map(|l| (l.start.line, l.start.column(), l.end.column()));
                assert_eq!(loc, Some((2, 4, 7)));
                assert!(d.text.starts_with("Line 1, characters 4-7:\n"));
            }
            other => panic!("expected an error, got {:?}", other),
        }
        assert!(matches!(&r[2].body, Body::Exception(t) if t == "Exception: Not_found.\n"));
        assert_eq!(r[3].warnings.iter().map(|w| w.warning).collect::<Vec<_>>(), vec![Some(8)]);
        assert!(matches!(&r[3].body, Body::Values(_)));
        assert!(r[4].failed());
        assert_eq!(r[4].text(), "Unknown directive `nope'.\n");
    }
}

/// `Foo` for `dir/foo.ml`: the module name ocamlopt would give the file.
fn module_name_of_file(fname: &str) -> String {
    let base = std::path::Path::new(fname).file_stem().and_then(|s| s.to_str()).unwrap_or("Toplevel");
    let mut cs = base.chars();
    match cs.next() {
        Some(c) => c.to_ascii_uppercase().to_string() + cs.as_str(),
        None => "Toplevel".to_string(),
    }
}
