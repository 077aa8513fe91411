//! A QR code of a link, drawn as one SVG path (the `qrcode` crate computes the matrix; its
//! own renderers are left out, so the bundle carries only the encoder).

use qrcode::{Color, EcLevel, QrCode};
use yew::prelude::*;

/// Quiet zone around the code, in modules.
const QUIET: usize = 4;

/// The SVG path of `text`'s QR code and its size in modules (with the quiet zone); `None`
/// when the text does not fit in a QR code.
pub fn path_of(text: &str) -> Option<(String, usize)> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::L).ok()?;
    let w = code.width();
    let mut d = String::new();
    for (i, c) in code.to_colors().iter().enumerate() {
        if *c == Color::Dark {
            let (x, y) = (i % w + QUIET, i / w + QUIET);
            d.push_str(&format!("M{x} {y}h1v1h-1z"));
        }
    }
    Some((d, w + 2 * QUIET))
}

/// Props of [`QrImage`].
#[derive(Properties, PartialEq)]
pub struct QrProps {
    /// What to encode.
    pub text: AttrValue,
    /// Accessible name.
    pub label: AttrValue,
}

/// A QR code image of `text` (nothing when it does not fit).
#[component]
pub fn QrImage(props: &QrProps) -> Html {
    let drawn = use_memo(props.text.clone(), |t| path_of(t));
    let Some((d, size)) = (*drawn).clone() else {
        return Html::default();
    };
    html! {
        <svg class="qr" viewBox={format!("0 0 {size} {size}")} role="img" aria-label={props.label.clone()}
            shape-rendering="crispEdges">
            <rect width={size.to_string()} height={size.to_string()} fill="#fff" />
            <path d={d} fill="#000" />
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_fits_and_a_book_does_not() {
        let (d, size) = path_of("http://127.0.0.1:8080/#/lab?key=zs1.abc").unwrap();
        assert!(d.starts_with('M'));
        let modules = size - 2 * QUIET;
        assert!(
            modules >= 21 && (modules - 17) % 4 == 0,
            "{modules} is a QR version's width"
        );
        assert!(path_of(&"x".repeat(5_000)).is_none());
    }
}
