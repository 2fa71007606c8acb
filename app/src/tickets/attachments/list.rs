//! Files on a ticket or a comment: pictures as thumbnails that open the
//! full image, other files as download links with their kind and size.

use crate::api::attachment::AttachmentInfo;
use crate::domain::attachment::FileKind;
use crate::i18n::{file_size, Msg};
use crate::locale::use_locale;
use leptos::prelude::*;

/// The box a thumbnail is drawn in (the server's thumbnails fit it too).
const BOX: (u32, u32) = (320, 240);

/// A thumbnail's drawn size: the picture scaled into [`BOX`], never up, so
/// the page does not jump when it loads.
fn thumbnail_size(width: Option<u32>, height: Option<u32>) -> (u32, u32) {
    match (width, height) {
        (Some(w), Some(h)) if w > 0 && h > 0 => {
            let scale =
                f64::min(1.0, f64::min(f64::from(BOX.0) / f64::from(w), f64::from(BOX.1) / f64::from(h)));
            (((f64::from(w) * scale).round() as u32).max(1), ((f64::from(h) * scale).round() as u32).max(1))
        }
        _ => BOX,
    }
}

/// What a file is, in a word or two: "PDF", "Text", "Video (MP4)".
fn kind_label(kind: FileKind) -> Msg {
    match kind {
        FileKind::Png | FileKind::Jpeg | FileKind::Gif | FileKind::Webp => Msg::FileKindImage,
        FileKind::Pdf => Msg::FileKindPdf,
        FileKind::Text => Msg::FileKindText,
        FileKind::Zip => Msg::FileKindZip,
        FileKind::Mp4 | FileKind::Webm => Msg::FileKindVideo,
    }
}

#[component]
pub fn AttachmentList(files: Vec<AttachmentInfo>) -> impl IntoView {
    let locale = use_locale();
    if files.is_empty() {
        return ().into_any();
    }
    let items = files
        .into_iter()
        .map(|f| {
            let size = f.size;
            let details = move || {
                format!("{} · {}", kind_label(f.kind).text(locale.get()), file_size(locale.get(), size))
            };
            if f.thumbnail {
                let (width, height) = thumbnail_size(f.width, f.height);
                let name = f.name.clone();
                let open = move || format!("{}: {name}", Msg::OpenFullImage.text(locale.get()));
                view! {
                    <li class="attachment attachment-image">
                        <a href=f.url() target="_blank" rel="noopener" title=open.clone() aria-label=open>
                            <img
                                src=f.thumbnail_url()
                                alt=f.name.clone()
                                width=width.to_string()
                                height=height.to_string()
                                loading="lazy"
                            />
                        </a>
                        <span class="attachment-caption">
                            <span class="attachment-name">{f.name.clone()}</span>
                            <span class="attachment-details">{details}</span>
                        </span>
                    </li>
                }
                .into_any()
            } else {
                view! {
                    <li class="attachment attachment-file">
                        <a href=f.url() download=f.name.clone() class="attachment-name">
                            {f.name.clone()}
                        </a>
                        <span class="attachment-details">{details}</span>
                    </li>
                }
                .into_any()
            }
        })
        .collect_view();
    view! {
        <ul class="attachments" aria-label=move || Msg::Attachments.text(locale.get())>
            {items}
        </ul>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thumbnails_keep_their_shape_and_are_never_enlarged() {
        assert_eq!(thumbnail_size(Some(1280), Some(800)), (320, 200));
        assert_eq!(thumbnail_size(Some(800), Some(1600)), (120, 240));
        assert_eq!(thumbnail_size(Some(40), Some(30)), (40, 30));
        assert_eq!(thumbnail_size(None, None), BOX);
        assert_eq!(thumbnail_size(Some(100_000), Some(1)), (320, 1));
    }
}
