//! The files a comment or a new ticket is about to carry: chosen with the
//! "Attach files" control (a real file input, so the keyboard and screen
//! readers work), dropped onto the form, or pasted as a screenshot. Each is
//! uploaded at once, so a refused file is named before anything is sent;
//! the form then sends the ids with its text.

use crate::api::attachment::AttachmentInfo;
use crate::error::AppError;
use crate::i18n::{file_size, file_too_large, max_file_size, remove_file, upload_failed, Locale, Msg};
use crate::locale::use_locale;
use leptos::prelude::*;

/// One file on its way (files are only added in the browser).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub enum Upload {
    Sending,
    Ready(AttachmentInfo),
    /// Refused by the server (or found too large before sending).
    Failed(AppError),
}

#[derive(Debug, Clone, PartialEq)]
pub struct PendingFile {
    /// This page's own number for it.
    key: u64,
    name: String,
    size: u64,
    upload: Upload,
}

/// A form's files. Kept by whoever owns the form's other fields, so it
/// survives the form being drawn again.
#[derive(Debug, Clone, Copy)]
pub struct Pending {
    files: RwSignal<Vec<PendingFile>>,
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    next: StoredValue<u64>,
    max_bytes: StoredValue<u64>,
    /// Files are being dragged over the form.
    dragging: RwSignal<bool>,
}

impl Pending {
    pub fn new() -> Pending {
        Pending {
            files: RwSignal::new(Vec::new()),
            next: StoredValue::new(0),
            max_bytes: StoredValue::new(crate::domain::attachment::DEFAULT_MAX_BYTES),
            dragging: RwSignal::new(false),
        }
    }

    /// The server's limit per file, checked here before a file is sent.
    pub fn set_max_bytes(&self, max: u64) {
        self.max_bytes.set_value(max);
    }

    /// The uploads ready to go with the form, in the order they were added.
    pub fn ids(&self) -> Vec<i64> {
        self.files.with_untracked(|files| {
            files
                .iter()
                .filter_map(|f| match &f.upload {
                    Upload::Ready(info) => Some(info.id),
                    _ => None,
                })
                .collect()
        })
    }

    /// Whether a file is still being sent.
    pub fn sending(&self) -> bool {
        self.files.with(|files| files.iter().any(|f| f.upload == Upload::Sending))
    }

    /// Whether a file was refused and still stands on the form.
    pub fn failed(&self) -> bool {
        self.files.with_untracked(|files| files.iter().any(|f| matches!(f.upload, Upload::Failed(_))))
    }

    /// Forgets every file: the form was sent and took them.
    pub fn clear(&self) {
        self.files.set(Vec::new());
    }

    /// Adds `file`: refused here when over the limit, sent otherwise.
    #[cfg(feature = "hydrate")]
    pub fn add(&self, file: web_sys::File) {
        let key = self.next.get_value();
        self.next.set_value(key + 1);
        let size = file.size() as u64;
        let max = self.max_bytes.get_value();
        let upload = if size > max { Upload::Failed(AppError::FileTooLarge(max)) } else { Upload::Sending };
        let sending = upload == Upload::Sending;
        self.files.update(|files| files.push(PendingFile { key, name: file.name(), size, upload }));
        if !sending {
            return;
        }
        let files = self.files;
        leptos::task::spawn_local(async move {
            let result = super::upload::upload(file).await;
            files.try_update(|files| {
                if let Some(f) = files.iter_mut().find(|f| f.key == key) {
                    f.upload = match result {
                        Ok(info) => Upload::Ready(info),
                        Err(e) => Upload::Failed(e),
                    };
                }
            });
        });
    }

    /// Adds every file of `list`.
    #[cfg(feature = "hydrate")]
    pub fn add_list(&self, list: Option<web_sys::FileList>) {
        let Some(list) = list else { return };
        for file in (0..list.length()).filter_map(|i| list.item(i)) {
            self.add(file);
        }
    }

    /// Whether files are being dragged over the form (it shows where they
    /// would go).
    pub fn dragging(&self) -> bool {
        self.dragging.get()
    }

    /// The files were dragged away again.
    pub fn on_dragleave(&self, _ev: leptos::ev::DragEvent) {
        self.dragging.set(false);
    }

    /// Takes files dropped onto the form.
    pub fn on_drop(&self, ev: leptos::ev::DragEvent) {
        self.dragging.set(false);
        #[cfg(feature = "hydrate")]
        if let Some(dt) = ev.data_transfer() {
            if dt.files().is_some_and(|f| f.length() > 0) {
                ev.prevent_default();
                self.add_list(dt.files());
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    }

    /// Lets files be dropped (the browser would otherwise open them).
    pub fn on_dragover(&self, ev: leptos::ev::DragEvent) {
        #[cfg(feature = "hydrate")]
        if ev.data_transfer().is_some_and(|dt| dt.types().includes(&"Files".into(), 0)) {
            ev.prevent_default();
            self.dragging.set(true);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    }

    /// Takes a pasted screenshot (or copied files); pasted text is left to
    /// the text area.
    pub fn on_paste(&self, ev: leptos::ev::ClipboardEvent) {
        #[cfg(feature = "hydrate")]
        if let Some(data) = ev.clipboard_data() {
            let files = data.files();
            if files.as_ref().is_some_and(|f| f.length() > 0) {
                ev.prevent_default();
                self.add_list(files);
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    }

    /// Takes a file off the form; an upload the server holds is removed
    /// there too.
    fn remove(&self, key: u64) {
        let mut removed = None;
        self.files.update(|files| {
            if let Some(i) = files.iter().position(|f| f.key == key) {
                removed = Some(files.remove(i));
            }
        });
        if let Some(PendingFile { upload: Upload::Ready(info), .. }) = removed {
            leptos::task::spawn_local(async move {
                // Not found means already gone; the sweep takes what fails.
                let _ = crate::functions::attachments::discard_attachment(info.id).await;
            });
        }
    }
}

impl Default for Pending {
    fn default() -> Pending {
        Pending::new()
    }
}

/// Why a file did not make it, in the reader's words.
pub fn upload_error(locale: Locale, name: &str, error: &AppError) -> String {
    match error {
        AppError::FileTooLarge(limit) => file_too_large(locale, name, *limit),
        other => upload_failed(locale, name, &crate::labels::app_error_text(locale, other)),
    }
}

/// The "Attach files" control with the form's files under it. `input_id`
/// names the file input (one per form on a page).
#[component]
pub fn AttachmentPicker(pending: Pending, input_id: &'static str) -> impl IntoView {
    let locale = use_locale();
    let hint_id = format!("{input_id}-hint");
    let limit = move || file_size(locale.get(), pending.max_bytes.get_value());
    let items = move || {
        pending
            .files
            .get()
            .into_iter()
            .map(|f| {
                let key = f.key;
                let name = f.name.clone();
                let size = f.size;
                let (class, preview, status) = match &f.upload {
                    Upload::Sending => (
                        "attach-item attach-sending",
                        None,
                        Some(view! { <span class="attach-status">{move || Msg::AttachUploading.text(locale.get())}</span> }.into_any()),
                    ),
                    Upload::Ready(info) => (
                        "attach-item attach-ready",
                        info.thumbnail.then(|| {
                            view! { <img class="attach-preview" src=info.thumbnail_url() alt="" width="48" height="36"/> }
                        }),
                        None,
                    ),
                    Upload::Failed(e) => {
                        let e = e.clone();
                        let name = name.clone();
                        (
                            "attach-item attach-failed",
                            None,
                            Some(view! { <span class="attach-status form-error" role="alert">{move || upload_error(locale.get(), &name, &e)}</span> }.into_any()),
                        )
                    }
                };
                let sending = f.upload == Upload::Sending;
                let remove_label = {
                    let name = name.clone();
                    move || remove_file(locale.get(), &name)
                };
                view! {
                    <li class=class>
                        {preview}
                        <span class="attach-name">{name}</span>
                        <span class="attach-size">{move || file_size(locale.get(), size)}</span>
                        {status}
                        <button
                            type="button"
                            class="attach-remove"
                            aria-label=remove_label.clone()
                            title=remove_label
                            disabled=sending
                            on:click=move |_| pending.remove(key)
                        >
                            "×"
                        </button>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <div class="attach-picker">
            <input
                type="file"
                multiple
                class="attach-input"
                id=input_id
                aria-describedby=hint_id.clone()
                on:change=move |ev| {
                    #[cfg(feature = "hydrate")]
                    {
                        use wasm_bindgen::JsCast;
                        if let Some(input) = ev
                            .target()
                            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                        {
                            pending.add_list(input.files());
                            // The same file may be chosen again after a removal.
                            input.set_value("");
                        }
                    }
                    #[cfg(not(feature = "hydrate"))]
                    let _ = ev;
                }
            />
            <label for=input_id class="attach-button">
                {move || Msg::AttachFiles.text(locale.get())}
            </label>
            <span class="attach-hint" id=hint_id>
                {move || format!("{} {}", Msg::AttachHint.text(locale.get()), max_file_size(locale.get(), &limit()))}
            </span>
            <ul class="attach-list" aria-live="polite">
                {items}
            </ul>
        </div>
    }
    .into_any()
}
