import MarkdownIt from 'markdown-it';
import { highlightCode } from './highlighter';

/**
 * markdown-it as the chat uses it: raw HTML off (model output is never HTML),
 * links auto-detected, images turned into links (S4: nothing loads). DOM-free,
 * so the benchmark runs the same parser in Node.
 */
export function createParser(highlight: boolean): MarkdownIt {
  const md = new MarkdownIt({
    html: false,
    linkify: true,
    typographer: false,
    // Only for finished blocks: an open fence's content is still growing (plain until it closes).
    highlight: highlight ? (code, lang) => highlightCode(code, lang) ?? '' : null,
  });
  md.renderer.rules.image = (tokens, idx) => {
    const token = tokens[idx];
    const src = token?.attrGet('src') ?? '';
    const alt = token ? md.renderer.renderInlineAsText(token.children ?? [], md.options, {}) : '';
    return `<a href="${md.utils.escapeHtml(src)}" class="image-link">image: ${md.utils.escapeHtml(alt || src)}</a>`;
  };
  return md;
}
