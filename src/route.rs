//! The app's routes. Hash routing (`#/lab`) keeps the bundle servable as plain static
//! files with no server rewrites.

use serde::Serialize;
use yew_router::prelude::*;

/// Every page of the app. A lesson slug is percent-encoded in the path and decoded
/// when recognised; one leading and one trailing `/` are ignored; anything else is
/// [`Route::NotFound`] (which is also the `Default`).
#[derive(Clone, Debug, PartialEq, Eq, Routable)]
pub enum Route {
    /// The home page and lesson catalogue.
    #[at("/")]
    Home,
    /// The lab; its query (`?scenario=<id>`, `?key=zs1…`) is read by the lab page itself
    /// (`crate::lab::share::ShareQuery`).
    #[at("/lab")]
    Lab,
    /// 2PC / 3PC / Paxos side by side.
    #[at("/compare")]
    Compare,
    /// The lock lab; `?preset=NAME` (and a share link's `log`, `at`, `sellers`) is read
    /// by the page itself (`crate::locks::query::LocksQuery`).
    #[at("/locks")]
    Locks,
    /// A real ensemble seen through `zooscope bridge`; `?bridge=HOST:PORT` is read by
    /// the page itself (`crate::live::link::LiveQuery`).
    #[at("/live")]
    Live,
    /// Seeded experiments run in a web worker, charted (`crate::experiments`).
    #[at("/experiments")]
    Experiments,
    /// The glossary (zh/en terms).
    #[at("/glossary")]
    Glossary,
    /// One lesson (`?step=N` scrolls to a piece, `?present` is presenter mode).
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

/// The query of a link to the lab: `?scenario=<id>` (what [`Link`]'s `query` takes).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct LabQuery {
    /// Scenario id to open.
    #[serde(skip_serializing_if = "Option::is_none")]
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
            (Route::Live, "/live"),
            (Route::Experiments, "/experiments"),
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

    /// The edge cases the hand-written matcher this derive replaced was checked against:
    /// every old address still lands where it did.
    #[test]
    fn recognize_matches_the_derived_router_on_edge_cases() {
        let lesson = |s: &str| Some(Route::Lesson { slug: s.into() });
        for (path, expected) in [
            ("", Some(Route::Home)),
            ("//", Some(Route::Home)),
            ("///", Some(Route::NotFound)),
            ("/lab/", Some(Route::Lab)),
            ("lab", Some(Route::Lab)),
            ("//lab", Some(Route::NotFound)),
            ("/lab//", Some(Route::NotFound)),
            ("/Lab", Some(Route::NotFound)),
            ("/lesson/", Some(Route::NotFound)),
            ("/lesson/abc/", lesson("abc")),
            ("/lesson/a%20b", lesson("a b")),
            ("/lesson/a%2Fb", lesson("a/b")),
            ("/lesson/%FF", Some(Route::NotFound)),
            ("/lesson/a/b", Some(Route::NotFound)),
            ("/lessonx", Some(Route::NotFound)),
        ] {
            assert_eq!(Route::recognize(path), expected, "{path:?}");
        }
        let odd = Route::Lesson {
            slug: "a b/c%中".into(),
        };
        assert_eq!(odd.to_path(), "/lesson/a%20b%2Fc%25%E4%B8%AD");
        assert_eq!(Route::recognize(&odd.to_path()), Some(odd));
        assert_eq!(Route::default(), Route::NotFound);
    }

    /// What `Link` writes into `href` after the `#`: the path, then the serialized query.
    #[test]
    fn link_targets_are_the_old_urls() {
        let query = |q: &LabQuery| serde_urlencoded::to_string(q).unwrap();
        assert_eq!(Route::Home.to_path(), "/");
        assert_eq!(query(&LabQuery::scenario("election")), "scenario=election");
        assert_eq!(query(&LabQuery::default()), "");
        assert_eq!(
            Route::Lesson { slug: "a b".into() }.to_path(),
            "/lesson/a%20b"
        );
        // Scenario ids are fixed `[a-z0-9-]` words: the query needs no escaping.
        for lesson in crate::catalogue::LESSONS {
            assert!(lesson
                .scenario
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'));
            assert_eq!(
                query(&LabQuery::scenario(lesson.scenario)),
                format!("scenario={}", lesson.scenario)
            );
        }
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
