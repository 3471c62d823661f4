//! The web layer's state: the service, and the page templates.

use std::sync::Arc;

use crate::render::Renderer;

pub use service::App;

/// What a request handler may use: the service's state (through `Deref`) and the templates.
pub struct Web {
    /// The service.
    pub app: Arc<App>,
    /// Page templates.
    pub(crate) renderer: Renderer,
    /// Pieces of eligibility answers already put into words and serialized.
    pub(crate) fragments: crate::fragments::Fragments,
}

impl std::ops::Deref for Web {
    type Target = App;
    fn deref(&self) -> &App {
        &self.app
    }
}

/// Shared state handed to axum.
pub type AppState = Arc<Web>;

impl Web {
    /// The web layer over `app`.
    pub fn new(app: Arc<App>) -> AppState {
        let renderer = Renderer::new(&app.i18n, &site_host(&app.settings.public_url));
        Arc::new(Web { app, renderer, fragments: crate::fragments::Fragments::new() })
    }
}

/// The host (and port, if any) of a public address: `https://kandas.gov.kz/` → `kandas.gov.kz`.
fn site_host(public_url: &str) -> String {
    let rest = public_url.split_once("://").map_or(public_url, |(_, r)| r);
    rest.split(['/', '?', '#']).next().unwrap_or(rest).to_owned()
}
