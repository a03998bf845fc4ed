/**
 * Markdown from the model to sanitised DOM: markdown-it with raw HTML off,
 * then DOMPurify with a tag allow-list (S3). Images never load: they become
 * links (S4, and CSP img-src has no http(s)). Links lose their href (kept in
 * data-href) so only the extension opens them, after asking (S4).
 */
import DOMPurify from 'dompurify';
import { createParser } from './markdown-parser';

const ALLOWED_TAGS = ['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'a', 'em', 'strong', 's', 'del', 'code', 'pre', 'blockquote', 'hr', 'br', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'span'];
const ALLOWED_ATTR = ['href', 'class', 'start', 'title'];
const SAFE_LINK = /^(?:https?:|mailto:)/i;

const finished = createParser(true);
const growing = createParser(false);

const purify = DOMPurify(window);
purify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName !== 'A') return;
  const href = node.getAttribute('href') ?? '';
  node.removeAttribute('href');
  if (SAFE_LINK.test(href)) {
    node.setAttribute('data-href', href);
    node.setAttribute('title', href);
    node.setAttribute('role', 'link');
    node.setAttribute('tabindex', '0');
    node.classList.add('md-link');
  } else {
    node.classList.add('md-link-blocked');
  }
});

/** Renders one or more complete markdown blocks (`highlight`: fences are closed) into a sanitised fragment. */
export function renderMarkdown(markdown: string, highlight: boolean): DocumentFragment {
  const html = (highlight ? finished : growing).render(markdown);
  return purify.sanitize(html, { ALLOWED_TAGS, ALLOWED_ATTR, ALLOW_DATA_ATTR: false, RETURN_DOM_FRAGMENT: true });
}
