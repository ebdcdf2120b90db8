//! Channels, file-system primitives, digests and allocation errors against real OCaml
//! (data/misc.expected from data/gen_misc.ml).

mod common;
use common::*;
use runtime::alloc::{copy_string, list_of};
use runtime::gc::LocalRoots;
use runtime::io::{self, Channel};
use runtime::prims::{arrays, channels, digest, strings, sys, Error, PResult};
use runtime::value::*;

fn show(r: PResult<String>) -> String {
    match r {
        Ok(s) => s,
        Err(Error::SysError(m)) => format!("Sys_error:{m}"),
        Err(Error::InvalidArgument(m)) => format!("Invalid_argument:{m}"),
        Err(Error::Failure(m)) => format!("Failure:{m}"),
        Err(Error::EndOfFile) => "End_of_file".into(),
        Err(Error::NotFound) => "Not_found".into(),
        Err(e) => format!("{e:?}"),
    }
}

fn hex(d: [u8; 16]) -> String {
    d.iter().map(|b| format!("{b:02x}")).collect()
}

/// Open a file as `open_out`/`open_in_bin` do (flags by their OCaml constructor numbers).
fn open(path: &str, flags: &[i64], out: bool) -> PResult<&'static mut Channel> {
    let mut r = LocalRoots::new();
    let p = r.add(copy_string(path));
    let fl: Vec<Value> = flags.iter().map(|&f| Value::of_int(f)).collect();
    let l = list_of(&fl);
    let fd = sys::sys_open(r.get(p), l, 0o666)?;
    Ok(unsafe { &mut *io::open_descriptor(fd as i32, out) })
}

fn input_line(ch: &mut Channel) -> PResult<String> {
    match channels::input_line(ch)? {
        Some(l) => Ok(String::from_utf8_lossy(&l).into_owned()),
        None => Err(Error::EndOfFile),
    }
}

/// The channel session of gen_misc.ml, step by step.
fn channel_session() -> Vec<(String, String)> {
    let file = "/tmp/ocaml_jit_prims_test_rust.txt";
    let mut steps = Vec::new();
    let mut step = |name: &str, r: PResult<String>| steps.push((name.to_string(), show(r)));
    let ok = |r: PResult<()>| r.map(|()| "ok".to_string());
    let oc = open(file, &[1, 3, 4, 7], true).expect("open_out");
    step("output", ok(oc.write(b"hello\nworld\nlast")));
    step("pos_out", Ok(oc.pos_out().to_string()));
    step("output_int", ok(oc.write(&(-2i32 as u32).to_be_bytes())));
    step("seek_out", ok(oc.seek_out(17).and_then(|()| oc.write(b"\n"))));
    step("close_out", ok(oc.flush().and_then(|()| oc.close())));
    step("flush_closed", ok(oc.flush()));
    step("output_closed", ok(oc.write(b"x")));
    step("close_out_again", ok(oc.flush().and_then(|()| oc.close())));
    step("pos_out_closed", Ok(oc.pos_out().to_string()));
    let ic = open(file, &[0, 6], false).expect("open_in");
    step("length", ic.size().map(|n| n.to_string()));
    step("line", input_line(ic));
    step("pos_in", Ok(ic.pos_in().to_string()));
    step("char", ic.read_byte().and_then(|c| c.ok_or(Error::EndOfFile)).map(|c| (c as char).to_string()));
    step("line", input_line(ic));
    step("input_int", ic.seek_in(16).and_then(|()| {
        let mut b = [0u8; 4];
        ic.really_read(&mut b)?;
        Ok(i32::from_be_bytes(b).to_string())
    }));
    step("seek_back", ic.seek_in(6).and_then(|()| input_line(ic)));
    let mut buf = [0u8; 100];
    step("input", ic.read(&mut buf).map(|n| String::from_utf8_lossy(&buf[..n]).into_owned()));
    step("line_eof", input_line(ic));
    step("char_eof", ic.read_byte().and_then(|c| c.ok_or(Error::EndOfFile)).map(|c| (c as char).to_string()));
    step("md5_chan", ic.seek_in(0).and_then(|()| digest::md5_chan(ic, 5)).map(hex));
    step("md5_chan_all", digest::md5_chan(ic, -1).map(hex));
    step("md5_chan_short", ic.seek_in(0).and_then(|()| digest::md5_chan(ic, 1000)).map(hex));
    step("close_in", ok(ic.close()));
    step("input_closed", input_line(ic));
    step("close_in_again", ok(ic.close()));
    let _ = std::fs::remove_file(file);
    steps
}

#[test]
fn io_sys_and_digest_match_ocaml() {
    let _t = lock();
    let mut session = channel_session().into_iter();
    let mut m = Mismatches::default();
    for l in data("misc.expected") {
        let (kind, input) = (l[0].as_str(), unescape(&l[1]));
        let want = String::from_utf8_lossy(&unescape(&l[2])).into_owned();
        let s = || copy_string(std::str::from_utf8(&input).unwrap());
        let got = match kind {
            "md5" => show(digest::md5_string(&input, 0, input.len() as i64).map(hex)),
            "open_in" => show(open(&l[1], &[0, 6], false).map(|_| "ok".into())),
            "remove" => show(path_call(s(), sys::remove)),
            "readdir" => show(sys::read_directory(s()).map(|_| "ok".into())),
            "chdir" => show(path_call(s(), sys::chdir)),
            "is_directory" => show(sys::is_directory(s()).map(|b| b.to_string())),
            "file_exists" => sys::caml_sys_file_exists(s()).bool().to_string(),
            "rename" => {
                let mut r = LocalRoots::new();
                let a = r.add(s());
                let b = copy_string("/tmp/y");
                show(sys::rename(r.get(a), b).map(|()| "ok".into()))
            }
            "mkdir" => show(path_call(copy_string(&format!("{}/y", l[1])), |p| sys::mkdir(p, 0o755))),
            "rmdir" => show(path_call(s(), sys::rmdir)),
            "getenv" => show(sys::getenv(&input).map(|v| String::from_utf8_lossy(&v).into_owned())),
            "bytes_create" => show(strings::create_bytes(-1, "Bytes.create").map(|_| "ok".into())),
            "array_make" => {
                let n = if l[1] == "max_int" { (1 << 62) - 1 } else { -1 };
                show(arrays::make_vect(n, Value::of_int(0)).map(|_| "ok".into()))
            }
            "array_make_float" => {
                let f = runtime::alloc::copy_double(0.0);
                show(arrays::make_vect(-1, f).map(|_| "ok".into()))
            }
            "create_float" | "floatarray_create" => {
                show(arrays::make_float_vect(-1, "Float.Array.create").map(|_| "ok".into()))
            }
            "command" => sys::caml_sys_system_command(s()).int().to_string(),
            "readdir_sorted" => {
                let dir = std::str::from_utf8(&input).unwrap();
                let _ = std::fs::create_dir(dir);
                for f in ["b", "a", "c.txt"] {
                    std::fs::write(format!("{dir}/{f}"), "").unwrap();
                }
                let mut names = sys::read_directory(s()).unwrap();
                names.sort();
                let _ = std::fs::remove_dir_all(dir);
                names.iter().map(|n| String::from_utf8_lossy(n).into_owned()).collect::<Vec<_>>().join(" ")
            }
            "chan" => {
                let (name, got) = session.next().expect("session step");
                assert_eq!(name, l[1], "session steps out of order");
                got
            }
            k => panic!("unknown kind {k}"),
        };
        m.check(format!("{kind} {}", l[1]), &got, &want);
    }
    m.finish();
}

fn path_call(v: Value, f: fn(Value) -> PResult<()>) -> PResult<String> {
    f(v).map(|()| "ok".into())
}
