//! The init file OCaml's toplevel runs before the first phrase (not in script mode):
//! `-init FILE`, else `./.ocamlinit`, else `$XDG_CONFIG_HOME/ocaml/init.ml` (default
//! `~/.config/ocaml/init.ml`), else `~/.ocamlinit`; none with `-noinit`. Its phrases run
//! silently (errors are shown, with file locations) and the first failing one ends it.

use crate::cli::Options;
use crate::phrase_result::Event;
use crate::toplevel::{print_flush, SourceKind, Toplevel};
use std::path::{Path, PathBuf};

/// Where the init file is, by OCaml 4.13's rules (`-init` aside).
pub fn find_default(cwd_has: impl Fn(&str) -> bool, env: impl Fn(&str) -> Option<String>) -> Option<PathBuf> {
    if cwd_has(".ocamlinit") {
        return Some(PathBuf::from(".ocamlinit"));
    }
    let nonempty = |v: Option<String>| v.filter(|s| !s.is_empty());
    let home = nonempty(env("HOME"));
    let config = nonempty(env("XDG_CONFIG_HOME")).or_else(|| home.as_ref().map(|h| format!("{}/.config", h)));
    let in_dir = |dir: Option<String>, file: &str| -> Option<PathBuf> {
        let p = Path::new(&dir?).join(file);
        cwd_has(p.to_str()?).then_some(p)
    };
    in_dir(config, "ocaml/init.ml").or_else(|| in_dir(home, ".ocamlinit"))
}

/// Runs the init file, if any. Returns an exit code when the session must end (`#quit`).
pub fn load(top: &mut Toplevel, opts: &Options) -> Option<i32> {
    if opts.noinit {
        return None;
    }
    let path = match &opts.init_file {
        Some(f) if Path::new(f).exists() => PathBuf::from(f),
        Some(f) => {
            print_flush(&format!("Init file not found: \"{}\".\n", f));
            return None;
        }
        None => find_default(|p| Path::new(p).exists(), |v| std::env::var(v).ok())?,
    };
    let text = std::fs::read_to_string(&path).ok()?;
    let shown = path.to_string_lossy().into_owned();
    let was_silent = top.silent;
    top.silent = true;
    top.run_source(&text, &shown, SourceKind::File, &mut |ev| match ev {
        Event::Warnings(ws) => print_flush(&crate::phrase_result::texts(ws)),
        Event::Done(r) => print_flush(&r.body_text()),
        Event::Read { .. } => {}
    });
    top.silent = was_silent;
    top.quit.then_some(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| vars.iter().find(|(n, _)| *n == k).map(|(_, v)| v.to_string())
    }

    #[test]
    fn current_directory_first() {
        let found = find_default(|p| p == ".ocamlinit" || p == "/h/.ocamlinit", env(&[("HOME", "/h")]));
        assert_eq!(found, Some(PathBuf::from(".ocamlinit")));
    }

    #[test]
    fn xdg_config_before_home() {
        let files = ["/x/ocaml/init.ml", "/h/.ocamlinit"];
        let found = find_default(|p| files.contains(&p), env(&[("HOME", "/h"), ("XDG_CONFIG_HOME", "/x")]));
        assert_eq!(found, Some(PathBuf::from("/x/ocaml/init.ml")));
        let found = find_default(|p| p == "/h/.config/ocaml/init.ml", env(&[("HOME", "/h")]));
        assert_eq!(found, Some(PathBuf::from("/h/.config/ocaml/init.ml")));
        let found = find_default(|p| p == "/h/.ocamlinit", env(&[("HOME", "/h"), ("XDG_CONFIG_HOME", "/x")]));
        assert_eq!(found, Some(PathBuf::from("/h/.ocamlinit")));
        assert_eq!(find_default(|_| false, env(&[])), None);
    }
}
