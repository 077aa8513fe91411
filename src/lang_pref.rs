//! Which language to show, and remembering the learner's choice.
//!
//! Order of precedence: a `?lang=zh|en` query parameter (in the page URL or inside the
//! `#/route?…` fragment), then the choice saved in `localStorage`, then the browser's
//! language (`zh*` → Chinese, anything else → English). The decision itself is the pure
//! function [`choose`]; the rest reads and writes the browser.

use crate::i18n::Lang;

/// `localStorage` key of the saved choice.
pub const STORAGE_KEY: &str = "zooscope.lang";

/// Decide the language from the three sources, strongest first.
pub fn choose(query: Option<&str>, stored: Option<&str>, navigator: Option<&str>) -> Lang {
    query
        .and_then(Lang::parse)
        .or_else(|| stored.and_then(Lang::parse))
        .unwrap_or_else(|| match navigator.and_then(Lang::parse) {
            Some(Lang::Zh) => Lang::Zh,
            _ => Lang::En,
        })
}

/// The value of `lang` in a query string (`?a=1&lang=en`, leading `?` optional).
pub fn lang_param(query: &str) -> Option<&str> {
    query
        .trim_start_matches('?')
        .split('&')
        .find_map(|pair| pair.strip_prefix("lang="))
}

/// The query part of a hash route: `#/lab?lang=en` → `lang=en`.
pub fn hash_query(hash: &str) -> &str {
    hash.split_once('?').map_or("", |(_, q)| q)
}

/// `query` without its `lang` parameter (keeps the other parameters in order).
pub fn without_lang(query: &str) -> String {
    query
        .trim_start_matches('?')
        .split('&')
        .filter(|pair| !pair.is_empty() && !pair.starts_with("lang="))
        .collect::<Vec<_>>()
        .join("&")
}

/// The language for this page load.
pub fn detect() -> Lang {
    let window = gloo::utils::window();
    let location = window.location();
    let search = location.search().unwrap_or_default();
    let hash = location.hash().unwrap_or_default();
    let query = lang_param(&search).or_else(|| lang_param(hash_query(&hash)));
    let stored = load();
    let navigator = window.navigator().language();
    choose(query, stored.as_deref(), navigator.as_deref())
}

/// The saved choice, if any (storage may be disabled: then there is none).
pub fn load() -> Option<String> {
    let storage = gloo::utils::window().local_storage().ok().flatten()?;
    storage.get_item(STORAGE_KEY).ok().flatten()
}

/// Remember a choice. Failure (private mode, quota) only means it is not remembered.
pub fn save(lang: Lang) {
    if let Some(storage) = gloo::utils::window().local_storage().ok().flatten() {
        let _ = storage.set_item(STORAGE_KEY, lang.code());
    }
}

/// Make the document match the language: `<html lang>` and the title.
pub fn apply_to_document(lang: Lang) {
    let document = gloo::utils::document();
    if let Some(html) = document.document_element() {
        let _ = html.set_attribute("lang", lang.html_tag());
    }
    document.set_title(lang.texts().doc_title);
}

/// Drop `lang=` from the address bar (without navigating), so that after the learner
/// picks a language with the toggle, a reload honours the saved choice instead of an old
/// `?lang=` parameter.
pub fn strip_lang_from_url() {
    let window = gloo::utils::window();
    let location = window.location();
    let search = location.search().unwrap_or_default();
    let hash = location.hash().unwrap_or_default();
    if lang_param(&search).is_none() && lang_param(hash_query(&hash)).is_none() {
        return;
    }
    let path = location.pathname().unwrap_or_default();
    let new_search = without_lang(&search);
    let (route, hash_q) = hash.split_once('?').unwrap_or((hash.as_str(), ""));
    let new_hash_q = without_lang(hash_q);
    let mut url = path;
    if !new_search.is_empty() {
        url.push('?');
        url.push_str(&new_search);
    }
    url.push_str(route);
    if !new_hash_q.is_empty() {
        url.push('?');
        url.push_str(&new_hash_q);
    }
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_beats_storage_beats_browser() {
        assert_eq!(choose(Some("en"), Some("zh"), Some("zh-CN")), Lang::En);
        assert_eq!(choose(Some("zh"), Some("en"), Some("en-US")), Lang::Zh);
        assert_eq!(choose(None, Some("en"), Some("zh-CN")), Lang::En);
        assert_eq!(choose(None, Some("zh"), Some("en-US")), Lang::Zh);
        assert_eq!(choose(None, None, Some("zh-TW")), Lang::Zh);
        assert_eq!(choose(None, None, Some("de-DE")), Lang::En);
        assert_eq!(choose(None, None, None), Lang::En);
    }

    #[test]
    fn invalid_values_fall_through() {
        assert_eq!(choose(Some("fr"), Some("zh"), Some("en")), Lang::Zh);
        assert_eq!(choose(Some(""), Some("bogus"), Some("zh-CN")), Lang::Zh);
    }

    #[test]
    fn finds_lang_param() {
        assert_eq!(lang_param("?lang=en"), Some("en"));
        assert_eq!(lang_param("a=1&lang=zh&b=2"), Some("zh"));
        assert_eq!(lang_param("?slang=zh"), None);
        assert_eq!(lang_param(""), None);
        assert_eq!(hash_query("#/lab?scenario=x&lang=en"), "scenario=x&lang=en");
        assert_eq!(hash_query("#/lab"), "");
        assert_eq!(lang_param(hash_query("#/lab?lang=en")), Some("en"));
    }

    #[test]
    fn strips_only_lang() {
        assert_eq!(without_lang("?lang=en"), "");
        assert_eq!(without_lang("?a=1&lang=en&b=2"), "a=1&b=2");
        assert_eq!(without_lang("scenario=lock"), "scenario=lock");
    }
}
