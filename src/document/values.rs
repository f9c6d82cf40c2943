//! Reading plain values, and putting the rule and the field in front of a
//! format's own message when a value has the wrong type.
//!
//! The format crate reports a value of the wrong type (`recruiter = "yes"`)
//! with its own message, which names neither the rule nor the field. These
//! helpers add them.

use std::cell::{Cell, RefCell};
use std::fmt;
use std::marker::PhantomData;
use std::str::FromStr;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

use crate::error::{Location, ParseError, PolicyError, PolicyErrorKind};
use crate::text::cut;

/// A policy error, as the format's error type.
pub(super) fn fail<E: de::Error>(err: PolicyError) -> E {
    let error = E::custom(&err);
    RAISED.with(|raised| *raised.borrow_mut() = Some(err));
    error
}

thread_local! {
    /// The last policy error raised on this thread, for
    /// [`Policy::from_deserializer`](crate::Policy::from_deserializer) to
    /// hand back typed: a format's error type keeps only its message.
    static RAISED: RefCell<Option<PolicyError>> = const { RefCell::new(None) };
}

/// Forgets any policy error raised on this thread before.
pub(super) fn forget_raised() {
    RAISED.with(|raised| raised.borrow_mut().take());
}

/// The policy error raised on this thread since [`forget_raised`], if any.
pub(super) fn take_raised() -> Option<PolicyError> {
    RAISED.with(|raised| raised.borrow_mut().take())
}

/// Where a mistake goes once it is found: raised at once, or held to be
/// raised later (at the end of a rule whose id is not read yet, so that the
/// message can name the rule by its id).
pub(super) struct Mistakes<'p> {
    pub(super) at: &'p Location,
    held: Option<&'p mut Option<PolicyError>>,
}

impl<'p> Mistakes<'p> {
    /// Mistakes raised as soon as they are found.
    pub(super) fn raised(at: &'p Location) -> Self {
        Mistakes { at, held: None }
    }

    /// Mistakes in a rule at `at`: raised at once when the rule's id is
    /// known, so that formats point at the mistake itself; before that,
    /// held in `held` (the first one kept) until the id is read, so that
    /// the message can name the rule by its id.
    pub(super) fn in_rule(at: &'p Location, held: &'p mut Option<PolicyError>) -> Self {
        let held = match at {
            Location::RuleAt(_) => Some(held),
            Location::Rule(_) | Location::Policy | Location::Example(_) | Location::Condition => {
                None
            }
        };
        Mistakes { at, held }
    }

    /// The same mistakes, for a part of the value being read.
    pub(super) fn part(&mut self) -> Mistakes<'_> {
        Mistakes {
            at: self.at,
            held: self.held.as_deref_mut(),
        }
    }

    /// Raises or holds `err`.
    pub(super) fn report<E: de::Error>(&mut self, err: PolicyError) -> Result<(), E> {
        match &mut self.held {
            Some(held) => {
                held.get_or_insert(err);
                Ok(())
            }
            None => Err(fail(err)),
        }
    }
}

/// Parses a name (a platform, a decision, a view, ...) read from `field`.
pub(super) fn parse_name<T: FromStr<Err = ParseError>>(
    name: &str,
    at: &Location,
    field: impl FnOnce() -> String,
) -> Result<T, PolicyError> {
    name.parse()
        .map_err(|error| PolicyError::new(at.clone(), field(), PolicyErrorKind::UnknownName(error)))
}

/// Reads a plain value from the map's next value and turns it into what
/// the document means with `convert`. A mistake `convert` finds goes to
/// `mistakes`, and yields `None`; it is found while the value is read, so
/// that formats which track positions point at it.
pub(super) fn read<'de, A, T, U>(
    map: &mut A,
    field: &str,
    mistakes: &mut Mistakes<'_>,
    convert: impl FnOnce(T, &Location) -> Result<U, PolicyError>,
) -> Result<Option<U>, A::Error>
where
    A: MapAccess<'de>,
    T: Deserialize<'de>,
{
    map.next_value_seed(Converted {
        field,
        mistakes,
        convert,
        raw: PhantomData,
    })
}

/// Reads a name (a platform, a decision, a view, ...) and parses it.
pub(super) fn read_name<'de, A, T>(
    map: &mut A,
    field: &str,
    mistakes: &mut Mistakes<'_>,
) -> Result<Option<T>, A::Error>
where
    A: MapAccess<'de>,
    T: FromStr<Err = ParseError>,
{
    read(map, field, mistakes, |name: String, at| {
        parse_name(&name, at, || field.to_owned())
    })
}

/// Reads a list of names and parses each.
pub(super) fn read_names<'de, A, T>(
    map: &mut A,
    field: &str,
    mistakes: &mut Mistakes<'_>,
) -> Result<Option<Vec<T>>, A::Error>
where
    A: MapAccess<'de>,
    T: FromStr<Err = ParseError>,
{
    read(map, field, mistakes, |names: Vec<String>, at| {
        names
            .iter()
            .enumerate()
            .map(|(i, name)| parse_name(name, at, || format!("{field}[{i}]")))
            .collect()
    })
}

struct Converted<'f, 'm, 'p, T, C> {
    field: &'f str,
    mistakes: &'m mut Mistakes<'p>,
    convert: C,
    raw: PhantomData<T>,
}

impl<'de, T, U, C> DeserializeSeed<'de> for Converted<'_, '_, '_, T, C>
where
    T: Deserialize<'de>,
    C: FnOnce(T, &Location) -> Result<U, PolicyError>,
{
    type Value = Option<U>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<U>, D::Error> {
        let at = self.mistakes.at;
        let raw = Plain {
            at,
            field: self.field,
            value: PhantomData::<T>,
        }
        .deserialize(d)?;
        match (self.convert)(raw, at) {
            Ok(value) => Ok(Some(value)),
            Err(err) => self.mistakes.report(err).map(|()| None),
        }
    }
}

fn invalid_value<E: de::Error>(at: &Location, field: &str, error: &E) -> E {
    fail(PolicyError::new(
        at.clone(),
        cut(field, 120),
        PolicyErrorKind::InvalidValue {
            // Formats may end their message with a line break.
            message: error.to_string().trim_end().to_owned(),
        },
    ))
}

/// Reads a plain value: a boolean, a number, a string or a list of strings.
pub(super) fn plain<'de, A, T>(map: &mut A, at: &Location, field: &str) -> Result<T, A::Error>
where
    A: MapAccess<'de>,
    T: Deserialize<'de>,
{
    map.next_value_seed(Plain {
        at,
        field,
        value: PhantomData,
    })
}

struct Plain<'a, T> {
    at: &'a Location,
    field: &'a str,
    value: PhantomData<T>,
}

impl<'de, T: Deserialize<'de>> DeserializeSeed<'de> for Plain<'_, T> {
    type Value = T;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        T::deserialize(d).map_err(|e| invalid_value(self.at, self.field, &e))
    }
}

/// What a value read with [`located`] must be.
#[derive(Clone, Copy)]
pub(super) enum Shape {
    Table,
    List,
}

/// Deserializes a table or a list with `visitor`. An error before the
/// visitor is called is about the value itself (a string where a table
/// belongs, say) and gets the rule and the field; errors from inside it
/// already name them.
pub(super) fn located<'de, D, V>(
    d: D,
    visitor: V,
    at: &Location,
    field: &str,
    shape: Shape,
) -> Result<V::Value, D::Error>
where
    D: Deserializer<'de>,
    V: Visitor<'de>,
{
    let called = Cell::new(false);
    let visitor = Noting {
        visitor,
        shape,
        called: &called,
    };
    let result = match shape {
        Shape::Table => d.deserialize_map(visitor),
        Shape::List => d.deserialize_seq(visitor),
    };
    result.map_err(|e| {
        if called.get() {
            e
        } else {
            invalid_value(at, field, &e)
        }
    })
}

/// A visitor that notes whether it was called with the shape it expects
/// (some formats call `visit_seq` on a map visitor given a list).
struct Noting<'c, V> {
    visitor: V,
    shape: Shape,
    called: &'c Cell<bool>,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Noting<'_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.visitor.expecting(f)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.called.set(matches!(self.shape, Shape::Table));
        self.visitor.visit_map(map)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        self.called.set(matches!(self.shape, Shape::List));
        self.visitor.visit_seq(seq)
    }
}
