//! Presenter mode (`#/lesson/<slug>?present`): one part of the lesson at a time in large
//! type, live labs full width, ←/→ and space to move, Escape to leave. "Speaker notes"
//! opens a second window that shows the prose; the main screen then shows only the live
//! pieces, each with the prose before it as its notes. A QR code of the current lab's
//! share link lets students open the exact run on their phones.

use crate::course::pieces::{LessonPiece, RunHandle};
use crate::course::qr::QrImage;
use crate::lang_ctx::use_lang;
use gloo::events::{EventListener, EventListenerOptions};
use std::collections::BTreeSet;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;
use zooscope_lessons::compiled::{CompiledLesson, CompiledPart};

/// Props of [`Presenter`].
#[derive(Properties, PartialEq)]
pub struct PresenterProps {
    /// The lesson.
    pub lesson: Rc<CompiledLesson>,
    /// The page's run.
    pub run: RunHandle,
    /// The piece to start at (1-based, from `step=N`); the first part when absent.
    pub start: Option<usize>,
    /// Bumped when a lab changed.
    pub version: u64,
    /// Completed pieces.
    pub done: Rc<BTreeSet<usize>>,
    /// A piece was completed.
    pub on_done: Callback<usize>,
    /// A lab changed.
    pub on_change: Callback<()>,
}

/// One slide: a part index, and the piece index if it is a piece.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Slide {
    part: usize,
    piece: Option<usize>,
}

fn slides(lesson: &CompiledLesson, pieces_only: bool) -> Vec<Slide> {
    let mut piece = 0;
    let mut out = Vec::new();
    for (part, p) in lesson.parts.iter().enumerate() {
        match p {
            CompiledPart::Piece { .. } => {
                out.push(Slide {
                    part,
                    piece: Some(piece),
                });
                piece += 1;
            }
            CompiledPart::Prose { .. } if !pieces_only => out.push(Slide { part, piece: None }),
            CompiledPart::Prose { .. } => {}
        }
    }
    out
}

/// The speaker-notes window's look: readable at arm's length, the part it belongs to on top.
const NOTES_STYLE: &str = "<style>body{font:19px/1.7 system-ui,'Noto Sans CJK SC',sans-serif;\
margin:1.2rem 1.8rem;max-width:46rem;color:#1b2a28}h1{font-size:1.4em}h2{font-size:1.2em}\
code{font-family:monospace;background:#eef3f1;padding:0 .2em;border-radius:3px}\
pre{background:#eef3f1;padding:.6em .8em;overflow-x:auto}\
.part{font-size:.8em;color:#5b6b68;border-bottom:1px solid #d6dfdc;padding-bottom:.4em}</style>";

/// The prose right before part `part` (back to the previous piece): a slide's notes.
fn notes_before(lesson: &CompiledLesson, part: usize) -> String {
    let mut html = Vec::new();
    for p in lesson.parts[..part.min(lesson.parts.len())].iter().rev() {
        match p {
            CompiledPart::Prose { html: h } => html.push(h.clone()),
            CompiledPart::Piece { .. } => break,
        }
    }
    html.reverse();
    html.concat()
}

/// The presenter.
#[component]
pub fn Presenter(props: &PresenterProps) -> Html {
    let lang = use_lang().lang;
    let c = lang.course();
    let notes = use_state(|| None::<web_sys::Window>);
    let all = slides(&props.lesson, notes.is_some());
    let first = props
        .start
        .and_then(|n| {
            all.iter()
                .position(|s| s.piece == Some(n.saturating_sub(1)))
        })
        .unwrap_or(0);
    let at = use_state(|| first);
    let current = (*at).min(all.len().saturating_sub(1));
    let count = all.len();
    // Keyboard: ←/→/space/PageUp/PageDown move, Escape leaves.
    {
        let at = at.clone();
        let slug = props.lesson.slug.clone();
        use_effect_with((current, count), move |&(current, count)| {
            let options = EventListenerOptions::enable_prevent_default();
            let listener = EventListener::new_with_options(
                &gloo::utils::window(),
                "keydown",
                options,
                move |e| {
                    let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                        return;
                    };
                    let typing = e
                        .target()
                        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                        .is_some_and(|el| {
                            matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                        });
                    if typing {
                        return;
                    }
                    match e.key().as_str() {
                        "ArrowRight" | " " | "PageDown" => {
                            e.prevent_default();
                            at.set((current + 1).min(count.saturating_sub(1)));
                        }
                        "ArrowLeft" | "PageUp" => {
                            e.prevent_default();
                            at.set(current.saturating_sub(1));
                        }
                        "Escape" => {
                            let _ = gloo::utils::window()
                                .location()
                                .set_hash(&format!("#/lesson/{}", urlencoding::encode(&slug)));
                        }
                        _ => {}
                    }
                },
            );
            move || drop(listener)
        });
    }
    let slide = all.get(current).copied();
    // The notes window follows the slide.
    {
        let notes = notes.clone();
        let lesson = props.lesson.clone();
        let part = c
            .present_part
            .replace("{n}", &(current + 1).to_string())
            .replace("{total}", &count.to_string());
        use_effect_with((slide, notes.is_some()), move |(slide, _)| {
            if let (Some(w), Some(s)) = ((*notes).as_ref(), slide) {
                if let Some(body) = w.document().and_then(|d| d.body()) {
                    body.set_inner_html(&format!(
                        "<p class=\"part\">{part}</p>{}",
                        notes_before(&lesson, s.part)
                    ));
                }
            }
        });
    }
    let open_notes = {
        let notes = notes.clone();
        let title = c.notes_title;
        let at = at.clone();
        // The main screen keeps to the piece in view (or the next one after prose).
        let keep = slide.map_or(0, |s| {
            slides(&props.lesson, true)
                .iter()
                .position(|x| x.part >= s.part)
                .unwrap_or(0)
        });
        Callback::from(move |_: MouseEvent| {
            at.set(keep);
            let w = gloo::utils::window()
                .open_with_url_and_target_and_features("", "zooscope-notes", "width=640,height=720")
                .ok()
                .flatten();
            if let Some(doc) = w.as_ref().and_then(|w| w.document()) {
                if let Some(head) = doc.head() {
                    head.set_inner_html(NOTES_STYLE);
                }
                doc.set_title(title);
            }
            notes.set(w);
        })
    };
    let body = match slide.map(|s| (s, &props.lesson.parts[s.part])) {
        Some((s, CompiledPart::Prose { html })) => html! {
            <div class="prose present-prose" data-part={s.part.to_string()}>
                { Html::from_html_unchecked(AttrValue::from(html.clone())) }
            </div>
        },
        Some((
            Slide {
                piece: Some(index), ..
            },
            CompiledPart::Piece { .. },
        )) => html! {
            <LessonPiece run={props.run.clone()} {index} version={props.version}
                done={props.done.contains(&index)} on_done={props.on_done.clone()} on_change={props.on_change.clone()} />
        },
        _ => Html::default(),
    };
    // The share link of the lab the current slide belongs to (the latest lab at or above it).
    let share = {
        let run = props.run.0.borrow();
        let upto = slide.and_then(|s| s.piece).unwrap_or(0);
        run.pieces[..=upto.min(run.pieces.len().saturating_sub(1))]
            .iter()
            .rev()
            .filter_map(|(p, _)| p.lab_id())
            .find_map(|id| run.labs.get(id))
            .map(|now| {
                let href = gloo::utils::window().location().href().unwrap_or_default();
                crate::lab::share::link(&href, &now.session.borrow())
            })
    };
    html! {
        <div class="presenter" data-slide={current.to_string()}>
            <header class="presenter-bar">
                <span class="presenter-title">{ props.lesson.title.clone() }</span>
                <span class="presenter-part" id="presenter-part">
                    { c.present_part.replace("{n}", &(current + 1).to_string()).replace("{total}", &count.to_string()) }
                </span>
                <span class="muted presenter-keys">{ c.present_keys }</span>
                <button type="button" class="btn btn-small btn-ghost presenter-notes" onclick={open_notes}>{ c.present_notes }</button>
                <a class="btn btn-small btn-ghost" href={format!("#/lesson/{}", urlencoding::encode(&props.lesson.slug))}>{ c.present_exit }</a>
            </header>
            <div class="presenter-stage">{ body }</div>
            if let Some(link) = share {
                <aside class="presenter-qr" data-link={link.clone()}>
                    <QrImage text={link} label={c.present_qr} />
                    <p class="muted">{ c.present_qr }</p>
                </aside>
            }
        </div>
    }
}
