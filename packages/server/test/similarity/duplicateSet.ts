// The labelled duplicate set of the duplicate finder's quality test (issue #15).
//
// English: real statements of four Polis open-data conversations in packages/core/test/fixtures/open-data
// (CC BY 4.0, gathered with Polis, attribution to The Computational Democracy Project; see that folder's
// README), read from comments.csv by comment id. Each conversation's statements are compared pair by pair;
// `duplicates` lists the pairs that say the same thing (found by reading every pair the finder scored 0.3
// or more, and the statements around them), `unclear` the pairs left out of the count. Every other pair
// is a non-duplicate. Pairs both below 0.3 and duplicates may have been missed: recall is an upper bound.
//
// Finnish and Swedish: no open-data conversation is in those languages, so the set is the three-language
// demo's 12 statements (src/demoHameentie.ts, written for Kuulo) plus, written for this test, one
// rewording of each (inflection, word order, compounds split or joined, a typo, text typed without
// å/ä/ö) and topic-sharing non-duplicates (a negation, an opposite claim). Every pair among them that is
// not an original and its rewording is a non-duplicate.

/** A pair of statements, by comment id, that repeat each other. */
export type Pair = readonly [number, number];

export interface EnglishConversation {
  /** Folder under packages/core/test/fixtures/open-data. */
  name: string;
  duplicates: readonly Pair[];
  unclear: readonly Pair[];
}

export const english: readonly EnglishConversation[] = [
  {
    name: '15-per-hour-seattle',
    duplicates: [[49, 50]], // "foo" / "Foo!"
    unclear: [[27, 30]], // "Hola" / "hola Lazaro": both spam
  },
  { name: 'brexit-consensus', duplicates: [], unclear: [] },
  {
    name: 'canadian-electoral-reform',
    duplicates: [
      [21, 28], // a party's share of seats should reflect its share of the vote / allocation of seats should reflect the popular vote
      [10, 32], // my vote is wasted under the current system …
      [76, 79],
      [84, 85],
      [84, 86], // these questions / the comments here are too vague to answer
      [85, 86],
      [87, 88],
      [90, 91],
      [96, 97],
      [95, 98],
      [94, 99],
      [103, 108], // I like to / I often educate myself on my local candidates
      [112, 113],
      [145, 148], // not want my preferred party to have disproportionate power / greater-than-proportional representation
      [8, 155], // a voting holiday / Election Day should be a civic holiday
    ],
    unclear: [
      [86, 87], // too vague to answer / difficult to vote on
      [86, 88],
      [85, 87],
      [85, 88],
      [84, 87],
      [84, 88],
      [1, 11], // increase voter education / educational systems to inform voters
    ],
  },
  {
    name: 'scoop-hivemind.ubi',
    duplicates: [
      [14, 15],
      [55, 62],
      [54, 63],
      [52, 64],
      [58, 66],
    ],
    unclear: [],
  },
];

/** A statement written for this test: `rewords` is the index of the demo statement it repeats, or null for a non-duplicate on the same topic. */
export interface WrittenStatement {
  text: string;
  rewords: number | null;
}

export const finnish: readonly WrittenStatement[] = [
  { rewords: 0, text: 'Hämeentien pitää jatkossakin olla vain joukkoliikenteelle, pyöräilijöille ja kävelijöille.' },
  { rewords: 1, text: 'Päästäkää yksityisautot takaisin Hämeentielle, niin kivijalkakauppoihin pääsee helpommin.' },
  { rewords: 2, text: 'Hämeentien pyörakaistat on Helsingin parhaita, muillekin kaduille pitäisi tehdä samanlaiset.' },
  { rewords: 3, text: 'Kadun remontti kesti aivan liian kauan ja pienet yritykset kärsivät.' },
  { rewords: 4, text: 'Hämeentielle tarvitaan enemmän lastauspaikkoja jakeluautoille, koska nyt ne pysähtyvät pyöräkaistalle.' },
  { rewords: 5, text: 'Remontin jälkeen ratikat ja bussit kulkevat Hämeentiellä nopeammin ja täsmällisemmin.' },
  { rewords: 6, text: 'Taksien ja kuljetuspalveluautojen on jatkossakin päästävä pysähtymään ovien lähelle.' },
  { rewords: 7, text: 'Hämeentielle lisää puita ja penkkejä, niin kadulla viihtyisi paremmin.' },
  { rewords: 8, text: 'Autot vain siirtyivät Hämeentieltä Sörnäisten rantatielle ja Kallion sivukaduille.' },
  { rewords: 9, text: 'Busseja pitäisi kulkea Hämeentiellä tiheämmin iltaisin ja viikonloppuisin.' },
  { rewords: 10, text: 'Ennen kuin autoilu kiellettiin, kauppiaita olisi pitänyt kuulla paremmin.' },
  { rewords: 11, text: 'Hameentiella on nyt hiljaisempaa ja turvallisempaa kavella kuin ennen.' },
  { rewords: null, text: 'Yksityisautoja ei pidä päästää takaisin Hämeentielle.' },
  { rewords: null, text: 'Hämeentien pyöräkaistat ovat liian kapeat.' },
  { rewords: null, text: 'Ratikat kulkevat Hämeentiellä liian hitaasti.' },
  { rewords: null, text: 'Sörnäisten rantatielle tarvitaan lisää suojateitä.' },
];

export const swedish: readonly WrittenStatement[] = [
  { rewords: 0, text: 'Tavastvägen ska även i framtiden vara en gata bara för kollektivtrafik, cyklister och fotgängare.' },
  { rewords: 1, text: 'Släpp tillbaka privatbilar på Tavastvägen så att det blir lättare att komma till butikerna.' },
  { rewords: 2, text: 'Tavastvägens cykelbanor är bäst i Helsingfors, andra gator borde ta efter dem.' },
  { rewords: 3, text: 'Reparationen av gatan tog alldeles för lång tid och de små företagen led.' },
  { rewords: 4, text: 'Det behövs fler lastplatser för paketbilar på Tavastvägen, nu stannar de på cykelbanan.' },
  { rewords: 5, text: 'Efter reparationen går spårvagnar och bussar snabbare och punktligare på Tavastvägen.' },
  { rewords: 6, text: 'Taxibilar och färdtjänstbilar måste fortfarande kunna stanna nära portarna.' },
  { rewords: 7, text: 'Fler träd och bänkar på Tavastvägen, så att det blir trivsammare på gatan.' },
  { rewords: 8, text: 'Bilarna flyttade bara från Tavastvägen till Sörnäs strandväg och Berghälls sidogator.' },
  { rewords: 9, text: 'Bussarna på Tavastvägen borde gå oftare på kvällarna och under veckosluten.' },
  { rewords: 10, text: 'Innan bilarna förbjöds borde butiksägarna ha hörts ordentligt.' },
  { rewords: 11, text: 'Det ar nu tystare och tryggare att ga langs Tavastvagen an forr.' },
  { rewords: null, text: 'Privatbilarna ska inte släppas tillbaka till Tavastvägen.' },
  { rewords: null, text: 'Cykelbanorna på Tavastvägen är för smala.' },
  { rewords: null, text: 'Spårvagnarna går för långsamt på Tavastvägen.' },
  { rewords: null, text: 'Sörnäs strandväg behöver fler övergångsställen.' },
];
