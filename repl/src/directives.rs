//! Toplevel directives (`#use "f.ml"`, `#show List.map`, `#warnings "-8"`, ...), with OCaml's
//! outputs and error texts. The table also gives `#help` its listing.

use crate::phrase_result::{Body, Event, PhraseResult};
use crate::toplevel::{Source, SourceKind, Toplevel};
use compiler::parsing::location::Located;
use compiler::parsing::longident::Longident;
use compiler::parsing::parsetree as P;
use compiler::parsing::parsetree::{DirectiveArgumentDesc as Arg, ToplevelDirective};
use compiler::typing::env::{Kind, LookupError};
use compiler::typing::format::Formatter;
use compiler::typing::ident::Ident;
use compiler::typing::types::{
    ConstructorArgs, ConstructorTag, ExtStatus, ExtensionConstructor, LabelDeclaration, ModuleType, RecStatus, SignatureItem,
    TypeDesc,
};
use compiler::typing::{outcome, printtyp, types};
use std::rc::Rc;

/// The argument a directive takes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ArgKind {
    None,
    Str,
    Int,
    Ident,
    Bool,
}

impl ArgKind {
    fn accepts(self, a: Option<&Arg>) -> bool {
        matches!(
            (self, a),
            (ArgKind::None, None)
                | (ArgKind::Str, Some(Arg::String(_)))
                | (ArgKind::Int, Some(Arg::Int(_, None)))
                | (ArgKind::Ident, Some(Arg::Ident(_)))
                | (ArgKind::Bool, Some(Arg::Bool(_)))
        )
    }

    fn shown(self) -> &'static str {
        match self {
            ArgKind::None => "",
            ArgKind::Str => " <str>",
            ArgKind::Int => " <int>",
            ArgKind::Ident => " <ident>",
            ArgKind::Bool => " <bool>",
        }
    }
}

struct Directive {
    name: &'static str,
    arg: ArgKind,
    section: &'static str,
    /// `#help`'s description (OCaml's wording, already wrapped as OCaml wraps it).
    doc: &'static str,
    /// Implemented by ocaml-jit (the others answer that they are not supported).
    supported: bool,
}

const GENERAL: &str = "General";
const LOADING: &str = "Loading code";
const QUERIES: &str = "Environment queries";
const PRINTING: &str = "Pretty-printing";
const TRACING: &str = "Tracing";
const OPTIONS: &str = "Compiler options";

const fn d(name: &'static str, arg: ArgKind, section: &'static str, doc: &'static str, supported: bool) -> Directive {
    Directive { name, arg, section, doc, supported }
}

/// OCaml 4.13's directives, sorted by name within each `#help` section.
const DIRECTIVES: &[Directive] = &[
    d("help", ArgKind::None, GENERAL, "Prints a list of all available directives, with corresponding argument type\n  if appropriate.", true),
    d("quit", ArgKind::None, GENERAL, "Exit the toplevel.", true),
    d("cd", ArgKind::Str, LOADING, "Change the current working directory.", true),
    d("directory", ArgKind::Str, LOADING, "Add the given directory to search path for source and compiled files.", true),
    d("load", ArgKind::Str, LOADING, "Load in memory a bytecode object, produced by ocamlc.", false),
    d("load_rec", ArgKind::Str, LOADING, "As #load, but loads dependencies recursively.", false),
    d("mod_use", ArgKind::Str, LOADING, "Usage is identical to #use but #mod_use wraps the contents in a module.", true),
    d("remove_directory", ArgKind::Str, LOADING, "Remove the given directory from the search path.", true),
    d("show_dirs", ArgKind::None, LOADING, "List directories currently in the search path.", true),
    d("use", ArgKind::Str, LOADING, "Read, compile and execute source phrases from the given file.", true),
    d("use_output", ArgKind::Str, LOADING, "Execute a command and read, compile and execute source phrases from its\n  output.", true),
    d("show", ArgKind::Ident, QUERIES, "Print the signatures of components from any of the categories below.", true),
    d("show_class", ArgKind::Ident, QUERIES, "Print the signature of the corresponding class.", true),
    d("show_class_type", ArgKind::Ident, QUERIES, "Print the signature of the corresponding class type.", true),
    d("show_constructor", ArgKind::Ident, QUERIES, "Print the signature of the corresponding value constructor.", true),
    d("show_exception", ArgKind::Ident, QUERIES, "Print the signature of the corresponding exception.", true),
    d("show_module", ArgKind::Ident, QUERIES, "Print the signature of the corresponding module.", true),
    d("show_module_type", ArgKind::Ident, QUERIES, "Print the signature of the corresponding module type.", true),
    d("show_type", ArgKind::Ident, QUERIES, "Print the signature of the corresponding type constructor.", true),
    d("show_val", ArgKind::Ident, QUERIES, "Print the signature of the corresponding value.", true),
    d("install_printer", ArgKind::Ident, PRINTING, "Registers a printer for values of a certain type.", true),
    d("print_depth", ArgKind::Int, PRINTING, "Limit the printing of values to a maximal depth of n.", true),
    d("print_length", ArgKind::Int, PRINTING, "Limit the number of value nodes printed to at most n.", true),
    d("remove_printer", ArgKind::Ident, PRINTING, "Remove the named function from the table of toplevel printers.", true),
    d("trace", ArgKind::Ident, TRACING, "All calls to the function named function-name will be traced.", false),
    d("untrace", ArgKind::Ident, TRACING, "Stop tracing the given function.", false),
    d("untrace_all", ArgKind::None, TRACING, "Stop tracing all functions traced so far.", false),
    d("labels", ArgKind::Bool, OPTIONS, "Choose whether to ignore labels in function types.", false),
    d("ppx", ArgKind::Str, OPTIONS, "After parsing, pipe the abstract syntax tree through the preprocessor\n  command.", false),
    d("principal", ArgKind::Bool, OPTIONS, "Make sure that all types are derived in a principal way.", true),
    d("rectypes", ArgKind::None, OPTIONS, "Allow arbitrary recursive types during type-checking.", true),
    d("warn_error", ArgKind::Str, OPTIONS, "Treat as errors the warnings enabled by the argument.", true),
    d("warnings", ArgKind::Str, OPTIONS, "Enable or disable warnings according to the argument.", true),
];

/// Directives of ocaml-jit that OCaml's `ocaml` lacks (utop has them); not listed by `#help`.
const EXTRA: &[Directive] = &[d("typeof", ArgKind::Str, QUERIES, "Print the type of the given expression or value path.", true)];

/// `#name` of every directive, for completion.
pub fn completion_names() -> Vec<String> {
    DIRECTIVES.iter().chain(EXTRA).filter(|d| d.supported).map(|d| format!("#{}", d.name)).collect()
}

/// How deep `#use` may nest (a file that uses itself would never end).
const MAX_USE_DEPTH: usize = 64;

thread_local! {
    static USE_DEPTH: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Runs a directive. Nested phrases (`#use`) report to `on` as they run.
pub fn run(top: &mut Toplevel, dir: &ToplevelDirective, src: &Source, on: &mut dyn FnMut(Event)) -> PhraseResult {
    let name = dir.name.txt.as_str();
    let arg = dir.arg.as_ref().map(|a| &a.desc);
    let Some(spec) = DIRECTIVES.iter().chain(EXTRA).find(|d| d.name == name) else {
        return PhraseResult::error(format!("Unknown directive `{}'.\n", name));
    };
    if !spec.arg.accepts(arg) {
        return PhraseResult::error(format!("Wrong type of argument for directive `{}'.\n", name));
    }
    if !spec.supported {
        // OCaml's answers for a missing file or an unbound name come first.
        match arg {
            Some(Arg::String(f)) if matches!(name, "load" | "load_rec") && find_file(top, f).is_none() => {
                return PhraseResult::error(format!("Cannot find file {}.\n", f));
            }
            Some(Arg::Ident(lid)) if matches!(name, "trace" | "untrace") && top.env.lookup_value(lid).is_err() => {
                return PhraseResult::error(format!("Unbound value {}.\n", lid));
            }
            _ => {}
        }
        return PhraseResult::error(format!("Directive `{}' is not supported by ocaml-jit yet.\n", name));
    }
    let silent = PhraseResult::default;
    match (name, arg) {
        ("help", _) => PhraseResult::directive(help_text()),
        ("quit", _) => {
            top.quit = true;
            silent()
        }
        ("print_depth", Some(Arg::Int(n, _))) => {
            top.print_depth = n.parse().unwrap_or(top.print_depth);
            silent()
        }
        ("print_length", Some(Arg::Int(n, _))) => {
            top.print_length = n.parse().unwrap_or(top.print_length);
            silent()
        }
        ("cd", Some(Arg::String(dir))) => match std::env::set_current_dir(dir) {
            Ok(()) => silent(),
            Err(e) => PhraseResult::error(src.report_at_top(&format!("I/O error: {}: {}", dir, io_error_text(&e)))),
        },
        ("directory", Some(Arg::String(dir))) => {
            top.include_dirs.retain(|d| d != dir);
            top.include_dirs.insert(0, dir.clone());
            silent()
        }
        ("remove_directory", Some(Arg::String(dir))) => {
            top.include_dirs.retain(|d| d != dir);
            silent()
        }
        ("show_dirs", _) => {
            let mut s = String::new();
            for d in &top.include_dirs {
                s.push_str(d);
                s.push('\n');
            }
            PhraseResult::directive(s)
        }
        ("use", Some(Arg::String(f))) => use_file(top, f, false, on),
        ("use_output", Some(Arg::String(cmd))) => use_output(top, cmd, on),
        ("mod_use", Some(Arg::String(f))) => use_file(top, f, true, on),
        ("warnings", Some(Arg::String(spec))) => match top.warnings.set_warnings(spec) {
            Some(alert) => PhraseResult::directive(format!("File \"_none_\", line 1:\n{}", alert.0)),
            None => silent(),
        },
        ("warn_error", Some(Arg::String(spec))) => match top.warnings.set_warn_error(spec) {
            Some(alert) => PhraseResult::directive(format!("File \"_none_\", line 1:\n{}", alert.0)),
            None => silent(),
        },
        ("rectypes", None) => {
            let flags = compiler::typing::clflags::get();
            compiler::typing::clflags::set(compiler::typing::clflags::TypingFlags { rectypes: true, ..flags });
            silent()
        }
        ("principal", Some(Arg::Bool(on))) => {
            let flags = compiler::typing::clflags::get();
            compiler::typing::clflags::set(compiler::typing::clflags::TypingFlags { principal: *on, ..flags });
            silent()
        }
        ("typeof", Some(Arg::String(text))) => typeof_text(top, text),
        ("install_printer", Some(Arg::Ident(lid))) => crate::printers::install(top, lid),
        ("remove_printer", Some(Arg::Ident(lid))) => crate::printers::remove(top, lid),
        (query, Some(Arg::Ident(lid))) => show(top, query, lid, src),
        _ => PhraseResult::error(format!("Wrong type of argument for directive `{}'.\n", name)),
    }
}

fn io_error_text(e: &std::io::Error) -> String {
    let s = e.to_string();
    // Rust appends " (os error N)"; OCaml prints strerror's text alone.
    match s.find(" (os error") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// `#help`: the directives by section, as OCaml lists them.
fn help_text() -> String {
    let mut out = String::new();
    for section in [GENERAL, LOADING, QUERIES, PRINTING, TRACING, OPTIONS] {
        out.push_str(&" ".repeat(30));
        out.push_str(section);
        out.push('\n');
        for d in DIRECTIVES.iter().filter(|d| d.section == section) {
            out.push_str(&format!("#{}{}\n  {}\n", d.name, d.arg.shown(), d.doc));
        }
        out.push('\n');
    }
    out
}

/// The file `#use` means: as given, else in the `-I`/`#directory` folders.
fn find_file(top: &Toplevel, f: &str) -> Option<String> {
    let p = std::path::Path::new(f);
    if p.is_absolute() || std::path::Path::new(f).exists() {
        return p.exists().then(|| f.to_string());
    }
    top.include_dirs.iter().map(|d| std::path::Path::new(d).join(f)).find(|c| c.exists()).map(|c| c.to_string_lossy().into_owned())
}

/// `#use "f.ml"` runs the file's phrases; `#mod_use` wraps them in a module named after the
/// file (`f.ml` -> `F`).
fn use_file(top: &mut Toplevel, f: &str, as_module: bool, on: &mut dyn FnMut(Event)) -> PhraseResult {
    let depth = USE_DEPTH.with(|d| d.get());
    if depth >= MAX_USE_DEPTH {
        return PhraseResult::error(format!("Error: #use of {} nested more than {} deep.\n", f, MAX_USE_DEPTH));
    }
    USE_DEPTH.with(|d| d.set(depth + 1));
    let r = use_file_now(top, f, as_module, on);
    USE_DEPTH.with(|d| d.set(depth));
    r
}

fn use_file_now(top: &mut Toplevel, f: &str, as_module: bool, on: &mut dyn FnMut(Event)) -> PhraseResult {
    let Some(path) = find_file(top, f) else { return PhraseResult::error(format!("Cannot find file {}.\n", f)) };
    let Ok(text) = std::fs::read_to_string(&path) else { return PhraseResult::error(format!("Cannot find file {}.\n", f)) };
    if !as_module {
        top.run_source(&text, &path, SourceKind::File, on);
        return PhraseResult::default();
    }
    let base = std::path::Path::new(&path).file_stem().and_then(|s| s.to_str()).unwrap_or("M");
    let mut chars = base.chars();
    let modname: String = chars.next().map(|c| c.to_ascii_uppercase()).into_iter().chain(chars).collect();
    let source = Source { text: text.as_bytes(), fname: &path, phrase_start: compiler::parsing::location::Position::new(path.as_str().into()), kind: SourceKind::File };
    let items = match compiler::parsing::parse_implementation(&text, &path) {
        Ok(items) => items,
        Err(e) => return PhraseResult::error(compiler::parsing::report_syntax_error(&e, Some(text.as_bytes()))),
    };
    // `module M = struct <the file> end`, located in the file so errors point into it.
    let loc = compiler::parsing::location::Location::none();
    let binding = P::ModuleBinding {
        name: Located::new(Some(modname), loc.clone()),
        expr: P::ModuleExpr { desc: P::ModuleExprDesc::Structure(items), loc: loc.clone(), attributes: vec![] },
        attributes: vec![],
        loc: loc.clone(),
    };
    let item = P::StructureItem { desc: P::StructureItemDesc::Module(binding), loc };
    top.eval_phrase(&compiler::parsing::parsetree::ToplevelPhrase::Def(vec![item]), &source, on)
}

/// `#use_output "cmd"`: runs the command with the shell and uses what it prints.
fn use_output(top: &mut Toplevel, cmd: &str, on: &mut dyn FnMut(Event)) -> PhraseResult {
    crate::toplevel::print_flush("");
    runtime::io::flush_std();
    let out = match std::process::Command::new("/bin/sh").arg("-c").arg(cmd).stderr(std::process::Stdio::inherit()).output() {
        Ok(o) if o.status.success() => o.stdout,
        Ok(o) => {
            let code = o.status.code().unwrap_or(-1);
            return PhraseResult::error(format!("Command exited with code {}.\n", code));
        }
        Err(e) => return PhraseResult::error(format!("Command failed: {}.\n", io_error_text(&e))),
    };
    let text = String::from_utf8_lossy(&out).into_owned();
    top.run_source(&text, "(command-output)", SourceKind::File, on);
    PhraseResult::default()
}

/// `#typeof "expr"` (utop's): the type of a value path, or of an expression.
fn typeof_text(top: &mut Toplevel, text: &str) -> PhraseResult {
    let trimmed = text.trim();
    if let Some(lid) = parse_longident(trimmed) {
        if let Ok(v) = top.env.lookup_value(&lid) {
            // utop shows the path as written: `val List.map : ...`, `external ( + ) : ...`.
            let last = last_name(&lid);
            let shown = if last.starts_with(|c: char| c.is_alphabetic() || c == '_') {
                crate::printers::source_of_longident(&lid)
            } else {
                last
            };
            let item = SignatureItem::Value(Ident::create(&shown), v.desc.clone());
            return PhraseResult::directive(sig_item_text(&item));
        }
    }
    let src = format!("let _ = ({});;", text);
    let parsed = compiler::parsing::parse_implementation(&src, "//toplevel//");
    let Ok(items) = parsed else { return PhraseResult::error(format!("Error: cannot parse {:?}\n", text)) };
    match compiler::typing::type_toplevel_phrase(&top.env, &items) {
        Ok(r) => match r.structure.items.first().map(|i| &i.desc) {
            Some(compiler::typing::typedtree::StructureItemDesc::Value(_, vbs)) if !vbs.is_empty() => {
                PhraseResult::directive(format!("- : {}\n", printtyp::scheme_to_string(vbs[0].expr.ty)))
            }
            _ => PhraseResult::default(),
        },
        Err((e, _)) => PhraseResult::error(format!("Error: {}\n", e.message())),
    }
}

/// `List.map` as a long identifier (no spaces, operators in parentheses kept whole).
fn parse_longident(s: &str) -> Option<Longident> {
    if s.is_empty() || s.contains(char::is_whitespace) && !s.starts_with('(') {
        return None;
    }
    let mut parts: Vec<String> = Vec::new();
    let mut rest = s;
    while let Some(i) = rest.find('.') {
        let head = &rest[..i];
        if head.is_empty() || !head.starts_with(|c: char| c.is_ascii_uppercase()) {
            break;
        }
        parts.push(head.to_string());
        rest = &rest[i + 1..];
    }
    let last = if rest.starts_with('(') && rest.ends_with(')') { rest[1..rest.len() - 1].trim() } else { rest };
    if last.is_empty() || (!rest.starts_with('(') && !last.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '\'')) {
        return None;
    }
    let mut lid = Longident::Lident(parts.first().cloned().unwrap_or_else(|| last.to_string()));
    if parts.is_empty() {
        return Some(lid);
    }
    for p in parts.iter().skip(1) {
        lid = Longident::Ldot(Box::new(lid), p.clone());
    }
    Some(Longident::Ldot(Box::new(lid), last.to_string()))
}

fn sig_item_text(item: &SignatureItem) -> String {
    let mut tree = printtyp::tree_of_sig_item(item);
    if let outcome::OutSigItem::Module(_, mty, _) = &mut tree {
        elide_nested_functor_bodies(mty, false);
    }
    let mut f = Formatter::new(78);
    outcome::print_sig_item(&mut f, &tree);
    f.newline();
    f.take()
}

/// `#show` prints the result signature of a functor found inside a signature as
/// `sig ... end`, as OCaml does.
fn elide_nested_functor_bodies(m: &mut outcome::OutModuleType, nested: bool) {
    use outcome::{OutModuleType, OutSigItem};
    match m {
        OutModuleType::Signature(items) => {
            for item in items {
                if let OutSigItem::Module(_, mty, _) = item {
                    elide_nested_functor_bodies(mty, true);
                }
            }
        }
        OutModuleType::Functor(_, res) if nested => {
            let mut res: &mut OutModuleType = res;
            while let OutModuleType::Functor(_, r) = res {
                res = r;
            }
            if let OutModuleType::Signature(_) = res {
                *res = OutModuleType::Ident("sig ... end".into());
            }
        }
        _ => {}
    }
}

fn last_name(lid: &Longident) -> String {
    match lid {
        Longident::Lident(s) | Longident::Ldot(_, s) => s.clone(),
        Longident::Lapply(..) => String::new(),
    }
}

/// Which constructors a query shows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Constructors {
    /// `#show`: all (an exception as `exception E`).
    All,
    /// `#show_exception`: exceptions only.
    Exceptions,
    /// `#show_constructor`: constructors of variants and extensible types, not exceptions.
    NotExceptions,
}

/// The `#show...` queries. Each finds the items named `lid` of its kinds and prints them;
/// a name bound to something of another category is an "Unknown element".
fn show(top: &Toplevel, query: &str, lid: &Longident, src: &Source) -> PhraseResult {
    if let "show_class" | "show_class_type" = query {
        return match compiler::typing::typecore::typeclass::lookup_for_show(&top.env, lid, query == "show_class_type") {
            Ok((id, vd)) => PhraseResult::directive(sig_item_text(&SignatureItem::Value(id, Rc::new(vd)))),
            Err(message) => PhraseResult::error(src.report_at_top(&message)),
        };
    }
    let (kinds, constructors): (&[Kind], Constructors) = match query {
        "show_val" => (&[Kind::Value], Constructors::All),
        "show_type" => (&[Kind::Type], Constructors::All),
        "show_module" => (&[Kind::Module], Constructors::All),
        "show_module_type" => (&[Kind::ModuleType], Constructors::All),
        "show_constructor" => (&[Kind::Constructor], Constructors::NotExceptions),
        "show_exception" => (&[Kind::Constructor], Constructors::Exceptions),
        _ => (&[Kind::Value, Kind::Type, Kind::Constructor, Kind::Module, Kind::ModuleType], Constructors::All),
    };
    let mut out = String::new();
    for &kind in kinds {
        match show_kind(top, kind, lid, constructors) {
            Ok(Some(text)) => out.push_str(&text),
            Ok(None) => {}
            Err(e) if query != "show" => {
                let loc = compiler::parsing::location::Location::none();
                let err = compiler::typing::typetexp::unbound(&top.env, e.kind, &e.lid, &loc);
                return PhraseResult::error(src.report_at_top(&err.message()));
            }
            Err(_) => {}
        }
    }
    if out.is_empty() {
        return PhraseResult::directive("Unknown element.\n".into());
    }
    PhraseResult { warnings: vec![], body: Body::Directive(out) }
}

/// The text of the item of that kind named `lid`; `None` when the name is bound but not to
/// something the query shows.
fn show_kind(top: &Toplevel, kind: Kind, lid: &Longident, constructors: Constructors) -> Result<Option<String>, LookupError> {
    let env = &top.env;
    let name = last_name(lid);
    let id = Ident::create(&name);
    match kind {
        Kind::Value => {
            let v = env.lookup_value(lid)?;
            Ok(Some(sig_item_text(&SignatureItem::Value(id, v.desc))))
        }
        Kind::Type => {
            let t = env.lookup_type(lid)?;
            Ok(Some(sig_item_text(&SignatureItem::Type(id, t.data.decl.clone(), RecStatus::First))))
        }
        Kind::ModuleType => {
            let m = env.lookup_modtype(lid)?;
            Ok(Some(sig_item_text(&SignatureItem::ModType(id, m.decl))))
        }
        Kind::Module => {
            let m = env.lookup_module(lid)?;
            let mut out = String::new();
            let mut decl = m.decl.clone();
            // An alias shows as `module L = List`, then what it stands for.
            let mut hops = 0;
            while let ModuleType::Alias(p) = &decl.mty {
                let alias = types::ModuleDeclaration { mty: ModuleType::Alias(p.clone()), loc: decl.loc.clone() };
                out.push_str(&sig_item_text(&SignatureItem::Module(id.clone(), Rc::new(alias), RecStatus::NotRec)));
                match env.find_module(p) {
                    Some(d) if hops < 16 => decl = d,
                    _ => return Ok(Some(out)),
                }
                hops += 1;
            }
            out.push_str(&sig_item_text(&SignatureItem::Module(id, decl, RecStatus::NotRec)));
            Ok(Some(out))
        }
        Kind::Constructor => {
            let cds = env.lookup_all_constructors(lid)?;
            let Some(cd) = cds.first() else { return Err(LookupError { kind, lid: lid.clone() }) };
            Ok(constructor_text(env, cd, &name, constructors))
        }
        Kind::Label => Err(LookupError { kind, lid: lid.clone() }),
    }
}

/// A constructor shows as its exception, its type extension, or its variant type.
fn constructor_text(
    env: &compiler::typing::env::Env,
    cd: &types::ConstructorDescription,
    name: &str,
    constructors: Constructors,
) -> Option<String> {
    let TypeDesc::Constr(type_path, type_params) = types::desc(cd.res) else { return None };
    if let ConstructorTag::Extension(_) = &cd.tag {
        let is_exn = matches!(&type_path, compiler::typing::path::Path::Pident(i) if i.name() == "exn");
        match (constructors, is_exn) {
            (Constructors::Exceptions, false) | (Constructors::NotExceptions, true) => return None,
            _ => {}
        }
        let args = match &cd.inline_record {
            Some(labels) => ConstructorArgs::Record(
                labels
                    .iter()
                    .map(|l| LabelDeclaration { id: Ident::create_rc(l.name.clone()), mutable: l.mutable, ty: l.arg, loc: cd.loc.clone() })
                    .collect(),
            ),
            None => ConstructorArgs::Tuple(cd.args.clone()),
        };
        let ext = ExtensionConstructor {
            type_path,
            type_params: type_params.to_vec(),
            args,
            ret_type: if cd.generalized { Some(cd.res) } else { None },
            private: cd.private,
            loc: cd.loc.clone(),
        };
        let status = if is_exn { ExtStatus::Exception } else { ExtStatus::First };
        return Some(sig_item_text(&SignatureItem::TypeExt(Ident::create(name), Rc::new(ext), status)));
    }
    if constructors == Constructors::Exceptions {
        return None;
    }
    // A constructor of a variant type shows its type.
    let decl = env.find_type(&type_path)?;
    let tname = match &type_path {
        compiler::typing::path::Path::Pident(i) => i.name().to_string(),
        compiler::typing::path::Path::Pdot(_, s) => s.to_string(),
        compiler::typing::path::Path::Papply(..) => name.to_string(),
    };
    Some(sig_item_text(&SignatureItem::Type(Ident::create(&tname), decl, RecStatus::First)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longidents_of_typeof() {
        assert!(matches!(parse_longident("x"), Some(Longident::Lident(s)) if s == "x"));
        assert!(matches!(parse_longident("List.map"), Some(Longident::Ldot(_, s)) if s == "map"));
        assert!(parse_longident("f 1").is_none());
        assert!(matches!(parse_longident("( + )"), Some(Longident::Lident(s)) if s == "+"));
    }

    #[test]
    fn help_lists_sections_in_order() {
        let h = help_text();
        let g = h.find("General").unwrap_or(usize::MAX);
        let o = h.find("Compiler options").unwrap_or(0);
        assert!(g < o);
        assert!(h.contains("#use <str>\n  Read, compile and execute source phrases from the given file.\n"));
    }
}
