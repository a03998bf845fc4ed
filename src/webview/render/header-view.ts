import type { ViewState } from '../../protocol/messages';
import { byId, el } from '../dom';
import { post } from '../vscode-api';

/** The alias picker in the view header: writes switchboard.activeAlias, so the status bar follows (and vice versa). */
export class HeaderView {
  private readonly picker = byId<HTMLSelectElement>('alias-picker');
  private key = '';

  constructor() {
    this.picker.addEventListener('change', () => {
      if (this.picker.value) post({ type: 'setAlias', alias: this.picker.value });
    });
  }

  render(view: ViewState): void {
    // The active alias is listed even when the settings no longer name it (the picker must not lie).
    const names = view.aliases.length === 0 || view.aliases.includes(view.alias) ? view.aliases : [view.alias, ...view.aliases];
    const key = JSON.stringify([names, view.alias]);
    if (key === this.key) return;
    this.key = key;
    this.picker.replaceChildren(...names.map((n) => {
      const o = el('option', undefined, n);
      o.value = n;
      o.selected = n === view.alias;
      return o;
    }));
    if (names.length === 0) {
      const none = el('option', undefined, 'no aliases yet');
      none.value = '';
      this.picker.append(none);
    }
    this.picker.disabled = names.length === 0;
  }
}
