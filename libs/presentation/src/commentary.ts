import MarkdownIt from 'markdown-it';

type Token = MarkdownIt.Token;

/**
 * The "Markdown-light" of a review commentary: paragraphs, lists, emphasis and links — nothing else.
 * Raw HTML is never passed through (`html: false`), every other construct (headings, images,
 * tables, code…) stays as the text that was typed, escaped; links go only to http(s) and mailto
 * addresses and open nothing that could reach back (`rel="noopener noreferrer"`).
 */
const SAFE_LINK = /^(https?:\/\/|mailto:)/i;

function commentaryMarkdown() {
  const md = new MarkdownIt('zero', { html: false, linkify: false, typographer: false, breaks: true });
  md.enable(['list', 'emphasis', 'link', 'newline']);
  // A link whose address is refused is left as the text that was typed ("[x](javascript:…)").
  md.validateLink = (url: string) => SAFE_LINK.test(url.trim());
  const openLink = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    tokens[idx].attrSet('rel', 'noopener noreferrer');
    return openLink(tokens, idx, options, env, self);
  };
  return md;
}

const md = commentaryMarkdown();

/** A commentary as safe HTML (paragraphs, lists, emphasis, links); empty text gives ''. */
export function renderCommentary(text: string | null | undefined): string {
  if (!text || !text.trim()) return '';
  return md.render(text.replace(/\r\n?/g, '\n')).trim();
}

/**
 * A commentary as plain text (mails' text part, exports): the markup read as a person would write it
 * by hand — list items with "- " or "1. ", links as "text (address)", paragraphs separated by a blank line.
 */
export function commentaryToText(text: string | null | undefined): string {
  if (!text || !text.trim()) return '';
  const tokens = md.parse(text.replace(/\r\n?/g, '\n'), {});
  const out: string[] = [];
  const lists: { ordered: boolean; n: number }[] = [];
  let line = '';
  const flush = () => {
    if (line.trim()) out.push(line.trimEnd());
    line = '';
  };
  for (const t of tokens) {
    switch (t.type) {
      case 'bullet_list_open':
      case 'ordered_list_open':
        flush();
        lists.push({ ordered: t.type === 'ordered_list_open', n: Number(t.attrGet('start') ?? 1) - 1 });
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        lists.pop();
        if (!lists.length) out.push('');
        break;
      case 'list_item_open': {
        flush();
        const list = lists[lists.length - 1];
        list.n++;
        line = `${'  '.repeat(lists.length - 1)}${list.ordered ? `${list.n}. ` : '- '}`;
        break;
      }
      case 'paragraph_close':
        flush();
        if (!lists.length) out.push('');
        break;
      case 'inline':
        line += inlineText(t.children ?? []);
        break;
    }
  }
  flush();
  return out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function inlineText(children: Token[]): string {
  let s = '';
  let href: string | null = null;
  for (const c of children) {
    if (c.type === 'text') s += c.content;
    else if (c.type === 'softbreak' || c.type === 'hardbreak') s += '\n';
    else if (c.type === 'link_open') href = String(c.attrGet('href') ?? '');
    else if (c.type === 'link_close') {
      if (href) s += ` (${href})`;
      href = null;
    }
  }
  return s;
}
