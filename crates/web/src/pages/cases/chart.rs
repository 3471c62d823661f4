//! The dashboard's charts, shared by the counts (`dashboard.rs`) and the flow over time (`flow.rs`).

use std::fmt::Write as _;

/// A horizontal bar chart as inline SVG (no script, no style attribute): one bar per row, with its label
/// and value written out, so the chart reads the same with styles off; the figures are also in a table.
pub(super) fn bars(title: &str, rows: &[(String, i64)]) -> String {
    let esc = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;");
    let max = rows.iter().map(|(_, v)| *v).max().unwrap_or(1).max(1);
    let height = 24 * rows.len() + 8;
    let mut svg = format!(
        r#"<svg class="chart" role="img" aria-label="{t}" viewBox="0 0 600 {height}" width="100%" preserveAspectRatio="xMinYMin meet"><title>{t}</title>"#,
        t = esc(title)
    );
    for (i, (label, v)) in rows.iter().enumerate() {
        let y = 4 + 24 * i;
        let w = 300 * v / max;
        let _ = write!(
            svg,
            r##"<text x="0" y="{ty}" font-size="13" fill="#0b0c0c">{l}</text><rect x="240" y="{y}" width="{w}" height="18" fill="#00607a"></rect><text x="{tx}" y="{ty}" font-size="13" fill="#0b0c0c">{v}</text>"##,
            ty = y + 14,
            l = esc(&label.chars().take(32).collect::<String>()),
            tx = 246 + w,
        );
    }
    svg.push_str("</svg>");
    svg
}
