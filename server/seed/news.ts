/**
 * The demo intranet's news pages, with the conversation under each. Times are
 * relative (days before the seed ran, minutes after the article), so the demo
 * always looks current. Bodies are Markdown, as comments will be.
 */
export interface SeedComment {
  by: string;
  minutesAfter: number;
  body: string;
  /** Kept as a deleted placeholder so its replies still have a parent. */
  deleted?: boolean;
  reactions?: Record<string, string[]>;
  replies?: SeedComment[];
}

export interface SeedArticle {
  key: string;
  /** The article's headline, and its page on the demo intranet (`/demo/news/<anchor>.html`): the thread's page in the feed. */
  title: string;
  anchor: string;
  daysAgo: number;
  reactions: Record<string, string[]>;
  comments: SeedComment[];
}

/**
 * The news space: its articles' keys start with `page:/news/`, and status
 * posts about the news go there. Its page is the news list, so the feed's
 * "… hat in Aktuelles geschrieben" links somewhere the demo serves.
 */
export const SEED_NEWS_SPACE = { key: 'page:/news/', path: 'demo/aktuelles.html', title: 'Aktuelles' } as const;

export const SEED_NEWS: SeedArticle[] = [
  {
    key: 'page:/news/kantine',
    title: 'Neue Speisekarte in der Kantine',
    anchor: 'kantine',
    daysAgo: 2,
    reactions: {
      like: ['lukas.schneider', 'ayse.demir', 'jonas.richter', 'birgit.koch', 'niklas.braun', 'ursula.walter', 'mehmet.yilmaz'],
      love: ['anna.lehmann', 'julia.schmitt', 'lea.neumann'],
      celebrate: ['niklas.braun', 'heike.wolf'],
      surprise: ['karl-heinz.vogel'],
    },
    comments: [
      {
        by: 'lukas.schneider',
        minutesAfter: 35,
        body: 'Endlich gibt es freitags wieder Fisch! Bleibt die Currywurst am Dienstag?',
        reactions: { like: ['mehmet.yilmaz', 'frank.zimmermann'] },
        replies: [
          {
            by: 'heike.wolf',
            minutesAfter: 80,
            body: 'Ja, die Currywurst bleibt dienstags – versprochen. Neu ist, dass es sie jetzt auch **vegan** gibt.',
            reactions: { like: ['lukas.schneider', 'lea.neumann'], celebrate: ['jonas.richter'] },
          },
          { by: 'jonas.richter', minutesAfter: 95, body: 'Vegane Currywurst? Da bin ich gespannt. 😄' },
        ],
      },
      {
        by: 'ayse.demir',
        minutesAfter: 140,
        body:
          'Schön, dass es jetzt jeden Tag ein vegetarisches Gericht gibt. Kommen die Kolleginnen und Kollegen im Kundencenter Altstadt auch in den Genuss?',
        reactions: { like: ['anna.lehmann', 'elena.jovanovic', 'sabine.krueger'] },
        replies: [
          {
            by: 'heike.wolf',
            minutesAfter: 210,
            body: 'Für das Kundencenter liefern wir ab März mittags aus. Bestellt wird bis 9:30 Uhr über das Formular unter *Service → Kantine*.',
            reactions: { love: ['ayse.demir', 'anna.lehmann'] },
          },
        ],
      },
      {
        by: 'karl-heinz.vogel',
        minutesAfter: 1440,
        body: 'Am Wasserwerk Nord merken wir von der Kantine leider wenig. Wie wäre ein Foodtruck einmal im Monat?',
        reactions: { like: ['andreas.schroeder', 'marie.klein', 'stefan.fischer'] },
      },
    ],
  },
  {
    key: 'page:/news/e-ladesaeulen',
    title: 'Zwölf neue E-Ladesäulen auf dem Betriebshof Süd',
    anchor: 'e-ladesaeulen',
    daysAgo: 5,
    reactions: {
      like: ['markus.wagner', 'dennis.krause', 'frank.zimmermann', 'claudia.hoffmann'],
      celebrate: ['sophie.hartmann', 'mehmet.yilmaz', 'thomas.becker'],
      insight: ['goekhan.oezdemir'],
    },
    comments: [
      {
        by: 'frank.zimmermann',
        minutesAfter: 50,
        body: 'Die Fahrzeuge der Entstörung haben aber Vorrang, oder? Nachts müssen die Transporter voll geladen sein.',
        replies: [
          {
            by: 'sophie.hartmann',
            minutesAfter: 75,
            body: 'Genau: Vier Ladepunkte sind fest für die Entstörung reserviert. Die übrigen acht stehen tagsüber auch den Mitarbeitenden zur Verfügung.',
            reactions: { like: ['frank.zimmermann', 'juergen.mueller'] },
          },
        ],
      },
      {
        by: 'mehmet.yilmaz',
        minutesAfter: 300,
        body: 'Kann man dort auch das private E-Auto laden? Und wie wird abgerechnet?',
        replies: [
          {
            by: 'sophie.hartmann',
            minutesAfter: 330,
            body: 'Ja, mit der Mitarbeiterladekarte. Abgerechnet wird monatlich über die Gehaltsabrechnung, Details folgen im Personalportal.',
          },
          {
            by: 'birgit.koch',
            minutesAfter: 400,
            body: 'Der Betriebsrat hat der Regelung schon zugestimmt. Die Dienstvereinbarung hängt ab nächster Woche aus.',
            reactions: { insight: ['mehmet.yilmaz', 'lukas.schneider'] },
          },
        ],
      },
    ],
  },
  {
    key: 'page:/news/betriebsausflug',
    title: 'Betriebsausflug: Wohin soll es dieses Jahr gehen?',
    anchor: 'betriebsausflug',
    daysAgo: 9,
    reactions: {
      like: ['andreas.schroeder', 'marie.klein', 'dennis.krause', 'ursula.walter', 'elena.jovanovic'],
      celebrate: ['niklas.braun', 'julia.schmitt', 'sophie.hartmann', 'lukas.schneider'],
    },
    comments: [
      {
        by: 'andreas.schroeder',
        minutesAfter: 20,
        body: 'Ich stimme für die Floßfahrt auf der Weser! Wer ist dabei?',
        reactions: { like: ['marie.klein', 'karl-heinz.vogel', 'stefan.fischer'] },
        replies: [
          {
            by: 'marie.klein',
            minutesAfter: 45,
            body: 'Dabei! Aber nur mit Schwimmweste. 🙂 @[Karl-Heinz Vogel](person:karl-heinz.vogel), du kommst doch auch mit?',
          },
        ],
      },
      {
        by: 'dennis.krause',
        minutesAfter: 190,
        body: 'Letztes Jahr war die Brauereiführung super – warum nicht wieder?',
        replies: [
          { by: 'niklas.braun', minutesAfter: 230, body: 'Weil ich letztes Jahr noch nicht dabei war 😉 Ich wäre für die Kletterhalle.' },
        ],
      },
      {
        by: 'ursula.walter',
        minutesAfter: 600,
        body: 'Bitte denkt an die Kolleginnen und Kollegen im Schichtdienst. Gibt es einen zweiten Termin?',
        reactions: { like: ['juergen.mueller', 'lukas.schneider', 'andreas.schroeder', 'mehmet.yilmaz'] },
        replies: [
          {
            by: 'monika.schaefer',
            minutesAfter: 660,
            body: 'Ja, es wird zwei Termine geben, damit Netzbetrieb und Wasserwerk im Wechsel teilnehmen können.',
            reactions: { celebrate: ['ursula.walter', 'juergen.mueller'] },
          },
        ],
      },
    ],
  },
  {
    key: 'page:/news/sharepoint-umzug',
    title: 'Das Intranet zieht auf SharePoint um',
    anchor: 'sharepoint-umzug',
    daysAgo: 14,
    reactions: {
      like: ['lea.neumann', 'petra.schulz', 'katharina.weber'],
      insight: ['goekhan.oezdemir', 'birgit.koch'],
      surprise: ['ursula.walter', 'karl-heinz.vogel'],
    },
    comments: [
      {
        by: 'lea.neumann',
        minutesAfter: 15,
        body: 'Kurzer Hinweis aus dem Projekt: Die Teamseiten werden automatisch migriert. Persönliche Ablagen bitte bis **30. September** aufräumen.',
        reactions: { insight: ['jonas.richter', 'thomas.becker'] },
      },
      {
        by: 'goekhan.oezdemir',
        minutesAfter: 240,
        body: 'Bleiben die Links auf die alten Formulare gültig? In vielen Excel-Vorlagen stehen noch die alten Adressen.',
        replies: [
          {
            by: 'jonas.richter',
            minutesAfter: 300,
            body: 'Wir richten Weiterleitungen für alle Formulare ein. Falls etwas nicht klappt, bitte ein Ticket im [Helpdesk](https://helpdesk.stadtwerke-musterstadt.example) aufmachen.',
            reactions: { like: ['goekhan.oezdemir', 'petra.schulz'] },
          },
        ],
      },
      {
        by: 'dennis.krause',
        minutesAfter: 500,
        deleted: true,
        body: '',
        replies: [{ by: 'julia.schmitt', minutesAfter: 520, body: 'Danke für den Hinweis, wir nehmen das in die FAQ auf.' }],
      },
      { by: 'petra.schulz', minutesAfter: 1500, body: 'Danke für die frühe Info!' },
    ],
  },
];
