//! Replies in the user's own words: templates for the reply suggested with
//! a meet-first verdict.

use std::borrow::Cow;
use std::fmt::Write as _;

use crate::contact::Contact;
use crate::error::{Location, PolicyError, PolicyErrorKind};
use crate::limits::MAX_NAME_IN_REPLY;
use crate::names::{Name, Placeholder, PolicyField, ReplyField, nearest};
use crate::platform::{Direction, Platform};
use crate::text::{inert, visible};

/// A reply template, checked when the policy is built: text with
/// placeholders in braces (`{first-name}`, `{name}`, `{platform}`); `{{`
/// and `}}` are braces.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Template {
    /// The template as written.
    text: Box<str>,
    parts: Vec<Part>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Part {
    Text(Box<str>),
    Placeholder(Placeholder),
}

impl Template {
    /// Reads a template; a mistake is an error at `at`, in `field`, naming
    /// the position (in characters, from 1).
    pub(crate) fn parse(text: &str, at: &Location, field: &str) -> Result<Template, PolicyError> {
        let mut parts = Vec::new();
        let mut literal = String::new();
        let mut chars = text.chars().enumerate().peekable();
        let error = |kind| Err(PolicyError::new(at.clone(), field, kind));
        while let Some((i, c)) = chars.next() {
            if c == '}' {
                // `}}` is a brace, like `{{`; a lone `}` closes nothing.
                if chars.next_if(|(_, c)| *c == '}').is_none() {
                    return error(PolicyErrorKind::LoneClosingBrace { position: i + 1 });
                }
                literal.push('}');
                continue;
            }
            if c != '{' {
                literal.push(c);
                continue;
            }
            if chars.next_if(|(_, c)| *c == '{').is_some() {
                literal.push('{');
                continue;
            }
            let mut name = String::new();
            // Closed by a `}`; another `{` first means this one was left
            // open (`{first-name, on {platform}`).
            let closed = loop {
                match chars.peek() {
                    Some((_, '}')) => {
                        chars.next();
                        break true;
                    }
                    Some((_, '{')) | None => break false,
                    Some(&(_, c)) => {
                        name.push(c);
                        chars.next();
                    }
                }
            };
            let position = i + 1;
            if !closed {
                return error(PolicyErrorKind::UnclosedBrace { position });
            }
            // In any case and with any surrounding space, like every name.
            let Some(placeholder) = Placeholder::from_name(&name.trim().to_ascii_lowercase())
            else {
                let suggestion = nearest(&name, Placeholder::names());
                let name = crate::text::cut(&name, 80);
                return error(PolicyErrorKind::UnknownPlaceholder {
                    position,
                    name,
                    suggestion,
                });
            };
            if !literal.is_empty() {
                parts.push(Part::Text(std::mem::take(&mut literal).into()));
            }
            parts.push(Part::Placeholder(placeholder));
        }
        if !literal.is_empty() {
            parts.push(Part::Text(literal.into()));
        }
        Ok(Template {
            text: text.into(),
            parts,
        })
    }

    /// The template as written.
    pub(crate) fn text(&self) -> &str {
        &self.text
    }

    /// The reply to `contact` on `platform`.
    pub(crate) fn render(&self, contact: &Contact, platform: &Platform) -> String {
        let mut out = String::with_capacity(self.text.len() + 16);
        for part in &self.parts {
            match part {
                Part::Text(text) => out.push_str(text),
                Part::Placeholder(Placeholder::FirstName) => out.push_str(&first_name(contact)),
                Part::Placeholder(Placeholder::Name) => out.push_str(&shown_name(contact)),
                Part::Placeholder(Placeholder::Platform) => out.push_str(platform.label()),
            }
        }
        out
    }
}

/// The key of the `replies` table for a direction.
pub(crate) fn reply_field(direction: Direction) -> ReplyField {
    match direction {
        Direction::Incoming => ReplyField::Incoming,
        Direction::Outgoing => ReplyField::Outgoing,
    }
}

/// The direction a key of the `replies` table stands for.
#[cfg_attr(not(feature = "serde"), allow(dead_code))] // Used by policy documents.
pub(crate) fn reply_direction(field: ReplyField) -> Direction {
    match field {
        ReplyField::Incoming => Direction::Incoming,
        ReplyField::Outgoing => Direction::Outgoing,
    }
}

/// The path of a reply template in a policy document: `replies.incoming`.
pub(crate) fn template_path(direction: Direction) -> String {
    format!(
        "{}.{}",
        PolicyField::Replies.name(),
        reply_field(direction).name()
    )
}

/// The first word of the contact's name, as one greets in a message.
/// The contact's name as a reply shows it: inert (see [`inert`]) and at
/// most [`MAX_NAME_IN_REPLY`] characters.
fn shown_name(contact: &Contact) -> Cow<'_, str> {
    inert(contact.name(), MAX_NAME_IN_REPLY)
}

/// The first word of the contact's name, as a reply shows it.
pub(crate) fn first_name(contact: &Contact) -> Cow<'_, str> {
    let word = contact.name().split_whitespace().find(|w| visible(w));
    inert(word.unwrap_or(""), MAX_NAME_IN_REPLY)
}

/// The reply acquaint suggests when the user has no template of their own.
pub(crate) fn builtin_reply(
    contact: &Contact,
    platform: &Platform,
    direction: Direction,
) -> String {
    let mut out = String::from("Hi");
    let first = first_name(contact);
    if !first.is_empty() {
        let _ = write!(out, " {first}");
    }
    let platform = platform.label();
    let _ = match direction {
        Direction::Incoming => write!(
            out,
            ", thank you for the invitation. I keep {platform} for people I have met \
             and can vouch for, so I would like to meet you first. Could we get a coffee \
             together, in person, and talk about your experience and what you are looking for?"
        ),
        Direction::Outgoing => write!(
            out,
            ", I would like to connect with you, but I keep {platform} for people I have \
             met in person. Could we meet first, over coffee perhaps, and talk about your \
             experience and what you are looking for?"
        ),
    };
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reply_without_a_name_still_reads() {
        let reply = builtin_reply(
            &Contact::new("  "),
            &Platform::LinkedIn,
            Direction::Incoming,
        );
        assert!(reply.starts_with("Hi, thank you"));
    }

    #[test]
    fn builtin_reply_names_the_platform() {
        let mastodon: Platform = "mastodon".parse().unwrap();
        let ada = Contact::new("Ada");
        for direction in Direction::ALL {
            let reply = builtin_reply(&ada, &mastodon, direction);
            assert!(
                reply.contains("I keep mastodon for people I have"),
                "{reply}"
            );
            let reply = builtin_reply(&ada, &Platform::Twitter, direction);
            assert!(
                reply.contains("I keep Twitter for people I have"),
                "{reply}"
            );
        }
    }

    fn parse_error(text: &str) -> String {
        Template::parse(text, &Location::Policy, "replies.incoming")
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn a_brace_left_open_or_closing_nothing_is_named() {
        assert_eq!(
            parse_error("Hi {first-name, on {platform}"),
            "policy: field `replies.incoming`: the `{` at character 4 is not closed (write `{{` \
             for a brace)"
        );
        assert_eq!(
            parse_error("Hi {name}, :-}"),
            "policy: field `replies.incoming`: the `}` at character 14 closes no placeholder \
             (write `}}` for a brace)"
        );
    }

    #[test]
    fn placeholders_read_in_any_case() {
        let t =
            Template::parse("Hi { First-Name }, on {PLATFORM}", &Location::Policy, "r").unwrap();
        assert_eq!(
            t.render(&Contact::new("Ada Lovelace"), &Platform::Twitter),
            "Hi Ada, on Twitter"
        );
    }

    #[test]
    fn templates_fill_placeholders_and_keep_escaped_braces() {
        let t = Template::parse(
            "Hi {first-name} ({name}), {{coffee}} on {platform}?",
            &Location::Policy,
            "replies.incoming",
        )
        .unwrap();
        let ada = Contact::new(" Ada  Lovelace ");
        assert_eq!(
            t.render(&ada, &Platform::LinkedIn),
            "Hi Ada (Ada  Lovelace), {coffee} on LinkedIn?"
        );
    }
}
