import { loadStatsFixture, polisFixtureNames, polisGroupVotes } from './test/stats/polisFixture.ts';
for (const name of polisFixtureNames) {
  const f = loadStatsFixture(name); const m = f.math; const t = polisGroupVotes(m);
  const n = t.nCols;
  const perms = [[0,1,2],[0,2,1],[1,0,2],[1,2,0],[2,0,1],[2,1,0]];
  const counts = perms.map(()=>0); let rr=0, rr2=0, logs=0;
  m.tids.forEach((tid,j)=>{
    const p = [0,1,2].map(g=>(t.agree[g*n+j]!+1)/(t.seen[g*n+j]!+2));
    const e = m['group-aware-consensus'][String(tid)];
    perms.forEach((q,k)=>{ if (p[q[0]!]!*p[q[1]!]!*p[q[2]!]! === e) counts[k]!++; });
    if (p[0]!*(p[1]!*p[2]!) === e) rr++;
    // product of numerators / product of denominators
    const num = [0,1,2].reduce((s,g)=>s*(t.agree[g*n+j]!+1),1), den=[0,1,2].reduce((s,g)=>s*(t.seen[g*n+j]!+2),1);
    if (num/den === e) rr2++;
    if (p[0]!*p[1]!*p[2]! !== e && logs++<3) console.log(tid, e, p, p[0]!*p[1]!*p[2]!, num/den);
  });
  console.log(name, m.tids.length, counts, 'right-assoc', rr, 'exact-ratio', rr2);
}
