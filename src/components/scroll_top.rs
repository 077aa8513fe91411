//! Scroll to the top when the route changes (hash routing keeps the old scroll offset).

use crate::route::Route;
use yew::prelude::*;
use yew_router::prelude::*;

/// Renders nothing; scrolls the window up whenever the route changes.
#[component]
pub fn ScrollTop() -> Html {
    let route = use_route::<Route>();
    use_effect_with(route, |_| {
        gloo::utils::window().scroll_to_with_x_and_y(0.0, 0.0)
    });
    html! {}
}
