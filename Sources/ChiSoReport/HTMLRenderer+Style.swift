import ChiSoCore
import ChiSoMetrics

extension HTMLRenderer {
    /// The page's only style sheet. System fonts (no downloads), a single readable column, tables that
    /// scroll sideways on a phone instead of squeezing, charts that scale to the width, and A4 print
    /// rules that keep figures and tables whole.
    package static let styleSheet = """
    :root { color-scheme: light; --fg: #1f2328; --muted: #57606a; --rule: #d0d7de; --soft: #f6f8fa; --up: #0062a0; --down: #a33e00; --flat: #57606a; }
    *, *::before, *::after { box-sizing: border-box; }
    html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
    body { margin: 0; background: #fff; color: var(--fg); font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, sans-serif; font-size: 1rem; line-height: 1.6; }
    header, main, footer { max-width: 52rem; margin: 0 auto; padding: 0 1rem; }
    header { padding-top: 1.5rem; }
    h1 { font-size: 1.75rem; line-height: 1.25; margin: 0 0 .25rem; }
    .breadcrumbs { font-size: .9rem; color: var(--muted); margin: 0 0 .75rem; }
    .subtitle { color: var(--muted); margin: 0 0 1rem; }
    h2 { font-size: 1.35rem; line-height: 1.3; margin: 2.25rem 0 .75rem; padding-bottom: .3rem; border-bottom: 1px solid var(--rule); }
    h3 { font-size: 1.1rem; margin: 1.75rem 0 .5rem; }
    h4, h5, h6 { font-size: 1rem; margin: 1.5rem 0 .5rem; }
    p, li { overflow-wrap: break-word; }
    a { color: var(--up); }
    .key-figures { list-style: none; padding: 0; margin: 1rem 0; display: grid; grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr)); gap: .75rem; }
    .key-figures li { border: 1px solid var(--rule); border-radius: .5rem; padding: .75rem 1rem; background: var(--soft); }
    .kf-label { display: block; color: var(--muted); font-size: .9rem; }
    .kf-value { display: block; font-size: 1.5rem; font-weight: 700; line-height: 1.3; font-variant-numeric: tabular-nums; }
    .kf-change { display: block; font-size: .9rem; }
    .kf-change .trend { white-space: normal; }
    .note { margin: 1rem 0; padding: .6rem .9rem; border-left: 4px solid var(--up); background: var(--soft); }
    .note p { margin: 0; }
    .note-caveat { border-left-color: var(--down); }
    .table-wrap { overflow-x: auto; margin: 1rem 0; -webkit-overflow-scrolling: touch;
      /* Shadows at an edge with more table behind it: the table scrolls (no script). */
      background: linear-gradient(to right, #fff 30%, rgba(255,255,255,0)), linear-gradient(to left, #fff 30%, rgba(255,255,255,0)) 100% 0,
        radial-gradient(farthest-side at 0 50%, rgba(0,0,0,.22), rgba(0,0,0,0)), radial-gradient(farthest-side at 100% 50%, rgba(0,0,0,.22), rgba(0,0,0,0)) 100% 0;
      background-repeat: no-repeat; background-size: 2.5rem 100%, 2.5rem 100%, .9rem 100%, .9rem 100%; background-attachment: local, local, scroll, scroll; }
    .table-caption { font-weight: 600; margin: 1rem 0 -.6rem; }
    .scroll-hint { color: var(--muted); font-size: .85rem; margin: .8rem 0 -.6rem; }
    .table-wrap.timeline { direction: rtl; }
    .table-wrap.timeline > table { direction: ltr; }
    .table-wrap.timeline tbody th, .table-wrap.timeline thead th:first-child { position: sticky; left: 0; background: #fff; box-shadow: 6px 0 6px -4px rgba(0,0,0,.25); }
    .table-wrap:focus { outline: 2px solid var(--up); outline-offset: 2px; }
    table { border-collapse: collapse; font-size: .95rem; }
    caption { caption-side: top; text-align: left; font-weight: 600; padding: 0 0 .4rem; }
    th, td { padding: .35rem .75rem; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
    thead th { border-bottom: 2px solid var(--muted); vertical-align: bottom; }
    tbody th { font-weight: 400; min-width: 8rem; }
    th:first-child, td:first-child { padding-left: 0; }
    .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    thead th.num { white-space: normal; }
    .trend { white-space: nowrap; }
    .data-bar { display: inline-block; width: 3.5rem; height: .6rem; margin-right: .45rem; background: var(--soft); border: 1px solid var(--rule); vertical-align: baseline; }
    .data-bar span { display: block; height: 100%; background: #4a7fb0; }
    .trend .arrow { font-size: .85em; }
    .trend-up .arrow { color: var(--up); }
    .trend-down .arrow { color: var(--down); }
    .trend-flat .arrow { color: var(--flat); }
    figure { margin: 1.5rem 0; }
    figcaption { font-weight: 600; margin-bottom: .5rem; }
    .chart-image svg { display: block; width: 100%; height: auto; }
    .chart-narrow { display: none; }
    @media (max-width: 36rem) {
      .chart-wide { display: none; }
      .chart-narrow { display: block; }
      .key-figures li { padding: .5rem .75rem; }
      .kf-value { font-size: 1.3rem; }
      th, td { padding: .3rem .35rem; }
      td { white-space: nowrap; }
      tbody th { min-width: 7rem; }
      footer table.sources th { white-space: normal; overflow-wrap: anywhere; min-width: 0; }
      .data-bar { display: none; }
      .wide-only { display: none; }
    }
    .map-body { display: grid; grid-template-columns: minmax(0, 30rem) minmax(10rem, 1fr); gap: 1rem; align-items: start; }
    .map-image svg { display: block; width: 100%; height: auto; }
    .map-legend { list-style: none; padding: 0; margin: 0; font-size: .95rem; }
    .map-legend li { display: flex; align-items: center; gap: .5rem; margin: .2rem 0; }
    .map-legend .swatch { flex: none; width: 1.4rem; height: 1rem; border: 1px solid #8c959f; }
    .map-legend .swatch-nodata { background: repeating-linear-gradient(45deg, #e6e6e6 0 3px, #8c959f 3px 5px); }
    .map-legend .swatch-highlight { background: #fff; border: 3px solid #000; }
    .map-legend .swatch-outline { background: #fff; border: 2px solid var(--fg); }
    .map-legend .count { color: var(--muted); font-variant-numeric: tabular-nums; }
    .map-attribution { color: var(--muted); font-size: .8rem; margin: .25rem 0; }
    @media (max-width: 36rem) { .map-body { grid-template-columns: 1fr; } }
    .chart-description { color: var(--muted); font-size: .95rem; margin: .5rem 0; }
    details.chart-data summary { cursor: pointer; color: var(--muted); font-size: .95rem; }
    .chart-data table { font-size: .9rem; }
    .chart-data th, .chart-data td { padding: .3rem .5rem; }
    .chart-data tbody th { min-width: 6.5rem; }
    .chart-data thead th:first-child { min-width: 7rem; }
    code { font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, 'Liberation Mono', monospace; font-size: .9em; }
    footer { margin-top: 3rem; padding-bottom: 2rem; border-top: 1px solid var(--rule); font-size: .9rem; color: var(--muted); }
    footer h2 { font-size: 1.1rem; color: var(--fg); }
    table.sources th, table.sources td { white-space: nowrap; }
    .attribution { margin-top: 1.5rem; }
    .visually-hidden { position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; border: 0; }
    @page { size: A4; margin: 15mm; }
    @media print {
      body { font-size: 9pt; line-height: 1.35; }
      h1 { font-size: 16pt; }
      h2 { font-size: 12.5pt; margin: 1.1rem 0 .4rem; }
      h3 { font-size: 10.5pt; margin: .8rem 0 .3rem; }
      figure { margin: .6rem 0; }
      /* The numbers of a chart are in its description and the report's tables: its own data table
         stays on screen. */
      /* On paper a chart takes three fifths of the width and its description the rest, beside it. */
      figure.chart { display: grid; grid-template-columns: 46% 1fr; column-gap: 4%; align-items: start; }
      figure.chart figcaption { grid-column: 1 / -1; }
      figure.chart .chart-description { margin: 0; font-size: 9pt; }
      .chart-data { display: none; }
      table { font-size: 8.5pt; line-height: 1.25; }
      th, td { padding: .1rem .45rem; }
      .key-figures { margin: .5rem 0; }
      .key-figures li { padding: .35rem .6rem; }
      header, main, footer { max-width: none; padding: 0; }
      h2, h3, h4, figcaption { break-after: avoid; page-break-after: avoid; }
      h1, h2, h3, h4 { break-inside: avoid; page-break-inside: avoid; }
      p, li { orphans: 2; widows: 2; }
      figure, .note, .key-figures li, tr { break-inside: avoid; page-break-inside: avoid; }
      /* Tables split between pages, their header row repeated on each. */
      thead { display: table-header-group; break-after: avoid; }
      /* A report's map stands at the right of the text that follows it, its legend below it; a map
         inside a section (the landing page's) keeps its legend beside it. */
      main > figure.map { float: right; width: 44%; margin: 0 0 .5rem 1rem; }
      main > figure.map .map-body { grid-template-columns: 1fr; gap: .3rem; }
      main > figure.map .map-legend { font-size: 8pt; columns: 2; }
      section figure.map .map-body { grid-template-columns: 30% 1fr; }
      figure.map .chart-description, figure.map .map-attribution { font-size: 7.5pt; }
      footer { clear: both; }
      footer ul { columns: 2; column-gap: 1.5rem; }
      .table-wrap { overflow: visible; background: none; }
      .scroll-hint { display: none; }
      .table-caption { break-after: avoid; page-break-after: avoid; }
      .chart-wide { display: block; }
      .chart-narrow { display: none; }
      .key-figures li { background: none; }
      details.chart-data summary { list-style: none; }
      a { color: inherit; }
      .breadcrumbs { display: none; }
      * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    }

    """
}
