/**
 * The report's only stylesheet, inlined so the file makes no request. Printed on A4, every table
 * fits the page width (long words hyphenate in the page's language, hashes and paths wrap),
 * header rows repeat on each page, and no row, chart or heading is split from what follows.
 */
export const reportCss = `
:root{color-scheme:light;--ink:#1a1a1a;--muted:#5a5a5a;--rule:#d8d8d8;--band:#f5f5f3}
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:var(--ink);background:#fff}
main{max-width:980px;margin:0 auto;padding:24px 20px 48px}
h1{font-size:1.7rem;margin:0 0 4px}
h2{font-size:1.3rem;margin:36px 0 8px;padding-top:8px;border-top:2px solid var(--ink)}
h3{font-size:1.05rem;margin:20px 0 6px}
p.lead,.muted{color:var(--muted)}
nav ol{columns:2;padding-left:1.2em;margin:8px 0 0}
dl.numbers{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:8px;margin:12px 0}
dl.numbers div{background:var(--band);padding:8px 10px;border-radius:4px}
dl.numbers dt{font-size:.8rem;color:var(--muted)}
dl.numbers dd{margin:0;font-size:1.35rem;font-variant-numeric:tabular-nums}
table{border-collapse:collapse;width:100%;margin:8px 0 16px;font-size:.85rem}
caption{text-align:left;font-weight:600;padding:4px 0}
th,td{border-bottom:1px solid var(--rule);padding:4px 6px;text-align:left;vertical-align:top}
thead th{border-bottom:2px solid var(--ink);vertical-align:bottom}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.text{min-width:16em;overflow-wrap:anywhere}
th{hyphens:auto}
td code{overflow-wrap:anywhere}
.swatch{display:inline-block;width:.8em;height:.8em;border-radius:2px;margin-right:4px;vertical-align:-1px}
figure{margin:12px 0}
figure svg{max-width:100%;height:auto;display:block}
code,pre{font:13px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
pre{background:var(--band);padding:8px 10px;overflow-x:auto;white-space:pre-wrap;word-break:break-all}
.table-wrap{overflow-x:auto}
td.not-robust{color:#8a3b00;font-weight:600}
tr.unstable th{font-style:italic}
@page{size:A4;margin:14mm 12mm}
@media print{
  body{font-size:10pt}
  main{max-width:none;padding:0}
  nav{display:none}
  h2,h3,caption{break-after:avoid}
  figure,tr,dl.numbers div,pre{break-inside:avoid}
  .table-wrap{overflow:visible}
  table{font-size:7.5pt;table-layout:auto}
  th,td{padding:2px 4px}
  th.num{white-space:normal}
  th{overflow-wrap:anywhere}
  td.text{min-width:11em}
  thead{display:table-header-group}
  .swatch,figure svg{-webkit-print-color-adjust:exact;print-color-adjust:exact}
  a{color:inherit;text-decoration:none}
}
`;
