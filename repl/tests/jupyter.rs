//! Runs the Jupyter kernel under a real client: `tests/jupyter/test_kernel.py` (Python,
//! `jupyter_client`) drives the built `ocaml-jit -jupyter`. Without Python or jupyter_client
//! the test fails and says how to install them (`.ci/run` does).

use std::path::Path;
use std::process::Command;

const INSTALL_HINT: &str = "python3 -m pip install jupyter_client==8.6.3";

#[test]
fn jupyter_kernel_under_jupyter_client() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let script = root.join("tests/jupyter/test_kernel.py");
    let probe = Command::new("python3").args(["-c", "import jupyter_client, zmq"]).output();
    match probe {
        Err(e) => panic!("the Jupyter kernel test needs python3 ({}); then: {}", e, INSTALL_HINT),
        Ok(o) if !o.status.success() => panic!(
            "the Jupyter kernel test needs the Python package jupyter_client: {}\n{}",
            INSTALL_HINT,
            String::from_utf8_lossy(&o.stderr)
        ),
        Ok(_) => {}
    }
    let status = Command::new("python3")
        .arg(&script)
        .arg(env!("CARGO_BIN_EXE_ocaml-jit"))
        .status()
        .expect("cannot run python3");
    assert!(status.success(), "{} failed (its output above says which checks)", script.display());
}
