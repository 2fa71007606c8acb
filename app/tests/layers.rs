//! The arrows of `docs/architecture.md`, checked on the source: which
//! top-level module of `app/src` names which (`crate::x…` paths and
//! `use crate::{x, …}` groups), so that a new import against the layers
//! fails here instead of growing a cycle nobody sees.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

type Graph = BTreeMap<String, BTreeSet<String>>;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable source folder") {
        let path = entry.expect("readable entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file belongs to (`board/page.rs` → `board`).
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).expect("under src");
    let first = rel.components().next().expect("a component").as_os_str().to_string_lossy().into_owned();
    first.trim_end_matches(".rs").to_string()
}

/// Identifiers following `crate::` in `text`, and those inside the braces
/// of `crate::{…}`.
fn named_modules(text: &str) -> BTreeSet<String> {
    let ident = |s: &str| s.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect::<String>();
    let mut out = BTreeSet::new();
    for (i, _) in text.match_indices("crate::") {
        let rest = &text[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let inner = &group[..group.find('}').unwrap_or(group.len())];
            for part in inner.split(',') {
                out.insert(ident(part.trim()));
            }
        } else {
            out.insert(ident(rest));
        }
    }
    out
}

fn graph() -> Graph {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    // `domain` is its own crate (`domain/`), re-exported as `crate::domain`;
    // Cargo already keeps it from importing anything of the app.
    let modules: BTreeSet<String> = files
        .iter()
        .map(|f| module_of(&src, f))
        .filter(|m| m != "lib")
        .chain(["domain".to_string()])
        .collect();
    let mut graph = Graph::new();
    for file in &files {
        let from = module_of(&src, file);
        if from == "lib" {
            continue;
        }
        let text = std::fs::read_to_string(file).expect("readable source");
        let edges = graph.entry(from.clone()).or_default();
        for to in named_modules(&text) {
            if to != from && modules.contains(&to) {
                edges.insert(to);
            }
        }
    }
    graph
}

/// Every module `from` reaches by following the arrows.
fn reachable(graph: &Graph, from: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut todo = vec![from.to_string()];
    while let Some(m) = todo.pop() {
        for next in graph.get(&m).into_iter().flatten() {
            if seen.insert(next.clone()) {
                todo.push(next.clone());
            }
        }
    }
    seen
}

#[test]
fn no_two_top_level_modules_depend_on_each_other() {
    let graph = graph();
    let cycles: Vec<String> = graph
        .keys()
        .filter(|m| reachable(&graph, m).contains(*m))
        .map(|m| format!("{m} → {:?}", graph[m]))
        .collect();
    assert!(cycles.is_empty(), "modules in a cycle:\n{}", cycles.join("\n"));
}

#[test]
fn the_lower_layers_import_only_what_is_below_them() {
    let graph = graph();
    let allowed: &[(&str, &[&str])] = &[
        ("api", &["domain"]),
        ("store", &["domain"]),
        ("service", &["api", "auth", "domain", "error", "files", "i18n", "labels", "mail", "store"]),
        ("functions", &["api", "auth", "domain", "error", "files", "i18n", "mail", "service", "store"]),
    ];
    for (module, may) in allowed {
        let extra: Vec<&String> =
            graph.get(*module).into_iter().flatten().filter(|m| !may.contains(&m.as_str())).collect();
        assert!(extra.is_empty(), "{module} imports {extra:?}, which docs/architecture.md does not allow");
    }
}

#[test]
fn the_check_sees_imports_in_every_form() {
    let text =
        "use crate::store::Store;\nuse crate::{api, domain::ticket};\nlet x = crate::service::read::board;";
    let found = named_modules(text);
    for m in ["store", "api", "domain", "service"] {
        assert!(found.contains(m), "{m} in {found:?}");
    }
}
