//! The learner's progress, kept in `localStorage` so it survives a reload: for each lesson
//! slug, the indices of the pieces (steps, quizzes, exercises) completed.
//!
//! Storage may be missing or full (private windows): progress is then simply not kept.

use std::collections::{BTreeMap, BTreeSet};

/// The storage key.
pub const STORAGE_KEY: &str = "zooscope.progress.v1";
/// Most lessons remembered.
pub const LESSONS_MAX: usize = 200;
/// Most pieces remembered per lesson.
pub const PIECES_MAX: usize = 500;

/// Completed pieces per lesson.
pub type Progress = BTreeMap<String, BTreeSet<usize>>;

/// Decode stored progress (anything unreadable is no progress).
pub fn decode(text: &str) -> Progress {
    serde_json::from_str::<Progress>(text)
        .map(|mut p| {
            while p.len() > LESSONS_MAX {
                p.pop_last();
            }
            for set in p.values_mut() {
                while set.len() > PIECES_MAX {
                    set.pop_last();
                }
            }
            p
        })
        .unwrap_or_default()
}

fn storage() -> Option<web_sys::Storage> {
    gloo::utils::window().local_storage().ok().flatten()
}

/// The stored progress.
pub fn load() -> Progress {
    storage()
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .map(|t| decode(&t))
        .unwrap_or_default()
}

/// Mark piece `index` of `slug` done; returns the lesson's completed pieces.
pub fn mark(slug: &str, index: usize) -> BTreeSet<usize> {
    let mut p = load();
    if index < PIECES_MAX && (p.contains_key(slug) || p.len() < LESSONS_MAX) {
        p.entry(slug.to_string()).or_default().insert(index);
        if let (Some(s), Ok(text)) = (storage(), serde_json::to_string(&p)) {
            let _ = s.set_item(STORAGE_KEY, &text);
        }
    }
    p.remove(slug).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_or_huge_storage_is_bounded() {
        assert!(decode("not json").is_empty());
        assert_eq!(decode(r#"{"a":[1,2]}"#)["a"].len(), 2);
        let many: Vec<usize> = (0..PIECES_MAX + 10).collect();
        let text = serde_json::to_string(&BTreeMap::from([("x".to_string(), many)])).unwrap();
        assert_eq!(decode(&text)["x"].len(), PIECES_MAX);
    }
}
