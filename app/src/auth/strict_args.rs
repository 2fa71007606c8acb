//! Server-function arguments that refuse fields they do not declare.
//!
//! The `#[server]` macro generates the argument struct itself and accepts no
//! `#[serde(deny_unknown_fields)]` on it, but it does take a wrapper type:
//! `#[server(..., custom = StrictArgs)]`. Deserialising through the wrapper
//! fails on any key serde would have ignored, at any depth, so a caller
//! cannot smuggle `organisation_id`, `role` or `status` into a request and
//! hope some future field picks it up (mass assignment).

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The arguments of a server function, deserialised strictly on the server.
#[derive(Debug, Clone)]
pub struct StrictArgs<T>(pub T);

impl<T: Serialize> Serialize for StrictArgs<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

#[cfg(feature = "ssr")]
impl<'de, T: Deserialize<'de>> Deserialize<'de> for StrictArgs<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut unknown = Vec::new();
        let args = serde_ignored::deserialize(deserializer, |path| unknown.push(field_path(&path)))?;
        match unknown.first() {
            None => Ok(StrictArgs(args)),
            Some(field) => Err(serde::de::Error::custom(format!("unknown field `{field}`"))),
        }
    }
}

/// `inner.role` or `pauses.0.extra`: where the field sits in the request.
#[cfg(feature = "ssr")]
fn field_path(path: &serde_ignored::Path) -> String {
    use serde_ignored::Path;
    let (parent, segment) = match path {
        Path::Root => return String::new(),
        Path::Seq { parent, index } => (parent, index.to_string()),
        Path::Map { parent, key } => (parent, key.clone()),
        // `Option`s and newtypes add a level to serde, not to the JSON.
        Path::Some { parent } | Path::NewtypeStruct { parent } | Path::NewtypeVariant { parent } => {
            return field_path(parent)
        }
    };
    match field_path(parent) {
        prefix if prefix.is_empty() => segment,
        prefix => format!("{prefix}.{segment}"),
    }
}

/// The browser only sends arguments; it never has to police them.
#[cfg(not(feature = "ssr"))]
impl<'de, T: Deserialize<'de>> Deserialize<'de> for StrictArgs<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize(deserializer).map(StrictArgs)
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize, Serialize, PartialEq)]
    struct Args {
        email: String,
        #[serde(default)]
        inner: Option<Inner>,
        #[serde(default)]
        list: Vec<Inner>,
    }

    #[derive(Debug, Deserialize, Serialize, PartialEq)]
    struct Inner {
        n: i64,
    }

    #[test]
    fn declared_fields_pass() {
        let args: StrictArgs<Args> = serde_json::from_str(r#"{"email": "a@b", "inner": {"n": 1}}"#).unwrap();
        assert_eq!(args.0, Args { email: "a@b".into(), inner: Some(Inner { n: 1 }), list: vec![] });
        assert_eq!(serde_json::to_string(&args).unwrap(), r#"{"email":"a@b","inner":{"n":1},"list":[]}"#);
    }

    #[test]
    fn unknown_fields_are_refused_at_any_depth() {
        let top = serde_json::from_str::<StrictArgs<Args>>(r#"{"email": "a@b", "organisation_id": 2}"#);
        assert_eq!(top.unwrap_err().to_string(), "unknown field `organisation_id`");
        let deep = serde_json::from_str::<StrictArgs<Args>>(
            r#"{"email": "a@b", "inner": {"n": 1, "role": "admin"}}"#,
        );
        assert_eq!(deep.unwrap_err().to_string(), "unknown field `inner.role`");
        let listed = serde_json::from_str::<StrictArgs<Args>>(
            r#"{"email": "a@b", "list": [{"n": 1}, {"n": 2, "x": 0}]}"#,
        );
        assert_eq!(listed.unwrap_err().to_string(), "unknown field `list.1.x`");
    }
}
