//! The terminal's language: English, or Chinese (`zh-CN`) for `--lang zh-CN` or a
//! Chinese locale.
//!
//! The language is chosen once, before the command line is read (so that `help` is
//! in it too): `--lang` when given, else the first of `LC_ALL`, `LC_MESSAGES` and
//! `LANG` that is set, Chinese when it starts with `zh`. `--lang en` is English
//! whatever the locale says.
//!
//! Every line this tool writes goes through [`t!`]: `t!("Next:")`, or with values,
//! `t!("{} more failing tests", left)`. The English text is the key; the Chinese
//! comes from `course/po/zh-CN.po`, built into the binary, whose msgids are those
//! texts exactly (`{}` marks a value; a translation may say `{0}`, `{1}` to put
//! them in another order). Exercise and hint titles are looked up in the same
//! catalogue, chapter titles and the hints' paragraphs in the book's
//! (`book/po/zh-CN.po`), which translates them for the Chinese edition already.
//! A text with no translation is shown in English; `course/tests/language.rs`
//! fails CI when any lacks one. What others wrote (compiler errors, a test's
//! message) is shown as it is.

use std::collections::HashMap;
use std::fmt::Display;
use std::path::Path;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::po;

/// The terminal's language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    En,
    ZhCn,
}

static CHINESE: AtomicBool = AtomicBool::new(false);

pub fn current() -> Lang {
    if CHINESE.load(Ordering::Relaxed) {
        Lang::ZhCn
    } else {
        Lang::En
    }
}

pub fn set(lang: Lang) {
    CHINESE.store(lang == Lang::ZhCn, Ordering::Relaxed);
}

/// `zh-CN`, `zh_CN.UTF-8`, `zh`: Chinese; anything else (`en`, `C.UTF-8`): English.
pub fn of(name: &str) -> Lang {
    let lower = name.to_ascii_lowercase();
    if lower == "zh" || lower.starts_with("zh-") || lower.starts_with("zh_") {
        Lang::ZhCn
    } else {
        Lang::En
    }
}

/// The language the locale asks for: the first of `LC_ALL`, `LC_MESSAGES`, `LANG`
/// that is set and not empty, as POSIX orders them.
pub fn of_locale(var: impl Fn(&str) -> Option<String>) -> Lang {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|name| var(name).filter(|value| !value.is_empty()))
        .map_or(Lang::En, |value| of(&value))
}

/// The value of a `--lang` option among the arguments (`--lang zh-CN`,
/// `--lang=zh-CN`), before clap reads them.
pub fn option_in(args: &[String]) -> Option<&str> {
    let mut args = args.iter().take_while(|arg| *arg != "--");
    while let Some(arg) = args.next() {
        if arg == "--lang" {
            return args.next().map(String::as_str);
        }
        if let Some(value) = arg.strip_prefix("--lang=") {
            return Some(value);
        }
    }
    None
}

/// The book's edition for `cargo course book`: the one `--lang` names (the book
/// says which there are), else the terminal's language.
pub fn edition(option: Option<&str>) -> String {
    match (option, current()) {
        (Some(named), _) => named.to_string(),
        (None, Lang::ZhCn) => "zh-CN".to_string(),
        (None, Lang::En) => "en".to_string(),
    }
}

/// `t!("English")` is the text in the terminal's language; `t!("{} of {}", a, b)`
/// puts the values in.
macro_rules! t {
    ($msgid:literal) => {
        $crate::language::text($msgid)
    };
    ($msgid:literal, $($value:expr),+ $(,)?) => {
        $crate::language::fill(
            $crate::language::text($msgid),
            &[$(&$value as &dyn ::std::fmt::Display),+],
        )
    };
}

/// This tool's catalogue, built in.
fn own() -> &'static HashMap<String, String> {
    static OWN: OnceLock<HashMap<String, String>> = OnceLock::new();
    OWN.get_or_init(|| po::parse(include_str!("../po/zh-CN.po")))
}

/// The text of `msgid` in the terminal's language (the English when it has no
/// translation).
pub fn text(msgid: &'static str) -> &'static str {
    translated(msgid).unwrap_or(msgid)
}

/// The Chinese of `msgid` when the terminal speaks Chinese and the catalogue has it.
pub fn translated(msgid: &str) -> Option<&'static str> {
    match current() {
        Lang::En => None,
        Lang::ZhCn => own().get(msgid).map(String::as_str),
    }
}

/// A title read from the course (an exercise's, a hint's) in the terminal's language.
pub fn title(english: &str) -> String {
    translated(english).unwrap_or(english).to_string()
}

/// `{}` in `template` replaced by the values in order, `{0}`, `{1}` by the value of
/// that number; `{{` and `}}` are braces.
pub fn fill(template: &str, values: &[&dyn Display]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut next = 0;
    let mut rest = template;
    while let Some(at) = rest.find(['{', '}']) {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            out.push_str(&tail[..1]);
            rest = &tail[2..];
            continue;
        }
        let Some(end) = tail.find('}').filter(|_| tail.starts_with('{')) else {
            out.push_str(&tail[..1]);
            rest = &tail[1..];
            continue;
        };
        let inside = &tail[1..end];
        let index = if inside.is_empty() {
            next += 1;
            Some(next - 1)
        } else {
            inside.parse::<usize>().ok()
        };
        match index.and_then(|i| values.get(i)) {
            Some(value) => out.push_str(&value.to_string()),
            None => out.push_str(&tail[..=end]),
        }
        rest = &tail[end + 1..];
    }
    out.push_str(rest);
    out
}

/// The book's catalogue for the terminal's language, read once (empty in English,
/// or when the repository has none).
fn book(root: &Path) -> &'static HashMap<String, String> {
    static BOOK: OnceLock<HashMap<String, String>> = OnceLock::new();
    BOOK.get_or_init(|| match current() {
        Lang::En => HashMap::new(),
        Lang::ZhCn => {
            po::parse(&std::fs::read_to_string(root.join("book/po/zh-CN.po")).unwrap_or_default())
        }
    })
}

/// A chapter's title as the Chinese edition's table of contents gives it
/// ("1. Generators" is "1. 生成器"), without its number.
pub fn chapter_title(root: &Path, number: u32, english: &str) -> String {
    book(root)
        .get(&format!("{number}. {english}"))
        .and_then(|chinese| chinese.split_once(". ").map(|(_, title)| title.to_string()))
        .unwrap_or_else(|| english.to_string())
}

/// A hint's markdown in the terminal's language: each paragraph and list item as
/// the book's catalogue translates it, code as it is.
pub fn hint_body(root: &Path, english: &str) -> String {
    if current() == Lang::En {
        return english.to_string();
    }
    let catalogue = book(root);
    let blocks: Vec<String> = po::messages(english)
        .into_iter()
        .map(|message| match message.id.as_str() {
            "" => message.marker,
            id => {
                let text = catalogue.get(id).map_or(id, String::as_str);
                // A catalogue's paragraph is one line; the English source is wrapped
                // by hand, so the translation is wrapped here, items hanging.
                let hang = " ".repeat(width(&message.marker));
                let lines = wrap(text, HINT_WIDTH - width(&message.marker));
                format!("{}{}", message.marker, lines.join(&format!("\n{hang}")))
            }
        })
        .collect();
    // Items of one list stay together; everything else is a paragraph of its own.
    let mut body = String::new();
    for (i, block) in blocks.iter().enumerate() {
        if i > 0 {
            let items = is_item(block) && is_item(&blocks[i - 1]);
            body.push_str(if items { "\n" } else { "\n\n" });
        }
        body.push_str(block);
    }
    body
}

/// The columns of a hint's line in Chinese, as wide as the English hints are wrapped.
const HINT_WIDTH: usize = 80;

/// `text` in lines of at most `columns` columns: a Chinese character may end a line
/// anywhere, a Latin word or a `code span` only whole, no line starts with a closing
/// mark (`，。；：）` and the like) and none ends with an opening one (`（`).
fn wrap(text: &str, columns: usize) -> Vec<String> {
    let mut pieces: Vec<String> = Vec::new();
    let mut in_code = false;
    for c in text.chars() {
        let joins = match pieces.last() {
            None => false,
            Some(last) => {
                let previous = last.chars().next_back().unwrap_or(' ');
                in_code
                    || closes(c)
                    || "（《「『“‘(".contains(previous)
                    || (width(&c.to_string()) == 1
                        && c != ' '
                        && previous != ' '
                        && width(&previous.to_string()) == 1)
            }
        };
        if c == '`' {
            in_code = !in_code;
        }
        match pieces.last_mut() {
            Some(last) if joins => last.push(c),
            _ => pieces.push(c.to_string()),
        }
    }
    let mut lines = vec![String::new()];
    for piece in pieces {
        let line = lines.last_mut().expect("one line at least");
        if !line.is_empty() && width(line) + width(&piece) > columns {
            let kept = line.trim_end().len();
            line.truncate(kept);
            lines.push(piece.trim_start().to_string());
        } else {
            line.push_str(&piece);
        }
    }
    lines
}

/// A mark that closes what comes before it, so never starts a line.
fn closes(c: char) -> bool {
    "，。；：、！？）》」』”’,.;:!?)".contains(c)
}

fn is_item(block: &str) -> bool {
    let start = block.trim_start();
    start.starts_with("- ") || start.starts_with("* ") || start.starts_with("+ ")
}

/// How many columns `text` takes in a terminal: two for each Chinese character or
/// full-width sign, one for the others.
pub fn width(text: &str) -> usize {
    text.chars()
        .map(|c| match c as u32 {
            0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF => 2,
            0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 => 2,
            _ => 1,
        })
        .sum()
}

/// `text` followed by spaces up to `columns` columns (`{:width$}` counts characters,
/// and a Chinese character takes two columns).
pub fn pad(text: &str, columns: usize) -> String {
    format!("{text}{}", " ".repeat(columns.saturating_sub(width(text))))
}

/// The command line read in the terminal's language: the language is chosen first,
/// then clap's help (the commands', the options' and its own headings) is translated
/// before the arguments are parsed.
pub fn parse_command_line<T: clap::Parser>() -> T {
    let args: Vec<String> = std::env::args_os()
        .map(|arg| arg.to_string_lossy().into_owned())
        .collect();
    let lang = match option_in(&args) {
        Some(named) => of(named),
        None => of_locale(|name| std::env::var(name).ok()),
    };
    set(lang);
    let command = match lang {
        Lang::En => T::command(),
        Lang::ZhCn => in_chinese(T::command()),
    };
    let matches = command.get_matches();
    T::from_arg_matches(&matches).unwrap_or_else(|error| error.exit())
}

/// A clap command with its help in Chinese.
fn in_chinese(mut command: clap::Command) -> clap::Command {
    command.build();
    chinese(command)
}

fn chinese(mut command: clap::Command) -> clap::Command {
    let swap = |text: Option<&clap::builder::StyledStr>| {
        text.map(|text| text.to_string())
            .and_then(|text| translated(&text))
    };
    if let Some(about) = swap(command.get_about()) {
        command = command.about(about);
    }
    if let Some(about) = swap(command.get_long_about()) {
        command = command.long_about(about);
    }
    if let Some(after) = swap(command.get_after_help()) {
        command = command.after_help(after);
    }
    let ids: Vec<clap::Id> = command
        .get_arguments()
        .map(|arg| arg.get_id().clone())
        .collect();
    for id in ids {
        command = command.mut_arg(id, |mut arg| {
            if let Some(help) = swap(arg.get_help()) {
                arg = arg.help(help);
            }
            if let Some(help) = swap(arg.get_long_help()) {
                arg = arg.long_help(help);
            }
            let heading = if arg.is_positional() {
                t!("Arguments")
            } else {
                t!("Options")
            };
            arg.help_heading(heading)
        });
    }
    let names: Vec<String> = command
        .get_subcommands()
        .map(|sub| sub.get_name().to_string())
        .collect();
    for name in names {
        command = command.mut_subcommand(name, chinese);
    }
    command
        .subcommand_help_heading(t!("Commands"))
        .help_template(t!(
            "{before-help}{about-with-newline}\n{usage-heading} {usage}\n\n{all-args}{after-help}"
        ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_locale_is_read_in_posix_order_and_zh_means_chinese() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(key, _)| *key == name)
                    .map(|(_, value)| value.to_string())
            }
        };
        assert_eq!(of_locale(env(&[("LANG", "zh_CN.UTF-8")])), Lang::ZhCn);
        assert_eq!(
            of_locale(env(&[("LANG", "zh_CN.UTF-8"), ("LC_ALL", "C.UTF-8")])),
            Lang::En
        );
        assert_eq!(
            of_locale(env(&[
                ("LC_ALL", ""),
                ("LC_MESSAGES", "zh_TW"),
                ("LANG", "en_GB")
            ])),
            Lang::ZhCn
        );
        assert_eq!(of_locale(env(&[])), Lang::En);
        assert_eq!(of("zh-CN"), Lang::ZhCn);
        assert_eq!(of("en"), Lang::En);
        assert_eq!(of("zhx"), Lang::En);
    }

    #[test]
    fn lang_is_found_among_the_arguments_in_both_spellings() {
        let args = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            option_in(&args(&["course", "--lang", "en", "list"])),
            Some("en")
        );
        assert_eq!(
            option_in(&args(&["course", "hint", "--lang=zh-CN"])),
            Some("zh-CN")
        );
        assert_eq!(
            option_in(&args(&["course", "run", "1", "--", "--lang", "x"])),
            None
        );
    }

    #[test]
    fn values_fill_the_template_in_order_or_by_number() {
        assert_eq!(fill("{}/{} tests pass", &[&3, &4]), "3/4 tests pass");
        assert_eq!(fill("第 {1} 个，共 {0} 个", &[&4, &1]), "第 1 个，共 4 个");
        assert_eq!(fill("{{x}} {}", &[&"y"]), "{x} y");
    }

    #[test]
    fn chinese_wraps_anywhere_but_inside_words_code_and_before_a_closing_mark() {
        let lines = wrap("你的结构体保存 `a.checked_add(b)` 和 `b`。然后返回。", 20);
        assert_eq!(
            lines,
            ["你的结构体保存", "`a.checked_add(b)`", "和 `b`。然后返回。"]
        );
        for line in wrap(&"一二三（四五），".repeat(8), 11) {
            assert!(width(&line) <= 14, "{line}");
            assert!(!line.starts_with(['，', '）']), "{line}");
            assert!(!line.ends_with('（'), "{line}");
        }
        assert_eq!(
            wrap("多远。`take(n)` 生成", 12),
            ["多远。", "`take(n)` 生", "成"]
        );
    }

    #[test]
    fn chinese_takes_two_columns() {
        assert_eq!(width("生成器"), 6);
        assert_eq!(pad("生成器", 8), "生成器  ");
        assert_eq!(pad("abc", 5), "abc  ");
    }

    /// Every text of a clap command (its own, its options', its subcommands') that
    /// `help` shows: the ones `course/po/zh-CN.po` must translate.
    fn help_texts(command: &mut clap::Command) -> Vec<String> {
        command.build();
        let mut texts = Vec::new();
        collect(command, &mut texts);
        texts
    }

    fn collect(command: &clap::Command, texts: &mut Vec<String>) {
        texts.extend(
            [
                command.get_about(),
                command.get_long_about(),
                command.get_after_help(),
            ]
            .into_iter()
            .flatten()
            .map(|text| text.to_string()),
        );
        for arg in command.get_arguments() {
            texts.extend(
                [arg.get_help(), arg.get_long_help()]
                    .into_iter()
                    .flatten()
                    .map(|text| text.to_string()),
            );
        }
        for sub in command.get_subcommands().filter(|sub| !sub.is_hide_set()) {
            collect(sub, texts);
        }
    }

    /// CI: `help` in Chinese has every text of every command and option.
    #[test]
    fn every_help_text_has_a_chinese_translation() {
        use clap::CommandFactory;
        let missing: Vec<String> = help_texts(&mut crate::Cli::command())
            .into_iter()
            .filter(|text| !own().contains_key(text))
            .collect();
        assert!(
            missing.is_empty(),
            "add these to course/po/zh-CN.po:\n{}",
            missing
                .iter()
                .map(|text| format!("msgid {text:?}\nmsgstr \"\"\n"))
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
}
