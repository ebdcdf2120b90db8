//! Which warnings are shown and which are errors, set by `-w`/`-warn-error` and the
//! `#warnings`/`#warn_error` directives with OCaml's specification syntax
//! (`+8`, `-26-27`, `@8`, `-a+31`, `+3..7`, `-partial-match`).

const LAST: u32 = 72;

#[derive(Clone, Debug)]
pub struct WarningFlags {
    enabled: [bool; LAST as usize + 1],
    error: [bool; LAST as usize + 1],
}

impl Default for WarningFlags {
    /// OCaml 4.13's defaults: `-w +a-4-7-9-27-29-30-32..42-44-45-48-50-60-66..70`,
    /// `-warn-error -a+31`.
    fn default() -> Self {
        let mut f = WarningFlags { enabled: [true; LAST as usize + 1], error: [false; LAST as usize + 1] };
        for n in 0..=LAST {
            f.enabled[n as usize] = compiler::typing::errors::enabled_by_default(n) && n != 30;
        }
        f.error[31] = true;
        f
    }
}

/// A specification OCaml refuses or warns about: the text it prints.
#[derive(Debug, PartialEq)]
pub struct SpecAlert(pub String);

/// Mnemonic names (`-partial-match`), for the warnings ocaml-jit emits.
fn number_of_name(name: &str) -> Option<u32> {
    (1..=LAST).find(|&n| {
        let w = compiler::typing::Warning { loc: compiler::parsing::location::Location::none(), number: n, message: String::new() };
        w.name() == name
    })
}

/// The warnings a letter stands for (`a` all; the others as in OCaml's `-warn-help`).
fn letter_set(c: char) -> Vec<u32> {
    let nums: &[u32] = match c.to_ascii_lowercase() {
        'a' => return (1..=LAST).collect(),
        'c' => &[1, 2],
        'd' => &[3],
        'e' => &[4],
        'f' => &[5],
        'k' => &[32, 33, 34, 35, 36, 37, 38, 39],
        'l' => &[6],
        'm' => &[7],
        'p' => &[8],
        'r' => &[9],
        's' => &[10],
        'u' => &[11, 12],
        'v' => &[13],
        'x' => &[14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 30],
        'y' => &[26],
        'z' => &[27],
        _ => &[],
    };
    nums.to_vec()
}

impl WarningFlags {
    pub fn is_enabled(&self, n: u32) -> bool {
        self.enabled.get(n as usize).copied().unwrap_or(false)
    }

    pub fn is_error(&self, n: u32) -> bool {
        self.is_enabled(n) && self.error.get(n as usize).copied().unwrap_or(false)
    }

    /// Applies a `-w` specification. Returns the alert OCaml prints for deprecated forms.
    pub fn set_warnings(&mut self, spec: &str) -> Option<SpecAlert> {
        self.apply(spec, false)
    }

    /// Applies a `-warn-error` specification.
    pub fn set_warn_error(&mut self, spec: &str) -> Option<SpecAlert> {
        self.apply(spec, true)
    }

    fn set(&mut self, n: u32, on: bool, errors: bool, both: bool) {
        if n > LAST {
            return;
        }
        if errors {
            self.error[n as usize] = on;
        } else {
            self.enabled[n as usize] = on;
            if both {
                self.error[n as usize] = true;
            }
        }
    }

    fn apply(&mut self, spec: &str, errors: bool) -> Option<SpecAlert> {
        let b = spec.as_bytes();
        let mut i = 0;
        let mut alert = None;
        let number = |i: &mut usize| -> Option<u32> {
            let s = *i;
            while *i < b.len() && b[*i].is_ascii_digit() {
                *i += 1;
            }
            spec[s..*i].parse().ok()
        };
        while i < b.len() {
            let c = b[i];
            match c {
                b'+' | b'-' | b'@' => {
                    i += 1;
                    let (on, both) = (c != b'-', c == b'@');
                    if i < b.len() && b[i].is_ascii_digit() {
                        let Some(lo) = number(&mut i) else { break };
                        let mut hi = lo;
                        if spec[i..].starts_with("..") {
                            i += 2;
                            hi = number(&mut i).unwrap_or(lo);
                        }
                        for n in lo..=hi {
                            self.set(n, on, errors, both);
                        }
                    } else if i < b.len() && b[i].is_ascii_alphabetic() {
                        // A letter, or a mnemonic name running to the next sign.
                        let s = i;
                        loop {
                            let alpha = i < b.len() && b[i].is_ascii_alphabetic();
                            // Inside a name of several letters, `-letter` continues it.
                            let dash_in_name = i + 1 < b.len() && b[i] == b'-' && b[i + 1].is_ascii_alphabetic() && i - s > 1;
                            if !(alpha || dash_in_name) {
                                break;
                            }
                            i += 1;
                        }
                        let word = &spec[s..i];
                        if word.len() == 1 {
                            for n in letter_set(word.chars().next().unwrap_or('_')) {
                                self.set(n, on, errors, both);
                            }
                        } else if let Some(n) = number_of_name(word) {
                            self.set(n, on, errors, both);
                        }
                    }
                }
                b'0'..=b'9' => {
                    // A bare number enables (as `+n`).
                    if let Some(n) = number(&mut i) {
                        self.set(n, true, errors, false);
                    }
                }
                c if c.is_ascii_alphabetic() => {
                    // Bare letters: uppercase enables, lowercase disables (deprecated form).
                    let s = i;
                    while i < b.len() && b[i].is_ascii_alphabetic() {
                        i += 1;
                    }
                    let word = &spec[s..i];
                    for ch in word.chars() {
                        for n in letter_set(ch) {
                            self.set(n, ch.is_ascii_uppercase(), errors, false);
                        }
                    }
                    if word.len() > 1 {
                        let signed: String = word.chars().map(|ch| if ch.is_ascii_uppercase() { format!("+{}", ch.to_ascii_lowercase()) } else { format!("-{}", ch) }).collect();
                        alert = Some(SpecAlert(format!(
                            "Alert ocaml_deprecated_cli: Setting a warning with a sequence of lowercase or uppercase letters,\nlike '{}', is deprecated.\nUse the equivalent signed form: {}.\nHint: Enabling or disabling a warning by its mnemonic name requires a + or - prefix.\n",
                            word, signed
                        )));
                    }
                }
                _ => i += 1,
            }
        }
        alert
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_ocamls() {
        let f = WarningFlags::default();
        assert!(f.is_enabled(8) && f.is_enabled(26));
        assert!(!f.is_enabled(27) && !f.is_enabled(32));
        assert!(!f.is_error(8));
    }

    #[test]
    fn signed_numbers_ranges_and_letters() {
        let mut f = WarningFlags::default();
        assert_eq!(f.set_warnings("-8+27"), None);
        assert!(!f.is_enabled(8) && f.is_enabled(27));
        f.set_warnings("-a");
        assert!(!f.is_enabled(26));
        f.set_warnings("+26..27");
        assert!(f.is_enabled(26) && f.is_enabled(27) && !f.is_enabled(28));
        f.set_warn_error("+8");
        f.set_warnings("+8");
        assert!(f.is_error(8));
        f.set_warnings("-partial-match");
        assert!(!f.is_enabled(8));
    }

    #[test]
    fn bare_letter_sequences_are_deprecated() {
        let mut f = WarningFlags::default();
        let a = f.set_warnings("foo").map(|a| a.0).unwrap_or_default();
        assert!(a.contains("like 'foo', is deprecated.\nUse the equivalent signed form: -f-o-o."));
    }
}
