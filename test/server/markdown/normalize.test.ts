import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalizeHtml } from './normalize.ts';

/* The examples in normalize.py's own docstring, which its port must reproduce. */

test('the spec normaliser collapses whitespace, except in <pre>', () => {
  assert.equal(normalizeHtml('<p>a  \t b</p>'), '<p>a b</p>');
  assert.equal(normalizeHtml('<p>a  \t\nb</p>'), '<p>a b</p>');
  assert.equal(normalizeHtml('<pre><code>a  b\n</code></pre>'), '<pre><code>a  b\n</code></pre>');
});

test('the spec normaliser removes whitespace around block tags only', () => {
  assert.equal(normalizeHtml('<p>a  b</p>'), '<p>a b</p>');
  assert.equal(normalizeHtml(' <p>a  b</p>'), '<p>a b</p>');
  assert.equal(normalizeHtml('<p>a  b</p> '), '<p>a b</p>');
  assert.equal(normalizeHtml('\n\t<p>\n\t\ta  b\t\t</p>\n\t'), '<p>a b</p>');
  assert.equal(normalizeHtml('<i>a  b</i> '), '<i>a b</i> ');
});

test('the spec normaliser writes self-closing tags as open tags and drops the newline after <br>', () => {
  assert.equal(normalizeHtml('<br />'), '<br>');
  assert.equal(normalizeHtml('<p>a<br />\nb</p>'), '<p>a<br>b</p>');
});

test('the spec normaliser sorts and lowercases attributes', () => {
  assert.equal(normalizeHtml('<a title="bar" HREF="foo">x</a>'), '<a href="foo" title="bar">x</a>');
});

test('the spec normaliser turns references into characters, except < > & "', () => {
  assert.equal(normalizeHtml('&forall;&amp;&gt;&lt;&quot;'), '\u2200&amp;&gt;&lt;&quot;');
  assert.equal(normalizeHtml('<p>&#42;&#x2A;&#X2A;</p>'), '<p>**&X2A;</p>');
  assert.equal(normalizeHtml('<a href="&ouml;">x</a>'), '<a href="ö">x</a>');
});
