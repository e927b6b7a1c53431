// The three-language demo conversation: Helsinki's Hämeentie, rebuilt in 2021–2023 as a street for
// public transport, cycling and walking. Statements and translations were written for Kuulo; the votes
// are synthetic (see demo.ts), made so that two groups appear.

export const hameentieLanguages = ['fi', 'sv', 'en'] as const;

type Language = (typeof hameentieLanguages)[number];
type InEveryLanguage = Record<Language, string>;

export const hameentieTopic: InEveryLanguage = {
  fi: 'Hämeentien katuremontti',
  sv: 'Tavastvägens gatureparation',
  en: 'Hämeentie street renovation',
};

export const hameentieDescription: InEveryLanguage = {
  fi: 'Hämeentie Hakaniemen ja Vallilanlaakson välillä rakennettiin vuosina 2021–2023 uudelleen joukkoliikenteen, pyöräilyn ja kävelyn kaduksi. Kerro, mitä mieltä olet kadusta nyt: äänestä väitteistä ja kirjoita oma väitteesi. Voit kirjoittaa suomeksi, ruotsiksi tai englanniksi. Tämä on esimerkkikeskustelu, ja sen äänet ovat keksittyjä.',
  sv: 'Tavastvägen mellan Hagnäs och Vallgårddalen byggdes om 2021–2023 till en gata för kollektivtrafik, cykling och gång. Berätta vad du tycker om gatan nu: rösta om påståendena och skriv ett eget påstående. Du kan skriva på finska, svenska eller engelska. Det här är ett exempelsamtal och rösterna är påhittade.',
  en: 'Hämeentie between Hakaniemi and Vallilanlaakso was rebuilt in 2021–2023 as a street for public transport, cycling and walking. Tell us what you think of the street now: vote on the statements and write your own. You can write in Finnish, Swedish or English. This is a sample conversation, and its votes are made up.',
};

/** Which side agrees: the street-for-people side (a), the access-and-business side (b), or both. */
export type Stance = 'a' | 'b' | 'both';

export interface DemoStatement {
  /** The language the author wrote in; the other texts are the author's own translations. */
  original: Language;
  stance: Stance;
  text: InEveryLanguage;
}

export const hameentieStatements: readonly DemoStatement[] = [
  {
    original: 'fi',
    stance: 'a',
    text: {
      fi: 'Hämeentie kannattaa pitää jatkossakin vain joukkoliikenteen, pyöräilyn ja kävelyn katuna.',
      sv: 'Tavastvägen bör också i fortsättningen vara en gata enbart för kollektivtrafik, cykling och gång.',
      en: 'Hämeentie should stay a street for public transport, cycling and walking only.',
    },
  },
  {
    original: 'fi',
    stance: 'b',
    text: {
      fi: 'Yksityisautot pitää päästää takaisin Hämeentielle, jotta kivijalkakauppoihin on helpompi tulla.',
      sv: 'Privatbilarna ska släppas tillbaka till Tavastvägen så att det blir lättare att ta sig till butikerna i gatuplanet.',
      en: 'Private cars should be let back onto Hämeentie so that the street-level shops are easier to reach.',
    },
  },
  {
    original: 'sv',
    stance: 'a',
    text: {
      sv: 'Cykelbanorna på Tavastvägen är de bästa i Helsingfors och borde bli en förebild för andra gator.',
      fi: 'Hämeentien pyöräkaistat ovat Helsingin parhaat, ja niistä pitäisi ottaa mallia muillakin kaduilla.',
      en: 'The cycle lanes on Hämeentie are the best in Helsinki and should be a model for other streets.',
    },
  },
  {
    original: 'fi',
    stance: 'b',
    text: {
      fi: 'Katuremontti kesti liian kauan, ja moni pieni yritys kärsi siitä.',
      sv: 'Gatureparationen tog för lång tid, och många små företag led av den.',
      en: 'The street works took far too long, and many small businesses suffered.',
    },
  },
  {
    original: 'en',
    stance: 'both',
    text: {
      en: 'Delivery vans need more loading bays on Hämeentie: now they stop in the cycle lanes.',
      fi: 'Jakeluautot tarvitsevat Hämeentielle lisää lastauspaikkoja: nyt ne pysähtyvät pyöräkaistoille.',
      sv: 'Paketbilarna behöver fler lastplatser på Tavastvägen: nu stannar de på cykelbanorna.',
    },
  },
  {
    original: 'fi',
    stance: 'a',
    text: {
      fi: 'Ratikat ja bussit kulkevat Hämeentiellä nyt nopeammin ja täsmällisemmin kuin ennen remonttia.',
      sv: 'Spårvagnarna och bussarna går nu snabbare och punktligare på Tavastvägen än före reparationen.',
      en: 'Trams and buses now run faster and more reliably on Hämeentie than before the renovation.',
    },
  },
  {
    original: 'sv',
    stance: 'both',
    text: {
      sv: 'Taxi och färdtjänst måste även i fortsättningen kunna stanna nära portarna.',
      fi: 'Taksien ja kuljetuspalvelun autojen pitää jatkossakin päästä pysähtymään lähelle ovia.',
      en: 'Taxis and accessible transport services must still be able to stop close to the front doors.',
    },
  },
  {
    original: 'en',
    stance: 'both',
    text: {
      en: 'Hämeentie needs more trees and benches so that people want to spend time there.',
      fi: 'Hämeentielle tarvitaan lisää puita ja penkkejä, jotta kadulla viihtyy.',
      sv: 'Tavastvägen behöver fler träd och bänkar så att man trivs på gatan.',
    },
  },
  {
    original: 'fi',
    stance: 'b',
    text: {
      fi: 'Autoliikenne vain siirtyi Hämeentieltä Sörnäisten rantatielle ja Kallion sivukaduille.',
      sv: 'Biltrafiken flyttade bara från Tavastvägen till Sörnäs strandväg och sidogatorna i Berghäll.',
      en: 'Car traffic simply moved from Hämeentie to Sörnäisten rantatie and the side streets of Kallio.',
    },
  },
  {
    original: 'sv',
    stance: 'both',
    text: {
      sv: 'Bussarna borde gå oftare längs Tavastvägen på kvällar och veckoslut.',
      fi: 'Bussien pitäisi kulkea Hämeentiellä useammin iltaisin ja viikonloppuisin.',
      en: 'Buses should run more often along Hämeentie in the evenings and at weekends.',
    },
  },
  {
    original: 'en',
    stance: 'b',
    text: {
      en: 'Shopkeepers should have been properly heard before cars were banned.',
      fi: 'Kauppiaita olisi pitänyt kuulla kunnolla ennen kuin autoilu kiellettiin.',
      sv: 'Butiksägarna borde ha fått säga sitt ordentligt innan bilarna förbjöds.',
    },
  },
  {
    original: 'fi',
    stance: 'a',
    text: {
      fi: 'Hämeentiellä on nyt hiljaisempaa ja turvallisempaa kävellä kuin ennen.',
      sv: 'Det är nu tystare och tryggare att gå längs Tavastvägen än förr.',
      en: 'Walking along Hämeentie is now quieter and safer than it used to be.',
    },
  },
];

/** The demo's participant question; the population shares are illustrative, not Helsinki's statistics. */
export const hameentieTravelQuestion = {
  key: 'travel',
  text: { fi: 'Miten kuljet useimmiten Hämeentiellä?', sv: 'Hur tar du dig oftast fram på Tavastvägen?', en: 'How do you mostly get around on Hämeentie?' },
  answers: [
    { key: 'foot', text: { fi: 'Kävellen', sv: 'Till fots', en: 'On foot' }, population: 0.35 },
    { key: 'bike', text: { fi: 'Pyörällä', sv: 'Med cykel', en: 'By bike' }, population: 0.1 },
    { key: 'transit', text: { fi: 'Joukkoliikenteellä', sv: 'Med kollektivtrafik', en: 'By public transport' }, population: 0.35 },
    { key: 'car', text: { fi: 'Autolla', sv: 'Med bil', en: 'By car' }, population: 0.2 },
  ],
} as const;

/** How each side of the demo answers the travel question (cumulative cut points: foot, bike, transit, car): cyclists are over-represented, as online. */
export const hameentieTravelMix: Record<'a' | 'b', readonly number[]> = { a: [0.3, 0.7, 0.95, 1], b: [0.2, 0.3, 0.6, 1] };
