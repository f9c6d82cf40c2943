//! `triage --ask`: reading a person's answers. In a terminal, one key
//! each (the number of an answer, `y` or `n` for a yes-or-no question, `s`
//! to skip the invitation, `q`, Ctrl-C or Ctrl-D to stop); from a pipe or
//! a file, one line each (the number of an answer, its words, or its value
//! as the people file writes it, such as `met-in-person`; `skip`, `quit`).

use std::io::{self, BufRead, Read, Write};

use acquaint::{AnswerValue, Question};

use crate::error::Error;

/// What a person answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reply {
    /// The answer of this index in [`Question::answers`].
    Answer(usize),
    /// Leave this invitation undecided and go on to the next.
    Skip,
    /// Stop: what was answered is written already.
    Quit,
}

/// Where answers come from.
pub trait Answers {
    /// Reads the answer to `question`, after its answers are shown;
    /// writes to `out` whatever it shows (a prompt, the answer read).
    fn answer(&mut self, question: &Question, out: &mut dyn Write) -> Result<Reply, Error>;
}

/// The prompt under a question's answers.
fn prompt(question: &Question) -> String {
    let n = question.answers().len();
    let yes_no = is_yes_no(question);
    format!(
        "  answer [1-{n}{}, s skip, q quit]: ",
        if yes_no { ", y/n" } else { "" }
    )
}

fn is_yes_no(question: &Question) -> bool {
    question
        .answers()
        .iter()
        .all(|a| matches!(a.value(), AnswerValue::Bool(_)))
}

/// The reply a line (or a key, as a one-character line) gives, if any.
pub fn parse_reply(question: &Question, line: &str) -> Option<Reply> {
    let said = line.trim().to_lowercase();
    match said.as_str() {
        "" => return None,
        "q" | "quit" => return Some(Reply::Quit),
        "s" | "skip" => return Some(Reply::Skip),
        _ => {}
    }
    let answers = question.answers();
    if let Ok(n) = said.parse::<usize>() {
        return (1..=answers.len())
            .contains(&n)
            .then(|| Reply::Answer(n - 1));
    }
    let by_words = answers.iter().position(|a| a.text().to_lowercase() == said);
    let by_value = || {
        answers.iter().position(|a| match a.value() {
            AnswerValue::Bool(b) => {
                let words: &[&str] = if *b {
                    &["y", "yes", "true"]
                } else {
                    &["n", "no", "false"]
                };
                words.contains(&said.as_str())
            }
            AnswerValue::Acquaintance(x) => x.as_str() == said,
            AnswerValue::View(v) => v.as_str() == said,
            AnswerValue::Profession(p) => p.to_lowercase() == said,
            AnswerValue::SomethingElse => said == "something else" || said == "other",
            _ => false,
        })
    };
    by_words.or_else(by_value).map(Reply::Answer)
}

/// Answers read one line each, as a script gives them.
#[derive(Debug)]
pub struct Lines<R> {
    input: R,
}

impl<R: BufRead> Lines<R> {
    /// Reads answers from `input`.
    pub fn new(input: R) -> Lines<R> {
        Lines { input }
    }
}

impl<R: BufRead> Answers for Lines<R> {
    fn answer(&mut self, question: &Question, out: &mut dyn Write) -> Result<Reply, Error> {
        loop {
            write!(out, "{}", prompt(question))?;
            out.flush()?;
            let mut line = String::new();
            let read = self
                .input
                .read_line(&mut line)
                .map_err(|source| Error::Read {
                    what: "answers",
                    path: "standard input".into(),
                    source,
                })?;
            if read == 0 {
                writeln!(out, "(end of input)")?;
                return Ok(Reply::Quit);
            }
            let said = crate::triage::report::clean(line.trim());
            match parse_reply(question, &line) {
                Some(reply) => {
                    writeln!(out, "{said}")?;
                    echo(question, reply, out)?;
                    return Ok(reply);
                }
                None => writeln!(
                    out,
                    "{said}\n  not an answer: give its number, its words or its value"
                )?,
            }
        }
    }
}

/// Says which answer was taken.
fn echo(question: &Question, reply: Reply, out: &mut dyn Write) -> Result<(), Error> {
    match reply {
        Reply::Answer(i) => {
            if let Some(a) = question.answers().get(i) {
                writeln!(out, "  → {}", a.text())?;
            }
        }
        Reply::Skip => writeln!(out, "  → skipped: left undecided")?,
        Reply::Quit => {}
    }
    Ok(())
}

/// Answers read one key each from a terminal.
#[derive(Debug, Default)]
pub struct Keys;

impl Answers for Keys {
    fn answer(&mut self, question: &Question, out: &mut dyn Write) -> Result<Reply, Error> {
        write!(out, "{}", prompt(question))?;
        out.flush()?;
        loop {
            let key = read_key().map_err(|source| Error::Read {
                what: "answers",
                path: "the terminal".into(),
                source,
            })?;
            let reply = match key {
                // End of input, Ctrl-C, Ctrl-D.
                None | Some(0x03 | 0x04) => Some(Reply::Quit),
                Some(b) if b.is_ascii_graphic() => {
                    parse_reply(question, &char::from(b).to_string())
                }
                Some(_) => None,
            };
            if let Some(reply) = reply {
                let shown = match (key, reply) {
                    (Some(b), _) if b.is_ascii_graphic() => char::from(b).to_string(),
                    _ => "q".to_owned(),
                };
                writeln!(out, "{shown}")?;
                echo(question, reply, out)?;
                return Ok(reply);
            }
        }
    }
}

/// One key from standard input, read with the terminal in raw mode (and
/// back to how it was before returning); `None` at the end of input.
#[cfg(unix)]
fn read_key() -> io::Result<Option<u8>> {
    use rustix::termios::{LocalModes, OptionalActions, SpecialCodeIndex, tcgetattr, tcsetattr};

    /// Puts the terminal back as it was, whatever happens.
    struct Restore<'a>(&'a io::Stdin, rustix::termios::Termios);
    impl Drop for Restore<'_> {
        fn drop(&mut self) {
            let _ = tcsetattr(self.0, OptionalActions::Now, &self.1);
        }
    }

    let stdin = io::stdin();
    let saved = tcgetattr(&stdin)?;
    let mut raw = saved.clone();
    // No line editing, no echo, and Ctrl-C read as a key: it stops the
    // questions with the terminal restored.
    raw.local_modes -= LocalModes::ICANON | LocalModes::ECHO | LocalModes::ISIG;
    raw.special_codes[SpecialCodeIndex::VMIN] = 1;
    raw.special_codes[SpecialCodeIndex::VTIME] = 0;
    let _restore = Restore(&stdin, saved);
    tcsetattr(&stdin, OptionalActions::Now, &raw)?;
    let mut byte = [0u8];
    let n = stdin.lock().read(&mut byte)?;
    Ok((n == 1).then_some(byte[0]))
}

/// Elsewhere, a key is the first character of a line.
#[cfg(not(unix))]
fn read_key() -> io::Result<Option<u8>> {
    let mut line = String::new();
    let n = io::stdin().lock().read_line(&mut line)?;
    Ok((n > 0).then(|| line.bytes().next().unwrap_or(b'\n')))
}
