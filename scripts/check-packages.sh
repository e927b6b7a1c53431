#!/usr/bin/env bash
# Builds the published packages and checks what npm would ship: publint --strict, attw (types per
# module system), loading each build in Node, and the TypeDoc API docs. Exits non-zero on any problem.
set -uo pipefail
cd "$(dirname "$0")/.."
failures=()
fail() { failures+=("$1"); echo "FAILED: $1" >&2; }

echo "== build (pnpm --filter ./packages/* build)"
pnpm --filter './packages/*' run build >/tmp/kuulo-check-build.log 2>&1 || { cat /tmp/kuulo-check-build.log; echo "build failed" >&2; exit 1; }

for pkg in core cli viz server; do
  dir="packages/$pkg"
  echo "== @kuulo/$pkg"
  (cd "$dir" && pnpm exec publint --strict) || fail "publint @kuulo/$pkg"
  case "$pkg" in
    core | cli)
      # Dual ESM + CommonJS builds: every node16 resolution must be clean.
      (cd "$dir" && pnpm exec attw --pack --profile node16 --no-emoji) || fail "attw @kuulo/$pkg"
      # Both builds load and export the same names.
      (cd "$dir" && node --input-type=module -e "
        import { createRequire } from 'node:module';
        const esm = Object.keys(await import('@kuulo/$pkg')).sort().join();
        const cjs = Object.keys(createRequire(import.meta.url)('@kuulo/$pkg')).sort().join();
        if (esm === '' || esm !== cjs) { console.error('ESM exports', esm, '\nCJS exports', cjs); process.exit(1); }
        console.log('ESM and CJS builds export the same', esm.split(',').length, 'names');
      ") || fail "load @kuulo/$pkg"
      ;;
    viz | server)
      # ESM only, on purpose (README "Module format"): d3 7 ships no CommonJS, and the server finds its
      # worker and migrations through import.meta.url. So require() resolves to ESM: that rule alone is off.
      (cd "$dir" && pnpm exec attw --pack --profile node16 --no-emoji --ignore-rules cjs-resolves-to-esm) || fail "attw @kuulo/$pkg"
      (cd "$dir" && node --input-type=module -e "
        const names = Object.keys(await import('@kuulo/$pkg'));
        if (names.length === 0) process.exit(1);
        console.log('ESM build exports', names.length, 'names');
      ") || fail "load @kuulo/$pkg"
      ;;
  esac
  if [ "$pkg" = server ]; then
    # The built server starts (in-memory database) and its math worker from dist/ computes groups.
    (cd "$dir" && node --input-type=module -e "
      const { buildApp } = await import('@kuulo/server');
      const adminKey = 'check-packages-admin-key';
      const app = await buildApp({ dbPath: ':memory:', adminKey });
      const call = async (method, url, payload, key = adminKey) => {
        const r = await app.inject({ method, url: '/api/v1' + url, payload, headers: { authorization: 'Bearer ' + key } });
        if (r.statusCode >= 400) throw new Error(method + ' ' + url + ': ' + r.body);
        return r.json();
      };
      try {
        const { conversation: c, moderatorKey } = await call('POST', '/conversations', { topic: 'check-packages' });
        const ids = [];
        for (const text of ['one', 'two', 'three']) ids.push((await call('POST', '/conversations/' + c.id + '/seeds', { text }, moderatorKey)).id);
        for (let p = 0; p < 20; p++) for (const [i, id] of ids.entries()) {
          await call('POST', '/conversations/' + c.id + '/votes', { statementId: id, vote: (p % 2 === 0) === (i === 0) ? 'agree' : 'disagree', xid: 'p' + p });
        }
        await call('POST', '/conversations/' + c.id + '/math/recompute', {}, moderatorKey);
        const { result } = await call('GET', '/conversations/' + c.id + '/math');
        if (result.groups.length !== 2) throw new Error('expected 2 groups, got ' + result.groups.length);
        console.log('built server: math worker from dist/ found', result.groups.length, 'groups of', result.groups.map((g) => g.size).join(' and '));
        // The import worker from dist/ parses a small Polis export.
        const files = { 'comments.csv': 'timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n1,,0,0,1,0,1,One\n', 'votes.csv': 'timestamp,datetime,comment-id,voter-id,vote\n2,,0,1,1\n' };
        const { imported } = await call('POST', '/conversations/import', { format: 'polis-csv', files });
        if (imported.votes !== 1) throw new Error('import: expected 1 vote, got ' + JSON.stringify(imported));
        console.log('built server: import worker from dist/ imported', imported.statements, 'statement and', imported.votes, 'vote');
      } finally {
        await app.close();
      }
    ") || fail "start @kuulo/server"
  fi
done

echo "== kuulo CLI from its build, on a fixture"
fixture=packages/core/test/fixtures/polis-math-fixtures/below-100-ptpts
node packages/cli/dist/bin.js analyze "$fixture/votes.json" --quiet | node --input-type=module -e "
  let text = '';
  for await (const chunk of process.stdin) text += chunk;
  const result = JSON.parse(text);
  if (result.format !== 'kuulo-result@1' || result.groups.length < 2) { console.error('unexpected CLI output', text.slice(0, 200)); process.exit(1); }
  console.log('dist/bin.js analyze:', result.participants.length, 'participants,', result.groups.length, 'groups');
" || fail "cli bin"

echo "== API docs (typedoc.json)"
docs_out=$(mktemp -d)
pnpm exec typedoc --out "$docs_out" --logLevel Warn --treatValidationWarningsAsErrors || fail "typedoc"
rm -rf "$docs_out"

if [ ${#failures[@]} -gt 0 ]; then
  echo "check-packages: ${#failures[@]} problem(s): ${failures[*]}" >&2
  exit 1
fi
echo "check-packages: all packages clean"
