//! `ocaml-jit -jupyter-install [--user | --prefix DIR]`: writes the kernelspec (`kernel.json`)
//! that tells Jupyter how to start this binary as a kernel.

use serde_json::json;
use std::path::{Path, PathBuf};

pub const KERNEL_NAME: &str = "ocaml-jit";

/// Where Jupyter looks for a user's kernels (`--user`, the default).
fn user_kernels_dir() -> Result<PathBuf, String> {
    if let Some(d) = std::env::var_os("JUPYTER_DATA_DIR") {
        return Ok(PathBuf::from(d).join("kernels"));
    }
    let home = std::env::var_os("HOME").ok_or("HOME is not set; use --prefix DIR")?;
    let home = PathBuf::from(home);
    if cfg!(target_os = "macos") {
        return Ok(home.join("Library/Jupyter/kernels"));
    }
    match std::env::var_os("XDG_DATA_HOME") {
        Some(d) if !d.is_empty() => Ok(PathBuf::from(d).join("jupyter/kernels")),
        _ => Ok(home.join(".local/share/jupyter/kernels")),
    }
}

/// The kernels directory the arguments ask for.
fn kernels_dir(args: &[String]) -> Result<PathBuf, String> {
    match args {
        [] => user_kernels_dir(),
        [flag] if flag == "--user" => user_kernels_dir(),
        [flag, dir] if flag == "--prefix" => Ok(Path::new(dir).join("share/jupyter/kernels")),
        _ => Err("usage: ocaml-jit -jupyter-install [--user | --prefix DIR]".into()),
    }
}

pub fn kernel_json(binary: &Path) -> String {
    let spec = json!({
        "argv": [binary.to_string_lossy(), "-jupyter", "{connection_file}"],
        "display_name": "OCaml (ocaml-jit)",
        "language": "ocaml",
        "interrupt_mode": "signal",
    });
    serde_json::to_string_pretty(&spec).unwrap_or_default() + "\n"
}

/// Installs the kernelspec; returns the directory written.
pub fn install(args: &[String]) -> Result<PathBuf, String> {
    let binary = std::env::current_exe().map_err(|e| format!("cannot find this program's path: {}", e))?;
    let binary = binary.canonicalize().unwrap_or(binary);
    let dir = kernels_dir(args)?.join(KERNEL_NAME);
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {}", dir.display(), e))?;
    let file = dir.join("kernel.json");
    std::fs::write(&file, kernel_json(&binary)).map_err(|e| format!("cannot write {}: {}", file.display(), e))?;
    Ok(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kernel_json_starts_this_binary() {
        let v: serde_json::Value = serde_json::from_str(&kernel_json(Path::new("/opt/bin/ocaml-jit"))).unwrap();
        assert_eq!(v["argv"], json!(["/opt/bin/ocaml-jit", "-jupyter", "{connection_file}"]));
        assert_eq!(v["language"], "ocaml");
        assert_eq!(v["interrupt_mode"], "signal");
    }

    #[test]
    fn prefix_and_bad_arguments() {
        assert_eq!(kernels_dir(&["--prefix".into(), "/p".into()]).unwrap(), PathBuf::from("/p/share/jupyter/kernels"));
        assert!(kernels_dir(&["--nope".into()]).is_err());
        assert!(kernels_dir(&["--prefix".into()]).is_err());
    }
}
