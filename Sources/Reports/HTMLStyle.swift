/// The HTML report's style sheet: light and dark colour schemes (`prefers-color-scheme`), a print
/// layout, and tables that stay readable with long values. System fonts only; nothing is loaded.
enum HTMLStyle {
    static let css = """
        :root {
          color-scheme: light dark;
          --bg: #f5f6f8; --fg: #1c2026; --muted: #5d6673; --card: #ffffff; --line: #dcdfe5; --zebra: #fafbfc;
          --accent: #0a58ca; --accent-bg: #e7efff; --warn: #8a5300; --warn-bg: #fff3dc;
          --bad: #b3261e; --bad-bg: #fdeceb; --ok: #14692f; --ok-bg: #e5f4ea; --code-bg: #eef0f4;
          --shadow: 0 1px 2px rgba(16, 24, 40, .06), 0 1px 3px rgba(16, 24, 40, .08);
        }
        @media (prefers-color-scheme: dark) {
          :root {
            --bg: #0e1116; --fg: #e5e8ed; --muted: #9aa3af; --card: #161b22; --line: #2a313b; --zebra: #131820;
            --accent: #84adff; --accent-bg: #1a2940; --warn: #f2b95e; --warn-bg: #35270f;
            --bad: #ff9189; --bad-bg: #3b1917; --ok: #83e0a1; --ok-bg: #132c1c; --code-bg: #1e242d;
            --shadow: none;
          }
        }
        * { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; }
        body {
          margin: 0; background: var(--bg); color: var(--fg);
          font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
        }
        .page { max-width: 1480px; margin: 0 auto; padding: 28px 24px 48px; }
        .mono, code, .snippet, .fid, .cc {
          font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: .88em;
        }
        .mono { overflow-wrap: anywhere; }
        .muted { color: var(--muted); }
        h1 { font-size: 1.9rem; line-height: 1.2; margin: 2px 0 8px; overflow-wrap: anywhere; }
        h2 { font-size: 1.15rem; margin: 0 0 12px; }
        h2 .count { color: var(--muted); font-weight: normal; }
        section { margin-top: 28px; }
        .eyebrow { margin: 0; color: var(--muted); font-size: .8rem; letter-spacing: .08em; text-transform: uppercase; }
        .description { margin: 0 0 16px; font-size: 1.05rem; max-width: 80ch; overflow-wrap: anywhere; white-space: pre-wrap; }
        header.report-head {
          background: var(--card); border: 1px solid var(--line); border-radius: 12px; padding: 22px 24px; box-shadow: var(--shadow);
        }
        dl.meta { display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); gap: 10px 28px; margin: 0; }
        dl.meta div { min-width: 0; }
        dl.meta dt { color: var(--muted); font-size: .78rem; text-transform: uppercase; letter-spacing: .05em; }
        dl.meta dd { margin: 2px 0 0; overflow-wrap: anywhere; }
        .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(124px, 1fr)); gap: 12px; }
        .card {
          background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 14px 16px; box-shadow: var(--shadow);
        }
        .card .figure { display: block; font-size: 1.8rem; font-weight: 650; line-height: 1.1; font-variant-numeric: tabular-nums; }
        .card .caption { display: block; color: var(--muted); font-size: .85rem; margin-top: 4px; }
        .card .detail { display: block; color: var(--muted); font-size: .75rem; margin-top: 2px; }
        .cards + .cards { margin-top: 12px; }
        .card.accent { border-color: var(--accent); background: var(--accent-bg); }
        .card.accent .figure { color: var(--accent); }
        .card.warn { border-color: var(--warn); background: var(--warn-bg); }
        .card.warn .figure { color: var(--warn); }
        .columns { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 0 28px; }
        .table-wrap { overflow-x: auto; background: var(--card); border: 1px solid var(--line); border-radius: 10px; box-shadow: var(--shadow); }
        table { width: 100%; border-collapse: collapse; }
        th, td { padding: 7px 10px; text-align: left; vertical-align: top; border-bottom: 1px solid var(--line); overflow-wrap: anywhere; }
        th { font-size: .78rem; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); background: var(--zebra); white-space: nowrap; }
        tbody:last-child tr:last-child td { border-bottom: none; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        td.date { font-variant-numeric: tabular-nums; min-width: 11ch; }
        .nowrap { white-space: nowrap; }
        td.addr { overflow-wrap: break-word; min-width: 12ch; }
        .file { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: .85em; }
        td.file-cell { min-width: 12ch; }
        table.matches { table-layout: fixed; }
        table.matches td { font-size: .92rem; overflow-wrap: break-word; }
        table.matches td.addr { min-width: 0; }
        table.matches td.subject, table.matches td.file-cell, table.matches td.date { min-width: 0; }
        table.matches th { white-space: normal; overflow-wrap: break-word; }
        table.matches .fid, table.matches .badge, table.matches .action { white-space: normal; overflow-wrap: break-word; max-width: 100%; }
        table.matches th, table.matches td { padding: 7px 8px; }
        col.w-num { width: 4%; } col.w-owner, col.w-to { width: 11.5%; } col.w-from { width: 12%; } col.w-name { width: 9%; }
        col.w-subject { width: 13%; } col.w-file { width: 9%; } col.w-folder { width: 8%; } col.w-date { width: 8.5%; }
        col.w-filters { width: 5.5%; } col.w-status { width: 8%; }
        details > summary { cursor: pointer; color: var(--muted); font-size: .85rem; margin: 0 0 4px; }
        details[open] > summary { margin-bottom: 6px; }
        .match-tools { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 12px; margin: 0 0 10px; }
        .match-tools input { font: inherit; padding: 5px 10px; min-width: 28ch; border: 1px solid var(--line); border-radius: 8px; background: var(--card); color: var(--fg); }
        .match-tools button, th button.sort {
          font: inherit; color: inherit; background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: 2px 10px; cursor: pointer;
        }
        .match-tools button:disabled { opacity: .5; cursor: default; }
        th button.sort { border: none; background: none; padding: 0; text-transform: inherit; letter-spacing: inherit; text-align: inherit; }
        th[aria-sort="ascending"] button.sort::after { content: " ▲"; }
        th[aria-sort="descending"] button.sort::after { content: " ▼"; }
        table.matches tbody.match tr:first-child td { border-bottom: none; }
        table.matches tbody.match:nth-of-type(even) { background: var(--zebra); }
        tr.detail td { padding-top: 0; padding-bottom: 12px; }
        td.subject { min-width: 14ch; font-weight: 550; }
        .badge, .action, .fid, .sev {
          display: inline-block; border-radius: 999px; padding: 0 8px; margin: 1px 2px 1px 0; font-size: .78rem;
          line-height: 1.6; white-space: nowrap; border: 1px solid var(--line); background: var(--code-bg);
        }
        .fid { border-radius: 5px; padding: 0 5px; }
        .action-warn { color: var(--warn); background: var(--warn-bg); border-color: var(--warn); }
        .action-trash { color: var(--warn); background: var(--warn-bg); border-color: var(--warn); }
        .action-delete { color: var(--bad); background: var(--bad-bg); border-color: var(--bad); }
        .action-none { color: var(--muted); }
        .badge { color: var(--warn); background: var(--warn-bg); border-color: transparent; }
        .sev-error { color: var(--bad); background: var(--bad-bg); border-color: var(--bad); }
        .sev-warning { color: var(--warn); background: var(--warn-bg); border-color: var(--warn); }
        .sev-note { color: var(--muted); }
        .cc { color: var(--bad); background: var(--bad-bg); border-radius: 3px; padding: 0 2px; font-size: .8em; }
        .expression { margin: 0 0 12px; }
        .expression code { background: var(--code-bg); border-radius: 6px; padding: 3px 8px; display: inline-block; overflow-wrap: anywhere; }
        .detail-grid { display: grid; grid-template-columns: minmax(0, 2fr) minmax(0, 1fr); gap: 6px 24px; }
        @media (max-width: 900px) { .detail-grid { grid-template-columns: minmax(0, 1fr); } }
        .evidence { list-style: none; margin: 0; padding: 0; }
        .evidence li { margin: 4px 0 6px; }
        .evidence .where { color: var(--muted); font-size: .85rem; }
        .snippet {
          display: block; white-space: pre-wrap; overflow-wrap: anywhere; margin: 3px 0 0; padding: 5px 10px;
          background: var(--code-bg); border-left: 3px solid var(--accent); border-radius: 0 6px 6px 0;
        }
        dl.provenance { margin: 0; font-size: .85rem; }
        dl.provenance dt { color: var(--muted); float: left; clear: left; width: 8.5em; }
        dl.provenance dd { margin: 0 0 2px 8.5em; overflow-wrap: anywhere; }
        .empty { background: var(--card); border: 1px dashed var(--line); border-radius: 10px; padding: 14px 16px; color: var(--muted); margin: 0; }
        ul.plain { margin: 0; padding-left: 1.2em; }
        ul.spread { list-style: none; margin: 0 0 12px; padding: 0; font-size: 1.05rem; }
        ul.spread li { margin: 4px 0; overflow-wrap: anywhere; }
        footer { margin-top: 36px; color: var(--muted); font-size: .85rem; }
        footer dl.meta dd { color: var(--fg); }
        @media print {
          :root {
            --bg: #fff; --fg: #000; --muted: #444; --card: #fff; --line: #bbb; --zebra: #f4f4f4;
            --accent: #0a3fa0; --accent-bg: #fff; --warn: #6b4000; --warn-bg: #fff; --bad: #8c1d17; --bad-bg: #fff;
            --code-bg: #f2f2f2; --shadow: none;
          }
          body { font-size: 9.5pt; }
          .page { max-width: none; padding: 0; }
          .table-wrap { overflow: visible; border-radius: 0; }
          .match-tools { display: none; }
          table.matches tbody[hidden] { display: table-row-group; }
          thead { display: table-header-group; }
          tbody.match, tr, .card { break-inside: avoid; }
          h2 { break-after: avoid; }
          @page { size: A4 landscape; margin: 12mm; }
        }
        """
}
