// The demo participation page: plain HTML + script, statement text only ever set via textContent.
export const homeHtml = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Kuulo</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; max-width: 44rem; margin: 2rem auto; padding: 0 1rem; color: #1d2330; }
  h1 { font-size: 1.6rem; margin-bottom: .2rem; }
  .card { border: 1px solid #d5d9e0; border-radius: 8px; padding: 1rem 1.2rem; margin: 1rem 0; }
  .statement { font-size: 1.2rem; min-height: 3rem; }
  button { font: inherit; padding: .45rem 1rem; margin-right: .4rem; border-radius: 6px; border: 1px solid #8a93a3; background: #fff; cursor: pointer; }
  button.agree { background: #e3f4e8; } button.disagree { background: #fbe6e6; }
  textarea { width: 100%; font: inherit; box-sizing: border-box; }
  .muted { color: #5b6475; font-size: .9rem; }
  .group h3 { margin: .2rem 0; } .group li { margin: .2rem 0; }
</style>
</head>
<body>
<h1 id="topic">Kuulo</h1>
<p id="description" class="muted"></p>
<div class="card">
  <div id="statement" class="statement">Loading…</div>
  <div id="buttons">
    <button class="agree" data-vote="agree">Agree</button>
    <button class="disagree" data-vote="disagree">Disagree</button>
    <button data-vote="pass">Pass / unsure</button>
  </div>
  <p id="progress" class="muted"></p>
</div>
<div class="card">
  <label for="text">Add your own statement</label>
  <textarea id="text" rows="2" maxlength="1000"></textarea>
  <button id="submit">Submit</button> <span id="submitted" class="muted"></span>
</div>
<h2>Opinion groups</h2>
<p id="mathinfo" class="muted">Waiting for the math…</p>
<div id="groups"></div>
<p class="muted">API: <a href="/docs">/docs</a></p>
<script src="/app.js"></script>
</body>
</html>
`;

export const appJs = `'use strict';
(function () {
  const id = new URLSearchParams(location.search).get('conversation');
  const $ = (x) => document.getElementById(x);
  if (!id) { $('statement').textContent = 'Open this page with ?conversation=<id>.'; $('buttons').hidden = true; return; }
  const api = '/api/v1/conversations/' + encodeURIComponent(id);
  const key = 'kuulo-token-' + id;
  let current = null;
  let texts = new Map();
  const headers = () => {
    const h = { 'content-type': 'application/json' };
    const t = localStorage.getItem(key);
    if (t) h['x-participant-token'] = t;
    return h;
  };
  const remember = (p) => { if (p && p.token) localStorage.setItem(key, p.token); };
  const show = (next) => {
    current = next.statement;
    $('statement').textContent = current ? current.text : 'You have voted on every statement. Thank you!';
    $('buttons').hidden = !current;
    $('progress').textContent = (next.total - next.remaining) + ' of ' + next.total + ' statements voted';
  };
  async function json(url, init) {
    const r = await fetch(url, init);
    const body = r.status === 204 || r.status === 304 ? null : await r.json();
    if (!r.ok && r.status !== 304) throw new Error(body && body.message ? body.message : r.statusText);
    return body;
  }
  async function loadStatements() {
    let after = -1;
    for (;;) {
      const page = await json(api + '/statements?limit=500&after=' + after);
      page.items.forEach((s) => texts.set(s.id, s.text));
      if (page.next === null) break;
      after = page.next;
    }
  }
  async function loadMath() {
    let m;
    try { m = await json(api + '/math'); } catch (e) { return; }
    const r = m.result;
    $('mathinfo').textContent = r.participants.length + ' participants, ' + r.groups.length + ' groups (update ' + m.tick + ')';
    const box = $('groups');
    box.replaceChildren();
    for (const g of r.groups) {
      const div = document.createElement('div');
      div.className = 'card group';
      const h = document.createElement('h3');
      h.textContent = 'Group ' + g.label + ' · ' + g.size + ' people';
      const ul = document.createElement('ul');
      for (const rep of g.repness.slice(0, 3)) {
        const li = document.createElement('li');
        li.textContent = (rep.repfulFor === 'agree' ? 'Mostly agree: ' : 'Mostly disagree: ') + (texts.get(Number(rep.statement)) || '#' + rep.statement);
        ul.append(li);
      }
      div.append(h, ul);
      box.append(div);
    }
  }
  async function start() {
    const c = await json(api);
    $('topic').textContent = c.topic;
    $('description').textContent = c.description;
    await loadStatements();
    show(await json(api + '/next', { headers: headers() }));
    await loadMath();
    const es = new EventSource(api + '/events');
    es.addEventListener('math', () => loadMath());
    es.addEventListener('statement', () => loadStatements());
  }
  document.querySelectorAll('#buttons button').forEach((b) => b.addEventListener('click', async () => {
    if (!current) return;
    try {
      const r = await json(api + '/votes?next=true', { method: 'POST', headers: headers(), body: JSON.stringify({ statementId: current.id, vote: b.dataset.vote }) });
      remember(r.participant);
      show(r.next);
    } catch (e) { $('progress').textContent = e.message; }
  }));
  $('submit').addEventListener('click', async () => {
    try {
      const r = await json(api + '/statements', { method: 'POST', headers: headers(), body: JSON.stringify({ text: $('text').value }) });
      remember(r.participant);
      $('text').value = '';
      $('submitted').textContent = r.statement.moderation === 'accepted' ? 'Added.' : 'Thanks! It appears once a moderator accepts it.';
    } catch (e) { $('submitted').textContent = e.message; }
  });
  start().catch((e) => { $('statement').textContent = e.message; });
})();
`;
