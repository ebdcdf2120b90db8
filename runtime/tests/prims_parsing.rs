//! The ocamlyacc automaton against OCaml's own engine on the tables of data/parser.mly
//! (data/parsing.expected from data/gen_parsing.sh), driven the same way.

mod common;
use common::*;
use runtime::alloc::{alloc_block, copy_bytes};
use runtime::gc::{self, LocalRoots};
use runtime::prims::parsing::*;
use runtime::value::*;

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len() / 2).map(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).unwrap()).collect()
}

fn int_array(items: &[i64]) -> Value {
    let a = gc::alloc(items.len(), 0);
    for (i, &n) in items.iter().enumerate() {
        unsafe { a.init_field(i, Value::of_int(n)) };
    }
    a
}

fn filled(n: usize, v: Value) -> Value {
    let a = gc::alloc(n, 0);
    for i in 0..n {
        unsafe { a.init_field(i, v) };
    }
    a
}

#[test]
fn parsing_engine_matches_ocaml() {
    let _t = lock();
    let lines = data("parsing.expected");
    let mut r = LocalRoots::new();
    let get = |kind: &str, name: &str| lines.iter().find(|l| l[0] == kind && l[1] == name).unwrap().clone();
    // parse_tables: actions, transl_const, transl_block, lhs, len, defred, dgoto, sindex, rindex,
    // gindex, tablesize, table, check, error_function, names_const, names_block.
    let mut fields = vec![r.add(UNIT)];
    for name in ["transl_const", "transl_block"] {
        let l = get("ints", name);
        let nums: Vec<i64> = l[2].split(' ').map(|x| x.parse().unwrap()).collect();
        fields.push(r.add(int_array(&nums)));
    }
    for name in ["lhs", "len", "defred", "dgoto", "sindex", "rindex", "gindex"] {
        fields.push(r.add(copy_bytes(&unhex(&get("table", name)[2]))));
    }
    let size: i64 = lines.iter().find(|l| l[0] == "tablesize").unwrap()[1].parse().unwrap();
    fields.push(r.add(Value::of_int(size)));
    for name in ["table", "check"] {
        fields.push(r.add(copy_bytes(&unhex(&get("table", name)[2]))));
    }
    for _ in 0..3 {
        fields.push(r.add(UNIT));
    }
    let vals: Vec<Value> = fields.iter().map(|&k| r.get(k)).collect();
    let tables = r.add(alloc_block(0, &vals));
    // The entry rule (ocamlyacc's last one) ends the parse with the value on top of the stack.
    let entry_rule = (get("table", "lhs")[2].len() / 4) as i64 - 1;

    let mut m = Mismatches::default();
    for l in lines.iter().filter(|l| l[0] == "trace") {
        let toks: Vec<String> = l[1].split(' ').map(String::from).collect();
        let env = {
            let s = r.add(filled(3, Value::of_int(0)));
            let v = r.add(filled(3, UNIT));
            let ss = r.add(filled(3, UNIT));
            let se = r.add(filled(3, UNIT));
            let z = Value::of_int(0);
            let f = [r.get(s), r.get(v), r.get(ss), r.get(se), Value::of_int(3), Value::of_int(1),
                Value::of_int(1), UNIT, UNIT, UNIT, z, z, z, z, z, z];
            r.add(alloc_block(0, &f))
        };
        let mut steps: Vec<String> = Vec::new();
        let mut next_tok = toks.iter();
        let (mut cmd, mut arg) = (START, UNIT);
        for n in 0.. {
            let e = r.get(env);
            let field = |i| unsafe { r.get(env).field(i).int() };
            let mut log = |s: String| steps.push(format!("{s}:{}:{}:{}", field(13), field(14), field(15)));
            if n > 200 {
                log("LIMIT".into());
                break;
            }
            let res = parse_engine(r.get(tables), e, cmd, arg);
            match res {
                READ_TOKEN => {
                    log("read".into());
                    match next_tok.next() {
                        Some(t) => {
                            let k: i64 = t[1..].parse().unwrap();
                            arg = if t.starts_with('i') { alloc_block(0, &[Value::of_int(k)]) } else { Value::of_int(k) };
                            cmd = TOKEN_READ;
                        }
                        None => {
                            log("EOF_OF_INPUT".into());
                            break;
                        }
                    }
                }
                RAISE_PARSE_ERROR => {
                    log("parse_error".into());
                    break;
                }
                GROW_STACKS_1 | GROW_STACKS_2 => {
                    log(if res == GROW_STACKS_1 { "grow1" } else { "grow2" }.into());
                    let old = field(4) as usize;
                    for (i, init) in [(0, Value::of_int(0)), (1, UNIT), (2, UNIT), (3, UNIT)] {
                        let bigger = filled(old * 2, init);
                        let src = unsafe { r.get(env).field(i) };
                        for j in 0..old {
                            unsafe { bigger.set_field(j, src.field(j)) };
                        }
                        unsafe { r.get(env).set_field(i, bigger) };
                    }
                    unsafe { r.get(env).init_field(4, Value::of_int(old as i64 * 2)) };
                    cmd = if res == GROW_STACKS_1 { STACKS_GROWN_1 } else { STACKS_GROWN_2 };
                    arg = UNIT;
                }
                CALL_ERROR_FUNCTION => {
                    log("error".into());
                    cmd = ERROR_DETECTED;
                    arg = UNIT;
                }
                COMPUTE_SEMANTIC_ACTION => {
                    let rule = field(12);
                    log(format!("reduce{rule}"));
                    if rule == entry_rule {
                        // Parsing.peek_val env 0: the value at `asp`.
                        let asp = field(10) as usize;
                        let top = unsafe { r.get(env).field(1).field(asp).int() };
                        steps.push(format!("accept{top}:{}:{}:{}", field(13), field(14), field(15)));
                        break;
                    }
                    cmd = SEMANTIC_ACTION_COMPUTED;
                    arg = Value::of_int(rule);
                }
                other => panic!("unexpected answer {other}"),
            }
        }
        m.check(l[1].clone(), &steps.join(" "), &l[2]);
    }
    m.finish();
}
