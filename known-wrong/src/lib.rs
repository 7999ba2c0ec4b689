//! A solution's known-wrong versions, built from patches.
//!
//! Each exercise's solution crate keeps its mistakes as differences: `wrong/<mistake>.patch`
//! is a unified diff against the solution's module, headed by a `WRONG:` line (the
//! format is described in `src/patch.rs`). The crate's `lib.rs` swaps the module
//! for a patched one when `cargo course verify` turns a `wrong-*` feature on:
//!
//! ```text
//! #[cfg(not(feature = "known-wrong"))]
//! pub mod fibonacci;
//! #[cfg(feature = "wrong-overflows")]
//! known_wrong::patched!(pub mod fibonacci, "wrong/overflows.patch");
//! ```
//!
//! `patched!(pub mod fibonacci, "wrong/overflows.patch")` reads `src/fibonacci.rs`
//! and the patch (both relative to the crate), applies the patch's changes to that
//! file, and expands to `pub mod fibonacci { <the patched file> }`. A patch that does
//! not apply is a compile error that names the patch, the hunk and the line.
//!
//! This crate is an optional dependency, turned on only by the `wrong-*` features:
//! building or testing the solution itself never compiles it.

use std::path::{Path, PathBuf};

use proc_macro::{Delimiter, Literal, TokenStream, TokenTree};

// Shared with `cargo course verify`, which reads the descriptions this macro does not.
#[allow(dead_code)]
mod patch;

/// `patched!(<visibility> mod <name>, "<patch file>")`: the module `src/<name>.rs`
/// with the patch applied.
#[proc_macro]
pub fn patched(input: TokenStream) -> TokenStream {
    match expand(input) {
        Ok(module) => module,
        Err(message) => compile_error(&message),
    }
}

fn expand(input: TokenStream) -> Result<TokenStream, String> {
    let call = Call::parse(input)?;
    let crate_dir = PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR")
            .ok_or("CARGO_MANIFEST_DIR is not set: build with cargo")?,
    );
    let relative = format!("src/{}.rs", call.name);
    let source_path = crate_dir.join(&relative);
    let patch_path = crate_dir.join(&call.patch);
    let source = read(&source_path)?;
    let patch = patch::Patch::parse(&read(&patch_path)?)
        .map_err(|why| format!("{} is not a patch: {why}", call.patch))?;
    let changes = patch.file(&relative).ok_or_else(|| {
        format!(
            "{} changes no line of {relative} (the module `{}`): its files are {}",
            call.patch,
            call.name,
            patch
                .files
                .iter()
                .map(|f| f.path.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )
    })?;
    let patched = changes
        .apply(&source)
        .map_err(|why| format!("{} does not apply to {relative}: {why}", call.patch))?;
    // `include_bytes!` of both files makes cargo rebuild when either changes (a
    // proc macro's own reads are invisible to it); the bytes themselves are unused.
    let module = format!(
        "{visibility} mod {name} {{\n{patched}\nconst _: &[u8] = include_bytes!({source:?});\nconst _: &[u8] = include_bytes!({patch:?});\n}}",
        visibility = call.visibility,
        name = call.name,
        source = path_text(&source_path)?,
        patch = path_text(&patch_path)?,
    );
    module
        .parse()
        .map_err(|error| format!("{} applied to {relative} is not Rust: {error}", call.patch))
}

/// What `patched!` was given.
struct Call {
    /// `pub`, `pub(crate)`, or nothing.
    visibility: String,
    name: String,
    /// The patch file, relative to the crate.
    patch: String,
}

impl Call {
    fn parse(input: TokenStream) -> Result<Call, String> {
        const USAGE: &str =
            "write `known_wrong::patched!(pub mod <module>, \"wrong/<mistake>.patch\")`";
        let tokens: Vec<TokenTree> = input.into_iter().collect();
        let at_mod = tokens
            .iter()
            .position(|t| matches!(t, TokenTree::Ident(i) if i.to_string() == "mod"))
            .ok_or(USAGE)?;
        let visibility = tokens[..at_mod]
            .iter()
            .map(|t| match t {
                TokenTree::Group(g) if g.delimiter() == Delimiter::Parenthesis => {
                    format!("({})", g.stream())
                }
                other => other.to_string(),
            })
            .collect::<Vec<_>>()
            .join(" ");
        let rest = &tokens[at_mod + 1..];
        let (
            Some(TokenTree::Ident(name)),
            Some(TokenTree::Punct(comma)),
            Some(TokenTree::Literal(patch)),
        ) = (rest.first(), rest.get(1), rest.get(2))
        else {
            return Err(USAGE.to_string());
        };
        let trailing = rest.get(3).map(|t| t.to_string());
        if comma.as_char() != ',' || !matches!(trailing.as_deref(), None | Some(",")) {
            return Err(USAGE.to_string());
        }
        Ok(Call {
            visibility,
            name: name.to_string(),
            patch: string_of(patch).ok_or(USAGE)?,
        })
    }
}

/// The text of a plain `"..."` literal (a path needs no escapes).
fn string_of(literal: &Literal) -> Option<String> {
    let text = literal.to_string();
    let inner = text.strip_prefix('"')?.strip_suffix('"')?;
    (!inner.contains('\\')).then(|| inner.to_string())
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path)
        .map_err(|error| format!("cannot read {}: {error}", path.display()))
}

fn path_text(path: &Path) -> Result<&str, String> {
    path.to_str()
        .ok_or_else(|| format!("{} is not valid UTF-8", path.display()))
}

fn compile_error(message: &str) -> TokenStream {
    format!("compile_error!({message:?});")
        .parse()
        .expect("a string literal in compile_error! is valid Rust")
}
