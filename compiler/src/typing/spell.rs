//! "Did you mean ...?" suggestions, with OCaml's edit distance and cutoffs.

/// Edit distance with transpositions (optimal string alignment), capped at `cutoff + 1`.
pub fn edit_distance(a: &str, b: &str, cutoff: usize) -> Option<usize> {
    let a = a.as_bytes();
    let b = b.as_bytes();
    let (la, lb) = (a.len(), b.len());
    if la.abs_diff(lb) > cutoff {
        return None;
    }
    let mut d = vec![vec![0usize; lb + 1]; la + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for j in 0..=lb {
        d[0][j] = j;
    }
    for i in 1..=la {
        for j in 1..=lb {
            let cost = if a[i - 1] == b[j - 1] { 0 } else { 1 };
            let mut v = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + cost);
            }
            d[i][j] = v;
        }
    }
    let r = d[la][lb];
    if r <= cutoff {
        Some(r)
    } else {
        None
    }
}

fn cutoff(len: usize) -> usize {
    match len {
        1 | 2 => 0,
        3 | 4 => 1,
        5 | 6 => 2,
        _ => 3,
    }
}

/// The names closest to `name` (all those at the smallest distance within the cutoff).
pub fn spellcheck(name: &str, candidates: &[String]) -> Vec<String> {
    let cut = cutoff(name.len());
    let mut best: Option<usize> = None;
    let mut out: Vec<String> = Vec::new();
    for c in candidates {
        if c == name {
            continue;
        }
        if let Some(d) = edit_distance(name, c, cut) {
            match best {
                Some(b) if d > b => {}
                Some(b) if d == b => {
                    if !out.contains(c) {
                        out.push(c.clone())
                    }
                }
                _ => {
                    best = Some(d);
                    out = vec![c.clone()];
                }
            }
        }
    }
    out.sort();
    out
}

/// `Hint: Did you mean a, b or c?`
pub fn hint(name: &str, candidates: &[String]) -> Option<String> {
    let s = spellcheck(name, candidates);
    match s.len() {
        0 => None,
        1 => Some(format!("Hint: Did you mean {}?", s[0])),
        n => Some(format!("Hint: Did you mean {} or {}?", s[..n - 1].join(", "), s[n - 1])),
    }
}
