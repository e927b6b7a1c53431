import { loadStatsFixture, polisFixtureNames, polisGroupVotes } from './test/stats/polisFixture.ts';
import { tallyRows } from './src/stats/tallies.ts';
import { repness } from './src/stats/repness.ts';
import { consensus } from './src/stats/consensus.ts';
import { groupAwareConsensus } from './src/stats/groupAwareConsensus.ts';
import { commentPriorities } from './src/stats/commentPriorities.ts';
for (const name of polisFixtureNames) {
  const f = loadStatsFixture(name);
  const m = f.math;
  console.log('==', name, 'rows', f.matrix.nRows, 'grouped rows', [...f.rowGroup].filter(g=>g>=0).length);
  const t = tallyRows(f.matrix, f.rowGroup, f.gids.length);
  const pg = polisGroupVotes(m);
  let gvd = 0; for (let i=0;i<t.agree.length;i++) if (t.agree[i]!==pg.agree[i]||t.disagree[i]!==pg.disagree[i]||t.seen[i]!==pg.seen[i]) gvd++;
  console.log('group-votes diffs', gvd, 'n-members', f.gids.map((gid,g)=>[[...f.rowGroup].filter(x=>x===g).length, m['group-votes'][gid]['n-members']]));
  for (const [label, tallies] of [['ours', t], ['polisGV', pg]] as const) {
    const rep = repness(tallies, f.modOut, {});
    let maxd = 0, exact = true, sameOrder = true;
    f.gids.forEach((gid, g) => {
      const exp = m.repness[String(gid)]!; const got = rep[g]!;
      if (exp.length !== got.length || exp.some((e,i)=>e.tid !== m.tids[got[i]!.col])) { sameOrder=false; console.log(label,'order', gid, exp.map(e=>e.tid), got.map(r=>m.tids[r.col])); }
      exp.forEach((e,i)=>{ const r = got[i]; if(!r) return;
        const pairs: [number, number][] = [[e['n-success'], r.nSuccess],[e['n-trials'], r.nTrials],[e['p-success'], r.pSuccess],[e['p-test'], r.pTest],[e.repness, r.repness],[e['repness-test'], r.repnessTest]];
        for (const [a,b] of pairs) { if (a!==b) { exact=false; maxd=Math.max(maxd, Math.abs(a-b)); console.log(label,'val', gid, e.tid, a, b);} }
        if (e['repful-for']!==r.repfulFor || e['n-agree']!==r.nAgree || (e['best-agree']??undefined)!==(r.bestAgree??undefined)) { exact=false; console.log(label,'flags', gid, e, r); }
      });
    });
    console.log(label, 'repness sameOrder', sameOrder, 'exact', exact, 'maxd', maxd);
  }
  // consensus over all rows
  const all = tallyRows(f.matrix, new Int32Array(f.matrix.nRows), 1);
  const c = consensus(all, f.modOut, {});
  for (const side of ['agree','disagree'] as const) {
    const exp = m.consensus[side]; const got = c[side];
    const same = exp.length===got.length && exp.every((e,i)=>e.tid===m.tids[got[i]!.col] && e['n-success']===got[i]!.nSuccess && e['n-trials']===got[i]!.nTrials && e['p-success']===got[i]!.pSuccess && e['p-test']===got[i]!.pTest);
    if (!same) console.log('consensus', side, JSON.stringify(exp), JSON.stringify(got.map(r=>({...r, tid: m.tids[r.col]}))));
    else console.log('consensus', side, 'exact', got.length);
  }
  const gac = groupAwareConsensus(t); let gd=0, gmax=0;
  m.tids.forEach((tid,j)=>{ const e=m['group-aware-consensus'][String(tid)]!; if (e!==gac[j]) {gd++; gmax=Math.max(gmax,Math.abs(e-gac[j]!));} });
  console.log('gac diffs', gd, gmax);
  const cp = commentPriorities(pg, Float64Array.from(m.pca['comment-extremity']), f.meta, {}); let cd=0,cmax=0;
  m.tids.forEach((tid,j)=>{ const e=m['comment-priorities'][String(tid)]!; if (e!==cp[j]) {cd++; cmax=Math.max(cmax,Math.abs(e-cp[j]!)); if (cd<4) console.log('cp', tid, e, cp[j]);} });
  console.log('cp diffs', cd, cmax);
}
