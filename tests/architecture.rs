//! The architecture rules of `src/` (docs/architecture.md), checked on every `cargo test`:
//! every file sits on a floor and imports only from its own floor or below; no import
//! cycle between files; the library never names clap; no file over 700 lines, no
//! function over 80 lines; every file opens with a `//!` line saying what it owns.
//!
//! It reads the sources as text (no compiler help): the paths a file names are its
//! `crate::…`, `super::…` and `self::…` paths (inside `use` trees too), paths through a
//! child module it declares, and, in the binary, `cchc::…` paths into the library. Each
//! path is resolved to the longest module prefix that is a file.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The floors, bottom (1) to top (7), by the first segment of a module path. The binary
/// (`main.rs`, `cli.rs`, `cmd/`) is floor 7.
const FLOORS: &[(&str, u8)] = &[
    ("base", 1),
    ("output", 1),
    ("criteria", 2),
    ("input", 3),
    ("score", 4),
    ("jobs", 5),
    ("render", 6),
];

const BINARY_FLOOR: u8 = 7;
const MAX_FILE_LINES: usize = 700;
const MAX_FN_LINES: usize = 80;

/// One source file: which crate, its module path, its floor and its text.
struct Source {
    rel: String,
    binary: bool,
    module: Vec<String>,
    text: String,
}

impl Source {
    fn key(&self) -> (bool, Vec<String>) {
        (self.binary, self.module.clone())
    }
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The binary's files: `main.rs`, `cli.rs` and everything under `cmd/`.
fn in_binary(rel: &str) -> bool {
    rel == "main.rs" || rel == "cli.rs" || rel.starts_with("cmd/")
}

/// `a/b.rs` and `a/b/mod.rs` are `a::b`; `lib.rs` and `main.rs` are their crate's root.
fn module_of(rel: &str) -> Vec<String> {
    let stem = rel.trim_end_matches(".rs");
    let mut parts: Vec<String> = stem.split('/').map(str::to_string).collect();
    if parts
        .last()
        .is_some_and(|l| matches!(l.as_str(), "mod" | "lib" | "main"))
    {
        parts.pop();
    }
    parts
}

/// Inside an inline `mod tests { … }`, `super` is the file itself: written as `self`
/// so that paths resolve from the file.
fn flatten_inline_modules(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    let mut rest = code;
    while let Some(at) = find_inline_mod(rest) {
        let (head, body) = rest.split_at(at);
        out.push_str(head);
        let len = body_len(body);
        out.push_str(&body[..len].replace("super::", "self::"));
        rest = &body[len..];
    }
    out.push_str(rest);
    out
}

/// Where the next `mod name {` starts.
fn find_inline_mod(code: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(pos) = code[from..].find("mod ") {
        let at = from + pos;
        from = at + 4;
        if code[..at].chars().next_back().is_some_and(is_ident) {
            continue;
        }
        let after = code[at + 4..].trim_start();
        let name_len = after.chars().take_while(|&c| is_ident(c)).count();
        if after[name_len..].trim_start().starts_with('{') {
            return Some(at);
        }
    }
    None
}

/// Bytes up to and including the brace that closes the first `{`.
fn body_len(s: &str) -> usize {
    let mut depth = 0;
    for (i, ch) in s.char_indices() {
        match ch {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
    }
    s.len()
}

fn sources(src: &Path) -> Vec<Source> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let rel = p
                .strip_prefix(src)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            Source {
                binary: in_binary(&rel),
                text: std::fs::read_to_string(&p).unwrap(),
                module: module_of(&rel),
                rel,
            }
        })
        .collect()
}

/// The code without comments, string and character literals (kept as blanks, so that
/// line numbers stay right).
fn code_only(text: &str) -> String {
    let c: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let keep_newlines = |s: &[char], out: &mut String| {
        for ch in s {
            out.push(if *ch == '\n' { '\n' } else { ' ' });
        }
    };
    while i < c.len() {
        let rest = &c[i..];
        let end = if rest.starts_with(&['/', '/']) {
            rest.iter().position(|&x| x == '\n').unwrap_or(rest.len())
        } else if rest.starts_with(&['/', '*']) {
            block_comment_len(rest)
        } else if rest[0] == '"' || rest.starts_with(&['b', '"']) {
            let start = usize::from(rest[0] == 'b');
            string_len(&rest[start..]) + start
        } else if rest[0] == 'r' && (rest.get(1) == Some(&'#') || rest.get(1) == Some(&'"')) {
            raw_string_len(rest)
        } else if rest[0] == '\'' {
            char_literal_len(rest)
        } else {
            0
        };
        if end == 0 {
            out.push(rest[0]);
            i += 1;
        } else {
            keep_newlines(&rest[..end], &mut out);
            i += end;
        }
    }
    out
}

fn block_comment_len(s: &[char]) -> usize {
    let mut depth = 0;
    let mut i = 0;
    while i + 1 < s.len() {
        if s[i] == '/' && s[i + 1] == '*' {
            depth += 1;
            i += 2;
        } else if s[i] == '*' && s[i + 1] == '/' {
            depth -= 1;
            i += 2;
            if depth == 0 {
                return i;
            }
        } else {
            i += 1;
        }
    }
    s.len()
}

fn string_len(s: &[char]) -> usize {
    let mut i = 1;
    while i < s.len() {
        match s[i] {
            '\\' => i += 2,
            '"' => return i + 1,
            _ => i += 1,
        }
    }
    s.len()
}

/// `r"…"`, `r#"…"#`; an identifier starting with r (`return`) is not a literal.
fn raw_string_len(s: &[char]) -> usize {
    let hashes = s[1..].iter().take_while(|&&c| c == '#').count();
    if s.get(1 + hashes) != Some(&'"') {
        return 0;
    }
    let close: Vec<char> = std::iter::once('"')
        .chain(std::iter::repeat_n('#', hashes))
        .collect();
    let body = 2 + hashes;
    (body..s.len())
        .find(|&i| s[i..].starts_with(&close))
        .map_or(s.len(), |i| i + close.len())
}

/// `'a'`, `'\n'`; a lifetime (`'a`) is code.
fn char_literal_len(s: &[char]) -> usize {
    if s.get(1) == Some(&'\\') {
        return s[2..].iter().position(|&c| c == '\'').map_or(0, |p| p + 3);
    }
    if s.get(2) == Some(&'\'') { 3 } else { 0 }
}

/// Expands a `use` tree (`a::{b, c::{d, e}}`) into its paths.
fn expand_use(tree: &str) -> Vec<String> {
    let tree = without_aliases(tree);
    let Some(open) = tree.find('{') else {
        return vec![tree];
    };
    let prefix = &tree[..open];
    let inner = &tree[open + 1..tree.len().saturating_sub(1)];
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, ch) in inner.char_indices() {
        match ch {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .flat_map(|p| expand_use(&format!("{prefix}{p}")))
        .collect()
}

/// The tree without whitespace and without `as name` (the path is what matters).
fn without_aliases(tree: &str) -> String {
    let mut out = String::new();
    let mut words = tree.split_whitespace();
    while let Some(w) = words.next() {
        if w == "as" {
            let alias = words.next().unwrap_or("");
            out.extend(alias.chars().skip_while(|&c| is_ident(c)));
        } else {
            out.push_str(w);
        }
    }
    out
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Every path the code names that starts with one of `roots` (`crate`, `super`, a
/// child module…), as its segments, with the line it is on.
fn paths(code: &str, roots: &BTreeSet<String>) -> Vec<(Vec<String>, usize)> {
    let mut out = Vec::new();
    for (n, stmt) in use_statements(code) {
        for p in expand_use(&stmt) {
            let segs: Vec<String> = p.split("::").map(str::to_string).collect();
            if segs.first().is_some_and(|s| roots.contains(s)) {
                out.push((segs, n));
            }
        }
    }
    let chars: Vec<char> = code.chars().collect();
    let mut line = 1;
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '\n' {
            line += 1;
        }
        let boundary = i == 0 || !(is_ident(chars[i - 1]) || chars[i - 1] == ':');
        if boundary && is_ident(chars[i]) {
            let mut j = i;
            let mut segs = Vec::new();
            loop {
                let s = j;
                while j < chars.len() && is_ident(chars[j]) {
                    j += 1;
                }
                segs.push(chars[s..j].iter().collect::<String>());
                if chars.get(j) == Some(&':')
                    && chars.get(j + 1) == Some(&':')
                    && chars.get(j + 2).is_some_and(|&c| is_ident(c))
                {
                    j += 2;
                } else {
                    break;
                }
            }
            if segs.len() > 1 && roots.contains(&segs[0]) {
                out.push((segs, line));
            }
            i = j.max(i + 1);
            continue;
        }
        i += 1;
    }
    out
}

/// The trees of the `use` statements, with their line.
fn use_statements(code: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(pos) = code[from..].find("use ") {
        let at = from + pos;
        from = at + 4;
        let before = code[..at].chars().next_back();
        if before.is_some_and(is_ident) {
            continue;
        }
        let Some(end) = code[at..].find(';') else {
            break;
        };
        let line = code[..at].matches('\n').count() + 1;
        out.push((line, code[at + 4..at + end].trim().to_string()));
    }
    out
}

/// The modules a file declares with `mod name;` (its children in other files).
fn children(code: &str) -> BTreeSet<String> {
    code.lines()
        .filter_map(|l| {
            let l = l.trim();
            let l = l.strip_prefix("pub ").unwrap_or(l);
            let l = l.strip_prefix("pub(crate) ").unwrap_or(l);
            l.strip_prefix("mod ")?
                .strip_suffix(';')
                .map(str::to_string)
        })
        .collect()
}

/// The file a path names: the longest prefix of its absolute module path that is a file.
fn resolve(
    from: &Source,
    segs: &[String],
    files: &BTreeMap<(bool, Vec<String>), usize>,
) -> Option<usize> {
    let (binary, mut abs) = match segs[0].as_str() {
        "cchc" => (false, Vec::new()),
        "crate" => (from.binary, Vec::new()),
        _ => (from.binary, from.module.clone()),
    };
    // `self` is the file's own module (`a::b` for `a/b.rs` and `a/b/mod.rs`).
    let mut rest = &segs[usize::from(matches!(segs[0].as_str(), "cchc" | "crate" | "self"))..];
    while rest.first().is_some_and(|s| s == "super") {
        abs.pop();
        rest = &rest[1..];
    }
    abs.extend(rest.iter().cloned());
    (0..=abs.len())
        .rev()
        .find_map(|n| files.get(&(binary, abs[..n].to_vec())).copied())
}

fn floor(s: &Source) -> Option<u8> {
    if s.binary || s.rel == "lib.rs" {
        return Some(BINARY_FLOOR);
    }
    let first = s.module.first()?;
    FLOORS.iter().find(|(m, _)| m == first).map(|&(_, f)| f)
}

/// A unit test file (`tests.rs`, declared under `#[cfg(test)]`).
fn is_test_file(s: &Source) -> bool {
    s.rel.ends_with("/tests.rs")
}

/// The code without its inline `#[cfg(test)] mod … { … }` blocks.
fn without_tests(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    let mut rest = code;
    while let Some(at) = rest.find("#[cfg(test)]") {
        let (head, tail) = rest.split_at(at);
        out.push_str(head);
        let len = body_len(tail);
        out.extend(tail[..len].chars().filter(|&c| c == '\n'));
        rest = &tail[len..];
    }
    out.push_str(rest);
    out
}

/// The import graph: for each file, the files it names (with a line of each). With
/// `tests`, unit tests count too.
fn graph(src: &[Source], tests: bool) -> Vec<BTreeMap<usize, usize>> {
    let files: BTreeMap<(bool, Vec<String>), usize> =
        src.iter().enumerate().map(|(i, s)| (s.key(), i)).collect();
    src.iter()
        .enumerate()
        .map(|(i, s)| {
            let code = code_only(&s.text);
            let code = if tests {
                flatten_inline_modules(&code)
            } else if is_test_file(s) {
                String::new()
            } else {
                without_tests(&code)
            };
            let mut roots: BTreeSet<String> = ["crate", "super", "self"]
                .into_iter()
                .map(String::from)
                .collect();
            roots.extend(children(&code));
            if s.binary {
                roots.insert("cchc".into());
            }
            let mut edges = BTreeMap::new();
            for (segs, line) in paths(&code, &roots) {
                if let Some(j) = resolve(s, &segs, &files).filter(|&j| j != i) {
                    edges.entry(j).or_insert(line);
                }
            }
            edges
        })
        .collect()
}

/// Files in a cycle, as groups (Tarjan's strongly connected components of size > 1).
fn cycles(g: &[BTreeMap<usize, usize>]) -> Vec<Vec<usize>> {
    struct T<'a> {
        g: &'a [BTreeMap<usize, usize>],
        index: Vec<Option<usize>>,
        low: Vec<usize>,
        on: Vec<bool>,
        stack: Vec<usize>,
        next: usize,
        out: Vec<Vec<usize>>,
    }
    fn visit(t: &mut T, v: usize) {
        t.index[v] = Some(t.next);
        t.low[v] = t.next;
        t.next += 1;
        t.stack.push(v);
        t.on[v] = true;
        for &w in t.g[v].keys() {
            match t.index[w] {
                None => {
                    visit(t, w);
                    t.low[v] = t.low[v].min(t.low[w]);
                }
                Some(iw) if t.on[w] => t.low[v] = t.low[v].min(iw),
                _ => {}
            }
        }
        if Some(t.low[v]) == t.index[v] {
            let mut scc = Vec::new();
            while let Some(w) = t.stack.pop() {
                t.on[w] = false;
                scc.push(w);
                if w == v {
                    break;
                }
            }
            if scc.len() > 1 {
                t.out.push(scc);
            }
        }
    }
    let n = g.len();
    let mut t = T {
        g,
        index: vec![None; n],
        low: vec![0; n],
        on: vec![false; n],
        stack: Vec::new(),
        next: 0,
        out: Vec::new(),
    };
    for v in 0..n {
        if t.index[v].is_none() {
            visit(&mut t, v);
        }
    }
    t.out
}

/// Functions longer than the limit, as "file:line: fn name has N lines".
fn long_functions(s: &Source) -> Vec<String> {
    let code = code_only(&s.text);
    let lines: Vec<&str> = code.lines().collect();
    let mut out = Vec::new();
    for (n, l) in lines.iter().enumerate() {
        let t = l.trim_start();
        let Some(at) = t.find("fn ") else { continue };
        let head = &t[..at];
        let is_fn = head.split_whitespace().all(|w| {
            matches!(
                w,
                "pub" | "pub(crate)" | "pub(super)" | "const" | "async" | "unsafe"
            )
        });
        if !is_fn || !(at == 0 || head.ends_with(' ')) {
            continue;
        }
        if let Some(len) = body_lines(&lines[n..]).filter(|&len| len > MAX_FN_LINES) {
            let name: String = t[at + 3..].chars().take_while(|&c| is_ident(c)).collect();
            out.push(format!(
                "src/{}:{}: fn {name} has {len} lines",
                s.rel,
                n + 1
            ));
        }
    }
    out
}

/// Lines from the signature to the closing brace of the body; `None` without a body.
fn body_lines(lines: &[&str]) -> Option<usize> {
    let mut depth = 0i32;
    let mut opened = false;
    for (k, l) in lines.iter().enumerate() {
        for ch in l.chars() {
            match ch {
                '{' => {
                    depth += 1;
                    opened = true;
                }
                '}' => depth -= 1,
                ';' if !opened && depth == 0 => return None,
                _ => {}
            }
            if opened && depth == 0 {
                return Some(k + 1);
            }
        }
    }
    None
}

fn src_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn name(s: &Source) -> String {
    format!("src/{}", s.rel)
}

/// Every import that points up, as "file:line: floor a imports floor b (target)".
fn upward(src: &[Source], g: &[BTreeMap<usize, usize>]) -> Vec<String> {
    let mut bad = Vec::new();
    for (i, edges) in g.iter().enumerate() {
        let Some(fi) = floor(&src[i]) else {
            bad.push(format!(
                "{}: not on any floor (add it to FLOORS)",
                name(&src[i])
            ));
            continue;
        };
        for (&j, &line) in edges {
            if let Some(fj) = floor(&src[j]).filter(|&fj| fj > fi) {
                bad.push(format!(
                    "{}:{line}: floor {fi} imports {} on floor {fj}",
                    name(&src[i]),
                    name(&src[j])
                ));
            }
        }
    }
    bad
}

/// Unit tests may reach any floor (a job's test may render its result); the rule is
/// for the product's code.
#[test]
fn imports_only_point_down() {
    let src = sources(&src_dir());
    let g = graph(&src, false);
    let bad = upward(&src, &g);
    assert!(
        bad.is_empty(),
        "imports from a floor above:\n{}",
        bad.join("\n")
    );
}

#[test]
fn no_import_cycles_between_files() {
    let src = sources(&src_dir());
    let g = graph(&src, true);
    let found: Vec<String> = cycles(&g)
        .into_iter()
        .map(|scc| {
            let mut names: Vec<String> = scc.iter().map(|&i| name(&src[i])).collect();
            names.sort();
            names.join(" ↔ ")
        })
        .collect();
    assert!(found.is_empty(), "import cycles:\n{}", found.join("\n"));
}

#[test]
fn the_library_does_not_use_clap() {
    let bad: Vec<String> = sources(&src_dir())
        .iter()
        .filter(|s| !s.binary && code_only(&s.text).contains("clap"))
        .map(name)
        .collect();
    assert!(bad.is_empty(), "library files naming clap: {bad:?}");
}

#[test]
fn files_and_functions_stay_short() {
    let mut bad = Vec::new();
    for s in sources(&src_dir()) {
        let n = s.text.lines().count();
        if n > MAX_FILE_LINES {
            bad.push(format!(
                "{}: {n} lines (at most {MAX_FILE_LINES})",
                name(&s)
            ));
        }
        bad.extend(long_functions(&s));
    }
    assert!(bad.is_empty(), "too long:\n{}", bad.join("\n"));
}

#[test]
fn every_file_says_what_it_owns() {
    let bad: Vec<String> = sources(&src_dir())
        .iter()
        .filter(|s| !s.text.starts_with("//!"))
        .map(name)
        .collect();
    assert!(bad.is_empty(), "files without a //! first line: {bad:?}");
}

/// The checks themselves: a path through `super`, a `use` tree, a child module.
#[test]
fn the_checker_reads_paths_as_rust_does() {
    let trees = expand_use("crate::{a::{B, c}, d as e}");
    assert_eq!(trees, ["crate::a::B", "crate::a::c", "crate::d"]);
    let code = code_only("let s = \"crate::x\"; // crate::y\nuse super::z::W;\nchild::f();");
    let roots: BTreeSet<String> = ["crate", "super", "child"].map(String::from).into();
    let found: Vec<String> = paths(&code, &roots)
        .into_iter()
        .map(|(s, _)| s.join("::"))
        .collect();
    assert!(found.contains(&"super::z::W".to_string()), "{found:?}");
    assert!(found.contains(&"child::f".to_string()), "{found:?}");
    assert!(
        !found.iter().any(|p| p.contains('x') || p.contains('y')),
        "{found:?}"
    );
    let g = vec![
        BTreeMap::from([(1, 1)]),
        BTreeMap::from([(0, 1)]),
        BTreeMap::new(),
    ];
    assert_eq!(cycles(&g).len(), 1);
}
