//! Translation catalogues in gettext's PO format, and a hint's markdown cut into the
//! messages the book's catalogue holds.
//!
//! Two catalogues serve the terminal: `course/po/zh-CN.po` (this tool's own lines,
//! the exercise titles and the hint titles, built into the binary) and the book's
//! `book/po/zh-CN.po`, which already translates every paragraph of every `hints.md`
//! because the book's exercise pages include those files. mdbook-xgettext extracts
//! a paragraph as one message, its lines joined by spaces, its `*emphasis*` written
//! `_emphasis_`, and each list item as a message of its own; [`messages`] cuts a hint
//! the same way, so a paragraph is found by its msgid exactly.
//!
//! The file has no `crate::` paths: `course/tests/language.rs` includes it too.

use std::collections::HashMap;

/// The translated messages of a PO file, msgid to msgstr. Untranslated and fuzzy
/// entries (a translation of an older English text) are left out: the English is
/// shown instead.
pub fn parse(text: &str) -> HashMap<String, String> {
    let mut catalogue = HashMap::new();
    let mut entry = Entry::default();
    for line in text.lines().chain(std::iter::once("")) {
        let line = line.trim();
        if line.is_empty() {
            entry.finish(&mut catalogue);
            entry = Entry::default();
        } else if let Some(flags) = line.strip_prefix("#,") {
            entry.fuzzy |= flags.split(',').any(|flag| flag.trim() == "fuzzy");
        } else if line.starts_with('#') {
            // A comment or a source reference.
        } else if let Some(rest) = line.strip_prefix("msgctxt ") {
            entry.field = Field::Context;
            entry.context.push_str(&unquote(rest));
        } else if let Some(rest) = line.strip_prefix("msgid ") {
            entry.field = Field::Id;
            entry.id.push_str(&unquote(rest));
        } else if let Some(rest) = line.strip_prefix("msgstr ") {
            entry.field = Field::Str;
            entry.text.push_str(&unquote(rest));
        } else if line.starts_with('"') {
            let more = unquote(line);
            match entry.field {
                Field::Context => entry.context.push_str(&more),
                Field::Id => entry.id.push_str(&more),
                Field::Str => entry.text.push_str(&more),
                Field::None => {}
            }
        }
    }
    catalogue
}

#[derive(Default)]
struct Entry {
    field: Field,
    context: String,
    id: String,
    text: String,
    fuzzy: bool,
}

#[derive(Default)]
enum Field {
    #[default]
    None,
    Context,
    Id,
    Str,
}

impl Entry {
    fn finish(self, catalogue: &mut HashMap<String, String>) {
        if !self.id.is_empty() && !self.text.is_empty() && !self.fuzzy {
            catalogue.insert(self.id, self.text);
        }
    }
}

/// `"a \"b\"\n"` -> `a "b"` and a newline.
fn unquote(quoted: &str) -> String {
    let inner = quoted
        .trim()
        .strip_prefix('"')
        .and_then(|q| q.strip_suffix('"'))
        .unwrap_or(quoted);
    let mut text = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            text.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => text.push('\n'),
            Some('t') => text.push('\t'),
            Some(other) => text.push(other),
            None => text.push('\\'),
        }
    }
    text
}

/// One message of a hint's body: a paragraph or a list item, as the catalogue
/// spells it, with what goes before it on the screen (`- ` for an item).
#[derive(Debug, PartialEq)]
pub struct Message {
    pub marker: String,
    pub id: String,
}

/// A hint's markdown cut into its messages, in order, as mdbook-xgettext cuts it.
/// Code blocks are not messages: they come back as they are, with an empty id and
/// the code in `marker`.
pub fn messages(markdown: &str) -> Vec<Message> {
    let mut found = Vec::new();
    let mut lines: Vec<&str> = Vec::new();
    let mut marker = String::new();
    let mut fence: Option<Vec<&str>> = None;
    let flush = |lines: &mut Vec<&str>, marker: &mut String, found: &mut Vec<Message>| {
        if !lines.is_empty() {
            found.push(Message {
                marker: std::mem::take(marker),
                id: inline(&lines.join(" ")),
            });
            lines.clear();
        }
    };
    for line in markdown.lines() {
        if let Some(code) = fence.as_mut() {
            code.push(line);
            if line.trim_start().starts_with("```") {
                found.push(Message {
                    marker: code.join("\n"),
                    id: String::new(),
                });
                fence = None;
            }
            continue;
        }
        let trimmed = line.trim();
        if trimmed.starts_with("```") {
            flush(&mut lines, &mut marker, &mut found);
            fence = Some(vec![line]);
        } else if trimmed.is_empty() {
            flush(&mut lines, &mut marker, &mut found);
        } else if let Some(item) = list_item(line) {
            flush(&mut lines, &mut marker, &mut found);
            marker = line[..line.len() - item.len()].to_string();
            lines.push(item);
        } else {
            lines.push(trimmed);
        }
    }
    if let Some(code) = fence {
        found.push(Message {
            marker: code.join("\n"),
            id: String::new(),
        });
    }
    flush(&mut lines, &mut marker, &mut found);
    found
}

/// The text of a list item's first line (`- text`, `* text`, `1. text`).
fn list_item(line: &str) -> Option<&str> {
    let trimmed = line.trim_start();
    if let Some(text) = ["- ", "* ", "+ "]
        .iter()
        .find_map(|bullet| trimmed.strip_prefix(bullet))
    {
        return Some(text);
    }
    let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
    match trimmed[digits..].strip_prefix(". ") {
        Some(text) if digits > 0 => Some(text),
        _ => None,
    }
}

/// Inline markdown as the extractor writes it back: `*emphasis*` becomes
/// `_emphasis_` (outside code spans; `**bold**` stays).
fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_code = false;
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '`' {
            in_code = !in_code;
            out.push(c);
        } else if !in_code && c == '*' && chars.get(i + 1) == Some(&'*') {
            out.push_str("**");
            i += 1;
        } else if !in_code && c == '*' {
            out.push('_');
        } else {
            out.push(c);
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_read_with_continuations_escapes_and_without_fuzzy_ones() {
        let catalogue = parse(
            "msgid \"\"\nmsgstr \"Language: zh-CN\\n\"\n\n\
             #: src/a.md\nmsgid \"Say \\\"hi\\\"\"\nmsgstr \"\"\n\"说\"\n\"“你好”\"\n\n\
             #, fuzzy\nmsgid \"old\"\nmsgstr \"旧\"\n\nmsgid \"none\"\nmsgstr \"\"\n",
        );
        assert_eq!(
            catalogue.get("Say \"hi\"").map(String::as_str),
            Some("说“你好”")
        );
        assert_eq!(catalogue.len(), 1, "{catalogue:?}");
    }

    #[test]
    fn a_hint_is_cut_into_paragraphs_and_items_as_the_book_extracts_them() {
        let cut = messages(
            "The frame holds *a* and\n`b*c`.\n\nAfter this:\n\n- one\n  two\n- three\n\n```rust\nlet x = 1;\n```\n",
        );
        let ids: Vec<&str> = cut.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "The frame holds _a_ and `b*c`.",
                "After this:",
                "one two",
                "three",
                ""
            ]
        );
        assert_eq!(cut[2].marker, "- ");
        assert_eq!(cut[4].marker, "```rust\nlet x = 1;\n```");
    }
}
