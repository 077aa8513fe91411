//! The app's routes. Hash routing (`#/lab`) keeps the bundle servable as plain static
//! files with no server rewrites.

use std::collections::HashMap;
use yew::prelude::*;
use yew_router::history::{HashHistory, History};
use yew_router::prelude::*;
use yew_router::query::Raw;

/// Every page of the app.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Route {
    /// The home page and lesson catalogue (`/`).
    Home,
    /// The lab (`/lab`; `?scenario=<id>` picks a scenario).
    Lab,
    /// 2PC / 3PC / Paxos side by side (`/compare`).
    Compare,
    /// One lesson (`/lesson/:slug`).
    Lesson {
        /// The lesson's slug from the catalogue.
        slug: String,
    },
    /// Anything else (`/404`).
    #[default]
    NotFound,
}

const HOME: &str = "/";
const LAB: &str = "/lab";
const COMPARE: &str = "/compare";
const LESSON: &str = "/lesson/:slug";
const NOT_FOUND: &str = "/404";

/// Written by hand rather than derived: the derive matches paths with a general
/// route-recognizer automaton (about 12 KB of wasm with its tables and hash sets), while
/// five fixed routes need a `match`. It behaves as the derive did: one trailing and one
/// leading `/` are ignored, `:slug` is one or more characters without `/`,
/// percent-decoded, and anything else is [`Route::NotFound`].
impl Routable for Route {
    fn from_path(path: &str, params: &HashMap<&str, &str>) -> Option<Self> {
        match path {
            HOME => Some(Route::Home),
            LAB => Some(Route::Lab),
            COMPARE => Some(Route::Compare),
            LESSON => {
                let slug = urlencoding::decode(params.get("slug")?).ok()?;
                Some(Route::Lesson {
                    slug: slug.into_owned(),
                })
            }
            NOT_FOUND => Some(Route::NotFound),
            _ => None,
        }
    }

    fn to_path(&self) -> String {
        match self {
            Route::Home => HOME.to_string(),
            Route::Lab => LAB.to_string(),
            Route::Compare => COMPARE.to_string(),
            Route::Lesson { slug } => format!("/lesson/{}", urlencoding::encode(slug)),
            Route::NotFound => NOT_FOUND.to_string(),
        }
    }

    fn routes() -> Vec<&'static str> {
        vec![HOME, LAB, COMPARE, LESSON, NOT_FOUND]
    }

    fn not_found_route() -> Option<Self> {
        Some(Route::NotFound)
    }

    fn recognize(pathname: &str) -> Option<Self> {
        let path = pathname.strip_suffix('/').unwrap_or(pathname);
        let path = path.strip_prefix('/').unwrap_or(path);
        let found = match path {
            "" => Some(Route::Home),
            "lab" => Some(Route::Lab),
            "compare" => Some(Route::Compare),
            "404" => Some(Route::NotFound),
            _ => match path.strip_prefix("lesson/") {
                Some(slug) if !slug.is_empty() && !slug.contains('/') => {
                    urlencoding::decode(slug).ok().map(|slug| Route::Lesson {
                        slug: slug.into_owned(),
                    })
                }
                _ => None,
            },
        };
        found.or_else(Self::not_found_route)
    }
}

/// Query parameters of the lab route.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LabQuery {
    /// Scenario id to open.
    pub scenario: Option<String>,
}

/// The `href` of a link to `to`, with `?scenario=<scenario>` when given (scenario ids
/// are fixed `[a-z0-9-]` words, which need no escaping).
pub fn href(to: &Route, scenario: Option<&str>) -> String {
    match scenario {
        Some(id) => format!("#{}?scenario={id}", to.to_path()),
        None => format!("#{}", to.to_path()),
    }
}

/// An in-app link: what yew-router's `Link` component rendered and did, as one plain
/// function (the component cost the bundle its own lifecycle code). A plain click
/// pushes the route onto the hash history the router listens to; a click with a
/// modifier key is left to the browser (new tab, new window).
pub fn link(to: &Route, scenario: Option<&'static str>, class: Classes, children: Html) -> Html {
    let path = to.to_path();
    let href = href(to, scenario);
    let onclick = Callback::from(move |e: MouseEvent| {
        if e.meta_key() || e.ctrl_key() || e.shift_key() || e.alt_key() {
            return;
        }
        e.prevent_default();
        let history = HashHistory::new();
        match scenario {
            Some(id) => {
                let _ = history.push_with_query(&*path, Raw(format!("scenario={id}")));
            }
            None => history.push(&*path),
        }
    });
    html! { <a class={class} {href} {onclick}>{ children }</a> }
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

    /// The cases where the hand-written matcher could drift from the derive it replaced
    /// (checked against yew-router 0.20's derive when it was written).
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

    #[test]
    fn hrefs_are_what_the_router_link_rendered() {
        assert_eq!(href(&Route::Home, None), "#/");
        assert_eq!(
            href(&Route::Lab, Some("election")),
            "#/lab?scenario=election"
        );
        assert_eq!(
            href(&Route::Lesson { slug: "a b".into() }, None),
            "#/lesson/a%20b"
        );
        // The query is written unescaped: every id linked to must need no escaping.
        for lesson in crate::catalogue::LESSONS {
            assert!(lesson
                .scenario
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'));
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
