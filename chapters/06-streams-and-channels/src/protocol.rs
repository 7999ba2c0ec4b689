//! The key-value protocol: what a line means, and what the reply says.
//!
//! One command per line, one reply line per command, like Redis's inline commands:
//!
//! ```text
//! SET key some value   ->  OK
//! GET key              ->  VALUE some value      (or NOT_FOUND)
//! DEL key              ->  DELETED some value    (or NOT_FOUND)
//! QUIT                 ->  BYE                   (and the server closes)
//! anything else        ->  ERR <what was wrong>
//! ```
//!
//! Parsing is a plain function from `&str` to `Result`, with no sockets in sight,
//! so every rule is tested without a network. A bad line is an error *reply*, never
//! a closed connection: the client learns what it did wrong and can carry on.

use std::fmt;

// ANCHOR: command
/// A parsed request line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    Get { key: String },
    Set { key: String, value: String },
    Delete { key: String },
    Quit,
}

/// The one line the server sends back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    Ok,
    Value(String),
    Deleted(String),
    NotFound,
    Bye(&'static str),
    Error(String),
}
// ANCHOR_END: command

// ANCHOR: parse
impl Request {
    /// Parse one line. Command names are case-insensitive; a key is one word; a
    /// value is the rest of the line, spaces and all.
    pub fn parse(line: &str) -> Result<Request, String> {
        // A carriage return in a value would come back inside a reply, where a
        // terminal moves back to the start of the line and shows the rest over it:
        // `VALUE a\rOK` reads as a forged second reply. Control characters are refused.
        if let Some(bad) = line.chars().find(|c| c.is_control() && *c != '\t') {
            return Err(format!("control character {bad:?} in the line"));
        }
        let line = line.trim();
        let (name, rest) = line.split_once(' ').unwrap_or((line, ""));
        let rest = rest.trim_start();
        let (key, value) = rest.split_once(' ').unwrap_or((rest, ""));
        let one_key = |usage: &str| match (key, value) {
            ("", _) => Err(format!("{usage}: missing key")),
            (key, "") => Ok(key.to_string()),
            _ => Err(format!("{usage}: a key is one word")),
        };
        match name.to_ascii_uppercase().as_str() {
            "GET" => Ok(Request::Get {
                key: one_key("GET <key>")?,
            }),
            "DEL" => Ok(Request::Delete {
                key: one_key("DEL <key>")?,
            }),
            "SET" if key.is_empty() => Err("SET <key> <value>: missing key".into()),
            "SET" if value.is_empty() => Err("SET <key> <value>: missing value".into()),
            "SET" => Ok(Request::Set {
                key: key.to_string(),
                value: value.to_string(),
            }),
            "QUIT" if rest.is_empty() => Ok(Request::Quit),
            "QUIT" => Err("QUIT takes nothing after it".into()),
            "" => Err("empty line; try GET, SET, DEL or QUIT".into()),
            _ => Err(format!(
                "unknown command {name:?}; try GET, SET, DEL or QUIT"
            )),
        }
    }
}
// ANCHOR_END: parse

impl fmt::Display for Reply {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reply::Ok => f.write_str("OK"),
            Reply::Value(value) => write!(f, "VALUE {value}"),
            Reply::Deleted(value) => write!(f, "DELETED {value}"),
            Reply::NotFound => f.write_str("NOT_FOUND"),
            Reply::Bye(why) => write!(f, "BYE {why}"),
            Reply::Error(what) => write!(f, "ERR {what}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_parse_whatever_their_case() {
        assert_eq!(
            Request::parse("get a"),
            Ok(Request::Get { key: "a".into() })
        );
        assert_eq!(
            Request::parse("DEL a"),
            Ok(Request::Delete { key: "a".into() })
        );
        assert_eq!(Request::parse("Quit"), Ok(Request::Quit));
    }

    #[test]
    fn a_value_is_the_rest_of_the_line() {
        assert_eq!(
            Request::parse("SET greeting hello  there"),
            Ok(Request::Set {
                key: "greeting".into(),
                value: "hello  there".into()
            })
        );
    }

    #[test]
    fn bad_lines_are_errors_that_say_what_is_wrong() {
        let error = |line| Request::parse(line).unwrap_err();
        assert!(error("FETCH a").contains("unknown command \"FETCH\""));
        assert!(error("GET").contains("missing key"));
        assert!(error("GET a b").contains("one word"));
        assert!(error("SET a").contains("missing value"));
        assert!(error("").contains("empty line"));
        assert!(error("SET a 1\rOK").contains("control character '\\r'"));
    }

    #[test]
    fn replies_are_one_line_each() {
        assert_eq!(Reply::Value("1".into()).to_string(), "VALUE 1");
        assert_eq!(Reply::Error("nope".into()).to_string(), "ERR nope");
        assert_eq!(
            Reply::Bye("server shutting down").to_string(),
            "BYE server shutting down"
        );
    }
}
