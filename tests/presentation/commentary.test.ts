import { describe, expect, it } from 'vitest';
import { commentaryToText, renderCommentary } from '@app/presentation';

describe('renderCommentary: Markdown-light, escaped', () => {
  it.each<[string, string, string]>([
    ['a script stays text', '<script>alert(1)</script>', '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>'],
    ['raw HTML attributes stay text', '<img src=x onerror="alert(1)">', '<p>&lt;img src=x onerror=&quot;alert(1)&quot;&gt;</p>'],
    ['a javascript: link is refused, left as typed', '[clic](javascript:alert(1))', '<p>[clic](javascript:alert(1))</p>'],
    ['a data: link is refused', '[x](data:text/html;base64,PHNjcmlwdD4=)', '<p>[x](data:text/html;base64,PHNjcmlwdD4=)</p>'],
    ['an http(s) link opens nothing back', '[DNS](https://esante.gouv.fr)', '<p><a href="https://esante.gouv.fr" rel="noopener noreferrer">DNS</a></p>'],
    ['a mailto link', '[écrire](mailto:dns@sante.gouv.fr)', '<p><a href="mailto:dns@sante.gouv.fr" rel="noopener noreferrer">écrire</a></p>'],
    ['paragraphs', 'Premier.\n\nSecond.', '<p>Premier.</p>\n<p>Second.</p>'],
    ['a single line break is kept', 'ligne 1\nligne 2', '<p>ligne 1<br>\nligne 2</p>'],
    ['a bullet list', '- un\n- deux', '<ul>\n<li>un</li>\n<li>deux</li>\n</ul>'],
    ['a numbered list', '1. un\n2. deux', '<ol>\n<li>un</li>\n<li>deux</li>\n</ol>'],
    ['emphasis', '*important* et **urgent**', '<p><em>important</em> et <strong>urgent</strong></p>'],
    ['headings stay text', '# Titre', '<p># Titre</p>'],
    ['code stays text', '`x`', '<p>`x`</p>'],
    ['an autolink stays text', '<https://x.fr>', '<p>&lt;https://x.fr&gt;</p>'],
    ['entities are escaped, not read', 'a &amp; b < c "q"', '<p>a &amp;amp; b &lt; c &quot;q&quot;</p>'],
    ['empty text gives nothing', '  \n ', ''],
  ])('%s', (_case, text, html) => {
    expect(renderCommentary(text)).toBe(html);
  });

  it('never lets a tag or handler through, whatever the markup', () => {
    const hostile = '<a href="javascript:x">a</a> [b](JAVASCRIPT:alert(1)) [c](  vbscript:x) <svg onload=alert(1)> <iframe src=//evil>';
    const html = renderCommentary(hostile);
    expect(html).not.toMatch(/<(a|svg|iframe|script)\b/i);
    expect(html).not.toMatch(/href="/);
  });
});

describe('commentaryToText: what a person would have typed by hand', () => {
  it.each<[string, string, string]>([
    ['paragraphs separated by a blank line', 'Premier.\n\nSecond.', 'Premier.\n\nSecond.'],
    ['bullets', 'Avant :\n\n- un\n- *deux*', 'Avant :\n\n- un\n- deux'],
    ['numbers', '1. un\n2. deux', '1. un\n2. deux'],
    ['links with their address', 'Voir [le guide](https://esante.gouv.fr/guide).', 'Voir le guide (https://esante.gouv.fr/guide).'],
    ['markup characters stay as typed', '<b>gras</b> & co', '<b>gras</b> & co'],
    ['empty', '', ''],
  ])('%s', (_case, text, expected) => {
    expect(commentaryToText(text)).toBe(expected);
  });
});
