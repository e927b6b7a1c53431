import { loadStatsFixture, polisFixtureNames, polisGroupVotes } from './test/stats/polisFixture.ts';
import { ratioToDouble } from './src/clojure/ratio.ts';
for (const name of polisFixtureNames) {
  const f = loadStatsFixture(name); const m = f.math; const t = polisGroupVotes(m);
  const n = t.nCols; let a=0,b=0,c=0;
  m.tids.forEach((tid,j)=>{
    const e = m['group-aware-consensus'][String(tid)];
    const num = [0,1,2].reduce((s,g)=>s*(t.agree[g*n+j]!+1),1), den=[0,1,2].reduce((s,g)=>s*(t.seen[g*n+j]!+2),1);
    if (ratioToDouble(num,den)===e) a++;
    // per-factor 16-digit conversion then double products
    const p=[0,1,2].map(g=>ratioToDouble(t.agree[g*n+j]!+1, t.seen[g*n+j]!+2));
    if (p[0]!*p[1]!*p[2]! === e) b++;
    // product of first two exact, then times double
    const p01 = ratioToDouble((t.agree[j]!+1)*(t.agree[n+j]!+1),(t.seen[j]!+2)*(t.seen[n+j]!+2));
    if (p01*((t.agree[2*n+j]!+1)/(t.seen[2*n+j]!+2))===e) c++;
  });
  console.log(name, m.tids.length, 'exact-ratio16', a, 'factors16', b, 'c', c);
}
