//! Fetching a compiled course file and decoding it (gloo-net over the browser's `fetch`).

use serde::de::DeserializeOwned;
use std::rc::Rc;
use yew::prelude::*;

/// What a fetch has given so far.
#[derive(Debug, PartialEq)]
pub enum Fetched<T> {
    /// Not yet.
    Loading,
    /// The decoded file.
    Ready(Rc<T>),
    /// Why not (HTTP status or decoding error), in English: shown after the page's words.
    Failed(String),
}

impl<T> Clone for Fetched<T> {
    fn clone(&self) -> Self {
        match self {
            Fetched::Loading => Fetched::Loading,
            Fetched::Ready(v) => Fetched::Ready(v.clone()),
            Fetched::Failed(e) => Fetched::Failed(e.clone()),
        }
    }
}

/// GET `url` and decode its JSON.
pub async fn get_json<T: DeserializeOwned>(url: &str) -> Result<T, String> {
    decode(url, &get_text(url).await?)
}

/// GET `url` as text. Kept apart from the decoding so that the request's state machine is
/// compiled once, not once per decoded type (about 10 KB of the wasm).
async fn get_text(url: &str) -> Result<String, String> {
    let resp = gloo::net::http::Request::get(url)
        .send()
        .await
        .map_err(|e| e.to_string())?;
    if !resp.ok() {
        return Err(format!("{url}: HTTP {}", resp.status()));
    }
    resp.text().await.map_err(|e| format!("{url}: {e}"))
}

/// Fetch `url` (again whenever it changes).
#[hook]
pub fn use_json<T: DeserializeOwned + 'static>(url: String) -> Fetched<T> {
    let state = use_state(|| Fetched::<T>::Loading);
    {
        let state = state.clone();
        use_effect_with(url, move |url| {
            state.set(Fetched::Loading);
            let url = url.clone();
            yew::platform::spawn_local(async move {
                let text = get_text(&url).await;
                state.set(match text.and_then(|t| decode::<T>(&url, &t)) {
                    Ok(v) => Fetched::Ready(Rc::new(v)),
                    Err(e) => Fetched::Failed(e),
                });
            });
        });
    }
    (*state).clone()
}

/// `text` (fetched from `url`) decoded as JSON.
fn decode<T: DeserializeOwned>(url: &str, text: &str) -> Result<T, String> {
    serde_json::from_str::<T>(text).map_err(|e| format!("{url}: {e}"))
}
