//! The app's routes. Hash routing (`#/lab`) keeps the bundle servable as plain static
//! files with no server rewrites.

use serde::{Deserialize, Serialize};
use yew_router::prelude::*;

/// Every page of the app.
#[derive(Clone, Debug, PartialEq, Eq, Routable)]
pub enum Route {
    /// The home page and lesson catalogue.
    #[at("/")]
    Home,
    /// The lab (`?scenario=<id>` picks a scenario).
    #[at("/lab")]
    Lab,
    /// 2PC / 3PC / Paxos side by side.
    #[at("/compare")]
    Compare,
    /// One lesson.
    #[at("/lesson/:slug")]
    Lesson {
        /// The lesson's slug from the catalogue.
        slug: String,
    },
    /// Anything else.
    #[not_found]
    #[at("/404")]
    NotFound,
}

/// Query parameters of the lab route.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabQuery {
    /// Scenario id to open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scenario: Option<String>,
}

/// Longest scenario id shown back to the learner (ids are short; URLs are not trusted).
pub const SCENARIO_ID_MAX: usize = 48;

impl LabQuery {
    /// A query opening `scenario`.
    pub fn scenario(id: &str) -> Self {
        LabQuery {
            scenario: Some(id.to_string()),
        }
    }

    /// The requested scenario id, trimmed and cut to [`SCENARIO_ID_MAX`] characters;
    /// `None` when absent or blank.
    pub fn scenario_id(&self) -> Option<String> {
        let id = self.scenario.as_deref()?.trim();
        (!id.is_empty()).then(|| id.chars().take(SCENARIO_ID_MAX).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_round_trip() {
        for (route, path) in [
            (Route::Home, "/"),
            (Route::Lab, "/lab"),
            (Route::Compare, "/compare"),
            (
                Route::Lesson {
                    slug: "partitions".into(),
                },
                "/lesson/partitions",
            ),
        ] {
            assert_eq!(route.to_path(), path);
            assert_eq!(Route::recognize(path), Some(route));
        }
        assert_eq!(Route::recognize("/no/such/page"), Some(Route::NotFound));
    }

    #[test]
    fn scenario_id_is_bounded() {
        assert_eq!(LabQuery::default().scenario_id(), None);
        assert_eq!(LabQuery::scenario("  ").scenario_id(), None);
        assert_eq!(
            LabQuery::scenario(" lock ").scenario_id().as_deref(),
            Some("lock")
        );
        let long = "x".repeat(500);
        assert_eq!(
            LabQuery::scenario(&long).scenario_id().unwrap().len(),
            SCENARIO_ID_MAX
        );
    }
}
