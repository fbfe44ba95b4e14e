import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MARKDOWN_RENDERER_VERSION, markdownToHtml } from '../../../server/markdown/render.ts';
import { html, text } from './rendered.ts';

/*
 * Issue 17's cases, in German as users write them: what the first, hand-made
 * converter got wrong, and what it already got right and must stay right.
 */

describe('Markdown, wie Menschen schreiben (issue 17)', () => {
  it('lässt „Die Feier ist am / 24. Dezember im Saal.“ einen Absatz mit Zeilenumbruch', () => {
    assert.equal(html('Die Feier ist am\n24. Dezember im Saal.'), '<p>Die Feier ist am<br>24. Dezember im Saal.</p>');
  });

  it('beginnt eine Liste mit „3. drei“ bei 3', () => {
    assert.equal(html('3. drei\n4. vier'), '<ol start="3"><li>drei</li><li>vier</li></ol>');
  });

  it('zeigt Code im Linktext als Code, ohne Platzhalterzeichen', () => {
    const out = markdownToHtml('Siehe [die `config.json` Doku](https://wiki.example/config)');
    assert.equal(out, '<p>Siehe <a href="https://wiki.example/config">die <code>config.json</code> Doku</a></p>\n');
    assert.ok(!out.includes('\u0000'));
  });

  it('hält Fett um Kursiv: **Achtung: *heute* geschlossen**', () => {
    assert.equal(html('**Achtung: *heute* geschlossen**'), '<p><strong>Achtung: <em>heute</em> geschlossen</strong></p>');
  });

  it('macht Fuß_ball_Ärger nicht kursiv: Umlaute sind Buchstaben', () => {
    assert.equal(html('Fuß_ball_Ärger und Öl_wechsel_Übung'), '<p>Fuß_ball_Ärger und Öl_wechsel_Übung</p>');
  });

  it('verschachtelt Listen', () => {
    assert.equal(html('- eins\n  - eins.a\n- zwei'), '<ul><li>eins<ul><li>eins.a</li></ul></li><li>zwei</li></ul>');
    assert.equal(html('1. erstens\n   - Punkt\n2. zweitens'), '<ol><li>erstens<ul><li>Punkt</li></ul></li><li>zweitens</li></ol>');
  });

  it('hält eine Liste mit Leerzeilen zwischen den Punkten zusammen', () => {
    assert.equal(html('- eins\n\n- zwei\n\n- drei'), '<ul><li><p>eins</p></li><li><p>zwei</p></li><li><p>drei</p></li></ul>');
  });

  it('lässt eine Zeile ohne > im Zitat, wenn sie es fortsetzt', () => {
    assert.equal(html('> Zitat\nweiter im Zitat'), '<blockquote><p>Zitat<br>weiter im Zitat</p></blockquote>');
  });

  it('schließt einen ```-Block nicht mit ~~~, und der Rest bleibt Text', () => {
    assert.equal(html('```\n~~~\nnoch Code\n```\nText danach'), '<pre><code>~~~\nnoch Code\n</code></pre><p>Text danach</p>');
  });

  it('nimmt einem eingerückten Codeblock die Einrückung seines Zauns', () => {
    assert.equal(html('  ```\n  eingerückt\n    tiefer\n  ```'), '<pre><code>eingerückt\n  tiefer\n</code></pre>');
  });

  it('zeigt mit \\ maskierte Zeichen ohne den Backslash', () => {
    assert.equal(html('\\*kein Stern\\*'), '<p>*kein Stern*</p>');
    assert.equal(html('100\\_000 Euro'), '<p>100_000 Euro</p>');
  });

  it('löst &amp; und &nbsp; auf', () => {
    assert.equal(text('Müller &amp; Söhne,&nbsp;Kassel'), 'Müller & Söhne,\u00a0Kassel');
  });

  it('zeigt einen Link mit Titel ohne Klammern, den Titel als Titel des Links', () => {
    assert.equal(html('[Intranet](https://intranet.example "Startseite")'), '<p><a href="https://intranet.example" title="Startseite">Intranet</a></p>');
  });

  it('verlinkt <MAILTO:…> wie <mailto:…>', () => {
    assert.equal(html('<MAILTO:anna@stadtwerke.example>'), '<p><a href="MAILTO:anna@stadtwerke.example">MAILTO:anna@stadtwerke.example</a></p>');
  });

  it('lässt, was schon stimmte: snake_case, 2*3*4, Emoji', () => {
    assert.equal(html('snake_case und max_wert_2'), '<p>snake_case und max_wert_2</p>');
    assert.equal(html('2*3*4 = 24'), '<p>2*3*4 = 24</p>');
    assert.equal(html('🎉 **Glückwunsch** 👍🏽 👩‍👩‍👧'), '<p>🎉 <strong>Glückwunsch</strong> 👍🏽 👩‍👩‍👧</p>');
  });

  it('kennt ~~Durchgestrichenes~~, `Code` und Codeblöcke mit Sprache', () => {
    assert.equal(html('~~alt~~ neu, `x < y`'), '<p><del>alt</del> neu, <code>x &lt; y</code></p>');
    assert.equal(html('```ts\nconst a = 1;\n```'), '<pre><code class="language-ts">const a = 1;\n</code></pre>');
  });
});

describe('Die sichere Teilmenge, wie der erste Konverter sie zeigte (test/core/content.test.ts)', () => {
  it('zeigt Absätze, Zeilenumbrüche, Betonung, Durchgestrichenes und Code', () => {
    assert.equal(
      html('Hallo **Team**, das *ist* ~~nicht~~ `x < y`.\nZweite Zeile\n\nNeuer Absatz'),
      '<p>Hallo <strong>Team</strong>, das <em>ist</em> <del>nicht</del> <code>x &lt; y</code>.<br>Zweite Zeile</p><p>Neuer Absatz</p>',
    );
  });

  it('zeigt Listen, Zitate und Codeblöcke, ohne den Code zu deuten', () => {
    assert.equal(
      html('- eins\n- zwei\n\n1. a\n2. b\n\n> zitiert **fett**\n\n```\n<b>nicht fett</b>\n```'),
      '<ul><li>eins</li><li>zwei</li></ul><ol><li>a</li><li>b</li></ol><blockquote><p>zitiert <strong>fett</strong></p></blockquote><pre><code>&lt;b&gt;nicht fett&lt;/b&gt;\n</code></pre>',
    );
  });

  it('verlinkt sicher und zeigt einen javascript:-Link als Text', () => {
    assert.equal(
      html('[Kantine](https://intranet.example/kantine) und https://example.org/a?b=1&c=2. [böse](javascript:alert(1))'),
      '<p><a href="https://intranet.example/kantine">Kantine</a> und <a href="https://example.org/a?b=1&amp;c=2">https://example.org/a?b=1&amp;c=2</a>. [böse](javascript:alert(1))</p>',
    );
  });
});

describe('Überschriften, Trennlinien und Linktitel (decision 101)', () => {
  it('macht aus # und unterstrichenen Zeilen Überschriften', () => {
    assert.equal(html('# Titel\n\nText'), '<h1>Titel</h1><p>Text</p>');
    assert.equal(html('###### Klein ######'), '<h6>Klein</h6>');
    assert.equal(html('Titel\n====='), '<h1>Titel</h1>');
    assert.equal(html('Untertitel\n---'), '<h2>Untertitel</h2>');
  });

  it('lässt #123, #Hashtag und ####### als Text', () => {
    assert.equal(html('#123 ist erledigt, #Sommerfest auch'), '<p>#123 ist erledigt, #Sommerfest auch</p>');
    assert.equal(html('####### sieben'), '<p>####### sieben</p>');
  });

  it('erwähnt auch in Überschriften und Zitaten', () => {
    assert.equal(
      html('> ## Dank an @[Anna Schmidt](person:anna.schmidt)'),
      '<blockquote><h2>Dank an <span class="mention" data-person-id="anna.schmidt">@Anna Schmidt</span></h2></blockquote>',
    );
  });

  it('macht aus ---, *** und ___ allein auf einer Zeile eine Trennlinie', () => {
    assert.equal(html('oben\n\n---\n\nunten'), '<p>oben</p><hr><p>unten</p>');
    assert.equal(html('***'), '<hr>');
    assert.equal(html('_ _ _'), '<hr>');
  });

  it('maskiert den Titel eines Links und schreibt keinen leeren', () => {
    assert.equal(
      html('[Intranet](https://intranet.example "Startseite & <mehr>")'),
      '<p><a href="https://intranet.example" title="Startseite &amp; &lt;mehr&gt;">Intranet</a></p>',
    );
    assert.equal(html('[Intranet](https://intranet.example "")'), '<p><a href="https://intranet.example">Intranet</a></p>');
  });
});

describe('Was Plaza bewusst nicht darstellt (decision 101)', () => {
  it('zeigt Bilder als Link auf das Bild, beschriftet mit dem Alternativtext und mit dem Titel des Bildes', () => {
    assert.equal(html('![Lageplan](https://cdn.example/plan.png)'), '<p><a href="https://cdn.example/plan.png">Lageplan</a></p>');
    assert.equal(
      html('![Lageplan](https://cdn.example/plan.png "Haus B, 2. Stock")'),
      '<p><a href="https://cdn.example/plan.png" title="Haus B, 2. Stock">Lageplan</a></p>',
    );
    assert.equal(html('![](https://tracker.example/p.gif)'), '<p><a href="https://tracker.example/p.gif">https://tracker.example/p.gif</a></p>');
    assert.equal(html('[![Logo](/logo.png "Logo")](https://intranet.example)'), '<p><a href="https://intranet.example">Logo</a></p>');
    assert.ok(!markdownToHtml('![a](x.png) ![b](data:image/png;base64,AAAA)').includes('<img'));
  });

  it('zeigt Tabellen als Text', () => {
    assert.equal(html('| a | b |\n|---|---|\n| 1 | 2 |'), '<p>| a | b |<br>|---|---|<br>| 1 | 2 |</p>');
  });

  it('zeigt HTML als Text', () => {
    assert.equal(html('<b>fett</b> <img src=x onerror=alert(1)>'), '<p>&lt;b&gt;fett&lt;/b&gt; &lt;img src=x onerror=alert(1)&gt;</p>');
    assert.equal(html('<div>\nBlock\n</div>'), '<p>&lt;div&gt;<br>Block<br>&lt;/div&gt;</p>');
  });

  it('macht vier Leerzeichen Einrückung nach einer Leerzeile zu Code, wie CommonMark', () => {
    assert.equal(html('Absatz\n\n    code()'), '<p>Absatz</p><pre><code>code()\n</code></pre>');
    assert.equal(html('Absatz\n    weiter'), '<p>Absatz<br>weiter</p>');
  });
});

describe('Renderer version', () => {
  it('is 2 or later: 1 was the hand-made converter', () => {
    assert.ok(Number.isInteger(MARKDOWN_RENDERER_VERSION) && MARKDOWN_RENDERER_VERSION >= 2);
  });
});
